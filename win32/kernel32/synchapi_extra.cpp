// synchapi.h's WaitOnAddress family, and scheduling calls (processthreadsapi.h)
// that have a direct Linux counterpart.
#include <sched.h>
#include <unistd.h>

#include <cstdint>
#include <cstring>

#include "base/debug.h"
#include "ntdll/handle_table.h"
#include "ntdll/sync.h"
#include "win32/kernel32/kernel32.h"
#include "win32/kernel32/kernel32_internal.h"

SILL_DEFAULT_DEBUG_CHANNEL(sync);

namespace sill::kernel32 {

namespace {
// Waiters and wakers meet on the aligned 32-bit word holding the address.
volatile std::int32_t* word_of(volatile void* a) {
  return reinterpret_cast<volatile std::int32_t*>(reinterpret_cast<std::uintptr_t>(a) & ~std::uintptr_t{3});
}
}  // namespace

BOOL WINAPI WaitOnAddress(volatile void* address, void* compare, SIZE_T size, DWORD ms) noexcept {
  if (!address || !compare || (size != 1 && size != 2 && size != 4 && size != 8))
    return fail_error(win::ERROR_INVALID_PARAMETER, FALSE);
  std::uint64_t deadline = ms == INFINITE ? 0 : nt::monotonic_ms() + ms;
  volatile std::int32_t* w = word_of(address);
  for (;;) {
    std::int32_t seen = __atomic_load_n(w, __ATOMIC_SEQ_CST);
    if (std::memcmp(const_cast<void*>(address), compare, size) != 0) return TRUE;
    DWORD left = INFINITE;
    if (ms != INFINITE) {
      std::uint64_t now = nt::monotonic_ms();
      if (now >= deadline) return fail_error(win::ERROR_TIMEOUT, FALSE);
      left = static_cast<DWORD>(deadline - now);
    }
    // Returning after any wake is allowed: callers re-check their condition.
    if (nt::futex_wait(w, seen, left)) return TRUE;
  }
}

void WINAPI WakeByAddressSingle(void* address) noexcept { nt::futex_wake(word_of(address), 1); }
void WINAPI WakeByAddressAll(void* address) noexcept { nt::futex_wake(word_of(address), 0x7FFFFFFF); }

BOOL WINAPI SwitchToThread() noexcept {
  sched_yield();
  return TRUE;
}

DWORD WINAPI GetCurrentProcessorNumber() noexcept {
  int cpu = sched_getcpu();
  return cpu < 0 ? 0 : static_cast<DWORD>(cpu);
}

// SetThreadPriority/GetThreadPriority: processthreadsapi_thread_info.cpp.

BOOL WINAPI GetProcessAffinityMask(HANDLE process, DWORD_PTR* process_mask, DWORD_PTR* system_mask) noexcept {
  if (process != nt::current_process_handle()) return fail_error(win::ERROR_INVALID_HANDLE, FALSE);
  cpu_set_t set;
  DWORD_PTR mask = 0;
  if (sched_getaffinity(0, sizeof set, &set) == 0) {
    for (int i = 0; i < 64; ++i)
      if (CPU_ISSET(i, &set)) mask |= DWORD_PTR{1} << i;
  }
  if (!mask) mask = 1;
  if (process_mask) *process_mask = mask;
  if (system_mask) *system_mask = mask;
  return TRUE;
}

BOOL WINAPI IsWow64Process(HANDLE process, BOOL* wow64) noexcept {
  if (!wow64) return fail_error(win::ERROR_INVALID_PARAMETER, FALSE);
  *wow64 = FALSE;  // every process here is native 64-bit
  return TRUE;
}

BOOL WINAPI HeapSetInformation(HANDLE heap, int info_class, void* info, SIZE_T length) noexcept {
  FIXME_ONCE("heap information class %d is accepted and ignored", info_class);
  return TRUE;
}

}  // namespace sill::kernel32
