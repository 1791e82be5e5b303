// sysinfoapi.h, profileapi.h and debugapi.h: system information, version,
// clocks, performance counter, debugger queries.
#include <unistd.h>

#include <cstdio>
#include <cstring>

#include "base/debug.h"
#include "base/unicode.h"
#include "ntdll/nt_structs.h"
#include "ntdll/time.h"
#include "win32/kernel32/kernel32.h"
#include "win32/kernel32/kernel32_internal.h"

SILL_DEFAULT_DEBUG_CHANNEL(sysinfo);
SILL_DECLARE_DEBUG_CHANNEL(debugstr);

namespace sill::kernel32 {

void WINAPI GetSystemInfo(SYSTEM_INFO* info) noexcept {
  std::memset(info, 0, sizeof *info);
  long n = sysconf(_SC_NPROCESSORS_ONLN);
  DWORD cpus = n > 0 ? static_cast<DWORD>(n) : 1;
  if (cpus > 64) cpus = 64;  // one processor group, as a 64-bit mask holds
  info->wProcessorArchitecture = 9;  // PROCESSOR_ARCHITECTURE_AMD64
  info->dwPageSize = 4096;
  info->lpMinimumApplicationAddress = reinterpret_cast<void*>(0x10000);
  info->lpMaximumApplicationAddress = reinterpret_cast<void*>(0x7FFFFFFEFFFFull);
  info->dwActiveProcessorMask = cpus == 64 ? ~DWORD_PTR{0} : ((DWORD_PTR{1} << cpus) - 1);
  info->dwNumberOfProcessors = cpus;
  info->dwProcessorType = 8664;  // PROCESSOR_AMD_X8664
  info->dwAllocationGranularity = 0x10000;
  unsigned eax = 0, ebx, ecx, edx;
  __asm__("cpuid" : "+a"(eax), "=b"(ebx), "=c"(ecx), "=d"(edx));
  if (eax >= 1) {
    eax = 1;
    __asm__("cpuid" : "+a"(eax), "=b"(ebx), "=c"(ecx), "=d"(edx));
    unsigned family = (eax >> 8) & 0xF, model = (eax >> 4) & 0xF, stepping = eax & 0xF;
    if (family == 0xF) family += (eax >> 20) & 0xFF;
    if (family >= 6) model |= ((eax >> 16) & 0xF) << 4;
    info->wProcessorLevel = static_cast<WORD>(family);
    info->wProcessorRevision = static_cast<WORD>((model << 8) | stepping);
  }
}

void WINAPI GetNativeSystemInfo(SYSTEM_INFO* info) noexcept { GetSystemInfo(info); }

DWORD WINAPI GetVersion() noexcept {
  return (nt::kWindowsBuild << 16) | (nt::kWindowsMinor << 8) | nt::kWindowsMajor;
}

BOOL WINAPI GetVersionExW(OSVERSIONINFOW* info) noexcept {
  if (info->dwOSVersionInfoSize != sizeof(OSVERSIONINFOW) && info->dwOSVersionInfoSize != sizeof(OSVERSIONINFOEXW))
    return fail_error(win::ERROR_INSUFFICIENT_BUFFER, FALSE);
  // Sill reports its configured version to every program, manifest or not.
  info->dwMajorVersion = nt::kWindowsMajor;
  info->dwMinorVersion = nt::kWindowsMinor;
  info->dwBuildNumber = nt::kWindowsBuild;
  info->dwPlatformId = 2;
  info->szCSDVersion[0] = 0;
  if (info->dwOSVersionInfoSize == sizeof(OSVERSIONINFOEXW)) {
    auto* ex = static_cast<OSVERSIONINFOEXW*>(info);
    ex->wServicePackMajor = ex->wServicePackMinor = 0;
    ex->wSuiteMask = 0x100;
    ex->wProductType = 1;
    ex->wReserved = 0;
  }
  return TRUE;
}

BOOL WINAPI GetVersionExA(OSVERSIONINFOA* info) noexcept {
  if (info->dwOSVersionInfoSize != sizeof(OSVERSIONINFOA) && info->dwOSVersionInfoSize != sizeof(OSVERSIONINFOEXA))
    return fail_error(win::ERROR_INSUFFICIENT_BUFFER, FALSE);
  OSVERSIONINFOEXW w;
  w.dwOSVersionInfoSize = sizeof w;
  GetVersionExW(&w);
  info->dwMajorVersion = w.dwMajorVersion;
  info->dwMinorVersion = w.dwMinorVersion;
  info->dwBuildNumber = w.dwBuildNumber;
  info->dwPlatformId = w.dwPlatformId;
  info->szCSDVersion[0] = 0;
  if (info->dwOSVersionInfoSize == sizeof(OSVERSIONINFOEXA)) {
    auto* ex = static_cast<OSVERSIONINFOEXA*>(info);
    ex->wServicePackMajor = ex->wServicePackMinor = 0;
    ex->wSuiteMask = w.wSuiteMask;
    ex->wProductType = w.wProductType;
    ex->wReserved = 0;
  }
  return TRUE;
}

void WINAPI GetSystemTimeAsFileTime(FILETIME* ft) noexcept {
  std::int64_t v = nt::system_time_now();
  ft->dwLowDateTime = static_cast<DWORD>(v);
  ft->dwHighDateTime = static_cast<DWORD>(v >> 32);
}
void WINAPI GetSystemTimePreciseAsFileTime(FILETIME* ft) noexcept { GetSystemTimeAsFileTime(ft); }

BOOL WINAPI QueryPerformanceCounter(LARGE_INTEGER* counter) noexcept {
  counter->QuadPart = nt::performance_counter();
  return TRUE;
}
BOOL WINAPI QueryPerformanceFrequency(LARGE_INTEGER* frequency) noexcept {
  frequency->QuadPart = nt::kPerformanceFrequency;
  return TRUE;
}
DWORD WINAPI GetTickCount() noexcept { return static_cast<DWORD>(nt::tick_count_ms()); }
ULONGLONG WINAPI GetTickCount64() noexcept { return nt::tick_count_ms(); }

BOOL WINAPI IsDebuggerPresent() noexcept { return FALSE; }

void WINAPI OutputDebugStringA(LPCSTR text) noexcept {
  if (text && TRACE_ON(debugstr)) {
    try {
      std::string s = utf16_to_utf8(nt::ansi_to_utf16(text));
      std::fprintf(stderr, "debugstr: %s", s.c_str());
    } catch (...) {
    }
  }
}

void WINAPI OutputDebugStringW(LPCWSTR text) noexcept {
  if (text && TRACE_ON(debugstr)) {
    try {
      std::fprintf(stderr, "debugstr: %s", utf16_to_utf8(text).c_str());
    } catch (...) {
    }
  }
}

}  // namespace sill::kernel32
