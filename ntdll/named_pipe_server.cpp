// Named pipe servers and clients: pipe names as abstract sockets, the per-name listener with its
// accept thread, server instances and their states, and a client's connect (see named_pipe.h).
#include <fcntl.h>
#include <poll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cerrno>
#include <cstddef>
#include <cstdio>
#include <cstring>
#include <thread>
#include <unordered_map>

#include "base/debug.h"
#include "base/unicode.h"
#include "ntdll/named_pipe.h"
#include "ntdll/path_mapping.h"
#include "ntdll/status.h"

SILL_DEFAULT_DEBUG_CHANNEL(file);

namespace sill::nt {

namespace {
// The hello a client sends after connecting, and the server's answer.
struct ClientHello {
  std::uint8_t kind;  // 'C': connect me; 'P': is an instance free? (WaitNamedPipe)
  std::uint8_t want_read, want_write, reserved;
  std::uint32_t pid;
};
struct ServerHello {
  std::uint32_t status;  // NTSTATUS
  std::uint32_t direction, message_type, max_instances, out_size, in_size, default_timeout, instances;
};
static_assert(sizeof(ClientHello) == 8 && sizeof(ServerHello) == 32);

constexpr char16_t kPipePrefix[] = u"\\\\.\\pipe\\";
constexpr std::size_t kPipePrefixLength = 9;

std::uint64_t fnv1a(std::string_view s) {
  std::uint64_t h = 1469598103934665603ULL;
  for (unsigned char c : s) h = (h ^ c) * 1099511628211ULL;
  return h;
}

enum class PipeState { Listening, Connected, Disconnected };
struct Listener;

// Every pipe's state (listeners, instance states, pending connects) is under this one lock.
std::mutex g_pipes_lock;
std::unordered_map<std::string, std::shared_ptr<Listener>>& listeners() {
  static auto* m = new std::unordered_map<std::string, std::shared_ptr<Listener>>();
  return *m;
}

socklen_t make_address(const std::string& key, sockaddr_un* addr) {
  *addr = {};
  addr->sun_family = AF_UNIX;
  std::memcpy(addr->sun_path + 1, key.data(), key.size());  // abstract: a leading NUL
  return static_cast<socklen_t>(offsetof(sockaddr_un, sun_path) + 1 + key.size());
}

int new_socket(bool message_type) {
  return socket(AF_UNIX, (message_type ? SOCK_SEQPACKET : SOCK_STREAM) | SOCK_CLOEXEC, 0);
}

class PipeServer : public PipeEnd {
 public:
  PipeServer(int placeholder, win::DWORD access, const PipeConfig& c, std::shared_ptr<Listener> l)
      : PipeEnd(placeholder, access, c, true), listener(std::move(l)) {}
  ~PipeServer() override { detach(); }
  void last_handle_closed() override {
    cancel_io(*this, std::nullopt, std::nullopt);
    detach();
  }
  // Leaves the listener (and closes it after its last instance).
  void detach();
  // Takes the client connection `fd` (g_pipes_lock held).
  void attach(int fd);

  std::shared_ptr<Listener> listener;  // null once detached
  PipeState state = PipeState::Listening;  // under g_pipes_lock
  Ref<IoRequest> pending_connect;           // under g_pipes_lock

 protected:
  NTSTATUS io_state() const override {
    std::lock_guard g(g_pipes_lock);
    if (state == PipeState::Listening) return STATUS_PIPE_LISTENING;
    if (state == PipeState::Disconnected) return STATUS_PIPE_DISCONNECTED;
    return STATUS_SUCCESS;
  }
};

struct Listener {
  std::string key;
  PipeConfig config;
  int fd = -1;
  int wake = -1;  // an eventfd that stops the accept thread
  std::vector<PipeServer*> instances;  // under g_pipes_lock
  std::thread thread;

  ~Listener() {
    if (fd >= 0) close(fd);
    if (wake >= 0) close(wake);
  }

  void answer(int c) {
    pollfd p{c, POLLIN, 0};
    ClientHello hello{};
    if (poll(&p, 1, 1000) != 1 || recv(c, &hello, sizeof hello, MSG_WAITALL) != sizeof hello) {
      close(c);
      return;
    }
    std::lock_guard g(g_pipes_lock);
    PipeServer* free = nullptr;
    for (PipeServer* s : instances)
      if (s->state == PipeState::Listening) {
        free = s;
        break;
      }
    ServerHello reply{0, config.direction, config.message_type, config.max_instances, config.out_size,
                      config.in_size, config.default_timeout, static_cast<std::uint32_t>(instances.size())};
    NTSTATUS s = STATUS_SUCCESS;
    if (!free) s = STATUS_PIPE_NOT_AVAILABLE;
    else if (hello.kind == 'C' && ((hello.want_read && config.direction == PIPE_ACCESS_INBOUND) ||
                                   (hello.want_write && config.direction == PIPE_ACCESS_OUTBOUND)))
      s = STATUS_ACCESS_DENIED;
    reply.status = static_cast<std::uint32_t>(s);
    bool sent = send(c, &reply, sizeof reply, MSG_NOSIGNAL) == sizeof reply;
    if (hello.kind != 'C' || s != STATUS_SUCCESS || !sent) {
      close(c);
      return;
    }
    free->attach(c);
  }

  void run() {
    for (;;) {
      pollfd p[2] = {{fd, POLLIN, 0}, {wake, POLLIN, 0}};
      if (poll(p, 2, -1) < 0) continue;
      if (p[1].revents) return;
      int c = accept4(fd, nullptr, nullptr, SOCK_CLOEXEC);
      if (c >= 0) answer(c);
    }
  }
};

PipeServer* as_server(File& f) {
  PipeEnd* p = f.pipe_end();
  return p && p->server ? static_cast<PipeServer*>(p) : nullptr;
}

void unpark_connect(IoRequest& r) {
  std::lock_guard g(g_pipes_lock);
  if (PipeServer* s = as_server(*r.file); s && s->pending_connect.get() == &r) s->pending_connect = {};
}

void set_buffer_size(int fd, win::DWORD size) {
  // A message must fit in the socket buffer; Windows buffers are a hint, so keep at least 64 KiB.
  int n = static_cast<int>(size < 65536 ? 65536 : size);
  setsockopt(fd, SOL_SOCKET, SO_SNDBUF, &n, sizeof n);
}

// Asks the server of `name` something: a connected socket and its answer.
Expected<std::pair<int, ServerHello>, NTSTATUS> say_hello(std::u16string_view name, ClientHello hello) {
  if (!is_pipe_name(name) || name.size() == kPipePrefixLength) return Unexpected{STATUS_OBJECT_NAME_INVALID};
  sockaddr_un addr;
  socklen_t len = make_address(pipe_socket_address(name.substr(kPipePrefixLength), prefix_path()), &addr);
  // Byte pipes listen on stream sockets, message pipes on seqpacket ones: a name is found only by
  // a socket of its type.
  int fd = -1;
  for (bool message : {false, true}) {
    fd = new_socket(message);
    if (fd < 0) return Unexpected{status_from_errno(errno)};
    if (connect(fd, reinterpret_cast<sockaddr*>(&addr), len) == 0) break;
    int err = errno;
    close(fd);
    fd = -1;
    if (err == EAGAIN) return Unexpected{STATUS_PIPE_NOT_AVAILABLE};  // the backlog is full
    if (err != ECONNREFUSED && err != ENOENT && err != EPROTOTYPE) return Unexpected{status_from_errno(err)};
  }
  if (fd < 0) return Unexpected{STATUS_OBJECT_NAME_NOT_FOUND};
  ServerHello reply{};
  pollfd p{fd, POLLIN, 0};
  if (send(fd, &hello, sizeof hello, MSG_NOSIGNAL) != sizeof hello || poll(&p, 1, 5000) != 1 ||
      recv(fd, &reply, sizeof reply, MSG_WAITALL) != sizeof reply) {
    close(fd);
    return Unexpected{STATUS_PIPE_NOT_AVAILABLE};
  }
  return std::pair{fd, reply};
}
}  // namespace

void PipeServer::attach(int c) {
  if (overlapped) {
    int flags = fcntl(c, F_GETFL);
    fcntl(c, F_SETFL, flags | O_NONBLOCK);
  }
  set_buffer_size(c, config.out_size);
  dup3(c, fd(), O_CLOEXEC);  // the File's fd now is the connection
  close(c);
  state = PipeState::Connected;
  if (pending_connect) {
    Ref<IoRequest> r = std::move(pending_connect);
    r->finish(STATUS_SUCCESS, 0);
  }
}

void PipeServer::detach() {
  std::shared_ptr<Listener> closing;
  {
    std::lock_guard g(g_pipes_lock);
    if (!listener) return;
    std::erase(listener->instances, this);
    if (listener->instances.empty()) {
      listeners().erase(listener->key);
      closing = std::move(listener);
    }
    listener = {};
  }
  if (closing) {
    std::uint64_t one = 1;
    if (::write(closing->wake, &one, sizeof one) < 0) ERR("cannot stop a pipe's accept thread");
    if (closing->thread.joinable()) closing->thread.join();
  }
}

std::string pipe_socket_address(std::u16string_view name, std::string_view prefix) {
  // FIXME: only ASCII letters compare case-insensitively.
  std::u16string folded(name);
  for (char16_t& c : folded)
    if (c >= u'A' && c <= u'Z') c = static_cast<char16_t>(c - u'A' + u'a');
  std::string utf8 = sill::utf16_to_utf8(folded);
  char buf[96];
  // sun_path holds 107 bytes after the NUL: long names are hashed.
  if (utf8.size() <= 64)
    std::snprintf(buf, sizeof buf, "sill/%016llx/pipe/", static_cast<unsigned long long>(fnv1a(prefix)));
  else
    std::snprintf(buf, sizeof buf, "sill/%016llx/pipe#%016llx", static_cast<unsigned long long>(fnv1a(prefix)),
                  static_cast<unsigned long long>(fnv1a(utf8)));
  return utf8.size() <= 64 ? buf + utf8 : std::string(buf);
}

bool is_pipe_name(std::u16string_view name) {
  if (name.size() < kPipePrefixLength) return false;
  for (std::size_t i = 0; i < kPipePrefixLength; ++i) {
    char16_t c = name[i], p = kPipePrefix[i];
    if (c >= u'A' && c <= u'Z') c = static_cast<char16_t>(c - u'A' + u'a');
    if (c != p) return false;
  }
  return true;
}

Expected<Ref<PipeEnd>, NTSTATUS> create_pipe_instance(const CreatePipeRequest& req) {
  constexpr win::DWORD FILE_FLAG_FIRST_PIPE_INSTANCE = 0x00080000, FILE_FLAG_OVERLAPPED = 0x40000000;
  if (!is_pipe_name(req.name) || req.name.size() == kPipePrefixLength) return Unexpected{STATUS_OBJECT_NAME_INVALID};
  win::DWORD direction = req.open_mode & PIPE_ACCESS_DUPLEX;
  if (direction == 0 || req.max_instances == 0 || req.max_instances > PIPE_UNLIMITED_INSTANCES ||
      ((req.pipe_mode & PIPE_READMODE_MESSAGE) && !(req.pipe_mode & PIPE_TYPE_MESSAGE)))
    return Unexpected{STATUS_INVALID_PARAMETER};
  PipeConfig config{direction, (req.pipe_mode & PIPE_TYPE_MESSAGE) != 0, req.max_instances, req.out_size,
                    req.in_size, req.default_timeout ? req.default_timeout : 50};
  std::string key = pipe_socket_address(std::u16string_view(req.name).substr(kPipePrefixLength), prefix_path());

  std::lock_guard g(g_pipes_lock);
  std::shared_ptr<Listener> l;
  if (auto it = listeners().find(key); it != listeners().end()) {
    l = it->second;
    if (l->instances.size() >= l->config.max_instances) return Unexpected{STATUS_INSTANCE_NOT_AVAILABLE};
    if (req.open_mode & FILE_FLAG_FIRST_PIPE_INSTANCE) return Unexpected{STATUS_ACCESS_DENIED};
    if (l->config.direction != direction || l->config.message_type != config.message_type)
      return Unexpected{STATUS_ACCESS_DENIED};
  } else {
    l = std::make_shared<Listener>();
    l->key = key;
    l->config = config;
    l->fd = new_socket(config.message_type);
    l->wake = eventfd(0, EFD_CLOEXEC);
    if (l->fd < 0 || l->wake < 0) return Unexpected{status_from_errno(errno)};
    sockaddr_un addr;
    socklen_t len = make_address(key, &addr);
    if (bind(l->fd, reinterpret_cast<sockaddr*>(&addr), len) != 0) {
      // The name is served by another process.
      if (errno != EADDRINUSE) return Unexpected{status_from_errno(errno)};
      if (!(req.open_mode & FILE_FLAG_FIRST_PIPE_INSTANCE))
        FIXME("instances of one pipe name in several processes are not supported");
      return Unexpected{STATUS_ACCESS_DENIED};
    }
    if (listen(l->fd, 64) != 0) return Unexpected{status_from_errno(errno)};
    l->thread = std::thread([raw = l.get()] { raw->run(); });
    listeners()[key] = l;
  }
  int placeholder = new_socket(config.message_type);
  if (placeholder < 0) return Unexpected{status_from_errno(errno)};
  win::DWORD access = SYNCHRONIZE | (direction & PIPE_ACCESS_INBOUND ? GENERIC_READ : 0) |
                      (direction & PIPE_ACCESS_OUTBOUND ? GENERIC_WRITE : 0);
  auto server = make_object<PipeServer>(placeholder, access, config, l);
  server->overlapped = (req.open_mode & FILE_FLAG_OVERLAPPED) != 0;
  server->read_message_mode = (req.pipe_mode & PIPE_READMODE_MESSAGE) != 0;
  server->nowait = (req.pipe_mode & PIPE_NOWAIT) != 0;
  l->instances.push_back(server.get());
  return Ref<PipeEnd>(server);
}

NTSTATUS connect_pipe(const Ref<File>& file, IoTarget target) {
  PipeServer* s = as_server(*file);
  if (!s) return STATUS_INVALID_PARAMETER;
  Ref<IoRequest> r;
  {
    std::lock_guard g(g_pipes_lock);
    if (s->state == PipeState::Connected) {
      pollfd p{s->fd(), POLLRDHUP, 0};
      bool gone = poll(&p, 1, 0) == 1 && (p.revents & (POLLRDHUP | POLLHUP));
      return gone ? STATUS_PIPE_CLOSING : STATUS_PIPE_CONNECTED;
    }
    s->state = PipeState::Listening;
    if (s->nowait) return STATUS_PIPE_LISTENING;
    if (s->pending_connect) return STATUS_INVALID_PIPE_STATE;
    if (target.iosb) {
      target.iosb[1] = 0;
      target.iosb[0] = static_cast<win::ULONG_PTR>(STATUS_PENDING);
    }
    r = make_object<IoRequest>(file, IoRequest::Kind::Other, std::move(target));
    r->unpark = unpark_connect;
    s->pending_connect = r;
    track_request(r);
  }
  if (file->overlapped) return STATUS_PENDING;
  Waitable* w = r.get();
  wait_for_objects(std::span<Waitable* const>(&w, 1), false, INFINITE);
  return r->result();
}

NTSTATUS disconnect_pipe(File& file) {
  PipeServer* s = as_server(file);
  if (!s) return STATUS_INVALID_PARAMETER;
  cancel_io(file, std::nullopt, std::nullopt, STATUS_PIPE_DISCONNECTED);
  std::lock_guard g(g_pipes_lock);
  if (s->state == PipeState::Listening) return STATUS_PIPE_LISTENING;
  if (s->state == PipeState::Disconnected) return STATUS_SUCCESS;
  // A fresh unconnected socket replaces the connection: the client sees the pipe broken.
  int placeholder = new_socket(s->config.message_type);
  if (placeholder < 0) return status_from_errno(errno);
  dup3(placeholder, s->fd(), O_CLOEXEC);
  close(placeholder);
  s->state = PipeState::Disconnected;
  return STATUS_SUCCESS;
}

win::DWORD pipe_instance_count(File& file) {
  PipeEnd* p = file.pipe_end();
  if (!p) return 0;
  if (!p->server) return p->instances_seen;
  std::lock_guard g(g_pipes_lock);
  auto* s = static_cast<PipeServer*>(p);
  return s->listener ? static_cast<win::DWORD>(s->listener->instances.size()) : 1;
}

Expected<Ref<PipeEnd>, NTSTATUS> open_pipe_client(std::u16string_view name, win::DWORD access, bool overlapped) {
  bool rd = access & (GENERIC_READ | GENERIC_ALL | FILE_READ_DATA | MAXIMUM_ALLOWED);
  bool wr = access & (GENERIC_WRITE | GENERIC_ALL | FILE_WRITE_DATA | FILE_APPEND_DATA | MAXIMUM_ALLOWED);
  ClientHello hello{'C', rd, wr, 0, static_cast<std::uint32_t>(getpid())};
  auto r = say_hello(name, hello);
  if (!r) return Unexpected{r.error()};
  auto [fd, reply] = *r;
  if (reply.status != 0) {
    close(fd);
    return Unexpected{static_cast<NTSTATUS>(reply.status)};
  }
  PipeConfig config{reply.direction, reply.message_type != 0, reply.max_instances, reply.out_size, reply.in_size,
                    reply.default_timeout};
  set_buffer_size(fd, config.in_size);
  auto client = make_object<PipeEnd>(fd, access, config, false);
  client->instances_seen = reply.instances;
  client->overlapped = overlapped;
  if (overlapped) make_nonblocking(*client);
  return Ref<PipeEnd>(client);
}

NTSTATUS wait_pipe(std::u16string_view name, win::DWORD timeout_ms) {
  const std::uint64_t start = monotonic_ms();
  win::DWORD sleep_ms = 1;
  for (;;) {
    auto r = say_hello(name, ClientHello{'P', 0, 0, 0, static_cast<std::uint32_t>(getpid())});
    if (!r && r.error() != STATUS_PIPE_NOT_AVAILABLE) return r.error();
    if (r) {
      close(r->first);
      if (r->second.status == 0) return STATUS_SUCCESS;
      if (timeout_ms == 0) timeout_ms = r->second.default_timeout;
    }
    if (timeout_ms != INFINITE && monotonic_ms() - start >= timeout_ms) return STATUS_IO_TIMEOUT;
    usleep(sleep_ms * 1000);
    if (sleep_ms < 16) sleep_ms *= 2;
  }
}

}  // namespace sill::nt
