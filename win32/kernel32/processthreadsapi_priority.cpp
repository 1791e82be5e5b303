// Process priority boost: Windows raises a thread's priority for a while after a wait ends unless
// the process turns that off (the Go runtime does). Linux has no such boost, so the setting
// changes nothing here; it is kept so that GetProcessPriorityBoost reports what was set.
#include <atomic>

#include "base/debug.h"
#include "ntdll/handle_table.h"
#include "win32/kernel32/kernel32.h"
#include "win32/kernel32/kernel32_internal.h"

SILL_DEFAULT_DEBUG_CHANNEL(process);

namespace sill::kernel32 {

namespace {
std::atomic<bool> g_boost_disabled{false};
}  // namespace

BOOL WINAPI SetProcessPriorityBoost(HANDLE process, BOOL disable) noexcept {
  if (process != nt::current_process_handle()) {
    FIXME_ONCE("priority boost of another process\n");
    return fail_error(win::ERROR_INVALID_HANDLE, FALSE);
  }
  g_boost_disabled.store(disable != FALSE);
  return TRUE;
}

BOOL WINAPI GetProcessPriorityBoost(HANDLE process, BOOL* disabled) noexcept {
  if (!disabled) return fail_error(win::ERROR_INVALID_PARAMETER, FALSE);
  if (process != nt::current_process_handle()) return fail_error(win::ERROR_INVALID_HANDLE, FALSE);
  *disabled = g_boost_disabled.load() ? TRUE : FALSE;
  return TRUE;
}

}  // namespace sill::kernel32
