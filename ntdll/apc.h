// User-mode APCs: per-thread queues of calls that run when the thread enters an alertable wait
// (SleepEx, WaitFor*ObjectsEx with bAlertable). Queued by QueueUserAPC and waitable-timer
// completion routines; run by the waiting thread itself, in queue order.
#pragma once
#include <cstdint>

#include "base/wintypes.h"

namespace sill::nt {

struct UserApc {
  // Calls the program's routine with the stored arguments (the thunk knows its signature).
  void (*invoke)(void* routine, win::ULONG_PTR a1, win::ULONG_PTR a2, win::ULONG_PTR a3);
  void* routine;
  win::ULONG_PTR a1, a2, a3;
};

// Queues `apc` to thread `tid` and wakes it if it is in an alertable wait. Takes the wait lock.
void queue_user_apc(win::DWORD tid, const UserApc& apc);
// Whether thread `tid` has APCs queued (wait lock held).
bool user_apcs_pending(win::DWORD tid);
// Runs every APC queued to the calling thread (also those queued while they run); true if any ran.
bool run_user_apcs();

}  // namespace sill::nt
