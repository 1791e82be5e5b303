// Shared objects' state under the store's lock: what the wait engine asks (signaled? take it), the
// waiters' wake words, and Set/Reset/Release, each waking the threads that wait on the object.
#include <linux/futex.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "ntdll/shared_objects.h"
#include "ntdll/shared_objects_layout.h"

namespace sill::nt::shared {

namespace {

Slot& slot(Slot* s) { return *s; }

void wake_all(Slot& s) {
  Store* st = store_if_mapped();
  for (std::size_t i = 0; i < kWaiters / 64; ++i) {
    for (std::uint64_t bits = s.waiters[i]; bits; bits &= bits - 1) {
      std::size_t index = i * 64 + static_cast<std::size_t>(__builtin_ctzll(bits));
      wake_shared_word(&st->waiters[index].word);
    }
  }
}

struct Locked {
  Locked() { lock(); }
  ~Locked() { unlock(); }
};

// A thread's waiter entry, given back when the thread ends (on_process_exit frees the rest).
struct ThreadWaiterEntry {
  Waiter waiter;
  ~ThreadWaiterEntry() {
    Store* st = store_if_mapped();
    if (!st || !waiter.word) return;
    Locked guard;
    st->waiters[waiter.index].pid.store(0, std::memory_order_relaxed);
  }
};
thread_local ThreadWaiterEntry t_waiter;

}  // namespace

void wake_shared_word(std::atomic<std::int32_t>* word) {
  word->store(1, std::memory_order_release);
  syscall(SYS_futex, reinterpret_cast<std::int32_t*>(word), FUTEX_WAKE, 1, nullptr, nullptr, 0);
}

void abandon_locked(Slot& s) {
  s.count = 0;
  s.owner_pid = s.owner_tid = 0;
  s.abandoned = 1;
  wake_all(s);
}

bool is_signaled(Slot* p, win::DWORD tid) {
  Slot& s = slot(p);
  switch (s.kind) {
    case Kind::Event:
      return s.signaled != 0;
    case Kind::Semaphore:
      return s.count > 0;
    case Kind::Mutex:
      if (s.count == 0 || s.owner_tid == static_cast<std::int32_t>(tid)) return true;
      // The owner's process was killed without a chance to give it up.
      if (s.owner_pid != getpid() && !process_alive(s.owner_pid)) {
        abandon_locked(s);
        return true;
      }
      return false;
    case Kind::Free:
      break;
  }
  return false;
}

bool acquire(Slot* p, win::DWORD tid) {
  Slot& s = slot(p);
  switch (s.kind) {
    case Kind::Event:
      if (!s.manual) s.signaled = 0;
      return false;
    case Kind::Semaphore:
      --s.count;
      return false;
    case Kind::Mutex: {
      bool abandoned = s.abandoned != 0;
      s.abandoned = 0;
      s.owner_tid = static_cast<std::int32_t>(tid);
      s.owner_pid = getpid();
      ++s.count;
      return abandoned;
    }
    case Kind::Free:
      break;
  }
  return false;
}

bool owned_elsewhere(const Slot* s) { return s->kind == Kind::Mutex && s->count > 0 && s->owner_pid != getpid(); }

const Waiter* this_thread_waiter() {
  Waiter& w = t_waiter.waiter;
  if (w.word) return &w;
  Store* st = store_if_mapped();
  if (!st) return nullptr;
  // A free entry first; else one of a process that is gone (liveness costs system calls).
  for (bool reclaim : {false, true}) {
    for (std::size_t i = 0; i < kWaiters; ++i) {
      SharedWaiter& e = st->waiters[i];
      int pid = e.pid.load(std::memory_order_relaxed);
      if (pid != 0 && (!reclaim || process_alive(pid))) continue;
      e.pid.store(getpid(), std::memory_order_relaxed);
      e.tid = static_cast<std::int32_t>(gettid());
      w.word = &e.word;
      w.index = static_cast<std::uint32_t>(i);
      return &w;
    }
  }
  return nullptr;
}

void add_waiter(Slot* s, const Waiter& w, bool wait_all) {
  SharedWaiter& e = store_if_mapped()->waiters[w.index];
  e.wait_all = wait_all;
  e.pulsed_slot = 0;
  s->waiters[w.index / 64] |= std::uint64_t{1} << (w.index % 64);
}
void remove_waiter(Slot* s, const Waiter& w) { s->waiters[w.index / 64] &= ~(std::uint64_t{1} << (w.index % 64)); }

void set_event(Slot* s) {
  Locked guard;
  s->signaled = 1;
  wake_all(*s);
}

void reset_event(Slot* s) {
  Locked guard;
  s->signaled = 0;
}

void pulse_event(Slot* s) {
  Locked guard;
  Store* st = store_if_mapped();
  const std::uint32_t mark = static_cast<std::uint32_t>(s - st->slots) + 1;
  for (std::size_t i = 0; i < kWaiters / 64; ++i) {
    for (std::uint64_t bits = s->waiters[i]; bits; bits &= bits - 1) {
      SharedWaiter& e = st->waiters[i * 64 + static_cast<std::size_t>(__builtin_ctzll(bits))];
      if (e.wait_all || e.pulsed_slot) continue;  // FIXME: wait-all waits are not released by a pulse
      e.pulsed_slot = mark;
      wake_shared_word(&e.word);
      if (!s->manual) {
        s->signaled = 0;
        return;
      }
    }
  }
  s->signaled = 0;
}

bool take_pulse(Slot* s, const Waiter& w) {
  Store* st = store_if_mapped();
  SharedWaiter& e = st->waiters[w.index];
  if (e.pulsed_slot != static_cast<std::uint32_t>(s - st->slots) + 1) return false;
  e.pulsed_slot = 0;
  return true;
}

bool release_mutex(Slot* s, win::DWORD tid) {
  Locked guard;
  if (s->count == 0 || s->owner_tid != static_cast<std::int32_t>(tid) || s->owner_pid != getpid()) return false;
  if (--s->count == 0) {
    s->owner_tid = s->owner_pid = 0;
    wake_all(*s);
  }
  return true;
}

bool release_semaphore(Slot* s, std::int32_t count, std::int32_t* previous) {
  Locked guard;
  if (count > s->max - s->count) return false;
  if (previous) *previous = s->count;
  s->count += count;
  wake_all(*s);
  return true;
}

void abandon_if_owned(Slot* s, win::DWORD tid) {
  Locked guard;
  if (s->kind == Kind::Mutex && s->count > 0 && s->owner_tid == static_cast<std::int32_t>(tid) &&
      s->owner_pid == getpid())
    abandon_locked(*s);
}

}  // namespace sill::nt::shared
