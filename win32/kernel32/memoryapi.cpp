// memoryapi.h: VirtualAlloc & co over ntdll's virtual memory calls.
#include "ntdll/ntdll_api.h"
#include "ntdll/virtual.h"
#include "win32/kernel32/kernel32.h"
#include "win32/kernel32/kernel32_internal.h"

namespace sill::kernel32 {

void* WINAPI VirtualAlloc(void* address, SIZE_T size, DWORD type, DWORD protect) noexcept {
  void* base = address;
  SIZE_T sz = size;
  NTSTATUS s = ntdll::NtAllocateVirtualMemory(reinterpret_cast<HANDLE>(-1), &base, 0, &sz, type, protect);
  if (!nt::nt_success(s)) return fail_status(s, static_cast<void*>(nullptr));
  return base;
}

BOOL WINAPI VirtualFree(void* address, SIZE_T size, DWORD type) noexcept {
  if (type == MEM_RELEASE && size != 0) return fail_error(win::ERROR_INVALID_PARAMETER, FALSE);
  void* base = address;
  SIZE_T sz = size;
  NTSTATUS s = ntdll::NtFreeVirtualMemory(reinterpret_cast<HANDLE>(-1), &base, &sz, type);
  return nt::nt_success(s) ? TRUE : fail_status(s, FALSE);
}

BOOL WINAPI VirtualProtect(void* address, SIZE_T size, DWORD protect, DWORD* old_protect) noexcept {
  if (!old_protect) return fail_error(win::ERROR_NOACCESS, FALSE);
  void* base = address;
  SIZE_T sz = size;
  ULONG old = 0;
  NTSTATUS s = ntdll::NtProtectVirtualMemory(reinterpret_cast<HANDLE>(-1), &base, &sz, protect, &old);
  if (!nt::nt_success(s)) return fail_status(s, FALSE);
  *old_protect = old;
  return TRUE;
}

SIZE_T WINAPI VirtualQuery(const void* address, MEMORY_BASIC_INFORMATION* info, SIZE_T length) noexcept {
  SIZE_T ret = 0;
  NTSTATUS s = ntdll::NtQueryVirtualMemory(reinterpret_cast<HANDLE>(-1), address, 0, info, length, &ret);
  if (!nt::nt_success(s)) return fail_status(s, SIZE_T{0});
  return ret;
}

}  // namespace sill::kernel32
