/* Threads and synchronization (processthreadsapi.h, synchapi.h): exit codes,
 * TLS slots, critical sections and SRW locks under contention, auto- and
 * manual-reset events, semaphores, mutex ownership, waits on several objects,
 * timeouts, and one-time initialization. */
#include <windows.h>

#include "tap.h"

enum { THREADS = 4, ROUNDS = 20000 };

static CRITICAL_SECTION cs;
static SRWLOCK srw = SRWLOCK_INIT;
static long cs_counter, srw_counter;
static volatile LONG interlocked_counter;
static DWORD tls_slot;

static DWORD WINAPI worker(LPVOID arg)
{
    TlsSetValue(tls_slot, arg);
    for (int i = 0; i < ROUNDS; ++i) {
        EnterCriticalSection(&cs);
        ++cs_counter;
        LeaveCriticalSection(&cs);
        AcquireSRWLockExclusive(&srw);
        ++srw_counter;
        ReleaseSRWLockExclusive(&srw);
        InterlockedIncrement(&interlocked_counter);
    }
    return TlsGetValue(tls_slot) == arg ? 100 + (DWORD)(ULONG_PTR)arg : 0;
}

static void threads_and_locks(void)
{
    InitializeCriticalSection(&cs);
    tls_slot = TlsAlloc();
    tap_ok(tls_slot != TLS_OUT_OF_INDEXES, "TlsAlloc gives a slot");
    TlsSetValue(tls_slot, (LPVOID)99);
    HANDLE threads[THREADS];
    for (int i = 0; i < THREADS; ++i) threads[i] = CreateThread(NULL, 0, worker, (LPVOID)(ULONG_PTR)(i + 1), 0, NULL);
    tap_int(WaitForMultipleObjects(THREADS, threads, TRUE, 20000), WAIT_OBJECT_0, "waiting for all threads");
    int codes_ok = 1;
    for (int i = 0; i < THREADS; ++i) {
        DWORD code = 0;
        codes_ok &= GetExitCodeThread(threads[i], &code) && code == 100u + i + 1;
        CloseHandle(threads[i]);
    }
    tap_ok(codes_ok, "each thread's exit code is its return value (and its TLS slot was its own)");
    tap_ok(TlsGetValue(tls_slot) == (LPVOID)99, "the main thread's TLS slot value is untouched");
    tap_int(cs_counter, THREADS * ROUNDS, "a critical section excludes");
    tap_int(srw_counter, THREADS * ROUNDS, "an SRW lock excludes");
    tap_int(interlocked_counter, THREADS * ROUNDS, "InterlockedIncrement is atomic");
    tap_ok(TryEnterCriticalSection(&cs), "TryEnterCriticalSection on a free section");
    tap_ok(TryEnterCriticalSection(&cs), "...and again: critical sections are recursive");
    LeaveCriticalSection(&cs);
    LeaveCriticalSection(&cs);
    DeleteCriticalSection(&cs);
    TlsFree(tls_slot);
}

static DWORD WINAPI set_later(LPVOID event)
{
    Sleep(50);
    SetEvent(event);
    return 0;
}

static void events(void)
{
    HANDLE automatic = CreateEventA(NULL, FALSE, FALSE, NULL);
    HANDLE manual = CreateEventA(NULL, TRUE, FALSE, NULL);
    tap_int(WaitForSingleObject(automatic, 0), WAIT_TIMEOUT, "an unsignaled event times out");
    SetEvent(automatic);
    tap_int(WaitForSingleObject(automatic, 0), WAIT_OBJECT_0, "a set event satisfies a wait");
    tap_int(WaitForSingleObject(automatic, 0), WAIT_TIMEOUT, "...and an auto-reset event resets itself");
    SetEvent(manual);
    tap_int(WaitForSingleObject(manual, 0), WAIT_OBJECT_0, "a manual-reset event satisfies a wait");
    tap_int(WaitForSingleObject(manual, 0), WAIT_OBJECT_0, "...and stays set");
    ResetEvent(manual);
    tap_int(WaitForSingleObject(manual, 0), WAIT_TIMEOUT, "ResetEvent clears it");

    HANDLE t = CreateThread(NULL, 0, set_later, automatic, 0, NULL);
    HANDLE both[2] = {manual, automatic};
    tap_int(WaitForMultipleObjects(2, both, FALSE, 5000), WAIT_OBJECT_0 + 1,
            "WaitForMultipleObjects(any) returns the index of the event another thread set");
    WaitForSingleObject(t, INFINITE);
    CloseHandle(t);

    DWORD start = GetTickCount();
    tap_int(WaitForSingleObject(manual, 100), WAIT_TIMEOUT, "a wait with a timeout times out");
    tap_ok(GetTickCount() - start >= 80, "...after about the timeout");
    CloseHandle(automatic);
    CloseHandle(manual);

    HANDLE named = CreateEventA(NULL, TRUE, FALSE, "sill_conformance_event");
    HANDLE again = CreateEventA(NULL, TRUE, FALSE, "sill_conformance_event");
    tap_ok(again != NULL && GetLastError() == ERROR_ALREADY_EXISTS, "creating a named event twice opens the first");
    SetEvent(named);
    tap_int(WaitForSingleObject(again, 0), WAIT_OBJECT_0, "...which is the same object");
    CloseHandle(named);
    CloseHandle(again);
}

static void semaphores_and_mutexes(void)
{
    HANDLE sem = CreateSemaphoreA(NULL, 2, 3, NULL);
    tap_int(WaitForSingleObject(sem, 0), WAIT_OBJECT_0, "a semaphore with count 2 satisfies a wait");
    tap_int(WaitForSingleObject(sem, 0), WAIT_OBJECT_0, "...twice");
    tap_int(WaitForSingleObject(sem, 0), WAIT_TIMEOUT, "...and then blocks");
    LONG previous = -1;
    tap_ok(ReleaseSemaphore(sem, 3, &previous) && previous == 0, "ReleaseSemaphore up to the maximum");
    SetLastError(0);
    tap_ok(!ReleaseSemaphore(sem, 1, NULL), "releasing past the maximum fails");
    tap_int(GetLastError(), ERROR_TOO_MANY_POSTS, "...with ERROR_TOO_MANY_POSTS");
    CloseHandle(sem);

    HANDLE mutex = CreateMutexA(NULL, TRUE, NULL);
    tap_int(WaitForSingleObject(mutex, 0), WAIT_OBJECT_0, "the owner of a mutex can wait on it again");
    tap_ok(ReleaseMutex(mutex) && ReleaseMutex(mutex), "...and releases it as often");
    SetLastError(0);
    tap_ok(!ReleaseMutex(mutex), "releasing a mutex one does not own fails");
    tap_int(GetLastError(), ERROR_NOT_OWNER, "...with ERROR_NOT_OWNER");
    CloseHandle(mutex);
}

static int init_calls;
static BOOL CALLBACK init_once_callback(PINIT_ONCE once, PVOID param, PVOID *context)
{
    ++init_calls;
    *context = (PVOID)0x1230;   /* the low bits are reserved for the system */
    return TRUE;
}

static void init_once(void)
{
    static INIT_ONCE once = INIT_ONCE_STATIC_INIT;
    PVOID context = NULL;
    tap_ok(InitOnceExecuteOnce(&once, init_once_callback, NULL, &context), "InitOnceExecuteOnce succeeds");
    InitOnceExecuteOnce(&once, init_once_callback, NULL, &context);
    tap_int(init_calls, 1, "...and calls the function once");
    tap_ok(context == (PVOID)0x1230, "...handing back its context");
}

int main(void)
{
    threads_and_locks();
    events();
    semaphores_and_mutexes();
    init_once();
    return tap_done();
}
