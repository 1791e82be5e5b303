// Between kernel32's thread files (not for other layers).
#pragma once
#include "base/wintypes.h"
#include "ntdll/thread_object.h"

namespace sill::kernel32 {

// The thread a handle refers to, the pseudo handle GetCurrentThread() included; null and
// *status set when there is none.
nt::Ref<nt::Thread> thread_from_handle(win::HANDLE h, win::NTSTATUS* status);

// TerminateThread's part for another thread (thread_terminate.cpp): stops it for good where it
// runs, without unwinding; returns once it has stopped. Its stack and TEB stay, as on Windows.
win::NTSTATUS stop_other_thread(nt::Thread& t);
// Called by a thread past its end: from then on that signal leaves it alone.
void refuse_termination();

}  // namespace sill::kernel32
