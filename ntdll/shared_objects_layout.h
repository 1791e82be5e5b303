// The shared object store's file layout (internal to shared_objects*.cpp). Plain data: any process
// of the prefix maps it, so it holds no pointers, and a process may die at any point while holding
// the lock (the robust mutex hands the next one a state that is still readable).
#pragma once
#include <pthread.h>

#include <atomic>
#include <cstddef>
#include <cstdint>

#include "ntdll/shared_objects.h"

namespace sill::nt::shared {

inline constexpr std::uint32_t kMagic = 0x4F4C4953;  // "SILO"
// Bump when the layout changes: it is part of the file's name, so two versions never share a file.
inline constexpr std::uint32_t kVersion = 3;
inline constexpr std::size_t kSlots = 2048, kWaiters = 1024, kNameMax = 260, kProcessesPerSlot = 64,
                                 kExitRecords = 256, kFileBuckets = 1024, kOpensPerBucket = 8;

// A thread's wake word (futex, not private: other processes wake it).
struct SharedWaiter {
  std::atomic<std::int32_t> word;
  std::atomic<std::int32_t> pid;  // 0: free
  std::int32_t tid;
  std::uint32_t wait_all;      // the thread's current wait is a wait-all
  std::uint32_t pulsed_slot;   // PulseEvent released it through this slot (index + 1); 0: none
  std::uint32_t reserved;
};
static_assert(sizeof(SharedWaiter) == 24);

struct Slot {
  Kind kind;
  std::uint32_t generation;  // changes when the slot is reused: inherited identities go stale
  std::uint32_t name_length;  // 0: anonymous
  char16_t name[kNameMax];
  std::uint32_t manual, signaled;  // event
  std::int32_t count, max;         // semaphore count; mutex recursion count
  std::int32_t owner_pid, owner_tid;
  std::uint32_t abandoned;
  std::int32_t pids[kProcessesPerSlot];  // processes holding a reference; 0: none
  std::uint64_t waiters[kWaiters / 64];  // bitmap over Store::waiters
};

struct Header {
  std::atomic<std::uint32_t> init_state;  // 0: new file, 1: being initialized, 2: ready
  std::uint32_t magic, version;
  std::uint32_t next_generation;
  std::uint32_t slots_in_use;  // slots at or above are all free (scans stop there)
  pthread_mutex_t lock;        // robust, process-shared
};

// The exit codes of the processes that ended last (a ring), for OpenProcess of a non-child.
struct ExitRecord {
  std::int32_t pid;
  std::uint32_t code;
  std::uint64_t start_time;
};

// One open file of some process, for share modes between processes (shared_file_shares.cpp).
struct FileOpen {
  std::uint64_t dev, ino;
  std::uint64_t id;          // 0: free entry
  std::uint64_t start_time;  // of the process, so that a reused pid is not taken for it
  std::int32_t pid;
  std::uint16_t uses, share;  // FILE_SHARE_* terms
};
static_assert(sizeof(FileOpen) == 40);

struct Store {
  Header header;
  SharedWaiter waiters[kWaiters];
  Slot slots[kSlots];
  std::uint32_t next_exit_record;
  ExitRecord exits[kExitRecords];
  std::uint64_t next_file_open_id;
  FileOpen file_opens[kFileBuckets][kOpensPerBucket];  // bucket by (dev, ino)
};

// The store, mapped on first use; nullptr when it cannot be.
Store* mapped_store();

// The store when this process has mapped it, else nullptr.
Store* store_if_mapped();
// Whether a process still runs (a zombie does not).
bool process_alive(int pid);
// Frees an owned mutex as abandoned and wakes its waiters (lock held).
void abandon_locked(Slot& s);

}  // namespace sill::nt::shared
