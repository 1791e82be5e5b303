// Clocks in Windows units, and KUSER_SHARED_DATA upkeep.
#pragma once
#include <cstdint>

#include "ntdll/nt_structs.h"

namespace sill::nt {

// 100 ns intervals since 1601-01-01 UTC.
std::int64_t system_time_now();
// QueryPerformanceCounter ticks (10 MHz, as Windows 10 reports) from a monotonic clock.
std::int64_t performance_counter();
inline constexpr std::int64_t kPerformanceFrequency = 10000000;
// Milliseconds since boot (GetTickCount64).
std::uint64_t tick_count_ms();
// The local time zone's bias in minutes (UTC = local + bias), as Windows defines it.
win::LONG timezone_bias_minutes();

// Fills the fields that never change (version, processor features, system root).
// Call once after mapping the page writable.
void initialize_shared_data(KUSER_SHARED_DATA* data);
// Refreshes the clocks (SystemTime, InterruptTime, TickCount, TimeZoneBias) in the
// order Windows readers expect (High2, Low, High1). Call every few milliseconds.
void update_shared_data(KUSER_SHARED_DATA* data);

// Whether the CPU has a Windows PF_* processor feature.
bool processor_feature(win::DWORD feature);

}  // namespace sill::nt
