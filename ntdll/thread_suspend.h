// Thread objects and their suspension: SuspendThread/ResumeThread with Windows' suspend counts,
// and the registers of a suspended thread (GetThreadContext/SetThreadContext).
//
// A thread is stopped by a real-time signal whose handler parks it on a futex until its count
// drops back to zero; the signal interrupts program code, Sill's own code and blocking system
// calls alike, so a thread blocked in a wait can be suspended too. The handler takes no lock:
// suspender and parked thread meet only on atomic words. While parked, the thread's registers
// are the signal's ucontext, which GetThreadContext reads and SetThreadContext rewrites before
// the thread returns from the signal.
//
// A thread stopped inside Sill's own code (a built-in the program called) shows the program the
// state it would see there: the registers of the innermost program frame, found by unwinding the
// built-in's frames with their DWARF CFI (Rip is the return address into the program). A new
// context set on such a thread is applied when the built-in returns to the program: the return
// address is pointed at a trampoline that loads the new registers, keeping the live value of
// every register the caller left as it was reported (the built-in's return value in Rax...).
// Limitation: below the reported Rsp lie the built-in's own live frames; a caller may write the
// return-address slot just below it (as Go's preemption does), nothing further down.
#pragma once
#include <ucontext.h>

#include <atomic>
#include <cstdint>
#include <mutex>

#include "base/expected.h"
#include "ntdll/context.h"
#include "ntdll/object.h"
#include "ntdll/sync.h"

namespace sill::nt {

inline constexpr ULONG MAXIMUM_SUSPEND_COUNT = 127;

// A thread of the process as a kernel object: its handle waits for the end of the thread.
class ThreadObject : public Waitable {
 public:
  static constexpr ObjectType kType = ObjectType::Thread;
  ThreadObject() : Waitable(ObjectType::Thread) {}
  bool is_signaled(DWORD) const override { return ended; }

  bool ended = false;  // under the wait lock
  DWORD exit_code = 259;  // STILL_ACTIVE
  DWORD tid = 0;

  // Suspension. `lock` serializes suspenders and resumers of this thread (never taken by it
  // while parked). The parked thread waits on `suspend_count` (a futex word).
  std::mutex lock;
  std::atomic<std::int32_t> suspend_count{0};
  std::atomic<std::int32_t> parked{0};  // 1 while the thread waits in the suspend signal handler
  enum class RunState { NotStarted, Running, Ended } run_state = RunState::NotStarted;  // under lock
  ucontext_t* stopped_at = nullptr;     // its registers while parked
  // SetThreadContext on a thread stopped in Sill's code: applied when it returns to the program.
  bool deferred = false;
  CONTEXT deferred_reported;  // what GetThreadContext showed
  CONTEXT deferred_wanted;    // what SetThreadContext asked for
  DWORD64 deferred_slot = 0;  // what the return-address slot held before the trampoline took it
};

// The calling thread's object: the one it was started with (attach_thread_object), else one made
// on first use (the main thread, threads Sill did not create).
Ref<ThreadObject> current_thread_object();
// A thread Sill starts, on itself, before its first program instruction. The suspend count may
// be above zero already (CREATE_SUSPENDED): then it waits here until resumed.
void attach_thread_object(Ref<ThreadObject> thread);
// Then, outside any lock, waits while its suspend count is above zero (CREATE_SUSPENDED).
void wait_until_resumed();
// The calling thread ends: suspending it fails from now on.
void detach_thread_object();

// A thread handle (or the current-thread pseudo-handle) to its object.
Expected<Ref<ThreadObject>, NTSTATUS> thread_from_handle(HANDLE h);

// The previous suspend count, or an NTSTATUS failure (STATUS_SUSPEND_COUNT_EXCEEDED,
// STATUS_THREAD_IS_TERMINATING). Returns once the thread is parked.
NTSTATUS suspend_thread(ThreadObject& thread, ULONG* previous);
NTSTATUS resume_thread(ThreadObject& thread, ULONG* previous);

// The registers of a thread (the calling one, or another one, suspended for the time of the call
// if it was running), as far as ctx->ContextFlags asks.
NTSTATUS get_thread_context(ThreadObject& thread, CONTEXT* ctx);
// Another thread's registers (suspended for the time of the call if it was running).
NTSTATUS set_thread_context(ThreadObject& thread, const CONTEXT* ctx);

// For ntdll's thread files: with thread.lock held.
bool is_current_thread(const ThreadObject& thread);
NTSTATUS suspend_locked(ThreadObject& thread, ULONG* previous);
void resume_locked(ThreadObject& thread, ULONG* previous);

// Copies the parts of `from` that from->ContextFlags names into `to`.
void copy_context_parts(const CONTEXT* from, CONTEXT* to);

}  // namespace sill::nt
