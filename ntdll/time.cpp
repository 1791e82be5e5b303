// Clocks and KUSER_SHARED_DATA.
#include "ntdll/time.h"

#include <sched.h>
#include <time.h>
#include <unistd.h>

#include <cerrno>

#include <cstring>

#include "ntdll/ntdll_api.h"
#include "ntdll/status.h"

namespace sill::nt {

std::int64_t system_time_now() {
  timespec ts;
  clock_gettime(CLOCK_REALTIME, &ts);
  return (static_cast<std::int64_t>(ts.tv_sec) + 11644473600LL) * 10000000LL + ts.tv_nsec / 100;
}

std::int64_t performance_counter() {
  timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return static_cast<std::int64_t>(ts.tv_sec) * 10000000LL + ts.tv_nsec / 100;
}

std::uint64_t tick_count_ms() {
  timespec ts;
  clock_gettime(CLOCK_BOOTTIME, &ts);
  return static_cast<std::uint64_t>(ts.tv_sec) * 1000 + static_cast<std::uint64_t>(ts.tv_nsec) / 1000000;
}

win::LONG timezone_bias_minutes() {
  time_t now = time(nullptr);
  struct tm local;
  localtime_r(&now, &local);
  return static_cast<win::LONG>(-local.tm_gmtoff / 60);
}

bool processor_feature(win::DWORD feature) {
  __builtin_cpu_init();
  switch (feature) {
    case 2: case 3: case 8: case 9: case 12: case 23: return true;  // CX8, MMX, RDTSC, PAE, NX, fastfail
    case 6: return __builtin_cpu_supports("sse");
    case 10: return __builtin_cpu_supports("sse2");
    case 13: return __builtin_cpu_supports("sse3");
    case 14: return true;  // CMPXCHG16B: every x86-64 CPU Windows 10 runs on has it
    case 17: return __builtin_cpu_supports("avx");  // XSAVE is enabled wherever AVX is usable
    case 36: return __builtin_cpu_supports("ssse3");
    case 37: return __builtin_cpu_supports("sse4.1");
    case 38: return __builtin_cpu_supports("sse4.2");
    case 39: return __builtin_cpu_supports("avx");
    case 40: return __builtin_cpu_supports("avx2");
    case 41: return __builtin_cpu_supports("avx512f");
    default: return false;
  }
}

namespace {
void store_time(volatile KSYSTEM_TIME* t, std::int64_t v) {
  t->High2Time = static_cast<LONG>(v >> 32);
  __atomic_thread_fence(__ATOMIC_RELEASE);
  t->LowPart = static_cast<ULONG>(v);
  __atomic_thread_fence(__ATOMIC_RELEASE);
  t->High1Time = static_cast<LONG>(v >> 32);
}
}  // namespace

void initialize_shared_data(KUSER_SHARED_DATA* d) {
  // One tick = 1 ms: GetTickCount-style readers compute (TickCount * Multiplier) >> 24.
  d->TickCountMultiplier = 1u << 24;
  static const char16_t kRoot[] = u"C:\\windows";
  std::memcpy(d->NtSystemRoot, kRoot, sizeof kRoot);
  d->NtBuildNumber = kWindowsBuild;
  d->NtProductType = 1;  // NtProductWinNt (workstation)
  d->ProductTypeIsValid = 1;
  d->NativeProcessorArchitecture = 9;  // PROCESSOR_ARCHITECTURE_AMD64
  d->NtMajorVersion = kWindowsMajor;
  d->NtMinorVersion = kWindowsMinor;
  for (win::DWORD i = 0; i < 64; ++i) d->ProcessorFeatures[i] = processor_feature(i);
  d->ActiveConsoleId = 1;
  update_shared_data(d);
}

void update_shared_data(KUSER_SHARED_DATA* d) {
  std::int64_t now = system_time_now();
  store_time(&d->SystemTime, now);
  store_time(&d->InterruptTime, performance_counter());
  std::uint64_t ticks = tick_count_ms();
  store_time(&d->TickCount, static_cast<std::int64_t>(ticks));
  d->TickCountLowDeprecated = static_cast<ULONG>(ticks);
  store_time(&d->TimeZoneBias, static_cast<std::int64_t>(timezone_bias_minutes()) * 600000000LL);
}

}  // namespace sill::nt

namespace sill::ntdll {

NTSTATUS WINAPI NtQuerySystemTime(LARGE_INTEGER* time) noexcept {
  if (!time) return nt::STATUS_ACCESS_VIOLATION;
  time->QuadPart = nt::system_time_now();
  return nt::STATUS_SUCCESS;
}

NTSTATUS WINAPI NtQueryPerformanceCounter(LARGE_INTEGER* counter, LARGE_INTEGER* frequency) noexcept {
  if (!counter) return nt::STATUS_ACCESS_VIOLATION;
  counter->QuadPart = nt::performance_counter();
  if (frequency) frequency->QuadPart = nt::kPerformanceFrequency;
  return nt::STATUS_SUCCESS;
}

BOOL WINAPI RtlQueryPerformanceCounter(LARGE_INTEGER* counter) noexcept {
  counter->QuadPart = nt::performance_counter();
  return TRUE;
}
BOOL WINAPI RtlQueryPerformanceFrequency(LARGE_INTEGER* frequency) noexcept {
  frequency->QuadPart = nt::kPerformanceFrequency;
  return TRUE;
}

NTSTATUS WINAPI NtDelayExecution(BOOLEAN alertable, const LARGE_INTEGER* timeout) noexcept {
  if (!timeout) {
    for (;;) pause();
  }
  std::int64_t t = timeout->QuadPart;
  if (t == 0) {
    sched_yield();
    return nt::STATUS_SUCCESS;
  }
  if (t > 0) t = -(t - nt::system_time_now());  // absolute -> relative
  if (t >= 0) return nt::STATUS_SUCCESS;
  std::int64_t ns = -t * 100;
  timespec ts{static_cast<time_t>(ns / 1000000000LL), static_cast<long>(ns % 1000000000LL)};
  while (nanosleep(&ts, &ts) != 0 && errno == EINTR) {
  }
  return nt::STATUS_SUCCESS;
}

NTSTATUS WINAPI NtYieldExecution() noexcept {
  sched_yield();
  return nt::STATUS_SUCCESS;
}

}  // namespace sill::ntdll
