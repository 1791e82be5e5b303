// Small Rtl* exports: errors, version, PEB/TEB access, heaps, strings, memory blocks.
#include <cstring>

#include "base/debug.h"
#include "ntdll/codepage.h"
#include "ntdll/heap.h"
#include "ntdll/ntdll_api.h"
#include "ntdll/status.h"

SILL_DEFAULT_DEBUG_CHANNEL(ntdll);

namespace sill::ntdll {

ULONG WINAPI RtlNtStatusToDosError(NTSTATUS status) noexcept {
  nt::current_teb()->LastStatusValue = static_cast<ULONG>(status);
  return nt::dos_error_from_status(status);
}
ULONG WINAPI RtlGetLastWin32Error() noexcept { return nt::current_teb()->LastErrorValue; }
void WINAPI RtlSetLastWin32Error(ULONG error) noexcept { nt::current_teb()->LastErrorValue = error; }
NTSTATUS WINAPI RtlGetLastNtStatus() noexcept { return static_cast<NTSTATUS>(nt::current_teb()->LastStatusValue); }

nt::PEB* WINAPI RtlGetCurrentPeb() noexcept { return nt::current_peb(); }
nt::TEB* WINAPI NtCurrentTeb() noexcept { return nt::current_teb(); }

NTSTATUS WINAPI RtlGetVersion(RTL_OSVERSIONINFOW* info) noexcept {
  if (info->dwOSVersionInfoSize != sizeof(RTL_OSVERSIONINFOW) &&
      info->dwOSVersionInfoSize != sizeof(RTL_OSVERSIONINFOEXW))
    return nt::STATUS_INVALID_PARAMETER;
  info->dwMajorVersion = nt::kWindowsMajor;
  info->dwMinorVersion = nt::kWindowsMinor;
  info->dwBuildNumber = nt::kWindowsBuild;
  info->dwPlatformId = 2;  // VER_PLATFORM_WIN32_NT
  info->szCSDVersion[0] = 0;
  if (info->dwOSVersionInfoSize == sizeof(RTL_OSVERSIONINFOEXW)) {
    auto* ex = static_cast<RTL_OSVERSIONINFOEXW*>(info);
    ex->wServicePackMajor = ex->wServicePackMinor = 0;
    ex->wSuiteMask = 0x100;  // VER_SUITE_SINGLEUSERTS, as Windows 10 Home/Pro report
    ex->wProductType = 1;    // VER_NT_WORKSTATION
    ex->wReserved = 0;
  }
  return nt::STATUS_SUCCESS;
}

void WINAPI RtlGetNtVersionNumbers(ULONG* major, ULONG* minor, ULONG* build) noexcept {
  if (major) *major = nt::kWindowsMajor;
  if (minor) *minor = nt::kWindowsMinor;
  if (build) *build = 0xF0000000u | nt::kWindowsBuild;  // free build marker, as Windows returns
}

// ---- heaps ----

void* WINAPI RtlCreateHeap(ULONG flags, void* base, SIZE_T reserve, SIZE_T commit, void* lock,
                           void* params) noexcept {
  if (base) FIXME("heaps at a caller-given address are not supported");
  return nt::create_heap(flags);
}
void* WINAPI RtlDestroyHeap(void* heap) noexcept {
  return nt::destroy_heap(static_cast<nt::Heap*>(heap)) ? nullptr : heap;
}
void* WINAPI RtlAllocateHeap(void* heap, ULONG flags, SIZE_T size) noexcept {
  if (!nt::is_heap(heap)) return nullptr;
  return nt::heap_alloc(static_cast<nt::Heap*>(heap), flags, size);
}
BOOLEAN WINAPI RtlFreeHeap(void* heap, ULONG flags, void* p) noexcept {
  return nt::heap_free(static_cast<nt::Heap*>(heap), p);
}
void* WINAPI RtlReAllocateHeap(void* heap, ULONG flags, void* p, SIZE_T size) noexcept {
  if (!nt::is_heap(heap)) return nullptr;
  return nt::heap_realloc(static_cast<nt::Heap*>(heap), flags, p, size);
}
SIZE_T WINAPI RtlSizeHeap(void* heap, ULONG flags, const void* p) noexcept { return nt::heap_size(p); }
BOOLEAN WINAPI RtlValidateHeap(void* heap, ULONG flags, const void* p) noexcept {
  if (!nt::is_heap(heap)) return 0;
  return p ? nt::heap_validate(p) : 1;
}

// ---- counted strings ----

void WINAPI RtlInitUnicodeString(UNICODE_STRING* s, const WCHAR* src) noexcept {
  s->Buffer = const_cast<WCHAR*>(src);
  if (!src) {
    s->Length = s->MaximumLength = 0;
    return;
  }
  std::size_t n = std::char_traits<char16_t>::length(src) * 2;
  if (n > 0xFFFC) n = 0xFFFC;
  s->Length = static_cast<USHORT>(n);
  s->MaximumLength = static_cast<USHORT>(n + 2);
}
void WINAPI RtlInitAnsiString(ANSI_STRING* s, const char* src) noexcept {
  s->Buffer = const_cast<char*>(src);
  if (!src) {
    s->Length = s->MaximumLength = 0;
    return;
  }
  std::size_t n = std::strlen(src);
  if (n > 0xFFFE) n = 0xFFFE;
  s->Length = static_cast<USHORT>(n);
  s->MaximumLength = static_cast<USHORT>(n + 1);
}
void WINAPI RtlFreeUnicodeString(UNICODE_STRING* s) noexcept {
  if (s->Buffer) nt::heap_free(nt::process_heap(), s->Buffer);
  s->Buffer = nullptr;
  s->Length = s->MaximumLength = 0;
}
void WINAPI RtlFreeAnsiString(ANSI_STRING* s) noexcept {
  if (s->Buffer) nt::heap_free(nt::process_heap(), s->Buffer);
  s->Buffer = nullptr;
  s->Length = s->MaximumLength = 0;
}

NTSTATUS WINAPI RtlUnicodeStringToAnsiString(ANSI_STRING* dst, const UNICODE_STRING* src, BOOLEAN alloc) noexcept {
  std::string a = nt::from_utf16(nt::CP_ACP, std::u16string_view(src->Buffer, src->Length / 2));
  if (a.size() > 0xFFFE) return nt::STATUS_INVALID_PARAMETER;
  NTSTATUS st = nt::STATUS_SUCCESS;
  if (alloc) {
    dst->Buffer = static_cast<char*>(nt::heap_alloc(nt::process_heap(), 0, a.size() + 1));
    if (!dst->Buffer) return nt::STATUS_NO_MEMORY;
    dst->MaximumLength = static_cast<USHORT>(a.size() + 1);
  } else if (dst->MaximumLength <= a.size()) {
    if (dst->MaximumLength == 0) return nt::STATUS_BUFFER_OVERFLOW;
    a.resize(dst->MaximumLength - 1);
    st = nt::STATUS_BUFFER_OVERFLOW;
  }
  std::memcpy(dst->Buffer, a.data(), a.size());
  dst->Buffer[a.size()] = 0;
  dst->Length = static_cast<USHORT>(a.size());
  return st;
}

NTSTATUS WINAPI RtlAnsiStringToUnicodeString(UNICODE_STRING* dst, const ANSI_STRING* src, BOOLEAN alloc) noexcept {
  std::u16string w = nt::to_utf16(nt::CP_ACP, std::string_view(src->Buffer, src->Length));
  if (w.size() * 2 > 0xFFFC) return nt::STATUS_INVALID_PARAMETER;
  if (alloc) {
    dst->Buffer = static_cast<WCHAR*>(nt::heap_alloc(nt::process_heap(), 0, (w.size() + 1) * 2));
    if (!dst->Buffer) return nt::STATUS_NO_MEMORY;
    dst->MaximumLength = static_cast<USHORT>((w.size() + 1) * 2);
  } else if (dst->MaximumLength < (w.size() + 1) * 2) {
    return nt::STATUS_BUFFER_OVERFLOW;
  }
  std::memcpy(dst->Buffer, w.data(), w.size() * 2);
  dst->Buffer[w.size()] = 0;
  dst->Length = static_cast<USHORT>(w.size() * 2);
  return nt::STATUS_SUCCESS;
}

// ---- memory blocks ----

void WINAPI RtlMoveMemory(void* dst, const void* src, SIZE_T n) noexcept { std::memmove(dst, src, n); }
void WINAPI RtlCopyMemory(void* dst, const void* src, SIZE_T n) noexcept { std::memmove(dst, src, n); }
void WINAPI RtlZeroMemory(void* dst, SIZE_T n) noexcept { std::memset(dst, 0, n); }
void WINAPI RtlFillMemory(void* dst, SIZE_T n, BYTE value) noexcept { std::memset(dst, value, n); }
SIZE_T WINAPI RtlCompareMemory(const void* a, const void* b, SIZE_T n) noexcept {
  const auto* x = static_cast<const unsigned char*>(a);
  const auto* y = static_cast<const unsigned char*>(b);
  SIZE_T i = 0;
  while (i < n && x[i] == y[i]) ++i;
  return i;
}

}  // namespace sill::ntdll
