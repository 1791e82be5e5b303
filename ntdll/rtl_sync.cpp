// SRW locks, condition variables and run-once, all in their pointer-sized
// Windows objects: futex words in the low half, waiter counts in the high half.
#include <cerrno>

#include "base/debug.h"
#include "ntdll/ntdll_api.h"
#include "ntdll/status.h"
#include "ntdll/sync.h"

SILL_DEFAULT_DEBUG_CHANNEL(sync);

namespace sill::ntdll {

// NT timeouts: negative = relative in 100 ns units; positive = absolute system time.
DWORD timeout_ms(const LARGE_INTEGER* t) {
  if (!t) return nt::INFINITE;
  if (t->QuadPart >= 0) {
    LARGE_INTEGER now;
    NtQuerySystemTime(&now);
    LONGLONG d = t->QuadPart - now.QuadPart;
    return d <= 0 ? 0 : static_cast<DWORD>(std::min<LONGLONG>((d + 9999) / 10000, 0xFFFFFFFE));
  }
  LONGLONG ms = (-t->QuadPart + 9999) / 10000;
  return static_cast<DWORD>(std::min<LONGLONG>(ms, 0xFFFFFFFE));
}

namespace {
struct Words {
  std::int32_t state;    // SRW: 0 free, >0 readers, -1 writer; CV: sequence; run-once: state
  std::int32_t waiters;
};
Words* words(void* p) { return static_cast<Words*>(p); }


void wait_on(Words* w, std::int32_t seen) {
  __atomic_add_fetch(&w->waiters, 1, __ATOMIC_SEQ_CST);
  nt::futex_wait(&w->state, seen, nt::INFINITE);
  __atomic_sub_fetch(&w->waiters, 1, __ATOMIC_SEQ_CST);
}
void wake_if_waiting(Words* w) {
  if (__atomic_load_n(&w->waiters, __ATOMIC_SEQ_CST) > 0) nt::futex_wake(&w->state, 0x7FFFFFFF);
}
}  // namespace

void WINAPI RtlInitializeSRWLock(RTL_SRWLOCK* lock) noexcept { lock->Ptr = nullptr; }

BOOLEAN WINAPI RtlTryAcquireSRWLockExclusive(RTL_SRWLOCK* lock) noexcept {
  std::int32_t expected = 0;
  return __atomic_compare_exchange_n(&words(lock)->state, &expected, -1, false, __ATOMIC_ACQUIRE, __ATOMIC_RELAXED);
}
BOOLEAN WINAPI RtlTryAcquireSRWLockShared(RTL_SRWLOCK* lock) noexcept {
  Words* w = words(lock);
  std::int32_t s = __atomic_load_n(&w->state, __ATOMIC_RELAXED);
  while (s >= 0)
    if (__atomic_compare_exchange_n(&w->state, &s, s + 1, false, __ATOMIC_ACQUIRE, __ATOMIC_RELAXED)) return 1;
  return 0;
}
void WINAPI RtlAcquireSRWLockExclusive(RTL_SRWLOCK* lock) noexcept {
  Words* w = words(lock);
  for (;;) {
    std::int32_t s = 0;
    if (__atomic_compare_exchange_n(&w->state, &s, -1, false, __ATOMIC_ACQUIRE, __ATOMIC_RELAXED)) return;
    wait_on(w, s);
  }
}
void WINAPI RtlAcquireSRWLockShared(RTL_SRWLOCK* lock) noexcept {
  Words* w = words(lock);
  for (;;) {
    std::int32_t s = __atomic_load_n(&w->state, __ATOMIC_RELAXED);
    if (s >= 0) {
      if (__atomic_compare_exchange_n(&w->state, &s, s + 1, false, __ATOMIC_ACQUIRE, __ATOMIC_RELAXED)) return;
      continue;
    }
    wait_on(w, s);
  }
}
void WINAPI RtlReleaseSRWLockExclusive(RTL_SRWLOCK* lock) noexcept {
  Words* w = words(lock);
  __atomic_store_n(&w->state, 0, __ATOMIC_SEQ_CST);
  wake_if_waiting(w);
}
void WINAPI RtlReleaseSRWLockShared(RTL_SRWLOCK* lock) noexcept {
  Words* w = words(lock);
  if (__atomic_sub_fetch(&w->state, 1, __ATOMIC_SEQ_CST) == 0) wake_if_waiting(w);
}

void WINAPI RtlInitializeConditionVariable(RTL_CONDITION_VARIABLE* cv) noexcept { cv->Ptr = nullptr; }
void WINAPI RtlWakeConditionVariable(RTL_CONDITION_VARIABLE* cv) noexcept {
  Words* w = words(cv);
  __atomic_add_fetch(&w->state, 1, __ATOMIC_SEQ_CST);
  if (__atomic_load_n(&w->waiters, __ATOMIC_SEQ_CST) > 0) nt::futex_wake(&w->state, 1);
}
void WINAPI RtlWakeAllConditionVariable(RTL_CONDITION_VARIABLE* cv) noexcept {
  Words* w = words(cv);
  __atomic_add_fetch(&w->state, 1, __ATOMIC_SEQ_CST);
  wake_if_waiting(w);
}

namespace {
// Sleeps until woken or timeout; false on timeout. `unlock`/`relock` drop and retake the caller's lock.
template <class Unlock, class Relock>
bool cv_sleep(RTL_CONDITION_VARIABLE* cv, const LARGE_INTEGER* timeout, Unlock unlock, Relock relock) {
  Words* w = words(cv);
  std::int32_t seq = __atomic_load_n(&w->state, __ATOMIC_SEQ_CST);
  __atomic_add_fetch(&w->waiters, 1, __ATOMIC_SEQ_CST);
  unlock();
  bool woke = nt::futex_wait(&w->state, seq, timeout_ms(timeout));
  __atomic_sub_fetch(&w->waiters, 1, __ATOMIC_SEQ_CST);
  relock();
  return woke;
}
}  // namespace

NTSTATUS WINAPI RtlSleepConditionVariableCS(RTL_CONDITION_VARIABLE* cv, RTL_CRITICAL_SECTION* cs,
                                            const LARGE_INTEGER* timeout) noexcept {
  bool woke = cv_sleep(cv, timeout, [&] { RtlLeaveCriticalSection(cs); }, [&] { RtlEnterCriticalSection(cs); });
  return woke ? nt::STATUS_SUCCESS : nt::STATUS_TIMEOUT;
}

NTSTATUS WINAPI RtlSleepConditionVariableSRW(RTL_CONDITION_VARIABLE* cv, RTL_SRWLOCK* lock,
                                             const LARGE_INTEGER* timeout, ULONG flags) noexcept {
  constexpr ULONG CONDITION_VARIABLE_LOCKMODE_SHARED = 1;
  bool shared = flags & CONDITION_VARIABLE_LOCKMODE_SHARED;
  bool woke = cv_sleep(
      cv, timeout,
      [&] { shared ? RtlReleaseSRWLockShared(lock) : RtlReleaseSRWLockExclusive(lock); },
      [&] { shared ? RtlAcquireSRWLockShared(lock) : RtlAcquireSRWLockExclusive(lock); });
  return woke ? nt::STATUS_SUCCESS : nt::STATUS_TIMEOUT;
}

// Run-once: the low two bits of the pointer are the state (0 new, 1 running, 2 done);
// the rest is the context the initializer returned.
namespace {
constexpr ULONG RTL_RUN_ONCE_CHECK_ONLY = 1, RTL_RUN_ONCE_ASYNC = 2, RTL_RUN_ONCE_INIT_FAILED = 4;
}

void WINAPI RtlRunOnceInitialize(RTL_RUN_ONCE* once) noexcept { once->Ptr = nullptr; }

NTSTATUS WINAPI RtlRunOnceBeginInitialize(RTL_RUN_ONCE* once, ULONG flags, void** context) noexcept {
  if (flags & RTL_RUN_ONCE_ASYNC) {
    FIXME("asynchronous run-once is not supported");
    return nt::STATUS_NOT_IMPLEMENTED;
  }
  auto* p = reinterpret_cast<ULONG_PTR*>(&once->Ptr);
  Words* w = words(once);
  for (;;) {
    ULONG_PTR v = __atomic_load_n(p, __ATOMIC_ACQUIRE);
    if ((v & 3) == 2) {
      if (context) *context = reinterpret_cast<void*>(v & ~ULONG_PTR{3});
      return nt::STATUS_SUCCESS;
    }
    if (flags & RTL_RUN_ONCE_CHECK_ONLY) return nt::STATUS_UNSUCCESSFUL;
    if ((v & 3) == 0) {
      if (__atomic_compare_exchange_n(p, &v, ULONG_PTR{1}, false, __ATOMIC_ACQUIRE, __ATOMIC_RELAXED))
        return nt::STATUS_PENDING;
      continue;
    }
    // Running elsewhere: the whole word is 1 while it runs. No waiter count here,
    // since the high half becomes part of the context when done.
    nt::futex_wait(&w->state, 1, nt::INFINITE);
  }
}

NTSTATUS WINAPI RtlRunOnceComplete(RTL_RUN_ONCE* once, ULONG flags, void* context) noexcept {
  auto* p = reinterpret_cast<ULONG_PTR*>(&once->Ptr);
  if ((__atomic_load_n(p, __ATOMIC_ACQUIRE) & 3) != 1) return nt::STATUS_UNSUCCESSFUL;
  if (reinterpret_cast<ULONG_PTR>(context) & 3) return nt::STATUS_INVALID_PARAMETER;
  ULONG_PTR v = (flags & RTL_RUN_ONCE_INIT_FAILED) ? 0 : (reinterpret_cast<ULONG_PTR>(context) | 2);
  __atomic_store_n(p, v, __ATOMIC_RELEASE);
  nt::futex_wake(&words(once)->state, 0x7FFFFFFF);
  return nt::STATUS_SUCCESS;
}

NTSTATUS WINAPI RtlRunOnceExecuteOnce(RTL_RUN_ONCE* once, PRTL_RUN_ONCE_INIT_FN fn, void* param,
                                      void** context) noexcept {
  void* ctx = nullptr;
  NTSTATUS s = RtlRunOnceBeginInitialize(once, 0, &ctx);
  if (s == nt::STATUS_SUCCESS) {
    if (context) *context = ctx;
    return s;
  }
  if (s != nt::STATUS_PENDING) return s;
  ctx = nullptr;
  if (!fn(once, param, &ctx)) {
    RtlRunOnceComplete(once, RTL_RUN_ONCE_INIT_FAILED, nullptr);
    return nt::STATUS_UNSUCCESSFUL;
  }
  RtlRunOnceComplete(once, 0, ctx);
  if (context) *context = ctx;
  return nt::STATUS_SUCCESS;
}

}  // namespace sill::ntdll
