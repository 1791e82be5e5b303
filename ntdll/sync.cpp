// The wait engine: one lock over all waitable state, one condition variable per
// waiting thread. Signalling an object with no waiters is a lock and an unlock.
#include "ntdll/sync.h"

#include <linux/futex.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <unordered_map>
#include <vector>

#include "ntdll/apc.h"
#include "ntdll/process_internal.h"

namespace sill::nt {

namespace {
struct ThreadWaiter {
  std::condition_variable cv;
  bool woken = false;
};
std::mutex g_wait_lock;
// Threads now in an alertable wait, for alert_thread. Under the wait lock.
std::unordered_map<win::DWORD, ThreadWaiter*> g_alertable;

// The mutexes this thread has taken (some may have been released since); when the thread ends,
// those it still owns are abandoned.
struct OwnedMutexes {
  std::vector<Ref<Mutex>> list;
  win::DWORD tid = 0;
  void abandon() {
    if (list.empty()) return;
    std::lock_guard g(g_wait_lock);
    for (Ref<Mutex>& m : list) {
      if (m->count > 0 && m->owner == tid) {
        m->count = 0;
        m->owner = 0;
        m->was_abandoned = true;
        wake_waiters(*m);
      }
    }
    list.clear();
  }
  ~OwnedMutexes() { abandon(); }
};
thread_local OwnedMutexes t_owned_mutexes;
}  // namespace

void abandon_owned_mutexes() { t_owned_mutexes.abandon(); }

void note_mutex_owned(Mutex& m) {
  OwnedMutexes& o = t_owned_mutexes;
  // The mutex is taken by the thread running this (waits and CreateMutex run on the owner).
  o.tid = m.owner;
  std::erase_if(o.list, [&](const Ref<Mutex>& x) { return x->count == 0 || x->owner != o.tid; });
  o.list.push_back(Ref<Mutex>::share(&m));
}

void alert_thread(win::DWORD tid) {
  auto it = g_alertable.find(tid);
  if (it == g_alertable.end()) return;
  it->second->woken = true;
  it->second->cv.notify_one();
}

// One node per (waiting thread, object) pair.
struct Waitable::WaitNode {
  WaitNode* next = nullptr;
  ThreadWaiter* owner = nullptr;
};

void lock_waits() { g_wait_lock.lock(); }
void unlock_waits() { g_wait_lock.unlock(); }

namespace {
void add_node(Waitable& obj, Waitable::WaitNode& n) {
  n.next = obj.waiters_;
  obj.waiters_ = &n;
}
void remove_node(Waitable& obj, Waitable::WaitNode& n) {
  Waitable::WaitNode** pp = &obj.waiters_;
  while (*pp && *pp != &n) pp = &(*pp)->next;
  if (*pp) *pp = n.next;
}
}  // namespace

void wake_waiters(Waitable& obj) {
  for (Waitable::WaitNode* n = obj.waiters_; n; n = n->next) {
    n->owner->woken = true;
    n->owner->cv.notify_one();
  }
}

std::uint64_t monotonic_ms() {
  timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return static_cast<std::uint64_t>(ts.tv_sec) * 1000 + static_cast<std::uint64_t>(ts.tv_nsec) / 1000000;
}

win::DWORD wait_for_objects(std::span<Waitable* const> objects, bool wait_all, win::DWORD timeout_ms,
                            bool alertable) {
  const win::DWORD tid = current_thread_id();
  auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
  std::unique_lock g(g_wait_lock);
  ThreadWaiter self;
  std::vector<Waitable::WaitNode> proxies;
  // Proxies stay linked until we return, whatever the exit path.
  struct Unlink {
    std::span<Waitable* const> objs;
    std::vector<Waitable::WaitNode>& ps;
    ~Unlink() {
      for (std::size_t i = 0; i < ps.size(); ++i) remove_node(*objs[i], ps[i]);
    }
  } unlink{objects, proxies};
  struct Unalert {
    win::DWORD tid;
    bool on = false;
    ~Unalert() {
      if (on) g_alertable.erase(tid);
    }
  } unalert{tid};

  auto try_acquire = [&]() -> std::optional<win::DWORD> {
    if (wait_all) {
      for (Waitable* o : objects)
        if (!o->is_signaled(tid)) return std::nullopt;
      bool abandoned = false;
      for (Waitable* o : objects) {
        abandoned = abandoned || o->abandoned();
        o->acquire(tid);
      }
      return abandoned ? WAIT_ABANDONED_0 : WAIT_OBJECT_0;
    }
    for (std::size_t i = 0; i < objects.size(); ++i) {
      if (objects[i]->is_signaled(tid)) {
        bool abandoned = objects[i]->abandoned();
        objects[i]->acquire(tid);
        return static_cast<win::DWORD>((abandoned ? WAIT_ABANDONED_0 : WAIT_OBJECT_0) + i);
      }
    }
    return std::nullopt;
  };

  for (;;) {
    if (alertable && user_apcs_pending(tid)) return WAIT_IO_COMPLETION;
    if (!objects.empty())
      if (auto r = try_acquire()) return *r;
    if (timeout_ms == 0) return WAIT_TIMEOUT;
    if (alertable && !unalert.on) {
      g_alertable[tid] = &self;
      unalert.on = true;
    }
    if (proxies.empty()) {
      proxies.resize(objects.size());
      for (std::size_t i = 0; i < objects.size(); ++i) {
        proxies[i].owner = &self;
        add_node(*objects[i], proxies[i]);
      }
    }
    self.woken = false;
    if (timeout_ms == INFINITE) {
      self.cv.wait(g, [&] { return self.woken; });
    } else if (!self.cv.wait_until(g, deadline, [&] { return self.woken; })) {
      // A signal may have raced with the timeout: take it if it is there.
      if (alertable && user_apcs_pending(tid)) return WAIT_IO_COMPLETION;
      if (!objects.empty())
        if (auto r = try_acquire()) return *r;
      return WAIT_TIMEOUT;
    }
  }
}

bool futex_wait(volatile std::int32_t* addr, std::int32_t expected, win::DWORD timeout_ms) {
  timespec ts{}, *tp = nullptr;
  if (timeout_ms != INFINITE) {
    ts.tv_sec = timeout_ms / 1000;
    ts.tv_nsec = static_cast<long>(timeout_ms % 1000) * 1000000;
    tp = &ts;
  }
  long r = syscall(SYS_futex, addr, FUTEX_WAIT_PRIVATE, expected, tp, nullptr, 0);
  return !(r < 0 && errno == ETIMEDOUT);
}

void futex_wake(volatile std::int32_t* addr, int count) {
  syscall(SYS_futex, addr, FUTEX_WAKE_PRIVATE, count, nullptr, nullptr, 0);
}

}  // namespace sill::nt
