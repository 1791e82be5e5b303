// NtSuspendThread, NtResumeThread, NtGetContextThread, NtSetContextThread: handles to the thread
// objects of thread_suspend.h.
#include "ntdll/ntdll_api.h"
#include "ntdll/status.h"
#include "ntdll/thread_suspend.h"

namespace sill::ntdll {

NTSTATUS WINAPI NtSuspendThread(HANDLE thread, ULONG* previous_count) noexcept {
  auto t = nt::thread_from_handle(thread);
  if (!t) return t.error();
  return nt::suspend_thread(**t, previous_count);
}

NTSTATUS WINAPI NtResumeThread(HANDLE thread, ULONG* previous_count) noexcept {
  auto t = nt::thread_from_handle(thread);
  if (!t) return t.error();
  return nt::resume_thread(**t, previous_count);
}

NTSTATUS WINAPI NtGetContextThread(HANDLE thread, nt::CONTEXT* ctx) noexcept {
  if (!ctx) return nt::STATUS_INVALID_PARAMETER;
  auto t = nt::thread_from_handle(thread);
  if (!t) return t.error();
  return nt::get_thread_context(**t, ctx);
}

NTSTATUS WINAPI NtSetContextThread(HANDLE thread, const nt::CONTEXT* ctx) noexcept {
  if (!ctx) return nt::STATUS_INVALID_PARAMETER;
  auto t = nt::thread_from_handle(thread);
  if (!t) return t.error();
  return nt::set_thread_context(**t, ctx);
}

}  // namespace sill::ntdll
