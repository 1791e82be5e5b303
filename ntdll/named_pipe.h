// Named pipes over Unix-domain sockets.
//
// A pipe name (`\\.\pipe\NAME`, case-insensitive) is an abstract-namespace socket address derived
// from the prefix folder and the lower-cased name, so every process of one prefix shares the
// names and another prefix sees none of them. A byte-type pipe is a SOCK_STREAM socket, a
// message-type pipe a SOCK_SEQPACKET one (each write is one message).
//
// The process that creates the first instance of a name binds the listening socket; an accept
// thread answers each connecting client with a small hello: it hands the connection to an
// instance that is listening (dup3 over the instance's placeholder fd, so the File's fd never
// changes) or answers "busy" (ERROR_PIPE_BUSY). WaitNamedPipe asks the same thread whether an
// instance is free without connecting. FIXME: instances of one name in several processes.
#pragma once
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/expected.h"
#include "ntdll/file.h"
#include "ntdll/overlapped_io.h"

namespace sill::nt {

// CreateNamedPipe's open and pipe modes (winbase.h).
inline constexpr win::DWORD PIPE_ACCESS_INBOUND = 1, PIPE_ACCESS_OUTBOUND = 2, PIPE_ACCESS_DUPLEX = 3;
inline constexpr win::DWORD PIPE_TYPE_MESSAGE = 4, PIPE_READMODE_MESSAGE = 2, PIPE_NOWAIT = 1;
inline constexpr win::DWORD PIPE_UNLIMITED_INSTANCES = 255;

// What the server decided when it created the first instance, and what a client learns.
struct PipeConfig {
  win::DWORD direction = PIPE_ACCESS_DUPLEX;  // the server's view: INBOUND = the server reads
  bool message_type = false;
  win::DWORD max_instances = 1;
  win::DWORD out_size = 0, in_size = 0;
  win::DWORD default_timeout = 50;  // ms, for WaitNamedPipe(NMPWAIT_USE_DEFAULT_WAIT)
};

// Either end of a named pipe: a File whose reads and writes know message boundaries.
class PipeEnd : public File {
 public:
  PipeEnd(int fd, win::DWORD access, const PipeConfig& config, bool server);
  PipeEnd* pipe_end() override { return this; }

  const PipeConfig config;
  const bool server;
  std::atomic<bool> read_message_mode{false};
  std::atomic<bool> nowait{false};
  std::atomic<win::DWORD> instances_seen{1};  // the count a client saw when it connected
  std::u16string pipe_name;  // \\.\pipe\NAME, for NtOpenFile relative to a server (set once at creation)

  // One read or write: waits for the fd on a blocking handle, STATUS_PENDING on an overlapped one,
  // STATUS_PIPE_EMPTY (ERROR_NO_DATA) for PIPE_NOWAIT. A message read that does not fit gives the
  // first part and STATUS_BUFFER_OVERFLOW (ERROR_MORE_DATA) in message read mode; the rest comes
  // next. `*done` on entry is what a write already sent.
  win::NTSTATUS read(void* buf, std::size_t len, std::size_t* done);
  win::NTSTATUS write(const void* buf, std::size_t len, std::size_t* done);
  // PeekNamedPipe: copies without consuming; available bytes and what is left of the next message.
  win::NTSTATUS peek(void* buf, std::size_t len, std::size_t* copied, std::size_t* available,
                             std::size_t* left_in_message);

 protected:
  // Read/write states other than connected (a server instance not connected to a client).
  virtual win::NTSTATUS io_state() const { return STATUS_SUCCESS; }

 private:
  win::NTSTATUS read_once(void* buf, std::size_t len, std::size_t* done);
  std::mutex read_lock_;
  std::vector<char> rest_;  // the unread part of a message read in pieces
};

// A server instance (CreateNamedPipe; named_pipe_server.cpp). States: listening (for a client),
// connected, disconnected (DisconnectNamedPipe, until ConnectNamedPipe listens again).
struct CreatePipeRequest {
  std::u16string name;  // the full name, \\.\pipe\NAME
  win::DWORD open_mode = 0, pipe_mode = 0, max_instances = 1, out_size = 0, in_size = 0, default_timeout = 0;
};
Expected<Ref<PipeEnd>, win::NTSTATUS> create_pipe_instance(const CreatePipeRequest& req);
// ConnectNamedPipe: STATUS_SUCCESS (connected now), STATUS_PENDING (overlapped: `target` is told
// later), STATUS_PIPE_CONNECTED (a client came first), STATUS_PIPE_CLOSING (the client came and
// went), STATUS_PIPE_LISTENING (PIPE_NOWAIT, no client yet).
win::NTSTATUS connect_pipe(const Ref<File>& server, IoTarget target);
win::NTSTATUS disconnect_pipe(File& server);
// Instances of the server's pipe now.
win::DWORD pipe_instance_count(File& server);
// The abstract socket address (without its leading NUL) of a pipe name (after \\.\pipe\) in a prefix.
std::string pipe_socket_address(std::u16string_view name, std::string_view prefix);

// A client's CreateFile(\\.\pipe\NAME): STATUS_OBJECT_NAME_NOT_FOUND without a server,
// STATUS_PIPE_NOT_AVAILABLE when no instance listens, STATUS_ACCESS_DENIED for the wrong direction.
Expected<Ref<PipeEnd>, win::NTSTATUS> open_pipe_client(std::u16string_view name, win::DWORD access, bool overlapped);
// WaitNamedPipe: STATUS_SUCCESS when an instance listens, STATUS_IO_TIMEOUT, STATUS_OBJECT_NAME_NOT_FOUND.
// timeout_ms 0: the server's default; INFINITE: forever.
win::NTSTATUS wait_pipe(std::u16string_view name, win::DWORD timeout_ms);
// Whether a DOS path names a pipe (\\.\pipe\...).
bool is_pipe_name(std::u16string_view name);

// PeekNamedPipe on an anonymous pipe's read end (a Unix pipe).
win::NTSTATUS peek_unix_pipe(File& f, void* buf, std::size_t len, std::size_t* copied, std::size_t* available);

}  // namespace sill::nt
