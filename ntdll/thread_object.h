// Thread objects: what a thread handle refers to (signaled when the thread ends, with its exit
// code), and the registry of the process's live threads by id, for OpenThread.
#pragma once
#include <atomic>
#include <cstdint>
#include <mutex>

#include <ucontext.h>

#include "base/wintypes.h"
#include "ntdll/context.h"
#include "ntdll/object.h"
#include "ntdll/sync.h"

namespace sill::nt {

inline constexpr win::DWORD STILL_ACTIVE = 259;

class Thread : public Waitable {
 public:
  static constexpr ObjectType kType = ObjectType::Thread;
  Thread() : Waitable(ObjectType::Thread) {}
  ~Thread() override;
  bool is_signaled(win::DWORD) const override { return ended.load(std::memory_order_relaxed); }

  // The thread id, published by the thread itself once it runs; tid() waits for it.
  win::DWORD tid() const;
  void publish_tid(win::DWORD id);

  // Written under the wait lock; atomic so that SuspendThread can read it without that lock: the
  // thread it suspends may be parked while holding it.
  std::atomic<bool> ended{false};
  win::DWORD exit_code = STILL_ACTIVE;
  std::atomic<int> priority{0};  // THREAD_PRIORITY_NORMAL
  std::int64_t creation_time = 0, exit_time = 0;  // FILETIME units
  std::int64_t final_user_time = 0, final_kernel_time = 0;  // 100 ns units, kept when it ends
  // Suspension (ntdll/thread_suspend.h). `suspend_lock` serializes suspenders and resumers (the
  // parked thread never takes it); the parked thread waits on `suspend_count` (a futex word).
  std::mutex suspend_lock;
  std::atomic<std::int32_t> suspend_count{0};
  std::atomic<std::int32_t> parked{0};  // 1 while it waits in the suspend signal's handler
  enum class RunState { NotStarted, Running, Ended };
  RunState run_state = RunState::Running;  // under suspend_lock; CreateThread starts at NotStarted
  ucontext_t* stopped_at = nullptr;         // its registers while parked
  // SetThreadContext on a thread stopped in a built-in: applied when it returns to the program.
  bool deferred = false;
  CONTEXT deferred_reported;  // what GetThreadContext showed
  CONTEXT deferred_wanted;    // what SetThreadContext asked for
  DWORD64 deferred_slot = 0;  // what the return-address slot held before the trampoline took it

 private:
  std::atomic<std::int32_t> tid_{0};
};

// The registry holds no reference: a thread is found while it runs and a handle or the thread
// itself keeps the object. The main thread (not created by CreateThread) gets an object on demand.
// A new thread registers itself before it publishes its id, so that the id its creator returns
// already finds it.
void register_thread(Thread& t, win::DWORD tid);
void unregister_thread(Thread& t);
Ref<Thread> find_thread(win::DWORD tid);

}  // namespace sill::nt
