/* The rest of the thread API (processthreadsapi.h): OpenThread, GetThreadId and
 * GetProcessIdOfThread, priorities, affinity, GetThreadTimes, descriptions, and
 * TerminateThread of a thread blocked in a wait and of a thread spinning in its own code.
 * Wine 8 reports no CPU time for a thread that has ended; Windows keeps it with the thread object. */
#define _WIN32_WINNT 0x0A00
#include <windows.h>

#include "tap.h"

/* Windows 10 1607 and later; not every mingw-w64 header declares them. */
HRESULT WINAPI SetThreadDescription(HANDLE thread, PCWSTR description);
HRESULT WINAPI GetThreadDescription(HANDLE thread, PWSTR *description);

static HANDLE never;
static volatile LONG spinning;

static DWORD WINAPI wait_forever(void *arg)
{
    (void)arg;
    WaitForSingleObject(never, INFINITE);
    return 1;
}

static DWORD WINAPI spin_forever(void *arg)
{
    (void)arg;
    for (;;) InterlockedIncrement(&spinning);
    return 1;
}

static DWORD WINAPI busy_then_return(void *arg)
{
    volatile unsigned x = 0;
    for (unsigned i = 0; i < 50u * 1000 * 1000; ++i) x += i;
    (void)arg;
    return 7;
}

int main(void)
{
    DWORD tid = 0;
    never = CreateEventW(NULL, TRUE, FALSE, NULL);
    HANDLE t = CreateThread(NULL, 0, wait_forever, NULL, 0, &tid);
    tap_ok(t != NULL && tid != 0, "thread created with an id");
    tap_int(GetThreadId(t), tid, "GetThreadId");
    tap_int(GetProcessIdOfThread(t), GetCurrentProcessId(), "GetProcessIdOfThread");

    HANDLE opened = OpenThread(THREAD_ALL_ACCESS, FALSE, tid);
    tap_ok(opened != NULL, "OpenThread by id");
    tap_int(GetThreadId(opened), tid, "... the same thread");
    SetLastError(0);
    tap_ok(OpenThread(THREAD_ALL_ACCESS, FALSE, 0xFFFFFFF0) == NULL, "OpenThread of no thread fails");
    tap_int(GetLastError(), ERROR_INVALID_PARAMETER, "... with ERROR_INVALID_PARAMETER");
    HANDLE me = OpenThread(THREAD_ALL_ACCESS, FALSE, GetCurrentThreadId());
    tap_ok(me != NULL, "OpenThread of the main thread");
    tap_int(GetThreadId(me), GetCurrentThreadId(), "... gives the main thread");

    tap_int(GetThreadPriority(t), THREAD_PRIORITY_NORMAL, "priority starts normal");
    tap_ok(SetThreadPriority(t, THREAD_PRIORITY_BELOW_NORMAL), "SetThreadPriority");
    tap_int(GetThreadPriority(opened), THREAD_PRIORITY_BELOW_NORMAL, "... seen through another handle");
    SetLastError(0);
    tap_ok(!SetThreadPriority(t, 7), "an invalid priority fails");
    tap_int(GetLastError(), ERROR_INVALID_PARAMETER, "... with ERROR_INVALID_PARAMETER");
    tap_ok(SetThreadPriority(GetCurrentThread(), THREAD_PRIORITY_ABOVE_NORMAL), "the current thread's priority");
    tap_int(GetThreadPriority(GetCurrentThread()), THREAD_PRIORITY_ABOVE_NORMAL, "... reads back");
    SetThreadPriority(GetCurrentThread(), THREAD_PRIORITY_NORMAL);

    DWORD_PTR process_mask = 0, system_mask = 0;
    GetProcessAffinityMask(GetCurrentProcess(), &process_mask, &system_mask);
    DWORD_PTR lowest = process_mask & (~process_mask + 1);
    tap_ok(SetThreadAffinityMask(t, lowest) != 0, "SetThreadAffinityMask gives the previous mask");
    tap_int(SetThreadAffinityMask(t, process_mask), lowest, "... which is the one set");
    tap_ok(SetThreadAffinityMask(t, 0) == 0, "an empty mask fails");

    tap_ok(SUCCEEDED(SetThreadDescription(t, L"waiter")), "SetThreadDescription");
    PWSTR name = NULL;
    tap_ok(SUCCEEDED(GetThreadDescription(opened, &name)) && name && wcscmp(name, L"waiter") == 0,
           "GetThreadDescription through another handle");
    LocalFree(name);

    tap_ok(TerminateThread(t, 55), "TerminateThread of a thread blocked in a wait");
    tap_int(WaitForSingleObject(t, 5000), WAIT_OBJECT_0, "... its handle is signaled");
    DWORD code = 0;
    GetExitCodeThread(opened, &code);
    tap_int(code, 55, "... with the exit code given");
    CloseHandle(opened);
    CloseHandle(t);

    t = CreateThread(NULL, 0, spin_forever, NULL, 0, NULL);
    while (spinning < 1000) Sleep(1);
    tap_ok(TerminateThread(t, 56), "TerminateThread of a thread running its own code");
    tap_int(WaitForSingleObject(t, 5000), WAIT_OBJECT_0, "... its handle is signaled");
    LONG stopped = spinning;
    Sleep(50);
    tap_int(spinning, stopped, "... and it runs no more");
    GetExitCodeThread(t, &code);
    tap_int(code, 56, "... with the exit code given");
    CloseHandle(t);

    t = CreateThread(NULL, 0, busy_then_return, NULL, 0, NULL);
    WaitForSingleObject(t, INFINITE);
    FILETIME created, exited, kernel, user;
    tap_ok(GetThreadTimes(t, &created, &exited, &kernel, &user), "GetThreadTimes of an ended thread");
    ULONGLONG c = ((ULONGLONG)created.dwHighDateTime << 32) | created.dwLowDateTime;
    ULONGLONG e = ((ULONGLONG)exited.dwHighDateTime << 32) | exited.dwLowDateTime;
    tap_ok(c != 0 && e >= c, "... created before it exited");
    ULONGLONG spent = (((ULONGLONG)user.dwHighDateTime << 32) | user.dwLowDateTime) +
                      (((ULONGLONG)kernel.dwHighDateTime << 32) | kernel.dwLowDateTime);
    tap_ok(spent > 0, "... and its CPU time is kept");
    GetExitCodeThread(t, &code);
    tap_int(code, 7, "... it returned 7");
    CloseHandle(t);
    tap_ok(GetThreadTimes(GetCurrentThread(), &created, &exited, &kernel, &user), "GetThreadTimes of this thread");
    ULONGLONG u = ((ULONGLONG)user.dwHighDateTime << 32) | user.dwLowDateTime;
    volatile unsigned x = 0;
    for (unsigned i = 0; i < 100u * 1000 * 1000; ++i) x += i;
    GetThreadTimes(GetCurrentThread(), &created, &exited, &kernel, &user);
    ULONGLONG u2 = ((ULONGLONG)user.dwHighDateTime << 32) | user.dwLowDateTime;
    tap_ok(u2 > u, "... user time grows while it computes");
    CloseHandle(never);
    return tap_done();
}
