// Thread objects and their suspension: SuspendThread/ResumeThread with Windows' suspend counts,
// and the registers of a suspended thread (GetThreadContext/SetThreadContext).
//
// A thread is stopped by a real-time signal whose handler parks it on a futex until its count
// drops back to zero; the signal interrupts program code, Sill's own code and blocking system
// calls alike, so a thread blocked in a wait can be suspended too. The signal carries the thread
// object (sigqueue's value), so the handler looks nothing up and takes no lock:
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
#include "base/expected.h"
#include "ntdll/context.h"
#include "ntdll/thread_object.h"

namespace sill::nt {

inline constexpr ULONG MAXIMUM_SUSPEND_COUNT = 127;

// The thread runs (called by itself, before its first program instruction): from now on
// SuspendThread stops it with the signal. Then, outside any lock, it waits while its suspend count
// is above zero (CREATE_SUSPENDED) with wait_while_suspended.
void thread_started(Thread& thread);
void wait_while_suspended(Thread& thread);
// The thread ends (called by itself): suspending it fails from now on.
void thread_ended(Thread& thread);

// A thread handle (or the current-thread pseudo-handle) to its object.
Expected<Ref<Thread>, NTSTATUS> thread_from_handle(HANDLE h);

// The previous suspend count, or an NTSTATUS failure (STATUS_SUSPEND_COUNT_EXCEEDED,
// STATUS_THREAD_IS_TERMINATING). Returns once the thread is parked.
NTSTATUS suspend_thread(Thread& thread, ULONG* previous);
NTSTATUS resume_thread(Thread& thread, ULONG* previous);

// The registers of a thread (the calling one, or another one, suspended for the time of the call
// if it was running), as far as ctx->ContextFlags asks.
NTSTATUS get_thread_context(Thread& thread, CONTEXT* ctx);
// Another thread's registers (suspended for the time of the call if it was running).
NTSTATUS set_thread_context(Thread& thread, const CONTEXT* ctx);

// For ntdll's thread files: with thread.suspend_lock held.
bool is_current_thread(Thread& thread);
NTSTATUS suspend_locked(Thread& thread, ULONG* previous);
void resume_locked(Thread& thread, ULONG* previous);

// Copies the parts of `from` that from->ContextFlags names into `to`.
void copy_context_parts(const CONTEXT* from, CONTEXT* to);

}  // namespace sill::nt
