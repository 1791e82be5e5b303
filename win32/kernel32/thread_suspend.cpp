// SuspendThread, ResumeThread, GetThreadContext, SetThreadContext: the Win32 edge of
// ntdll/thread_suspend.h. A child process's main thread (CreateProcess's hThread, a ChildThread)
// resumes through resume_child_thread; suspending it is not supported (ERROR_INVALID_HANDLE).
#include "ntdll/ntdll_api.h"
#include "win32/kernel32/kernel32.h"
#include "win32/kernel32/kernel32_internal.h"

namespace sill::kernel32 {

namespace {
constexpr DWORD kFailedCount = 0xFFFFFFFF;
}  // namespace

DWORD WINAPI SuspendThread(HANDLE thread) noexcept {
  ULONG previous = 0;
  NTSTATUS s = ntdll::NtSuspendThread(thread, &previous);
  return nt::nt_success(s) ? previous : fail_status(s, kFailedCount);
}

DWORD WINAPI ResumeThread(HANDLE thread) noexcept {
  if (auto child = resume_child_thread(thread)) return *child;  // a child process's thread
  ULONG previous = 0;
  NTSTATUS s = ntdll::NtResumeThread(thread, &previous);
  return nt::nt_success(s) ? previous : fail_status(s, kFailedCount);
}

BOOL WINAPI GetThreadContext(HANDLE thread, nt::CONTEXT* ctx) noexcept {
  NTSTATUS s = ntdll::NtGetContextThread(thread, ctx);
  return nt::nt_success(s) ? TRUE : fail_status(s, FALSE);
}

BOOL WINAPI SetThreadContext(HANDLE thread, const nt::CONTEXT* ctx) noexcept {
  NTSTATUS s = ntdll::NtSetContextThread(thread, ctx);
  return nt::nt_success(s) ? TRUE : fail_status(s, FALSE);
}

}  // namespace sill::kernel32
