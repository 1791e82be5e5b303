// Events, mutexes and semaphores shared by every process of one prefix: named objects, and anonymous
// ones handed to a child with an inherited handle. Their state lives in a shared memory file of the
// prefix (/dev/shm, keyed by the prefix directory's device and inode), guarded by one robust
// process-shared lock; a waiting thread sleeps on a futex word of its own in that memory, which any
// process signalling an object it waits on wakes. A process that dies is noticed by pid: its
// references and waiter words are reclaimed, and the mutexes it owned become abandoned.
//
// A process holds a slot through a local Waitable (an nt::Event, Mutex or Semaphore whose `shared_`
// points to the slot); the wait engine (sync.cpp) asks this module for such objects' state.
#pragma once
#include <atomic>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "base/expected.h"
#include "base/wintypes.h"

namespace sill::nt::shared {

enum class Kind : std::uint32_t { Free = 0, Event = 1, Mutex = 2, Semaphore = 3 };

struct Slot;  // one object's state in the shared file

// The initial state of a new object: event (manual, signaled), mutex (owner tid or 0),
// semaphore (count, max).
struct InitialState {
  bool manual = false;
  bool signaled = false;
  win::DWORD owner_tid = 0;
  std::int32_t count = 0;
  std::int32_t max = 0;
};

// A name as the namespace keys it: "Local\" dropped (the session namespace is the default one).
std::u16string_view namespace_key(std::u16string_view name);

// Opens the object with that name (empty: a new anonymous one) or creates it. *existed says which;
// an existing object of another kind gives STATUS_OBJECT_TYPE_MISMATCH. The reference is this
// process's, released with release().
Expected<Slot*, win::NTSTATUS> create(Kind kind, std::u16string_view name, const InitialState& init, bool* existed);
// The named object of that kind: STATUS_OBJECT_NAME_NOT_FOUND, or STATUS_OBJECT_TYPE_MISMATCH.
Expected<Slot*, win::NTSTATUS> open(Kind kind, std::u16string_view name);
void release(Slot* slot);
Kind kind_of(const Slot* slot);

// Inheritance: the slot's identity as text ("index.generation"), a reference for process `pid`
// (taken by the parent before the child runs), and the child taking it over.
std::string identity(const Slot* slot);
void add_reference_for(Slot* slot, int pid);
Expected<Slot*, win::NTSTATUS> attach(std::string_view identity, Kind kind);

// Share modes between the prefix's processes (shared_file_shares.cpp), in FILE_SHARE_* terms: an
// open of (dev, ino) that uses `uses` and shares `share`. STATUS_SHARING_VIOLATION when an open of
// another living process conflicts; *id is the claim to release (0: none was recorded).
win::NTSTATUS claim_file_share(std::uint64_t dev, std::uint64_t ino, win::DWORD uses, win::DWORD share,
                               std::uint64_t* id);
void release_file_share(std::uint64_t dev, std::uint64_t ino, std::uint64_t id);

// The lock over every shared object. The wait engine takes it after its own lock.
void lock();
void unlock();

// Under lock(): state for the wait engine.
bool is_signaled(Slot* slot, win::DWORD tid);
// Takes the signal; true when it was an abandoned mutex.
bool acquire(Slot* slot, win::DWORD tid);
// True when a wait on the slot cannot end unless another process, which may die, acts: a mutex
// owned in another process (the wait engine then re-checks it now and then).
bool owned_elsewhere(const Slot* slot);

// A thread's wake word in shared memory (allocated on first use, kept until the thread ends).
struct Waiter {
  std::atomic<std::int32_t>* word = nullptr;
  std::uint32_t index = 0;
};
// Under lock(): this thread's waiter (nullptr when the table is full).
const Waiter* this_thread_waiter();
void add_waiter(Slot* slot, const Waiter& w, bool wait_all);
void remove_waiter(Slot* slot, const Waiter& w);
void wake_shared_word(std::atomic<std::int32_t>* word);

// Operations (each takes the lock). False: ERROR_NOT_OWNER / ERROR_TOO_MANY_POSTS conditions.
void set_event(Slot* slot);
void reset_event(Slot* slot);
// PulseEvent: marks the threads waiting on it now (one for an auto-reset event; wait-any waits
// only), wakes them and leaves it reset. A marked thread finds the mark with take_pulse (lock held).
void pulse_event(Slot* slot);
bool take_pulse(Slot* slot, const Waiter& w);
bool release_mutex(Slot* slot, win::DWORD tid);
bool release_semaphore(Slot* slot, std::int32_t count, std::int32_t* previous);
// The mutex's owner thread ends (or the process): abandons it if `tid` still owns it.
void abandon_if_owned(Slot* slot, win::DWORD tid);
// The process ends with `code`: abandons every shared mutex its threads own, frees its waiter words
// and records the code for processes that opened this one (OpenProcess of a non-child).
void on_process_exit(win::DWORD code);
// The code a process of the prefix recorded when it ended; `start_time` tells a reused pid apart.
std::optional<win::DWORD> recorded_exit_code(int pid, std::uint64_t start_time);
// A running process's start time (/proc/PID/stat, clock ticks since boot), 0 when unknown.
std::uint64_t process_start_time(int pid);

}  // namespace sill::nt::shared
