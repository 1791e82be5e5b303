// The wait engine: one lock over all process-local waitable state, a futex word per waiting thread.
// Signalling an object with no waiters is a lock and an unlock. Objects shared with other processes
// (shared_objects.h) are checked under the shared store's lock, taken after ours; a wait that
// involves one sleeps on the thread's wake word in shared memory, which local signallers wake too.
#include "ntdll/sync.h"
#include "ntdll/suspend_safe_mutex.h"

#include <linux/futex.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <memory>
#include <mutex>
#include <unordered_map>
#include <vector>

#include "ntdll/apc.h"
#include "ntdll/process_internal.h"

namespace sill::nt {

namespace {
// Where a sleeping thread is woken: set to 1, then FUTEX_WAKE (shared when in shared memory).
struct ThreadWaiter {
  std::atomic<std::int32_t>* word;
  bool shared;
  bool wait_all;
};
thread_local std::atomic<std::int32_t> t_wake_word{0};
SuspendSafeMutex g_wait_lock;  // see suspend_safe_mutex.h
// Threads now in an alertable wait, for alert_thread. Under the wait lock.
std::unordered_map<win::DWORD, ThreadWaiter*> g_alertable;

void wake(ThreadWaiter* w) {
  if (w->shared) {
    shared::wake_shared_word(w->word);
    return;
  }
  w->word->store(1, std::memory_order_release);
  syscall(SYS_futex, reinterpret_cast<std::int32_t*>(w->word), FUTEX_WAKE_PRIVATE, 1, nullptr, nullptr, 0);
}

// The mutexes this thread has taken (some may have been released since); when the thread ends,
// those it still owns are abandoned.
struct OwnedMutexes {
  std::vector<Ref<Mutex>> list;
  win::DWORD tid = 0;
  void abandon() {
    if (list.empty()) return;
    std::lock_guard g(g_wait_lock);
    for (Ref<Mutex>& m : list) {
      if (m->shared_) {
        shared::abandon_if_owned(m->shared_, tid);
      } else if (m->count > 0 && m->owner == tid) {
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
  o.tid = current_thread_id();
  // Shared ones are kept once each: their state can only be read under the shared lock.
  std::erase_if(o.list, [&](const Ref<Mutex>& x) { return !x->shared_ && (x->count == 0 || x->owner != o.tid); });
  if (m.shared_)
    for (const Ref<Mutex>& x : o.list)
      if (x.get() == &m) return;
  o.list.push_back(Ref<Mutex>::share(&m));
}

void alert_thread(win::DWORD tid) {
  auto it = g_alertable.find(tid);
  if (it != g_alertable.end()) wake(it->second);
}

// One node per (waiting thread, local object) pair.
struct Waitable::WaitNode {
  WaitNode* next = nullptr;
  ThreadWaiter* owner = nullptr;
  bool pulsed = false;  // PulseEvent released this wait through this object
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

bool signaled(Waitable* o, win::DWORD tid) {
  if (o->shared_) return shared::is_signaled(o->shared_, tid);
  // The common kinds without a virtual call (the wait functions ask of every handle).
  switch (o->type()) {
    case ObjectType::Event:
      return static_cast<Event*>(o)->signaled;
    case ObjectType::Semaphore:
      return static_cast<Semaphore*>(o)->count > 0;
    default:
      return o->is_signaled(tid);
  }
}
// Takes the signal; true when it was an abandoned mutex.
bool take(Waitable* o, win::DWORD tid) {
  if (!o->shared_) {
    bool abandoned = o->abandoned();
    o->acquire(tid);
    return abandoned;
  }
  bool abandoned = shared::acquire(o->shared_, tid);
  if (o->type() == ObjectType::Mutex) note_mutex_owned(static_cast<Mutex&>(*o));
  return abandoned;
}

// With the wait lock (and the shared lock when any object is shared) held.
std::optional<win::DWORD> try_acquire(std::span<Waitable* const> objects, bool wait_all, win::DWORD tid) {
  if (objects.empty()) return std::nullopt;  // an alertable sleep
  if (wait_all) {
    for (Waitable* o : objects)
      if (!signaled(o, tid)) return std::nullopt;
    bool abandoned = false;
    for (Waitable* o : objects) abandoned = take(o, tid) || abandoned;
    return abandoned ? WAIT_ABANDONED_0 : WAIT_OBJECT_0;
  }
  for (std::size_t i = 0; i < objects.size(); ++i)
    if (signaled(objects[i], tid))
      return static_cast<win::DWORD>((take(objects[i], tid) ? WAIT_ABANDONED_0 : WAIT_OBJECT_0) + i);
  return std::nullopt;
}

bool any_shared(std::span<Waitable* const> objects) {
  for (Waitable* o : objects)
    if (o->shared_) return true;
  return false;
}

// Both locks, in order, for the scope.
struct WaitLocks {
  bool shared;
  explicit WaitLocks(bool with_shared) : shared(with_shared) { lock(); }
  ~WaitLocks() { unlock(); }
  void lock() {
    g_wait_lock.lock();
    if (shared) shared::lock();
  }
  void unlock() {
    if (shared) shared::unlock();
    g_wait_lock.unlock();
  }
};

// How long to sleep: the time left, but at most a while when another process could die owning
// a mutex we wait for (nobody would wake us then).
win::DWORD sleep_slice(std::span<Waitable* const> objects, win::DWORD left) {
  constexpr win::DWORD kOwnerCheckMs = 100;
  for (Waitable* o : objects)
    if (o->shared_ && shared::owned_elsewhere(o->shared_)) return left < kOwnerCheckMs ? left : kOwnerCheckMs;
  return left;
}

bool futex_sleep(std::atomic<std::int32_t>* word, bool shared, win::DWORD ms) {
  timespec ts{}, *tp = nullptr;
  if (ms != INFINITE) {
    ts.tv_sec = ms / 1000;
    ts.tv_nsec = static_cast<long>(ms % 1000) * 1000000;
    tp = &ts;
  }
  long r = syscall(SYS_futex, reinterpret_cast<std::int32_t*>(word), shared ? FUTEX_WAIT : FUTEX_WAIT_PRIVATE, 0, tp,
                   nullptr, 0);
  return !(r < 0 && errno == ETIMEDOUT);
}
}  // namespace

void wake_waiters(Waitable& obj) {
  for (Waitable::WaitNode* n = obj.waiters_; n; n = n->next) wake(n->owner);
}

void set_event(Event& e) {
  if (e.shared_) return shared::set_event(e.shared_);
  signal_object(e, [&] { e.signaled = true; });
}

void pulse_event(Event& e) {
  if (e.shared_) return shared::pulse_event(e.shared_);
  std::lock_guard g(g_wait_lock);
  // FIXME: a wait-all waiter is released only when its other objects are signaled too; here it
  // is left waiting.
  for (Waitable::WaitNode* n = e.waiters_; n; n = n->next) {
    if (n->owner->wait_all || n->pulsed) continue;
    n->pulsed = true;
    wake(n->owner);
    if (!e.manual) break;
  }
  e.signaled = false;
}

void reset_event(Event& e) {
  if (e.shared_) return shared::reset_event(e.shared_);
  std::lock_guard g(g_wait_lock);
  e.signaled = false;
}

Ref<Waitable> wrap_shared(shared::Kind kind, shared::Slot* slot) {
  Ref<Waitable> obj;
  if (kind == shared::Kind::Event) obj = make_object<Event>(false, false);
  else if (kind == shared::Kind::Mutex) obj = make_object<Mutex>(0);
  else obj = make_object<Semaphore>(0, 0);
  obj->shared_ = slot;
  return obj;
}

std::uint64_t monotonic_ms() {
  timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return static_cast<std::uint64_t>(ts.tv_sec) * 1000 + static_cast<std::uint64_t>(ts.tv_nsec) / 1000000;
}

std::optional<win::DWORD> try_wait(std::span<Waitable* const> objects, bool wait_all) {
  const win::DWORD tid = current_thread_id();
  WaitLocks locks(any_shared(objects));
  return try_acquire(objects, wait_all, tid);
}

win::DWORD wait_for_objects(std::span<Waitable* const> objects, bool wait_all, win::DWORD timeout_ms,
                            bool alertable) {
  const win::DWORD tid = current_thread_id();
  const bool with_shared = any_shared(objects);
  WaitLocks locks(with_shared);
  if (alertable && user_apcs_pending(tid)) return WAIT_IO_COMPLETION;
  if (auto r = try_acquire(objects, wait_all, tid)) return *r;
  if (timeout_ms == 0) return WAIT_TIMEOUT;

  const std::uint64_t deadline = timeout_ms == INFINITE ? 0 : monotonic_ms() + timeout_ms;
  const shared::Waiter* shared_waiter = with_shared ? shared::this_thread_waiter() : nullptr;
  // Without a shared wake word (the table is full) the wait polls the shared objects.
  const bool polling = with_shared && !shared_waiter;
  ThreadWaiter self{shared_waiter ? shared_waiter->word : &t_wake_word, shared_waiter != nullptr, wait_all};

  // Nodes on the stack for the usual counts (up to MAXIMUM_WAIT_OBJECTS), linked until we return.
  Waitable::WaitNode inline_nodes[64];
  std::unique_ptr<Waitable::WaitNode[]> heap_nodes;
  Waitable::WaitNode* nodes = inline_nodes;
  if (objects.size() > 64) nodes = (heap_nodes = std::make_unique<Waitable::WaitNode[]>(objects.size())).get();
  for (std::size_t i = 0; i < objects.size(); ++i) {
    if (objects[i]->shared_) {
      if (shared_waiter) shared::add_waiter(objects[i]->shared_, *shared_waiter, wait_all);
    } else {
      nodes[i].owner = &self;
      add_node(*objects[i], nodes[i]);
    }
  }
  if (alertable) g_alertable[tid] = &self;
  // Unlinks everything (both locks held) whatever the exit path.
  struct Unlink {
    std::span<Waitable* const> objs;
    Waitable::WaitNode* nodes;
    const shared::Waiter* sw;
    bool alertable;
    win::DWORD tid;
    ~Unlink() {
      for (std::size_t i = 0; i < objs.size(); ++i) {
        if (!objs[i]->shared_) remove_node(*objs[i], nodes[i]);
        else if (sw) shared::remove_waiter(objs[i]->shared_, *sw);
      }
      if (alertable) g_alertable.erase(tid);
    }
  } unlink{objects, nodes, shared_waiter, alertable, tid};

  for (;;) {
    win::DWORD left = INFINITE;
    if (timeout_ms != INFINITE) {
      std::uint64_t now = monotonic_ms();
      left = now >= deadline ? 0 : static_cast<win::DWORD>(deadline - now);
    }
    if (left == 0) return WAIT_TIMEOUT;
    win::DWORD slice = with_shared ? sleep_slice(objects, left) : left;
    if (polling && slice > 10) slice = 10;
    self.word->store(0, std::memory_order_relaxed);
    locks.unlock();
    futex_sleep(self.word, self.shared, slice);
    locks.lock();
    if (alertable && user_apcs_pending(tid)) return WAIT_IO_COMPLETION;
    if (auto r = try_acquire(objects, wait_all, tid)) return *r;
    for (std::size_t i = 0; i < objects.size(); ++i) {  // an event pulsed while we slept
      bool pulsed = objects[i]->shared_ ? shared_waiter && shared::take_pulse(objects[i]->shared_, *shared_waiter)
                                        : nodes[i].pulsed;
      if (pulsed) return static_cast<win::DWORD>(WAIT_OBJECT_0 + i);
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
