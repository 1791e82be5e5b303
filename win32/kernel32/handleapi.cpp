// CloseHandle, DuplicateHandle and handle flags.
#include "ntdll/handle_table.h"
#include "ntdll/thread_suspend.h"
#include "win32/kernel32/kernel32.h"
#include "win32/kernel32/kernel32_internal.h"

namespace sill::kernel32 {

namespace {
constexpr DWORD DUPLICATE_CLOSE_SOURCE = 1;
bool is_current_process(HANDLE h) { return h == nt::current_process_handle(); }
}  // namespace

BOOL WINAPI CloseHandle(HANDLE h) noexcept {
  if (h == nt::current_process_handle() || h == nt::current_thread_handle()) return TRUE;
  NTSTATUS s = nt::handle_table().close(h);
  return nt::nt_success(s) ? TRUE : fail_status(s, FALSE);
}

BOOL WINAPI DuplicateHandle(HANDLE src_process, HANDLE src, HANDLE dst_process, HANDLE* dst, DWORD access,
                            BOOL inherit, DWORD options) noexcept {
  if (!is_current_process(src_process) || !is_current_process(dst_process)) {
    // Another process's handle table is out of reach until processes are objects.
    return fail_error(win::ERROR_INVALID_HANDLE, FALSE);
  }
  if (src == nt::current_process_handle()) {
    // A real handle to ourselves needs a process object: not there yet.
    return fail_error(win::ERROR_NOT_SUPPORTED, FALSE);
  }
  try {
    if (src == nt::current_thread_handle()) {
      // A real handle to the calling thread (the Go runtime keeps one per thread to suspend it).
      auto self = nt::thread_from_handle(src);
      if (!self) return fail_status(self.error(), FALSE);
      HANDLE h = nt::handle_table().insert(*self, (options & DUPLICATE_SAME_ACCESS) ? 0x1FFFFF : access,
                                           inherit ? nt::HANDLE_FLAG_INHERIT : 0);
      if (dst) *dst = h;
      return TRUE;
    }
    auto r = nt::handle_table().duplicate(src, access, options & DUPLICATE_SAME_ACCESS,
                                          inherit ? nt::HANDLE_FLAG_INHERIT : 0, options & DUPLICATE_CLOSE_SOURCE);
    if (!r) return fail_status(r.error(), FALSE);
    if (dst) *dst = *r;
    return TRUE;
  } catch (...) {
    return fail_error(win::ERROR_NOT_ENOUGH_MEMORY, FALSE);
  }
}

BOOL WINAPI GetHandleInformation(HANDLE h, DWORD* flags) noexcept {
  NTSTATUS s = nt::handle_table().get_flags(h, flags);
  return nt::nt_success(s) ? TRUE : fail_status(s, FALSE);
}

BOOL WINAPI SetHandleInformation(HANDLE h, DWORD mask, DWORD flags) noexcept {
  NTSTATUS s = nt::handle_table().set_flags(h, mask, flags);
  return nt::nt_success(s) ? TRUE : fail_status(s, FALSE);
}

}  // namespace sill::kernel32
