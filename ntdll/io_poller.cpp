// One epoll thread for all pending pipe and socket I/O. Each file with parked requests is in the
// epoll set with EPOLLONESHOT and the directions it waits for; after each wake-up the thread retries
// the requests in order, finishes those that complete, and re-arms or removes the file.
#include "ntdll/io_poller.h"

#include <sys/epoll.h>

#include <cerrno>
#include <deque>
#include <mutex>
#include <thread>
#include <unordered_map>
#include <utility>
#include <vector>

#include "base/debug.h"

SILL_DEFAULT_DEBUG_CHANNEL(file);

namespace sill::nt {

namespace {
struct Parked {
  Ref<File> file;  // keeps the fd open while it is in the epoll set
  std::deque<Ref<IoRequest>> reads, writes;
  bool in_epoll = false;
};

std::mutex g_lock;
int g_epoll = -1;
std::unordered_map<File*, Parked>& parked() {
  static auto* m = new std::unordered_map<File*, Parked>();  // never destroyed: the thread outlives exit
  return *m;
}

// Re-arms the file for what it still waits for, or forgets it. g_lock held.
void rearm(File* f, Parked& p) {
  std::uint32_t events = EPOLLONESHOT;
  if (!p.reads.empty()) events |= EPOLLIN | EPOLLRDHUP;
  if (!p.writes.empty()) events |= EPOLLOUT;
  if (events == EPOLLONESHOT) {
    if (p.in_epoll) epoll_ctl(g_epoll, EPOLL_CTL_DEL, f->fd(), nullptr);
    parked().erase(f);
    return;
  }
  epoll_event ev{};
  ev.events = events;
  ev.data.ptr = f;
  if (p.in_epoll) {
    if (epoll_ctl(g_epoll, EPOLL_CTL_MOD, f->fd(), &ev) == 0) return;
    // The fd now names another open file (a named pipe reconnected): add that one.
  }
  if (epoll_ctl(g_epoll, EPOLL_CTL_ADD, f->fd(), &ev) != 0 && errno == EEXIST)
    epoll_ctl(g_epoll, EPOLL_CTL_MOD, f->fd(), &ev);
  p.in_epoll = true;
}

// Retries the requests of one direction in order until one would block. g_lock held.
void retry(std::deque<Ref<IoRequest>>& queue) {
  while (!queue.empty()) {
    IoRequest& r = *queue.front();
    if (!r.finished()) {
      win::NTSTATUS s = attempt_io(r);
      if (s == STATUS_PENDING) return;
      r.finish(s, r.done);
    }
    queue.pop_front();
  }
}

void poller_main() {
  epoll_event events[32];
  for (;;) {
    int n = epoll_wait(g_epoll, events, 32, -1);
    if (n < 0) continue;  // EINTR
    std::lock_guard g(g_lock);
    for (int i = 0; i < n; ++i) {
      auto* f = static_cast<File*>(events[i].data.ptr);
      auto it = parked().find(f);
      if (it == parked().end()) continue;
      retry(it->second.reads);
      retry(it->second.writes);
      rearm(f, it->second);
    }
  }
}

void unpark_request(IoRequest& r) {
  std::lock_guard g(g_lock);
  auto it = parked().find(r.file.get());
  if (it == parked().end()) return;
  auto& queue = r.kind == IoRequest::Kind::Read ? it->second.reads : it->second.writes;
  std::erase_if(queue, [&](const Ref<IoRequest>& x) { return x.get() == &r; });
  rearm(r.file.get(), it->second);
}

void start_poller() {
  g_epoll = epoll_create1(EPOLL_CLOEXEC);
  if (g_epoll < 0) {
    ERR("epoll_create1 failed (errno %d): overlapped pipe I/O cannot wait", errno);
    return;
  }
  std::thread(poller_main).detach();
}
}  // namespace

bool requests_waiting(File& f, IoRequest::Kind kind) {
  std::lock_guard g(g_lock);
  auto it = parked().find(&f);
  if (it == parked().end()) return false;
  return !(kind == IoRequest::Kind::Read ? it->second.reads : it->second.writes).empty();
}

void poll_request(const Ref<IoRequest>& r) {
  static std::once_flag once;
  std::call_once(once, start_poller);
  r->unpark = unpark_request;
  std::lock_guard g(g_lock);
  Parked& p = parked()[r->file.get()];
  if (!p.file) p.file = r->file;
  (r->kind == IoRequest::Kind::Read ? p.reads : p.writes).push_back(r);
  rearm(r->file.get(), p);
}

}  // namespace sill::nt
