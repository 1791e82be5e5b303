/* More of synchapi.h and processthreadsapi.h: waitable timers (relative, absolute, periodic,
 * manual and synchronization, cancelled, named, with completion routines), abandoned mutexes,
 * SignalObjectAndWait, QueueUserAPC with alertable waits and sleeps, thread descriptions.
 * Timing checks only bound from below by a fraction of the due time and from above by seconds,
 * so a loaded machine cannot make them fail. */
#include <windows.h>

#include "tap.h"

typedef HRESULT(WINAPI *SetThreadDescription_fn)(HANDLE, PCWSTR);
typedef HRESULT(WINAPI *GetThreadDescription_fn)(HANDLE, PWSTR *);

static void rel_due(LARGE_INTEGER *due, LONGLONG ms) { due->QuadPart = -ms * 10000; }

/* ---- timers ---- */

static volatile LONG timer_apc_calls;
static void *timer_apc_arg;
static DWORD timer_apc_tid;
static VOID CALLBACK timer_apc(LPVOID arg, DWORD low, DWORD high)
{
    (void)low;
    (void)high;
    timer_apc_arg = arg;
    timer_apc_tid = GetCurrentThreadId();
    InterlockedIncrement(&timer_apc_calls);
}

static void test_timers(void)
{
    LARGE_INTEGER due;
    HANDLE t = CreateWaitableTimerW(NULL, TRUE, NULL);
    tap_ok(t != NULL, "CreateWaitableTimerW (manual reset)");
    tap_int(WaitForSingleObject(t, 0), WAIT_TIMEOUT, "a new timer is not signaled");
    rel_due(&due, 200);
    ULONGLONG start = GetTickCount64();
    tap_ok(SetWaitableTimer(t, &due, 0, NULL, NULL, FALSE), "SetWaitableTimer relative 200 ms");
    tap_int(WaitForSingleObject(t, 0), WAIT_TIMEOUT, "not signaled before its due time");
    tap_int(WaitForSingleObject(t, 10000), WAIT_OBJECT_0, "signaled at its due time");
    ULONGLONG took = GetTickCount64() - start;
    tap_ok(took >= 150 && took < 8000, "relative due time waited about 200 ms");
    tap_int(WaitForSingleObject(t, 0), WAIT_OBJECT_0, "a manual-reset timer stays signaled");
    rel_due(&due, 5000);
    SetWaitableTimer(t, &due, 0, NULL, NULL, FALSE);
    tap_int(WaitForSingleObject(t, 0), WAIT_TIMEOUT, "setting a timer again makes it non-signaled");
    tap_ok(CancelWaitableTimer(t), "CancelWaitableTimer");
    tap_int(WaitForSingleObject(t, 400), WAIT_TIMEOUT, "a cancelled timer does not fire");
    CloseHandle(t);

    /* Synchronization timer: one waiter released per expiry. */
    t = CreateWaitableTimerExW(NULL, NULL, 0, TIMER_ALL_ACCESS);
    tap_ok(t != NULL, "CreateWaitableTimerExW (synchronization)");
    rel_due(&due, 20);
    SetWaitableTimer(t, &due, 0, NULL, NULL, FALSE);
    tap_int(WaitForSingleObject(t, 10000), WAIT_OBJECT_0, "synchronization timer fires");
    tap_int(WaitForSingleObject(t, 0), WAIT_TIMEOUT, "a synchronization timer resets when a wait takes it");

    /* Absolute due time: now + 150 ms as a FILETIME. */
    FILETIME ft;
    GetSystemTimeAsFileTime(&ft);
    due.LowPart = ft.dwLowDateTime;
    due.HighPart = (LONG)ft.dwHighDateTime;
    due.QuadPart += 150 * 10000;
    start = GetTickCount64();
    SetWaitableTimer(t, &due, 0, NULL, NULL, FALSE);
    tap_int(WaitForSingleObject(t, 10000), WAIT_OBJECT_0, "absolute due time fires");
    took = GetTickCount64() - start;
    tap_ok(took >= 80 && took < 8000, "absolute due time waited about 150 ms");

    /* Periodic: 3 expiries of a 50 ms period. */
    rel_due(&due, 10);
    start = GetTickCount64();
    tap_ok(SetWaitableTimer(t, &due, 50, NULL, NULL, FALSE), "SetWaitableTimer with a period");
    int fired = 0;
    for (int i = 0; i < 3; ++i)
        if (WaitForSingleObject(t, 10000) == WAIT_OBJECT_0) ++fired;
    took = GetTickCount64() - start;
    tap_int(fired, 3, "a periodic timer fires again and again");
    tap_ok(took >= 60 && took < 15000, "periodic expiries are spaced by the period");
    CancelWaitableTimer(t);
    CloseHandle(t);

    /* Completion routine: an APC to the setting thread, run in its alertable wait. */
    t = CreateWaitableTimerW(NULL, FALSE, NULL);
    rel_due(&due, 50);
    tap_ok(SetWaitableTimer(t, &due, 0, timer_apc, (void *)0x1234, FALSE), "SetWaitableTimer with a completion routine");
    Sleep(300);
    tap_int(timer_apc_calls, 0, "the completion routine waits for an alertable wait");
    tap_int(SleepEx(10000, TRUE), WAIT_IO_COMPLETION, "SleepEx alertable returns WAIT_IO_COMPLETION");
    tap_int(timer_apc_calls, 1, "the completion routine ran once");
    tap_ok(timer_apc_arg == (void *)0x1234, "the completion routine got its argument");
    tap_int(timer_apc_tid, GetCurrentThreadId(), "the completion routine ran on the setting thread");
    tap_int(WaitForSingleObject(t, 0), WAIT_OBJECT_0, "a timer with a routine is signaled too");
    CloseHandle(t);

    /* Named timers. */
    t = CreateWaitableTimerW(NULL, TRUE, L"sill_sync_extra_timer");
    tap_ok(t != NULL, "named timer created");
    HANDLE t2 = OpenWaitableTimerW(TIMER_ALL_ACCESS, FALSE, L"sill_sync_extra_timer");
    tap_ok(t2 != NULL, "OpenWaitableTimerW finds it");
    rel_due(&due, 10);
    SetWaitableTimer(t2, &due, 0, NULL, NULL, FALSE);
    tap_int(WaitForSingleObject(t, 10000), WAIT_OBJECT_0, "both handles name one timer");
    SetLastError(0xdeadbeef);
    tap_ok(OpenWaitableTimerW(TIMER_ALL_ACCESS, FALSE, L"sill_sync_extra_no_such_timer") == NULL,
           "OpenWaitableTimerW of a missing name fails");
    tap_int(GetLastError(), ERROR_FILE_NOT_FOUND, "... with ERROR_FILE_NOT_FOUND");
    CloseHandle(t2);
    CloseHandle(t);
}

/* ---- abandoned mutexes ---- */

static DWORD WINAPI take_and_exit(LPVOID m)
{
    return WaitForSingleObject((HANDLE)m, 5000) == WAIT_OBJECT_0 ? 1 : 0;
}

static void test_abandoned(void)
{
    HANDLE m = CreateMutexW(NULL, FALSE, NULL);
    HANDLE th = CreateThread(NULL, 0, take_and_exit, m, 0, NULL);
    tap_int(WaitForSingleObject(th, 10000), WAIT_OBJECT_0, "the owning thread ended");
    DWORD code = 0;
    GetExitCodeThread(th, &code);
    tap_int(code, 1, "the thread had taken the mutex");
    CloseHandle(th);
    tap_int(WaitForSingleObject(m, 5000), WAIT_ABANDONED, "the next wait reports WAIT_ABANDONED");
    tap_ok(ReleaseMutex(m), "... and owns the mutex");
    tap_int(WaitForSingleObject(m, 0), WAIT_OBJECT_0, "abandonment is reported once");
    ReleaseMutex(m);

    HANDLE ev = CreateEventW(NULL, TRUE, FALSE, NULL);
    th = CreateThread(NULL, 0, take_and_exit, m, 0, NULL);
    WaitForSingleObject(th, 10000);
    CloseHandle(th);
    HANDLE both[2] = {ev, m};
    tap_int(WaitForMultipleObjects(2, both, FALSE, 5000), WAIT_ABANDONED_0 + 1, "WaitForMultipleObjects gives WAIT_ABANDONED_0 + index");
    ReleaseMutex(m);
    CloseHandle(ev);
    CloseHandle(m);
}

/* ---- SignalObjectAndWait ---- */

static HANDLE soaw_go, soaw_done;
static DWORD WINAPI soaw_worker(LPVOID arg)
{
    (void)arg;
    if (WaitForSingleObject(soaw_go, 10000) != WAIT_OBJECT_0) return 0;
    SetEvent(soaw_done);
    return 1;
}

static void test_signal_and_wait(void)
{
    soaw_go = CreateEventW(NULL, FALSE, FALSE, NULL);
    soaw_done = CreateEventW(NULL, FALSE, FALSE, NULL);
    HANDLE th = CreateThread(NULL, 0, soaw_worker, NULL, 0, NULL);
    tap_int(SignalObjectAndWait(soaw_go, soaw_done, 10000, FALSE), WAIT_OBJECT_0, "SignalObjectAndWait: event signal, event wait");
    WaitForSingleObject(th, 10000);
    CloseHandle(th);

    HANDLE sem = CreateSemaphoreW(NULL, 0, 1, NULL);
    tap_int(SignalObjectAndWait(sem, sem, 0, FALSE), WAIT_OBJECT_0, "SignalObjectAndWait releases a semaphore");
    tap_int(SignalObjectAndWait(soaw_go, soaw_done, 50, FALSE), WAIT_TIMEOUT, "SignalObjectAndWait times out");
    tap_int(WaitForSingleObject(soaw_go, 0), WAIT_OBJECT_0, "... after signaling");

    HANDLE m = CreateMutexW(NULL, TRUE, NULL);
    tap_int(SignalObjectAndWait(m, sem, 0, FALSE), WAIT_TIMEOUT, "SignalObjectAndWait releases an owned mutex");
    SetLastError(0xdeadbeef);
    tap_int(SignalObjectAndWait(m, sem, 0, FALSE), WAIT_FAILED, "SignalObjectAndWait on a mutex not owned fails");
    tap_int(GetLastError(), ERROR_NOT_OWNER, "... with ERROR_NOT_OWNER");
    CloseHandle(m);
    CloseHandle(sem);
    CloseHandle(soaw_go);
    CloseHandle(soaw_done);
}

/* ---- APCs ---- */

static volatile LONG apc_sum;
static DWORD apc_tid;
static VOID CALLBACK add_apc(ULONG_PTR n)
{
    apc_tid = GetCurrentThreadId();
    InterlockedExchangeAdd(&apc_sum, (LONG)n);
}

static HANDLE alert_ready;
static DWORD WINAPI alertable_sleeper(LPVOID arg)
{
    SetEvent(alert_ready);
    if (arg) {
        HANDLE never = CreateEventW(NULL, TRUE, FALSE, NULL);
        DWORD r = WaitForSingleObjectEx(never, 20000, TRUE);
        CloseHandle(never);
        return r;
    }
    return SleepEx(20000, TRUE);
}

static void test_apcs(void)
{
    apc_sum = 0;
    tap_ok(QueueUserAPC(add_apc, GetCurrentThread(), 7) != 0, "QueueUserAPC to the current thread");
    tap_ok(QueueUserAPC(add_apc, GetCurrentThread(), 30) != 0, "QueueUserAPC a second one");
    SleepEx(0, FALSE);
    tap_int(apc_sum, 0, "a non-alertable sleep runs no APC");
    tap_int(SleepEx(0, TRUE), WAIT_IO_COMPLETION, "SleepEx(0, TRUE) runs them: WAIT_IO_COMPLETION");
    tap_int(apc_sum, 37, "both APCs ran with their arguments");
    tap_int(SleepEx(0, TRUE), 0, "with none queued SleepEx returns 0");

    HANDLE ev = CreateEventW(NULL, TRUE, FALSE, NULL);
    QueueUserAPC(add_apc, GetCurrentThread(), 5);
    tap_int(WaitForSingleObjectEx(ev, 0, FALSE), WAIT_TIMEOUT, "a non-alertable wait ignores APCs");
    tap_int(WaitForSingleObjectEx(ev, 5000, TRUE), WAIT_IO_COMPLETION, "WaitForSingleObjectEx alertable: WAIT_IO_COMPLETION");
    tap_int(apc_sum, 42, "... after running the APC");
    QueueUserAPC(add_apc, GetCurrentThread(), 1);
    tap_int(WaitForMultipleObjectsEx(1, &ev, FALSE, 5000, TRUE), WAIT_IO_COMPLETION, "WaitForMultipleObjectsEx alertable: WAIT_IO_COMPLETION");
    tap_int(apc_sum, 43, "... after running the APC");
    CloseHandle(ev);

    /* An APC wakes another thread that is blocked in an alertable sleep or wait. */
    alert_ready = CreateEventW(NULL, FALSE, FALSE, NULL);
    for (int kind = 0; kind < 2; ++kind) {
        DWORD tid = 0;
        HANDLE th = CreateThread(NULL, 0, alertable_sleeper, (LPVOID)(ULONG_PTR)kind, 0, &tid);
        WaitForSingleObject(alert_ready, 10000);
        Sleep(100); /* most likely inside its wait by now; if not, the APC is waiting for it */
        ULONGLONG start = GetTickCount64();
        QueueUserAPC(add_apc, th, 100);
        tap_int(WaitForSingleObject(th, 15000), WAIT_OBJECT_0, kind ? "the waiting thread woke for the APC" : "the sleeping thread woke for the APC");
        tap_ok(GetTickCount64() - start < 15000, "... long before its timeout");
        DWORD code = 0;
        GetExitCodeThread(th, &code);
        tap_int(code, WAIT_IO_COMPLETION, "... and its wait returned WAIT_IO_COMPLETION");
        tap_int(apc_tid, tid, "... and the APC ran on that thread");
        CloseHandle(th);
    }
    tap_int(apc_sum, 243, "every APC ran once");
    CloseHandle(alert_ready);
}

/* ---- thread descriptions ----
 * Windows returns HRESULT_FROM_NT(status) (0x10000000 on success), so success is SUCCEEDED(). */

static HANDLE desc_go;
static DWORD WINAPI idle_thread(LPVOID arg)
{
    (void)arg;
    WaitForSingleObject(desc_go, 20000);
    return 0;
}

static void test_descriptions(void)
{
    HMODULE k32 = GetModuleHandleW(L"kernel32.dll");
    SetThreadDescription_fn set = (SetThreadDescription_fn)(void *)GetProcAddress(k32, "SetThreadDescription");
    GetThreadDescription_fn get = (GetThreadDescription_fn)(void *)GetProcAddress(k32, "GetThreadDescription");
    tap_ok(set && get, "SetThreadDescription and GetThreadDescription exist");
    if (!set || !get) return;

    desc_go = CreateEventW(NULL, TRUE, FALSE, NULL);
    HANDLE th = CreateThread(NULL, 0, idle_thread, NULL, 0, NULL);
    PWSTR s = NULL;
    tap_ok(SUCCEEDED(get(th, &s)), "GetThreadDescription of an unnamed thread");
    tap_ok(s && s[0] == 0, "... is the empty string");
    LocalFree(s);
    tap_ok(SUCCEEDED(set(th, L"sill worker \x00e9t\x00e9 thread with a long name")), "SetThreadDescription on another thread");
    s = NULL;
    tap_ok(SUCCEEDED(get(th, &s)), "GetThreadDescription after setting");
    tap_ok(s && wcscmp(s, L"sill worker \x00e9t\x00e9 thread with a long name") == 0, "... gives the whole name back");
    LocalFree(s);
    tap_ok(SUCCEEDED(set(GetCurrentThread(), L"main")), "SetThreadDescription on the current thread");
    s = NULL;
    get(GetCurrentThread(), &s);
    tap_ok(s && wcscmp(s, L"main") == 0, "GetThreadDescription of the current thread");
    LocalFree(s);
    SetEvent(desc_go);
    WaitForSingleObject(th, 10000);
    CloseHandle(th);
    CloseHandle(desc_go);
}

int main(void)
{
    test_timers();
    test_abandoned();
    test_signal_and_wait();
    test_apcs();
    test_descriptions();
    return tap_done();
}
