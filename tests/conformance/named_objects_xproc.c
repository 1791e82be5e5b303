/* Named events, mutexes and semaphores shared between processes (synchapi.h): this program starts
 * itself as a child (argv[1] "child", argv[2] the parent's name base) and the two meet on objects
 * of that name. Checked: ERROR_ALREADY_EXISTS in the second process, ERROR_INVALID_HANDLE for a
 * name of another kind, ERROR_FILE_NOT_FOUND for an unknown or differently-cased name, "Local\"
 * naming the same object, semaphore counts and events set across processes, waits mixing local
 * and shared objects, a mutex held by the child and abandoned when it exits (and by a thread of
 * this process when the thread ends), PulseEvent, OpenProcess of the parent (not a child) from the child, and
 * the name gone
 * once every handle is closed.
 * The child reports by its exit code: 0, or a bit per failed check. */
#include <stdio.h>
#include <stdlib.h>
#include <windows.h>

#include "tap.h"

static wchar_t name_buf[8][96];
enum { N_READY, N_PING, N_GO, N_MUTEX, N_SEM, N_LOCAL_READY, N_UPPER_READY };

static void make_names(const char *base)
{
    static const char *const suffix[] = {"ready", "ping", "go", "mutex", "sem"};
    for (int i = 0; i < 5; i++) swprintf(name_buf[i], 96, L"%hs_%hs", base, suffix[i]);
    swprintf(name_buf[N_LOCAL_READY], 96, L"Local\\%ls", name_buf[N_READY]);
    swprintf(name_buf[N_UPPER_READY], 96, L"%ls", name_buf[N_READY]);
    for (wchar_t *c = name_buf[N_UPPER_READY]; *c; c++)
        if (*c >= L'a' && *c <= L'z') *c -= 32;
}

static int child(void)
{
    int failed = 0;
    HANDLE ready = CreateEventW(NULL, TRUE, FALSE, name_buf[N_READY]);
    if (!ready || GetLastError() != ERROR_ALREADY_EXISTS) failed |= 1;
    HANDLE mutex = OpenMutexW(SYNCHRONIZE | MUTEX_MODIFY_STATE, FALSE, name_buf[N_MUTEX]);
    if (!mutex) failed |= 2;
    HANDLE wrong = OpenEventW(EVENT_ALL_ACCESS, FALSE, name_buf[N_SEM]);
    if (wrong || GetLastError() != ERROR_INVALID_HANDLE) failed |= 4;
    wrong = CreateMutexW(NULL, FALSE, name_buf[N_PING]);
    if (wrong || GetLastError() != ERROR_INVALID_HANDLE) failed |= 8;
    HANDLE sem = OpenSemaphoreW(SEMAPHORE_ALL_ACCESS, FALSE, name_buf[N_SEM]);
    LONG previous = -1;
    if (!sem || !ReleaseSemaphore(sem, 3, &previous) || previous != 0) failed |= 16;
    if (WaitForSingleObject(mutex, 10000) != WAIT_OBJECT_0) failed |= 32;
    HANDLE ping = OpenEventW(EVENT_MODIFY_STATE, FALSE, name_buf[N_PING]);
    HANDLE go = OpenEventW(SYNCHRONIZE, FALSE, name_buf[N_GO]);
    if (!ping || !go) failed |= 64;
    /* The parent is not this process's child: OpenProcess finds it all the same. */
    DWORD parent_id = 0, code = 0;
    const wchar_t *digits = wcsrchr(name_buf[N_GO], L'_');
    while (digits && --digits > name_buf[N_GO] && *digits >= L'0' && *digits <= L'9') {
    }
    if (digits) parent_id = wcstoul(digits + 1, NULL, 10);
    HANDLE parent = OpenProcess(SYNCHRONIZE | PROCESS_QUERY_LIMITED_INFORMATION, FALSE, parent_id);
    if (!parent || WaitForSingleObject(parent, 0) != WAIT_TIMEOUT || !GetExitCodeProcess(parent, &code) ||
        code != STILL_ACTIVE)
        failed |= 256;
    CloseHandle(parent);
    SetEvent(ready);
    Sleep(100); /* the parent is, most likely, waiting for ping by now */
    SetEvent(ping);
    if (WaitForSingleObject(go, 10000) != WAIT_OBJECT_0) failed |= 128;
    ExitProcess(failed); /* still owning the mutex: it becomes abandoned */
}

/* PulseEvent releases a thread waiting on the event and leaves it reset. The pulse only counts
 * once the waiter waits: it is repeated until the waiter returns. */
static DWORD WINAPI wait_for_pulse(void *event)
{
    return WaitForSingleObject((HANDLE)event, 20000);
}

static void pulse(HANDLE event, const char *what)
{
    HANDLE thread = CreateThread(NULL, 0, wait_for_pulse, event, 0, NULL);
    int pulses = 0;
    while (WaitForSingleObject(thread, 20) == WAIT_TIMEOUT && pulses < 500) {
        PulseEvent(event);
        pulses++;
        if (WaitForSingleObject(event, 0) != WAIT_TIMEOUT) break; /* must never be left signaled */
    }
    DWORD code = 1234;
    WaitForSingleObject(thread, 20000);
    GetExitCodeThread(thread, &code);
    CloseHandle(thread);
    tap_int(code, WAIT_OBJECT_0, what);
    tap_int(WaitForSingleObject(event, 0), WAIT_TIMEOUT, "...and the event is left reset");
}

static DWORD WINAPI take_and_end(void *mutex)
{
    return WaitForSingleObject((HANDLE)mutex, 5000);
}

/* Waits for the child (closing its handle) and returns its exit code. */
static DWORD exit_code_of(HANDLE process)
{
    DWORD code = 1;
    if (WaitForSingleObject(process, 10000) == WAIT_OBJECT_0) GetExitCodeProcess(process, &code);
    CloseHandle(process);
    return code;
}

static HANDLE start_child(const char *base)
{
    char self[MAX_PATH], command[MAX_PATH + 128];
    GetModuleFileNameA(NULL, self, sizeof self);
    snprintf(command, sizeof command, "\"%s\" child %s", self, base);
    STARTUPINFOA si = {sizeof si};
    PROCESS_INFORMATION pi;
    if (!CreateProcessA(NULL, command, NULL, NULL, FALSE, 0, NULL, NULL, &si, &pi)) return NULL;
    CloseHandle(pi.hThread);
    return pi.hProcess;
}

int main(int argc, char **argv)
{
    if (argc >= 3 && strcmp(argv[1], "child") == 0) {
        make_names(argv[2]);
        return child();
    }
    char base[64];
    snprintf(base, sizeof base, "sill_xproc_%lu", GetCurrentProcessId());
    make_names(base);

    SetLastError(0xdead);
    HANDLE ready = CreateEventW(NULL, TRUE, FALSE, name_buf[N_READY]);
    tap_ok(ready != NULL, "CreateEventW with a new name");
    tap_int(GetLastError(), 0, "...sets the last error to 0");
    HANDLE ping = CreateEventW(NULL, FALSE, FALSE, name_buf[N_PING]);
    HANDLE go = CreateEventW(NULL, TRUE, FALSE, name_buf[N_GO]);
    HANDLE mutex = CreateMutexW(NULL, FALSE, name_buf[N_MUTEX]);
    HANDLE sem = CreateSemaphoreW(NULL, 0, 10, name_buf[N_SEM]);
    tap_ok(ping && go && mutex && sem, "named auto-reset event, mutex and semaphore");
    HANDLE same = OpenEventW(SYNCHRONIZE, FALSE, name_buf[N_LOCAL_READY]);
    tap_ok(same != NULL, "\"Local\\\" + name opens the same event");
    CloseHandle(same);
    tap_ok(OpenEventW(SYNCHRONIZE, FALSE, name_buf[N_UPPER_READY]) == NULL, "names are case-sensitive");
    tap_int(GetLastError(), ERROR_FILE_NOT_FOUND, "...ERROR_FILE_NOT_FOUND");

    pulse(ping, "PulseEvent on a named auto-reset event releases its waiter");
    HANDLE local_manual = CreateEventW(NULL, TRUE, FALSE, NULL);
    pulse(local_manual, "PulseEvent on a local manual-reset event releases its waiter");
    CloseHandle(local_manual);

    HANDLE process = start_child(base);
    if (!tap_ok(process != NULL, "the child starts")) return tap_done();
    tap_int(WaitForSingleObject(ready, 10000), WAIT_OBJECT_0, "the child sets the event this process created");
    tap_int(WaitForSingleObject(mutex, 0), WAIT_TIMEOUT, "the mutex the child owns is not free here");
    int taken = 0;
    while (taken < 5 && WaitForSingleObject(sem, 0) == WAIT_OBJECT_0) taken++;
    tap_int(taken, 3, "the child's ReleaseSemaphore(3) gives three waits here");

    HANDLE local = CreateEventW(NULL, TRUE, FALSE, NULL);
    HANDLE mixed[2] = {local, ping};
    tap_int(WaitForMultipleObjects(2, mixed, FALSE, 10000), WAIT_OBJECT_0 + 1,
            "a wait on a local and a shared event ends when the child sets the shared one");
    SetEvent(local);
    tap_int(WaitForMultipleObjects(2, mixed, TRUE, 0), WAIT_TIMEOUT, "wait-all: the auto-reset event was consumed");
    SetEvent(ping);
    tap_int(WaitForMultipleObjects(2, mixed, TRUE, 0), WAIT_OBJECT_0, "wait-all over both kinds");
    tap_int(WaitForSingleObject(ping, 0), WAIT_TIMEOUT, "...takes the auto-reset event's signal");

    SetEvent(go);
    tap_int(WaitForSingleObject(mutex, 10000), WAIT_ABANDONED_0, "the child exits owning the mutex: abandoned");
    tap_ok(ReleaseMutex(mutex), "...and this thread owns it now");
    ReleaseMutex(mutex);
    HANDLE thread = CreateThread(NULL, 0, take_and_end, mutex, 0, NULL);
    WaitForSingleObject(thread, 10000);
    CloseHandle(thread);
    tap_int(WaitForSingleObject(mutex, 5000), WAIT_ABANDONED_0, "a thread of this process ends owning it: abandoned again");
    tap_ok(ReleaseMutex(mutex), "...released");
    tap_int(exit_code_of(process), 0, "the child's checks (ERROR_ALREADY_EXISTS, kinds, counts) passed");

    CloseHandle(ready);
    CloseHandle(local);
    tap_ok(OpenEventW(SYNCHRONIZE, FALSE, name_buf[N_READY]) == NULL, "the name goes with the last handle");
    tap_int(GetLastError(), ERROR_FILE_NOT_FOUND, "...ERROR_FILE_NOT_FOUND");
    CloseHandle(ping);
    CloseHandle(go);
    CloseHandle(mutex);
    CloseHandle(sem);
    return tap_done();
}
