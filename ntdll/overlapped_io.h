// Overlapped I/O: ReadFile/WriteFile/NtReadFile/... on handles opened for it either finish at once
// or become a pending IoRequest that finishes in the background. Finishing writes the status and
// byte count into the caller's IO_STATUS_BLOCK (OVERLAPPED.Internal/InternalHigh), signals its
// event, and queues the completion routine as a user APC to the issuing thread or a packet to the
// file's completion port.
//
// Who finishes a pending request: pipes and sockets (O_NONBLOCK fds) are watched by one epoll
// thread that retries the operation when the fd is ready; other waits (a named pipe's
// ConnectNamedPipe) park the request themselves. Regular files and other fds that cannot block are
// read and written at once by the issuing thread.
#pragma once
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <optional>

#include "ntdll/apc.h"
#include "ntdll/file.h"
#include "ntdll/status.h"
#include "ntdll/sync.h"

namespace sill::nt {

// Where a request reports its end. `iosb` points at two ULONG_PTRs (status, information).
struct IoTarget {
  win::ULONG_PTR* iosb = nullptr;
  Ref<Event> event;                // signaled at the end (may be empty)
  win::ULONG_PTR context = 0;      // the OVERLAPPED (kernel32) or NT APC context: the packet's value
  // A completion routine (ReadFileEx, NtReadFile's ApcRoutine) queued as a user APC when the
  // request ends: invoke(routine, context, iosb, 0).
  void (*apc_invoke)(void* routine, win::ULONG_PTR, win::ULONG_PTR, win::ULONG_PTR) = nullptr;
  void* apc_routine = nullptr;
  bool skip_port = false;          // the OVERLAPPED's event had its low bit set
};

class IoRequest : public Waitable {
 public:
  enum class Kind : std::uint8_t { Read, Write, Other };
  IoRequest(Ref<File> f, Kind k, IoTarget t);
  bool is_signaled(win::DWORD) const override { return finished_flag_; }

  const Ref<File> file;
  const Kind kind;
  const IoTarget target;
  const win::DWORD thread;  // the issuing thread (CancelIo, completion routines)
  void* buffer = nullptr;   // Read/Write
  std::size_t length = 0;
  std::size_t done = 0;     // bytes moved so far (a write may go out in pieces)
  std::optional<std::int64_t> offset;
  // Called once when the request is cancelled, by whoever parked it, to drop it from their lists.
  void (*unpark)(IoRequest&) = nullptr;

  bool finished() const { return finished_.load(std::memory_order_acquire); }
  // The final status once finished (for a caller that waits on the request itself).
  win::NTSTATUS result() const { return result_; }
  // Ends the request once (later calls do nothing and return false): writes the IO_STATUS_BLOCK,
  // wakes GetOverlappedResult waiters, signals the event, queues the APC or the port packet.
  // `synchronous`: the issuing call returns the result itself (FILE_SKIP_COMPLETION_PORT_ON_SUCCESS).
  bool finish(win::NTSTATUS status, std::size_t information, bool synchronous = false);

 private:
  std::atomic<bool> finished_{false};
  win::NTSTATUS result_ = STATUS_PENDING;  // written before the request is signaled
  bool finished_flag_ = false;  // the same, under the wait lock for waiters
};

// Starts a read or write on `file` (offset for regular files). STATUS_PENDING: the request
// finishes later. Anything else: it ended at once and has been reported to `target` (errors that
// end it at once are written to the IO_STATUS_BLOCK but signal nothing, as on Windows).
win::NTSTATUS start_read(const Ref<File>& file, void* buf, std::size_t len, std::optional<std::int64_t> offset,
                         IoTarget target, std::size_t* done);
win::NTSTATUS start_write(const Ref<File>& file, const void* buf, std::size_t len,
                          std::optional<std::int64_t> offset, IoTarget target, std::size_t* done);

// Registers a request that another part of the NT layer will finish (named pipe connects), so
// that CancelIo and GetOverlappedResult find it.
void track_request(const Ref<IoRequest>& r);

// Cancels the pending requests on `file`: all of them, those for one OVERLAPPED/context, or those
// of one thread. STATUS_NOT_FOUND when none matched.
win::NTSTATUS cancel_io(File& file, std::optional<win::ULONG_PTR> context, std::optional<win::DWORD> thread,
                        win::NTSTATUS status = STATUS_CANCELLED);
// The pending request reporting to this IO_STATUS_BLOCK, if any.
Ref<IoRequest> find_request(const win::ULONG_PTR* iosb);

// Sets O_NONBLOCK on a file's fd when it is a pipe or socket (overlapped handles).
void make_nonblocking(File& f);

}  // namespace sill::nt
