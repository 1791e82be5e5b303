// Overlapped requests: starting them, finishing them once, and finding them again for CancelIo and
// GetOverlappedResult (a process-wide list of pending requests).
#include "ntdll/overlapped_io.h"

#include <fcntl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <mutex>
#include <vector>

#include "base/debug.h"
#include "ntdll/io_completion.h"
#include "ntdll/io_poller.h"
#include "ntdll/named_pipe.h"
#include "ntdll/process_internal.h"

SILL_DEFAULT_DEBUG_CHANNEL(file);

namespace sill::nt {

namespace {
std::mutex g_pending_lock;
std::vector<Ref<IoRequest>>& pending() {
  static auto* v = new std::vector<Ref<IoRequest>>();  // never destroyed: I/O may end during exit
  return *v;
}

void forget(IoRequest& r) {
  std::lock_guard g(g_pending_lock);
  std::erase_if(pending(), [&](const Ref<IoRequest>& x) { return x.get() == &r; });
}

bool is_stream(int fd) {
  struct stat st;
  return fstat(fd, &st) == 0 && (S_ISFIFO(st.st_mode) || S_ISSOCK(st.st_mode));
}

NTSTATUS attempt_plain_read(IoRequest& r) {
  int fd = r.file->fd();
  char* p = static_cast<char*>(r.buffer);
  for (;;) {
    ssize_t n = r.offset ? pread(fd, p, r.length, *r.offset) : read(fd, p, r.length);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return (errno == EAGAIN || errno == EWOULDBLOCK) ? STATUS_PENDING : status_from_errno(errno);
    r.done = static_cast<std::size_t>(n);
    if (n == 0 && r.length > 0) return is_stream(fd) ? STATUS_PIPE_BROKEN : STATUS_END_OF_FILE;
    return STATUS_SUCCESS;
  }
}

NTSTATUS attempt_plain_write(IoRequest& r) {
  int fd = r.file->fd();
  const char* p = static_cast<const char*>(r.buffer);
  while (r.done < r.length) {
    ssize_t n = r.offset ? pwrite(fd, p + r.done, r.length - r.done, *r.offset + static_cast<std::int64_t>(r.done))
                         : write(fd, p + r.done, r.length - r.done);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return (errno == EAGAIN || errno == EWOULDBLOCK) ? STATUS_PENDING : status_from_errno(errno);
    r.done += static_cast<std::size_t>(n);
  }
  return STATUS_SUCCESS;
}

NTSTATUS start(const Ref<File>& file, IoRequest::Kind kind, void* buf, std::size_t len,
               std::optional<std::int64_t> offset, IoTarget target, std::size_t* done) {
  *done = 0;
  if (file->is_directory()) return STATUS_INVALID_DEVICE_REQUEST;
  if (target.iosb) {
    target.iosb[1] = 0;
    __atomic_store_n(&target.iosb[0], static_cast<win::ULONG_PTR>(STATUS_PENDING), __ATOMIC_RELEASE);
  }
  auto r = make_object<IoRequest>(file, kind, std::move(target));
  r->buffer = buf;
  r->length = len;
  r->offset = offset;
  // Requests already waiting on this direction go first.
  NTSTATUS s = requests_waiting(*file, kind) ? STATUS_PENDING : attempt_io(*r);
  if (s == STATUS_PENDING) {
    if (!file->overlapped) {
      // A synchronous handle whose fd would block (a PIPE_NOWAIT pipe): nothing to wait for.
      s = STATUS_PIPE_EMPTY;
    } else {
      track_request(r);
      poll_request(r);
      return STATUS_PENDING;
    }
  }
  *done = r->done;
  if (nt_success(s) || s == STATUS_BUFFER_OVERFLOW) {
    r->finish(s, r->done, true);
  } else if (r->target.iosb) {
    // Failed at once: the status block says why, nothing is signaled or queued.
    r->target.iosb[1] = r->done;
    __atomic_store_n(&r->target.iosb[0], static_cast<win::ULONG_PTR>(static_cast<std::uint32_t>(s)), __ATOMIC_RELEASE);
  }
  return s;
}
}  // namespace

IoRequest::IoRequest(Ref<File> f, Kind k, IoTarget t)
    : Waitable(ObjectType::Other), file(std::move(f)), kind(k), target(std::move(t)), thread(current_thread_id()) {}

bool IoRequest::finish(NTSTATUS status, std::size_t information, bool synchronous) {
  bool expected = false;
  if (!finished_.compare_exchange_strong(expected, true, std::memory_order_acq_rel)) return false;
  result_ = status;
  if (target.iosb) {
    target.iosb[1] = information;
    __atomic_store_n(&target.iosb[0], static_cast<win::ULONG_PTR>(static_cast<std::uint32_t>(status)), __ATOMIC_RELEASE);
  }
  // Out of the pending list before anyone is told: a thread woken by the event or the port
  // must not find the request still cancellable (CancelIoEx then answers ERROR_NOT_FOUND).
  // Every caller holds its own reference, so this one going does not end the object.
  forget(*this);
  signal_object(*this, [&] { finished_flag_ = true; });
  if (target.event) set_event(*target.event);  // local or shared (named) event alike
  if (target.apc_routine) {
    queue_user_apc(thread, {target.apc_invoke, target.apc_routine, target.context,
                            reinterpret_cast<win::ULONG_PTR>(target.iosb), 0});
  } else if (!target.skip_port) {
    Ref<Object> port;
    win::ULONG_PTR key;
    {
      std::lock_guard g(file->completion_lock);
      port = file->completion_port;
      key = file->completion_key;
    }
    bool skip = synchronous && nt_success(status) &&
                (file->completion_modes.load() & 1 /* FILE_SKIP_COMPLETION_PORT_ON_SUCCESS */);
    if (port && !skip) static_cast<IoCompletion*>(port.get())->post({key, target.context, status, information});
  }
  return true;
}

NTSTATUS attempt_io(IoRequest& r) {
  if (PipeEnd* pipe = r.file->pipe_end()) {
    return r.kind == IoRequest::Kind::Read ? pipe->read(r.buffer, r.length, &r.done)
                                           : pipe->write(r.buffer, r.length, &r.done);
  }
  return r.kind == IoRequest::Kind::Read ? attempt_plain_read(r) : attempt_plain_write(r);
}

NTSTATUS start_read(const Ref<File>& file, void* buf, std::size_t len, std::optional<std::int64_t> offset,
                    IoTarget target, std::size_t* done) {
  return start(file, IoRequest::Kind::Read, buf, len, offset, std::move(target), done);
}

NTSTATUS start_write(const Ref<File>& file, const void* buf, std::size_t len, std::optional<std::int64_t> offset,
                     IoTarget target, std::size_t* done) {
  return start(file, IoRequest::Kind::Write, const_cast<void*>(buf), len, offset, std::move(target), done);
}

void track_request(const Ref<IoRequest>& r) {
  std::lock_guard g(g_pending_lock);
  pending().push_back(r);
}

NTSTATUS cancel_io(File& file, std::optional<win::ULONG_PTR> context, std::optional<win::DWORD> thread,
                   NTSTATUS status) {
  std::vector<Ref<IoRequest>> matched;
  {
    std::lock_guard g(g_pending_lock);
    for (const Ref<IoRequest>& r : pending()) {
      if (r->file.get() != &file) continue;
      if (context && r->target.context != *context) continue;
      if (thread && r->thread != *thread) continue;
      matched.push_back(r);
    }
  }
  bool any = false;
  for (Ref<IoRequest>& r : matched) {
    if (!r->finish(status, 0)) continue;
    any = true;
    if (r->unpark) r->unpark(*r);
  }
  return any ? STATUS_SUCCESS : STATUS_NOT_FOUND;
}

Ref<IoRequest> find_request(const win::ULONG_PTR* iosb) {
  std::lock_guard g(g_pending_lock);
  for (const Ref<IoRequest>& r : pending())
    if (r->target.iosb == iosb) return r;
  return {};
}

void make_nonblocking(File& f) {
  if (!is_stream(f.fd())) return;
  int flags = fcntl(f.fd(), F_GETFL);
  if (flags >= 0) fcntl(f.fd(), F_SETFL, flags | O_NONBLOCK);
}

void File::last_handle_closed() {
  if (overlapped) cancel_io(*this, std::nullopt, std::nullopt);
}

}  // namespace sill::nt
