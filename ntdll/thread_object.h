// Thread objects: what a thread handle refers to (signaled when the thread ends, with its exit
// code), and the registry of the process's live threads by id, for OpenThread.
#pragma once
#include <atomic>
#include <cstdint>
#include <semaphore>

#include "base/wintypes.h"
#include "ntdll/object.h"
#include "ntdll/sync.h"

namespace sill::nt {

inline constexpr win::DWORD STILL_ACTIVE = 259;

class Thread : public Waitable {
 public:
  static constexpr ObjectType kType = ObjectType::Thread;
  Thread() : Waitable(ObjectType::Thread) {}
  ~Thread() override;
  bool is_signaled(win::DWORD) const override { return ended; }

  // The thread id, published by the thread itself once it runs; tid() waits for it.
  win::DWORD tid() const;
  void publish_tid(win::DWORD id);

  bool ended = false;  // under the wait lock
  win::DWORD exit_code = STILL_ACTIVE;
  std::atomic<int> priority{0};  // THREAD_PRIORITY_NORMAL
  std::int64_t creation_time = 0, exit_time = 0;  // FILETIME units
  std::int64_t final_user_time = 0, final_kernel_time = 0;  // 100 ns units, kept when it ends
  // CREATE_SUSPENDED: the thread waits for ResumeThread before its first PE instruction.
  std::atomic<int> suspend_count{0};
  std::binary_semaphore resume{0};

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
