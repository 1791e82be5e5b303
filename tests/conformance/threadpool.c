/* threadpoolapi.h on the default pool: work objects (8 works x 1000 submissions, exact counts),
 * WaitForThreadpoolWorkCallbacks with and without cancelling, simple callbacks, one-shot and
 * periodic timers, waits that fire on an event and on a timeout, QueueUserWorkItem, and
 * SetEventWhenCallbackReturns / ReleaseSemaphoreWhenCallbackReturns.
 * Timing checks only bound from below by a fraction of the due time and from above by seconds,
 * so a loaded machine cannot make them fail. */
#include <windows.h>

#include "tap.h"

#define WORKS 8
#define SUBMISSIONS 1000

static volatile LONG work_counts[WORKS];
static volatile LONG bad_args;
static DWORD main_tid;
static volatile LONG worker_not_main = 1;

static VOID CALLBACK count_work(PTP_CALLBACK_INSTANCE inst, PVOID ctx, PTP_WORK work)
{
    (void)work;
    if (!inst) InterlockedIncrement(&bad_args);
    if (GetCurrentThreadId() == main_tid) worker_not_main = 0;
    InterlockedIncrement((volatile LONG *)ctx);
}

static void test_work(void)
{
    PTP_WORK works[WORKS];
    int i, j, all_created = 1, exact = 1;
    for (i = 0; i < WORKS; ++i) {
        works[i] = CreateThreadpoolWork(count_work, (PVOID)&work_counts[i], NULL);
        if (!works[i]) all_created = 0;
    }
    tap_ok(all_created, "CreateThreadpoolWork creates 8 work objects");
    if (!all_created) return;
    for (j = 0; j < SUBMISSIONS; ++j)
        for (i = 0; i < WORKS; ++i) SubmitThreadpoolWork(works[i]);
    for (i = 0; i < WORKS; ++i) WaitForThreadpoolWorkCallbacks(works[i], FALSE);
    for (i = 0; i < WORKS; ++i)
        if (work_counts[i] != SUBMISSIONS) exact = 0;
    tap_ok(exact, "every one of 8 x 1000 submissions ran exactly once by the time WaitFor...Callbacks returns");
    tap_int(bad_args, 0, "work callbacks get a callback instance");
    tap_ok(worker_not_main, "work callbacks run on pool threads, not on the submitting thread");
    for (i = 0; i < WORKS; ++i) CloseThreadpoolWork(works[i]);
}

/* A work whose first callback blocks until released: the other submissions stay queued and
 * WaitForThreadpoolWorkCallbacks(TRUE) drops them but waits for the running one. */
static HANDLE block_started, block_release;
static volatile LONG block_calls, block_done;

static VOID CALLBACK blocking_work(PTP_CALLBACK_INSTANCE inst, PVOID ctx, PTP_WORK work)
{
    (void)inst;
    (void)ctx;
    (void)work;
    if (InterlockedIncrement(&block_calls) == 1) {
        SetEvent(block_started);
        WaitForSingleObject(block_release, 5000);
        Sleep(50);
        InterlockedIncrement(&block_done);
    }
}

static DWORD WINAPI release_later(LPVOID arg)
{
    (void)arg;
    Sleep(100);
    SetEvent(block_release);
    return 0;
}

/* Callbacks of one work object may run at the same time; to keep the test about cancelling,
 * all but the first submission are made while the first one blocks and the pool is saturated
 * by nothing else, and the count is checked to be below the number submitted. */
static void test_cancel(void)
{
    PTP_WORK work;
    HANDLE t;
    int i;
    block_started = CreateEventA(NULL, TRUE, FALSE, NULL);
    block_release = CreateEventA(NULL, TRUE, FALSE, NULL);
    work = CreateThreadpoolWork(blocking_work, NULL, NULL);
    SubmitThreadpoolWork(work);
    tap_int(WaitForSingleObject(block_started, 5000), WAIT_OBJECT_0, "the first callback started");
    t = CreateThread(NULL, 0, release_later, NULL, 0, NULL);
    WaitForThreadpoolWorkCallbacks(work, FALSE); /* waits for the running one */
    tap_int(block_done, 1, "WaitForThreadpoolWorkCallbacks(FALSE) returns after the running callback ended");
    WaitForSingleObject(t, INFINITE);
    CloseHandle(t);

    /* Now cancel: a blocking callback, then 100 more submissions; the others that had not started are dropped. */
    block_calls = 0;
    block_done = 0;
    ResetEvent(block_started);
    ResetEvent(block_release);
    SubmitThreadpoolWork(work);
    WaitForSingleObject(block_started, 5000);
    for (i = 0; i < 100; ++i) SubmitThreadpoolWork(work);
    t = CreateThread(NULL, 0, release_later, NULL, 0, NULL);
    WaitForThreadpoolWorkCallbacks(work, TRUE);
    tap_int(block_done, 1, "WaitForThreadpoolWorkCallbacks(TRUE) still waits for the running callback");
    {
        LONG after = block_calls;
        Sleep(100);
        tap_int(block_calls, after, "no callback runs after WaitForThreadpoolWorkCallbacks(TRUE) returned");
    }
    WaitForSingleObject(t, INFINITE);
    CloseHandle(t);
    CloseThreadpoolWork(work);
    CloseHandle(block_started);
    CloseHandle(block_release);
}

/* ---- simple callbacks, QueueUserWorkItem, instance helpers ---- */

static volatile LONG simple_calls;
static VOID CALLBACK simple_cb(PTP_CALLBACK_INSTANCE inst, PVOID ctx)
{
    SetEventWhenCallbackReturns(inst, (HANDLE)ctx);
    Sleep(20);
    InterlockedIncrement(&simple_calls);
}

static volatile LONG item_calls;
static DWORD WINAPI user_item(LPVOID ctx)
{
    if (InterlockedIncrement(&item_calls) == 10) SetEvent((HANDLE)ctx);
    return 0;
}

static VOID CALLBACK sem_cb(PTP_CALLBACK_INSTANCE inst, PVOID ctx)
{
    ReleaseSemaphoreWhenCallbackReturns(inst, (HANDLE)ctx, 2);
    tap_ok(CallbackMayRunLong(inst), "CallbackMayRunLong says yes on the default pool");
}

static void test_simple(void)
{
    HANDLE ev = CreateEventA(NULL, FALSE, FALSE, NULL);
    HANDLE sem = CreateSemaphoreA(NULL, 0, 10, NULL);
    LONG prev = -1;
    int i;
    tap_ok(TrySubmitThreadpoolCallback(simple_cb, ev, NULL), "TrySubmitThreadpoolCallback succeeds");
    tap_int(WaitForSingleObject(ev, 5000), WAIT_OBJECT_0, "SetEventWhenCallbackReturns sets the event");
    tap_int(simple_calls, 1, "...after the callback returned");

    for (i = 0; i < 10; ++i) QueueUserWorkItem(user_item, ev, WT_EXECUTEDEFAULT);
    tap_int(WaitForSingleObject(ev, 5000), WAIT_OBJECT_0, "10 QueueUserWorkItem items all ran");

    TrySubmitThreadpoolCallback(sem_cb, sem, NULL);
    tap_int(WaitForSingleObject(sem, 5000), WAIT_OBJECT_0, "ReleaseSemaphoreWhenCallbackReturns releases the semaphore");
    ReleaseSemaphore(sem, 1, &prev);
    tap_int(prev, 1, "...by the count asked for");
    CloseHandle(ev);
    CloseHandle(sem);
}

/* ---- timers ---- */

static volatile LONG timer_calls;
static HANDLE timer_event;
static VOID CALLBACK timer_cb(PTP_CALLBACK_INSTANCE inst, PVOID ctx, PTP_TIMER timer)
{
    (void)inst;
    (void)timer;
    InterlockedIncrement((volatile LONG *)ctx);
    SetEvent(timer_event);
}

static void rel(FILETIME *ft, LONGLONG ms)
{
    ULARGE_INTEGER u;
    u.QuadPart = (ULONGLONG)(-ms * 10000);
    ft->dwLowDateTime = u.LowPart;
    ft->dwHighDateTime = u.HighPart;
}

static void test_timers(void)
{
    FILETIME due;
    DWORD start, took;
    LONG n;
    PTP_TIMER timer = CreateThreadpoolTimer(timer_cb, (PVOID)&timer_calls, NULL);
    timer_event = CreateEventA(NULL, FALSE, FALSE, NULL);
    tap_ok(timer != NULL, "CreateThreadpoolTimer");
    tap_ok(!IsThreadpoolTimerSet(timer), "a new timer is not set");

    rel(&due, 100);
    start = GetTickCount();
    SetThreadpoolTimer(timer, &due, 0, 0);
    tap_ok(IsThreadpoolTimerSet(timer), "IsThreadpoolTimerSet after SetThreadpoolTimer");
    tap_int(WaitForSingleObject(timer_event, 5000), WAIT_OBJECT_0, "a one-shot timer fires");
    took = GetTickCount() - start;
    tap_ok(took >= 50 && took < 5000, "...after about its due time");
    WaitForThreadpoolTimerCallbacks(timer, FALSE);
    Sleep(200);
    tap_int(timer_calls, 1, "a one-shot timer fires once");

    timer_calls = 0;
    rel(&due, 20);
    start = GetTickCount();
    SetThreadpoolTimer(timer, &due, 30, 0);
    while (timer_calls < 5 && GetTickCount() - start < 10000) Sleep(10);
    took = GetTickCount() - start;
    tap_ok(timer_calls >= 5, "a periodic timer fires again and again");
    tap_ok(took >= 20 + 3 * 30 * 3 / 4, "...no faster than its period");
    SetThreadpoolTimer(timer, NULL, 0, 0);
    tap_ok(!IsThreadpoolTimerSet(timer), "SetThreadpoolTimer(NULL) stops it");
    WaitForThreadpoolTimerCallbacks(timer, TRUE);
    n = timer_calls;
    Sleep(200);
    tap_int(timer_calls, n, "no callback after the timer was stopped and waited for");

    rel(&due, 10000);
    SetThreadpoolTimer(timer, &due, 0, 0);
    {
        /* Windows 8 and later; Wine 8 does not have it. */
        typedef BOOL(WINAPI * set_ex_fn)(PTP_TIMER, PFILETIME, DWORD, DWORD);
        set_ex_fn set_ex = (set_ex_fn)(void (*)(void))GetProcAddress(GetModuleHandleA("kernel32.dll"), "SetThreadpoolTimerEx");
        if (set_ex) {
            tap_ok(set_ex(timer, NULL, 0, 0), "SetThreadpoolTimerEx reports a timer that was set");
            tap_ok(!set_ex(timer, NULL, 0, 0), "...and one that was not");
        } else {
            SetThreadpoolTimer(timer, NULL, 0, 0);
            tap_ok(1, "SetThreadpoolTimerEx reports a timer that was set # skip: not exported");
            tap_ok(1, "...and one that was not # skip: not exported");
        }
    }
    WaitForThreadpoolTimerCallbacks(timer, TRUE);
    CloseThreadpoolTimer(timer);
    CloseHandle(timer_event);
}

/* ---- waits ---- */

static volatile LONG wait_calls;
static volatile TP_WAIT_RESULT last_result = 0xdead;
static HANDLE wait_done;
static VOID CALLBACK wait_cb(PTP_CALLBACK_INSTANCE inst, PVOID ctx, PTP_WAIT wait, TP_WAIT_RESULT result)
{
    (void)ctx;
    (void)wait;
    last_result = result;
    InterlockedIncrement(&wait_calls);
    SetEventWhenCallbackReturns(inst, wait_done);
}

static void test_waits(void)
{
    HANDLE ev = CreateEventA(NULL, TRUE, FALSE, NULL);
    PTP_WAIT wait = CreateThreadpoolWait(wait_cb, NULL, NULL);
    FILETIME timeout;
    DWORD start, took;
    wait_done = CreateEventA(NULL, FALSE, FALSE, NULL);
    tap_ok(wait != NULL, "CreateThreadpoolWait");

    SetThreadpoolWait(wait, ev, NULL);
    Sleep(50);
    tap_int(wait_calls, 0, "a wait does not fire before its object is signaled");
    SetEvent(ev);
    tap_int(WaitForSingleObject(wait_done, 5000), WAIT_OBJECT_0, "a wait fires when its event is set");
    tap_int(last_result, WAIT_OBJECT_0, "...with WAIT_OBJECT_0");
    WaitForThreadpoolWaitCallbacks(wait, FALSE);
    Sleep(100);
    tap_int(wait_calls, 1, "a wait fires once, though the event stays set");

    ResetEvent(ev);
    rel(&timeout, 100);
    start = GetTickCount();
    SetThreadpoolWait(wait, ev, &timeout);
    tap_int(WaitForSingleObject(wait_done, 5000), WAIT_OBJECT_0, "a wait with a timeout fires");
    took = GetTickCount() - start;
    tap_int(last_result, WAIT_TIMEOUT, "...with WAIT_TIMEOUT when the object stays unsignaled");
    tap_ok(took >= 50 && took < 5000, "...after about its timeout");
    WaitForThreadpoolWaitCallbacks(wait, FALSE);

    SetThreadpoolWait(wait, ev, NULL);
    SetThreadpoolWait(wait, NULL, NULL);
    SetEvent(ev);
    Sleep(100);
    tap_int(wait_calls, 2, "SetThreadpoolWait(NULL) cancels the wait");
    WaitForThreadpoolWaitCallbacks(wait, TRUE);
    CloseThreadpoolWait(wait);
    CloseHandle(ev);
    CloseHandle(wait_done);
}

int main(void)
{
    main_tid = GetCurrentThreadId();
    test_work();
    test_cancel();
    test_simple();
    test_timers();
    test_waits();
    return tap_done();
}
