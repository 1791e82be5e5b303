// Waitable objects and the one wait engine behind WaitForSingleObject/
// WaitForMultipleObjects: events, mutexes, semaphores (and, from other layers,
// threads and processes by deriving from Waitable).
#pragma once
#include <cstdint>
#include <optional>
#include <span>

#include "base/wintypes.h"
#include "ntdll/object.h"
#include "ntdll/shared_objects.h"

namespace sill::nt {

// Waitable state is guarded by one process-wide lock held by the wait engine. An event, mutex or
// semaphore shared with other processes (shared_objects.h) keeps its state in the shared store
// instead: `shared_` points to it, and the engine takes the store's lock after its own.
class Waitable : public Object {
 public:
  explicit Waitable(ObjectType t) : Object(t) { waitable_ = true; }
  ~Waitable() override {
    if (shared_) shared::release(shared_);
  }
  // Called with the wait lock held.
  virtual bool is_signaled(win::DWORD tid) const = 0;
  // Consumes the signal for `tid` (auto-reset, mutex ownership...). Lock held.
  virtual void acquire(win::DWORD tid) { (void)tid; }
  virtual bool abandoned() const { return false; }

  struct WaitNode;
  WaitNode* waiters_ = nullptr;  // intrusive list, under the wait lock
  shared::Slot* shared_ = nullptr;  // set once, before the object is handed out
};

inline Waitable* as_waitable(Object* o) { return o->is_waitable() ? static_cast<Waitable*>(o) : nullptr; }

// Runs `fn` under the wait lock, then wakes threads waiting on `obj`. Use to
// change a Waitable's state from outside (SetEvent, thread exit...).
template <class F>
void signal_object(Waitable& obj, F&& fn);
void lock_waits();
void unlock_waits();
void wake_waiters(Waitable& obj);  // wait lock held

template <class F>
void signal_object(Waitable& obj, F&& fn) {
  lock_waits();
  fn();
  wake_waiters(obj);
  unlock_waits();
}

class Event : public Waitable {
 public:
  static constexpr ObjectType kType = ObjectType::Event;
  Event(bool manual_reset, bool initial) : Waitable(ObjectType::Event), manual(manual_reset), signaled(initial) {}
  bool is_signaled(win::DWORD) const override { return signaled; }
  void acquire(win::DWORD) override {
    if (!manual) signaled = false;
  }
  const bool manual;
  bool signaled;
};

// A mutex remembers, per owning thread, that it is owned: when the thread ends still owning it, the
// mutex becomes free and abandoned, and the next wait that takes it reports WAIT_ABANDONED.
class Mutex;
void note_mutex_owned(Mutex& m);  // wait lock held (sync.cpp)
// Abandons the mutexes the calling thread still owns. Runs by itself when the thread's C++ thread
// locals are destroyed; thread exit should call it before the thread object is signaled, so that a
// wait on the thread handle is followed by WAIT_ABANDONED on its mutexes without a gap.
void abandon_owned_mutexes();

class Mutex : public Waitable {
 public:
  static constexpr ObjectType kType = ObjectType::Mutex;
  explicit Mutex(win::DWORD initial_owner) : Waitable(ObjectType::Mutex), owner(initial_owner), count(initial_owner ? 1 : 0) {
    if (initial_owner) note_mutex_owned(*this);
  }
  bool is_signaled(win::DWORD tid) const override { return count == 0 || owner == tid; }
  void acquire(win::DWORD tid) override {
    owner = tid;
    if (count++ == 0) note_mutex_owned(*this);
    was_abandoned = false;
  }
  bool abandoned() const override { return was_abandoned; }
  win::DWORD owner;
  unsigned count;
  bool was_abandoned = false;
};

class Semaphore : public Waitable {
 public:
  static constexpr ObjectType kType = ObjectType::Semaphore;
  Semaphore(win::LONG initial, win::LONG maximum) : Waitable(ObjectType::Semaphore), count(initial), max(maximum) {}
  bool is_signaled(win::DWORD) const override { return count > 0; }
  void acquire(win::DWORD) override { --count; }
  win::LONG count;
  const win::LONG max;
};

inline constexpr win::DWORD INFINITE = 0xFFFFFFFF;
inline constexpr win::DWORD WAIT_OBJECT_0 = 0, WAIT_ABANDONED_0 = 0x80, WAIT_IO_COMPLETION = 0xC0,
                            WAIT_TIMEOUT = 0x102, WAIT_FAILED = 0xFFFFFFFF;

// The uncontended path of a wait: the result when the objects already satisfy it (taking their
// signal), nullopt when the caller would have to block. No allocation, the wait lock taken once.
std::optional<win::DWORD> try_wait(std::span<Waitable* const> objects, bool wait_all);
// WAIT_OBJECT_0 + i, WAIT_ABANDONED_0 + i, or WAIT_TIMEOUT. timeout_ms INFINITE waits forever.
// An alertable wait also ends, with WAIT_IO_COMPLETION, when user APCs are queued to the thread
// (ntdll/apc.h); the caller runs them. No objects and an alertable wait: an alertable sleep.
win::DWORD wait_for_objects(std::span<Waitable* const> objects, bool wait_all, win::DWORD timeout_ms,
                            bool alertable = false);
// Wakes thread `tid` if it is in an alertable wait (wait lock held).
void alert_thread(win::DWORD tid);

// SetEvent/ResetEvent for any event, process-local or shared: use these rather than writing
// `signaled`, which a shared event does not use.
void set_event(Event& e);
void reset_event(Event& e);
// Releases the threads waiting on it now (one for an auto-reset event) and leaves it reset.
void pulse_event(Event& e);

// The process's object for a shared slot it holds a reference on (the object takes it over).
Ref<Waitable> wrap_shared(shared::Kind kind, shared::Slot* slot);

// Monotonic milliseconds, for timeouts.
std::uint64_t monotonic_ms();

// futex helpers on 32-bit words, shared by critical sections, SRW locks, condition variables.
// wait returns false on timeout (timeout_ms INFINITE = forever).
bool futex_wait(volatile std::int32_t* addr, std::int32_t expected, win::DWORD timeout_ms);
void futex_wake(volatile std::int32_t* addr, int count);

}  // namespace sill::nt
