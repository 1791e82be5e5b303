// Critical sections on the Windows RTL_CRITICAL_SECTION layout. LockCount keeps
// the classic NT meaning (-1 free, then +1 per acquire attempt); contended
// threads sleep on a futex in the low half of LockSemaphore, which Leave posts.
#include <sched.h>

#include "base/debug.h"
#include "ntdll/ntdll_api.h"
#include "ntdll/process_internal.h"
#include "ntdll/status.h"
#include "ntdll/sync.h"

SILL_DEFAULT_DEBUG_CHANNEL(sync);

namespace sill::ntdll {

namespace {
std::int32_t* sem_word(RTL_CRITICAL_SECTION* cs) { return reinterpret_cast<std::int32_t*>(&cs->LockSemaphore); }
HANDLE as_handle(DWORD tid) { return reinterpret_cast<HANDLE>(static_cast<ULONG_PTR>(tid)); }

// The slow paths are ms_abi too: a call from an ms_abi function into a sysv one makes the
// caller save xmm6-15 on every entry, fast path included.
[[gnu::noinline]] void WINAPI wait_handoff(RTL_CRITICAL_SECTION* cs) {
  std::int32_t* w = sem_word(cs);
  for (;;) {
    std::int32_t v = __atomic_load_n(w, __ATOMIC_ACQUIRE);
    if (v > 0) {
      if (__atomic_compare_exchange_n(w, &v, v - 1, false, __ATOMIC_ACQUIRE, __ATOMIC_RELAXED)) return;
      continue;
    }
    nt::futex_wait(w, 0, nt::INFINITE);
  }
}
[[gnu::noinline]] void WINAPI post_handoff(RTL_CRITICAL_SECTION* cs) {
  __atomic_add_fetch(sem_word(cs), 1, __ATOMIC_RELEASE);
  nt::futex_wake(sem_word(cs), 1);
}
[[gnu::noinline]] void WINAPI report_foreign_leave(RTL_CRITICAL_SECTION* cs) {
  ERR("critical section %p left by a thread that does not own it\n", static_cast<void*>(cs));
}
}  // namespace

NTSTATUS WINAPI RtlInitializeCriticalSectionEx(RTL_CRITICAL_SECTION* cs, ULONG spin, ULONG flags) noexcept {
  // No debug info is kept: Windows marks that with DebugInfo == -1.
  cs->DebugInfo = reinterpret_cast<void*>(-1);
  cs->LockCount = -1;
  cs->RecursionCount = 0;
  cs->OwningThread = nullptr;
  cs->LockSemaphore = nullptr;
  cs->SpinCount = spin & 0x00FFFFFF;
  return nt::STATUS_SUCCESS;
}
NTSTATUS WINAPI RtlInitializeCriticalSection(RTL_CRITICAL_SECTION* cs) noexcept {
  return RtlInitializeCriticalSectionEx(cs, 0, 0);
}
NTSTATUS WINAPI RtlInitializeCriticalSectionAndSpinCount(RTL_CRITICAL_SECTION* cs, ULONG spin) noexcept {
  return RtlInitializeCriticalSectionEx(cs, spin, 0);
}
NTSTATUS WINAPI RtlDeleteCriticalSection(RTL_CRITICAL_SECTION* cs) noexcept {
  cs->LockCount = -1;
  cs->RecursionCount = 0;
  cs->OwningThread = nullptr;
  cs->LockSemaphore = nullptr;
  cs->DebugInfo = nullptr;
  return nt::STATUS_SUCCESS;
}
ULONG WINAPI RtlSetCriticalSectionSpinCount(RTL_CRITICAL_SECTION* cs, ULONG spin) noexcept {
  ULONG old = static_cast<ULONG>(cs->SpinCount);
  cs->SpinCount = spin;
  return old;
}

NTSTATUS WINAPI RtlEnterCriticalSection(RTL_CRITICAL_SECTION* cs) noexcept {
  const DWORD tid = nt::current_thread_id();
  if (cs->SpinCount) {
    for (ULONG_PTR i = 0; i < cs->SpinCount; ++i) {
      LONG expected = -1;
      if (__atomic_compare_exchange_n(&cs->LockCount, &expected, 0, false, __ATOMIC_ACQUIRE, __ATOMIC_RELAXED)) {
        cs->OwningThread = as_handle(tid);
        cs->RecursionCount = 1;
        return nt::STATUS_SUCCESS;
      }
      if (cs->OwningThread == as_handle(tid)) break;
      __builtin_ia32_pause();
    }
  }
  if (__atomic_add_fetch(&cs->LockCount, 1, __ATOMIC_ACQUIRE) != 0) {
    if (cs->OwningThread == as_handle(tid)) {
      ++cs->RecursionCount;
      return nt::STATUS_SUCCESS;
    }
    wait_handoff(cs);
  }
  cs->OwningThread = as_handle(tid);
  cs->RecursionCount = 1;
  return nt::STATUS_SUCCESS;
}

BOOL WINAPI RtlTryEnterCriticalSection(RTL_CRITICAL_SECTION* cs) noexcept {
  const DWORD tid = nt::current_thread_id();
  LONG expected = -1;
  if (__atomic_compare_exchange_n(&cs->LockCount, &expected, 0, false, __ATOMIC_ACQUIRE, __ATOMIC_RELAXED)) {
    cs->OwningThread = as_handle(tid);
    cs->RecursionCount = 1;
    return TRUE;
  }
  if (cs->OwningThread == as_handle(tid)) {
    __atomic_add_fetch(&cs->LockCount, 1, __ATOMIC_RELAXED);
    ++cs->RecursionCount;
    return TRUE;
  }
  return FALSE;
}

NTSTATUS WINAPI RtlLeaveCriticalSection(RTL_CRITICAL_SECTION* cs) noexcept {
  if (cs->OwningThread != as_handle(nt::current_thread_id())) {
    report_foreign_leave(cs);
    return nt::STATUS_SUCCESS;  // Windows does not check either; do no harm
  }
  if (--cs->RecursionCount > 0) {
    __atomic_sub_fetch(&cs->LockCount, 1, __ATOMIC_RELEASE);
    return nt::STATUS_SUCCESS;
  }
  cs->OwningThread = nullptr;
  if (__atomic_sub_fetch(&cs->LockCount, 1, __ATOMIC_RELEASE) >= 0) post_handoff(cs);
  return nt::STATUS_SUCCESS;
}

BOOL WINAPI RtlIsCriticalSectionLockedByThread(RTL_CRITICAL_SECTION* cs) noexcept {
  return cs->OwningThread == as_handle(nt::current_thread_id()) && cs->RecursionCount > 0;
}

}  // namespace sill::ntdll
