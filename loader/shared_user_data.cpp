#include "loader/shared_user_data.h"

#include <sys/mman.h>
#include <unistd.h>

#include <chrono>
#include <cstring>
#include <ctime>
#include <thread>

#include "base/debug.h"

SILL_DEFAULT_DEBUG_CHANNEL(loader);

namespace sill::loader {

namespace {

constexpr std::uint64_t kEpochDifference = 116444736000000000ull;  // 1601-01-01 to 1970-01-01, in 100 ns

// Readers check High1Time == High2Time; the writer stores High2, then Low, then High1.
void store_time(volatile nt::KSYSTEM_TIME& t, std::uint64_t v) {
  t.High2Time = static_cast<win::LONG>(v >> 32);
  __atomic_store_n(&t.LowPart, static_cast<win::ULONG>(v), __ATOMIC_RELEASE);
  __atomic_store_n(&t.High1Time, static_cast<win::LONG>(v >> 32), __ATOMIC_RELEASE);
}

std::uint64_t now_100ns(clockid_t clock) {
  timespec ts{};
  clock_gettime(clock, &ts);
  return static_cast<std::uint64_t>(ts.tv_sec) * 10000000ull + static_cast<std::uint64_t>(ts.tv_nsec) / 100;
}

void update_clocks(nt::KUSER_SHARED_DATA* d) {
  std::uint64_t boot = now_100ns(CLOCK_MONOTONIC);
  store_time(d->InterruptTime, boot);
  store_time(d->SystemTime, now_100ns(CLOCK_REALTIME) + kEpochDifference);
  std::uint64_t ms = boot / 10000;
  store_time(d->TickCount, ms);
  d->TickCountLowDeprecated = static_cast<win::ULONG>(ms);
}

void fill_constants(nt::KUSER_SHARED_DATA* d) {
  d->TickCountMultiplier = 1u << 24;  // TickCount is kept in milliseconds
  const char16_t root[] = u"C:\\windows";
  std::memcpy(d->NtSystemRoot, root, sizeof root);
  d->MaxStackTraceDepth = 0;
  d->NtBuildNumber = nt::kWindowsBuild;
  d->NtProductType = 1;  // NtProductWinNt: a workstation
  d->ProductTypeIsValid = 1;
  d->NativeProcessorArchitecture = 9;  // PROCESSOR_ARCHITECTURE_AMD64
  d->NtMajorVersion = nt::kWindowsMajor;
  d->NtMinorVersion = nt::kWindowsMinor;
  d->ImageNumberLow = d->ImageNumberHigh = 0x8664;
  d->ActiveConsoleId = 1;
  tm local{};
  time_t t = time(nullptr);
  localtime_r(&t, &local);
  // Bias is UTC - local time, in 100 ns units.
  store_time(d->TimeZoneBias, static_cast<std::uint64_t>(-static_cast<std::int64_t>(local.tm_gmtoff) * 10000000));
  auto& f = d->ProcessorFeatures;
  __builtin_cpu_init();
  f[1] = 0;   // PF_FLOATING_POINT_EMULATED: no
  f[3] = 1;   // PF_MMX_INSTRUCTIONS_AVAILABLE
  f[6] = 1;   // PF_XMMI_INSTRUCTIONS_AVAILABLE (SSE)
  f[8] = 1;   // PF_RDTSC_INSTRUCTION_AVAILABLE
  f[9] = 1;   // PF_PAE_ENABLED
  f[10] = 1;  // PF_XMMI64_INSTRUCTIONS_AVAILABLE (SSE2)
  f[12] = 1;  // PF_NX_ENABLED
  f[13] = __builtin_cpu_supports("sse3") ? 1 : 0;
  f[14] = 1;  // PF_COMPARE_EXCHANGE128 (every x86-64 CPU Windows 10 supports)
  f[17] = 1;  // PF_XSAVE_ENABLED
  f[20] = 1;  // PF_SECOND_LEVEL_ADDRESS_TRANSLATION
  f[23] = 1;  // PF_FASTFAIL_AVAILABLE
  f[36] = __builtin_cpu_supports("ssse3") ? 1 : 0;
  f[37] = __builtin_cpu_supports("sse4.1") ? 1 : 0;
  f[38] = __builtin_cpu_supports("sse4.2") ? 1 : 0;
  f[39] = __builtin_cpu_supports("avx") ? 1 : 0;
  f[40] = __builtin_cpu_supports("avx2") ? 1 : 0;
  f[41] = __builtin_cpu_supports("avx512f") ? 1 : 0;
}

}  // namespace

bool map_shared_user_data() {
  int fd = memfd_create("KUSER_SHARED_DATA", MFD_CLOEXEC);
  if (fd < 0 || ftruncate(fd, sizeof(nt::KUSER_SHARED_DATA)) != 0) {
    if (fd >= 0) close(fd);
    return false;
  }
  void* want = reinterpret_cast<void*>(nt::kUserSharedDataAddress);
  void* ro = mmap(want, sizeof(nt::KUSER_SHARED_DATA), PROT_READ, MAP_SHARED | MAP_FIXED_NOREPLACE, fd, 0);
  void* rw = mmap(nullptr, sizeof(nt::KUSER_SHARED_DATA), PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
  close(fd);
  if (ro != want || rw == MAP_FAILED) {
    ERR("cannot map KUSER_SHARED_DATA at %p\n", want);
    return false;
  }
  auto* data = static_cast<nt::KUSER_SHARED_DATA*>(rw);
  fill_constants(data);
  update_clocks(data);
  // Windows updates these fields on every timer interrupt (15.6 ms).
  std::thread([data] {
    for (;;) {
      std::this_thread::sleep_for(std::chrono::microseconds(15625));
      update_clocks(data);
    }
  }).detach();
  return true;
}

}  // namespace sill::loader
