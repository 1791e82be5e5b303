// synchapi.h: critical sections, SRW locks and condition variables (thin layers
// over ntdll's), events, mutexes, semaphores, the wait functions, and Sleep.
#include <algorithm>
#include <vector>

#include "base/debug.h"
#include "ntdll/apc.h"
#include "ntdll/handle_table.h"
#include "ntdll/object_namespace.h"
#include "ntdll/ntdll_api.h"
#include "ntdll/process_internal.h"
#include "ntdll/sync.h"
#include "win32/kernel32/kernel32.h"
#include "win32/kernel32/kernel32_internal.h"

SILL_DEFAULT_DEBUG_CHANNEL(sync);

namespace sill::kernel32 {

namespace {
ntdll::RTL_CRITICAL_SECTION* rtl(CRITICAL_SECTION* cs) { return reinterpret_cast<ntdll::RTL_CRITICAL_SECTION*>(cs); }
ntdll::RTL_SRWLOCK* rtl(SRWLOCK* l) { return reinterpret_cast<ntdll::RTL_SRWLOCK*>(l); }
ntdll::RTL_CONDITION_VARIABLE* rtl(CONDITION_VARIABLE* c) { return reinterpret_cast<ntdll::RTL_CONDITION_VARIABLE*>(c); }
ntdll::RTL_RUN_ONCE* rtl(INIT_ONCE* o) { return reinterpret_cast<ntdll::RTL_RUN_ONCE*>(o); }

// Milliseconds -> NT relative timeout; nullptr for INFINITE.
const LARGE_INTEGER* nt_timeout(DWORD ms, LARGE_INTEGER* storage) {
  if (ms == INFINITE) return nullptr;
  storage->QuadPart = -static_cast<LONGLONG>(ms) * 10000;
  return storage;
}


DWORD wait_handles(DWORD count, const HANDLE* handles, bool wait_all, DWORD ms, bool alertable) {
  constexpr DWORD MAXIMUM_WAIT_OBJECTS = 64;
  if (count == 0 || count > MAXIMUM_WAIT_OBJECTS || !handles) return fail_error(win::ERROR_INVALID_PARAMETER, WAIT_FAILED);
  nt::Waitable* objs[MAXIMUM_WAIT_OBJECTS];
  nt::Object* pinned[MAXIMUM_WAIT_OBJECTS];
  DWORD n = 0;
  {
    // Uncontended path: objects looked up and tried under the table's lock, no references taken.
    const nt::HandleTable& table = nt::handle_table();
    auto guard = table.lock_for_lookup();
    for (DWORD i = 0; i < count; ++i) {
      nt::Object* o = table.lookup_locked(handles[i]);
      if (!o) return fail_status(nt::STATUS_INVALID_HANDLE, WAIT_FAILED);
      nt::Waitable* w = nt::as_waitable(o);
      if (!w) {
        // Files are always signaled for synchronous I/O.
        if (o->type() != nt::ObjectType::File) return fail_error(win::ERROR_INVALID_HANDLE, WAIT_FAILED);
        if (!wait_all) return WAIT_OBJECT_0 + i;
        continue;
      }
      pinned[n] = o;
      objs[n++] = w;
    }
    if (n == 0) return WAIT_OBJECT_0;
    if (!alertable)
      if (auto r = nt::try_wait(std::span<nt::Waitable* const>(objs, n), wait_all)) return *r;
    if (ms == 0 && !alertable) return WAIT_TIMEOUT;
    for (DWORD i = 0; i < n; ++i) pinned[i]->add_ref();  // they must outlive a close during the wait
  }
  DWORD r = nt::wait_for_objects(std::span<nt::Waitable* const>(objs, n), wait_all, ms, alertable);
  for (DWORD i = 0; i < n; ++i) pinned[i]->release();
  return r;
}
}  // namespace

// ---- named objects (shared with memoryapi_mapping.cpp) ----

// Inserts a new object, or for a name that exists already, a handle to the existing one with
// ERROR_ALREADY_EXISTS (a different kind of object under the name: ERROR_INVALID_HANDLE).
HANDLE insert_new_object(LPCWSTR name, nt::Ref<nt::Object> fresh, DWORD access, SECURITY_ATTRIBUTES* sa) {
  DWORD flags = (sa && sa->bInheritHandle) ? nt::HANDLE_FLAG_INHERIT : 0;
  if (!name || !*name) {
    nt::set_last_error(win::ERROR_SUCCESS);
    return nt::handle_table().insert(std::move(fresh), access, flags);
  }
  FIXME_ONCE("named file mappings and timers are visible in this process only\n");
  nt::ObjectType type = fresh->type();
  bool existed = false;
  nt::Ref<nt::Object> obj = nt::open_or_insert_named_object(name, std::move(fresh), &existed);
  if (existed && obj->type() != type) return fail_error(win::ERROR_INVALID_HANDLE, nullptr);
  HANDLE h = nt::handle_table().insert(std::move(obj), access, flags);
  nt::set_last_error(existed ? win::ERROR_ALREADY_EXISTS : win::ERROR_SUCCESS);
  return h;
}

// A handle to an existing named object of the given kind.
HANDLE open_named_object(LPCWSTR name, nt::ObjectType type, DWORD access, BOOL inherit) {
  if (!name) return fail_error(win::ERROR_INVALID_PARAMETER, nullptr);
  nt::Ref<nt::Object> obj = nt::find_named_object(name);
  if (!obj) return fail_error(win::ERROR_FILE_NOT_FOUND, nullptr);
  if (obj->type() != type) return fail_error(win::ERROR_INVALID_HANDLE, nullptr);
  return nt::handle_table().insert(std::move(obj), access, inherit ? nt::HANDLE_FLAG_INHERIT : 0);
}

// ---- critical sections, SRW locks, condition variables, init-once ----

void WINAPI InitializeCriticalSection(CRITICAL_SECTION* cs) noexcept { ntdll::RtlInitializeCriticalSection(rtl(cs)); }
BOOL WINAPI InitializeCriticalSectionAndSpinCount(CRITICAL_SECTION* cs, DWORD spin) noexcept {
  ntdll::RtlInitializeCriticalSectionAndSpinCount(rtl(cs), spin);
  return TRUE;
}
BOOL WINAPI InitializeCriticalSectionEx(CRITICAL_SECTION* cs, DWORD spin, DWORD flags) noexcept {
  ntdll::RtlInitializeCriticalSectionEx(rtl(cs), spin, flags);
  return TRUE;
}
void WINAPI DeleteCriticalSection(CRITICAL_SECTION* cs) noexcept { ntdll::RtlDeleteCriticalSection(rtl(cs)); }
void WINAPI EnterCriticalSection(CRITICAL_SECTION* cs) noexcept { ntdll::RtlEnterCriticalSection(rtl(cs)); }
BOOL WINAPI TryEnterCriticalSection(CRITICAL_SECTION* cs) noexcept { return ntdll::RtlTryEnterCriticalSection(rtl(cs)); }
void WINAPI LeaveCriticalSection(CRITICAL_SECTION* cs) noexcept { ntdll::RtlLeaveCriticalSection(rtl(cs)); }
DWORD WINAPI SetCriticalSectionSpinCount(CRITICAL_SECTION* cs, DWORD spin) noexcept {
  return ntdll::RtlSetCriticalSectionSpinCount(rtl(cs), spin);
}

void WINAPI InitializeSRWLock(SRWLOCK* lock) noexcept { ntdll::RtlInitializeSRWLock(rtl(lock)); }
void WINAPI AcquireSRWLockExclusive(SRWLOCK* lock) noexcept { ntdll::RtlAcquireSRWLockExclusive(rtl(lock)); }
void WINAPI AcquireSRWLockShared(SRWLOCK* lock) noexcept { ntdll::RtlAcquireSRWLockShared(rtl(lock)); }
void WINAPI ReleaseSRWLockExclusive(SRWLOCK* lock) noexcept { ntdll::RtlReleaseSRWLockExclusive(rtl(lock)); }
void WINAPI ReleaseSRWLockShared(SRWLOCK* lock) noexcept { ntdll::RtlReleaseSRWLockShared(rtl(lock)); }
BOOLEAN WINAPI TryAcquireSRWLockExclusive(SRWLOCK* lock) noexcept { return ntdll::RtlTryAcquireSRWLockExclusive(rtl(lock)); }
BOOLEAN WINAPI TryAcquireSRWLockShared(SRWLOCK* lock) noexcept { return ntdll::RtlTryAcquireSRWLockShared(rtl(lock)); }

void WINAPI InitializeConditionVariable(CONDITION_VARIABLE* cv) noexcept { ntdll::RtlInitializeConditionVariable(rtl(cv)); }
void WINAPI WakeConditionVariable(CONDITION_VARIABLE* cv) noexcept { ntdll::RtlWakeConditionVariable(rtl(cv)); }
void WINAPI WakeAllConditionVariable(CONDITION_VARIABLE* cv) noexcept { ntdll::RtlWakeAllConditionVariable(rtl(cv)); }
BOOL WINAPI SleepConditionVariableCS(CONDITION_VARIABLE* cv, CRITICAL_SECTION* cs, DWORD ms) noexcept {
  LARGE_INTEGER t;
  NTSTATUS s = ntdll::RtlSleepConditionVariableCS(rtl(cv), rtl(cs), nt_timeout(ms, &t));
  return s == nt::STATUS_SUCCESS ? TRUE : fail_error(win::ERROR_TIMEOUT, FALSE);
}
BOOL WINAPI SleepConditionVariableSRW(CONDITION_VARIABLE* cv, SRWLOCK* lock, DWORD ms, ULONG flags) noexcept {
  LARGE_INTEGER t;
  NTSTATUS s = ntdll::RtlSleepConditionVariableSRW(rtl(cv), rtl(lock), nt_timeout(ms, &t), flags);
  return s == nt::STATUS_SUCCESS ? TRUE : fail_error(win::ERROR_TIMEOUT, FALSE);
}

BOOL WINAPI InitOnceExecuteOnce(INIT_ONCE* once, PINIT_ONCE_FN fn, void* param, void** context) noexcept {
  // PINIT_ONCE_FN returns BOOL; the Rtl callback returns a ULONG: same register.
  NTSTATUS s = ntdll::RtlRunOnceExecuteOnce(rtl(once), reinterpret_cast<ntdll::PRTL_RUN_ONCE_INIT_FN>(fn), param, context);
  return nt::nt_success(s) ? TRUE : fail_status(s, FALSE);
}
BOOL WINAPI InitOnceBeginInitialize(INIT_ONCE* once, DWORD flags, BOOL* pending, void** context) noexcept {
  NTSTATUS s = ntdll::RtlRunOnceBeginInitialize(rtl(once), flags, context);
  if (s == nt::STATUS_PENDING) {
    *pending = TRUE;
    return TRUE;
  }
  if (s == nt::STATUS_SUCCESS) {
    *pending = FALSE;
    return TRUE;
  }
  return fail_status(s, FALSE);
}
BOOL WINAPI InitOnceComplete(INIT_ONCE* once, DWORD flags, void* context) noexcept {
  NTSTATUS s = ntdll::RtlRunOnceComplete(rtl(once), flags, context);
  return nt::nt_success(s) ? TRUE : fail_status(s, FALSE);
}

// ---- kernel objects ----

HANDLE WINAPI CreateEventW(SECURITY_ATTRIBUTES* sa, BOOL manual_reset, BOOL initial, LPCWSTR name) noexcept {
  try {
    nt::shared::InitialState init;
    init.manual = manual_reset != 0;
    init.signaled = initial != 0;
    return create_sync_object(nt::shared::Kind::Event, init, name, 0x1F0003, sa);
  } catch (...) {
    return fail_error(win::ERROR_NOT_ENOUGH_MEMORY, nullptr);
  }
}
HANDLE WINAPI CreateEventA(SECURITY_ATTRIBUTES* sa, BOOL manual_reset, BOOL initial, LPCSTR name) noexcept {
  return CreateEventW(sa, manual_reset, initial, ptr(from_ansi(name)));
}
HANDLE WINAPI CreateEventExW(SECURITY_ATTRIBUTES* sa, LPCWSTR name, DWORD flags, DWORD access) noexcept {
  constexpr DWORD CREATE_EVENT_MANUAL_RESET = 1, CREATE_EVENT_INITIAL_SET = 2;
  return CreateEventW(sa, (flags & CREATE_EVENT_MANUAL_RESET) != 0, (flags & CREATE_EVENT_INITIAL_SET) != 0, name);
}

BOOL WINAPI SetEvent(HANDLE h) noexcept {
  auto e = nt::handle_table().get<nt::Event>(h);
  if (!e) return fail_status(e.error(), FALSE);
  nt::set_event(**e);
  return TRUE;
}
BOOL WINAPI ResetEvent(HANDLE h) noexcept {
  auto e = nt::handle_table().get<nt::Event>(h);
  if (!e) return fail_status(e.error(), FALSE);
  nt::reset_event(**e);
  return TRUE;
}
BOOL WINAPI PulseEvent(HANDLE h) noexcept {
  auto e = nt::handle_table().get<nt::Event>(h);
  if (!e) return fail_status(e.error(), FALSE);
  nt::pulse_event(**e);
  return TRUE;
}

HANDLE WINAPI CreateMutexW(SECURITY_ATTRIBUTES* sa, BOOL initial_owner, LPCWSTR name) noexcept {
  try {
    // FIXME: opening an existing mutex with initial_owner does not take it (Windows ignores it too).
    nt::shared::InitialState init;
    init.owner_tid = initial_owner ? nt::current_thread_id() : 0;
    return create_sync_object(nt::shared::Kind::Mutex, init, name, 0x1F0001, sa);
  } catch (...) {
    return fail_error(win::ERROR_NOT_ENOUGH_MEMORY, nullptr);
  }
}
HANDLE WINAPI CreateMutexA(SECURITY_ATTRIBUTES* sa, BOOL initial_owner, LPCSTR name) noexcept {
  return CreateMutexW(sa, initial_owner, ptr(from_ansi(name)));
}
BOOL WINAPI ReleaseMutex(HANDLE h) noexcept {
  auto m = nt::handle_table().get<nt::Mutex>(h);
  if (!m) return fail_status(m.error(), FALSE);
  bool ok = false;
  DWORD tid = nt::current_thread_id();
  if ((*m)->shared_) return nt::shared::release_mutex((*m)->shared_, tid) ? TRUE : fail_error(win::ERROR_NOT_OWNER, FALSE);
  nt::signal_object(**m, [&] {
    if ((*m)->count > 0 && (*m)->owner == tid) {
      ok = true;
      if (--(*m)->count == 0) (*m)->owner = 0;
    }
  });
  return ok ? TRUE : fail_error(win::ERROR_NOT_OWNER, FALSE);
}

HANDLE WINAPI CreateSemaphoreW(SECURITY_ATTRIBUTES* sa, LONG initial, LONG maximum, LPCWSTR name) noexcept {
  if (maximum <= 0 || initial < 0 || initial > maximum) return fail_error(win::ERROR_INVALID_PARAMETER, nullptr);
  try {
    nt::shared::InitialState init;
    init.count = initial;
    init.max = maximum;
    return create_sync_object(nt::shared::Kind::Semaphore, init, name, 0x1F0003, sa);
  } catch (...) {
    return fail_error(win::ERROR_NOT_ENOUGH_MEMORY, nullptr);
  }
}
HANDLE WINAPI CreateSemaphoreA(SECURITY_ATTRIBUTES* sa, LONG initial, LONG maximum, LPCSTR name) noexcept {
  return CreateSemaphoreW(sa, initial, maximum, ptr(from_ansi(name)));
}
BOOL WINAPI ReleaseSemaphore(HANDLE h, LONG count, LONG* previous) noexcept {
  auto s = nt::handle_table().get<nt::Semaphore>(h);
  if (!s) return fail_status(s.error(), FALSE);
  if (count <= 0) return fail_error(win::ERROR_INVALID_PARAMETER, FALSE);
  if ((*s)->shared_)
    return nt::shared::release_semaphore((*s)->shared_, count, previous) ? TRUE : fail_error(win::ERROR_TOO_MANY_POSTS, FALSE);
  bool ok = false;
  nt::signal_object(**s, [&] {
    LONG c = (*s)->count;
    if (count <= (*s)->max - c) {
      if (previous) *previous = c;
      (*s)->count = c + count;
      ok = true;
    }
  });
  return ok ? TRUE : fail_error(win::ERROR_TOO_MANY_POSTS, FALSE);
}


HANDLE WINAPI OpenEventW(DWORD access, BOOL inherit, LPCWSTR name) noexcept {
  return open_sync_object(nt::shared::Kind::Event, name, access, inherit);
}
HANDLE WINAPI OpenEventA(DWORD access, BOOL inherit, LPCSTR name) noexcept {
  return OpenEventW(access, inherit, ptr(from_ansi(name)));
}
HANDLE WINAPI OpenMutexW(DWORD access, BOOL inherit, LPCWSTR name) noexcept {
  return open_sync_object(nt::shared::Kind::Mutex, name, access, inherit);
}
HANDLE WINAPI OpenMutexA(DWORD access, BOOL inherit, LPCSTR name) noexcept {
  return OpenMutexW(access, inherit, ptr(from_ansi(name)));
}
HANDLE WINAPI OpenSemaphoreW(DWORD access, BOOL inherit, LPCWSTR name) noexcept {
  return open_sync_object(nt::shared::Kind::Semaphore, name, access, inherit);
}
HANDLE WINAPI OpenSemaphoreA(DWORD access, BOOL inherit, LPCSTR name) noexcept {
  return OpenSemaphoreW(access, inherit, ptr(from_ansi(name)));
}

// ---- waits and sleeps ----

DWORD WINAPI WaitForMultipleObjectsEx(DWORD count, const HANDLE* handles, BOOL wait_all, DWORD ms,
                                      BOOL alertable) noexcept {
  try {
    DWORD r = wait_handles(count, handles, wait_all != 0, ms, alertable != 0);
    if (r == nt::WAIT_IO_COMPLETION) nt::run_user_apcs();
    return r;
  } catch (...) {
    return fail_error(win::ERROR_NOT_ENOUGH_MEMORY, WAIT_FAILED);
  }
}
DWORD WINAPI WaitForMultipleObjects(DWORD count, const HANDLE* handles, BOOL wait_all, DWORD ms) noexcept {
  return WaitForMultipleObjectsEx(count, handles, wait_all, ms, FALSE);
}
DWORD WINAPI WaitForSingleObjectEx(HANDLE h, DWORD ms, BOOL alertable) noexcept {
  return WaitForMultipleObjectsEx(1, &h, FALSE, ms, alertable);
}
DWORD WINAPI WaitForSingleObject(HANDLE h, DWORD ms) noexcept { return WaitForMultipleObjectsEx(1, &h, FALSE, ms, FALSE); }

DWORD WINAPI SleepEx(DWORD ms, BOOL alertable) noexcept {
  if (alertable) {
    // An alertable sleep is an alertable wait on nothing: it ends early when APCs arrive.
    if (nt::wait_for_objects({}, false, ms, true) != nt::WAIT_IO_COMPLETION) return 0;
    nt::run_user_apcs();
    return nt::WAIT_IO_COMPLETION;
  }
  LARGE_INTEGER t;
  if (ms == INFINITE) {
    ntdll::NtDelayExecution(alertable != 0, nullptr);
    return 0;
  }
  t.QuadPart = -static_cast<LONGLONG>(ms) * 10000;
  ntdll::NtDelayExecution(alertable != 0, &t);
  return 0;
}
void WINAPI Sleep(DWORD ms) noexcept { SleepEx(ms, FALSE); }

}  // namespace sill::kernel32
