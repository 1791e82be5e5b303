/* I/O completion ports: creating and associating, posting and taking packets (one and several),
 * timeouts, alertable waits, closing a port under a waiting thread, and packets for file I/O. */
#include <windows.h>

#include "tap.h"

static HANDLE g_port;

static DWORD WINAPI waiter(void *arg)
{
    DWORD bytes = 0;
    ULONG_PTR key = 0;
    OVERLAPPED *ov = (OVERLAPPED *)1;
    BOOL ok = GetQueuedCompletionStatus(g_port, &bytes, &key, &ov, 5000);
    *(DWORD *)arg = ok ? 0 : GetLastError();
    return ov == NULL;
}

static DWORD WINAPI poster(void *arg)
{
    Sleep(50);
    PostQueuedCompletionStatus(g_port, 7, 77, (OVERLAPPED *)arg);
    return 0;
}

/* ntdll's forms, found at run time. */
typedef struct { LONG_PTR Status; ULONG_PTR Information; } IO_STATUS;
typedef LONG(WINAPI *NtSetIoCompletion_fn)(HANDLE, ULONG_PTR, ULONG_PTR, LONG, ULONG_PTR);
typedef LONG(WINAPI *NtRemoveIoCompletion_fn)(HANDLE, ULONG_PTR *, ULONG_PTR *, IO_STATUS *, LARGE_INTEGER *);

static void test_nt_forms(void)
{
    HMODULE ntdll = GetModuleHandleA("ntdll.dll");
    NtSetIoCompletion_fn set = (NtSetIoCompletion_fn)(void *)GetProcAddress(ntdll, "NtSetIoCompletion");
    NtRemoveIoCompletion_fn take = (NtRemoveIoCompletion_fn)(void *)GetProcAddress(ntdll, "NtRemoveIoCompletion");
    tap_ok(set && take, "ntdll exports NtSetIoCompletion and NtRemoveIoCompletion");
    if (!set || !take) return;
    HANDLE port = CreateIoCompletionPort(INVALID_HANDLE_VALUE, NULL, 0, 0);
    tap_int(set(port, 3, 0x40, 0, 9), 0, "NtSetIoCompletion");
    ULONG_PTR key = 0, context = 0;
    IO_STATUS io = {0, 0};
    LARGE_INTEGER timeout;
    timeout.QuadPart = -100000; /* 10 ms, relative */
    tap_int(take(port, &key, &context, &io, &timeout), 0, "NtRemoveIoCompletion");
    tap_ok(key == 3 && context == 0x40 && io.Information == 9, "...gives the packet");
    tap_int(take(port, &key, &context, &io, &timeout), STATUS_TIMEOUT, "an empty port times out: STATUS_TIMEOUT");
    /* A failure status set with NtSetIoCompletion comes out of GetQueuedCompletionStatus as an error. */
    set(port, 4, 0, (LONG)0xC0000120 /* STATUS_CANCELLED */, 0);
    DWORD bytes;
    OVERLAPPED *ov;
    SetLastError(0xdeadbeef);
    tap_ok(!GetQueuedCompletionStatus(port, &bytes, &key, &ov, 0), "a packet with a failure status fails the call");
    tap_int(GetLastError(), ERROR_OPERATION_ABORTED, "...with the status as an error");
    CloseHandle(port);
}

static int g_apc_ran;
static void CALLBACK apc(ULONG_PTR data) { g_apc_ran += (int)data; }

int main(void)
{
    DWORD bytes;
    ULONG_PTR key;
    OVERLAPPED *ov;
    OVERLAPPED marker;

    HANDLE port = CreateIoCompletionPort(INVALID_HANDLE_VALUE, NULL, 0, 0);
    tap_ok(port != NULL, "CreateIoCompletionPort makes a new port");
    SetLastError(0xdeadbeef);
    tap_ok(CreateIoCompletionPort(INVALID_HANDLE_VALUE, port, 0, 0) == NULL, "a new port cannot name an existing one");
    tap_int(GetLastError(), ERROR_INVALID_PARAMETER, "...ERROR_INVALID_PARAMETER");

    /* Empty port: timeouts. */
    ov = (OVERLAPPED *)1;
    SetLastError(0xdeadbeef);
    tap_ok(!GetQueuedCompletionStatus(port, &bytes, &key, &ov, 0), "an empty port gives nothing at once");
    tap_int(GetLastError(), WAIT_TIMEOUT, "...WAIT_TIMEOUT");
    tap_ok(ov == NULL, "...and a NULL OVERLAPPED");
    SetLastError(0xdeadbeef);
    tap_ok(!GetQueuedCompletionStatus(port, &bytes, &key, &ov, 100), "a 100 ms wait on an empty port fails");
    tap_int(GetLastError(), WAIT_TIMEOUT, "...WAIT_TIMEOUT");

    /* Posting, in order. */
    tap_ok(PostQueuedCompletionStatus(port, 10, 1, &marker), "PostQueuedCompletionStatus");
    tap_ok(PostQueuedCompletionStatus(port, 20, 2, NULL), "a second packet");
    tap_ok(GetQueuedCompletionStatus(port, &bytes, &key, &ov, 0), "the first packet comes out");
    tap_int(bytes, 10, "...with its byte count");
    tap_int(key, 1, "...its key");
    tap_ok(ov == &marker, "...and its OVERLAPPED");
    tap_ok(GetQueuedCompletionStatus(port, &bytes, &key, &ov, 0), "the second packet");
    tap_ok(bytes == 20 && key == 2 && ov == NULL, "...in posting order");
    tap_ok(WaitForSingleObject(port, 0) == WAIT_TIMEOUT, "an empty port is not signaled");

    /* Ex: several at once. */
    for (int i = 0; i < 5; ++i) PostQueuedCompletionStatus(port, 100 + i, 10 + i, NULL);
    OVERLAPPED_ENTRY entries[3];
    ULONG removed = 0;
    tap_ok(GetQueuedCompletionStatusEx(port, entries, 3, &removed, 0, FALSE), "GetQueuedCompletionStatusEx");
    tap_int(removed, 3, "...takes as many as fit");
    tap_ok(entries[0].lpCompletionKey == 10 && entries[2].dwNumberOfBytesTransferred == 102, "...in order");
    tap_ok(GetQueuedCompletionStatusEx(port, entries, 3, &removed, 0, FALSE) && removed == 2, "...then the rest");
    SetLastError(0xdeadbeef);
    tap_ok(!GetQueuedCompletionStatusEx(port, entries, 3, &removed, 10, FALSE), "an empty port times out");
    tap_int(GetLastError(), WAIT_TIMEOUT, "...WAIT_TIMEOUT");

    /* Alertable: an APC ends the wait. */
    QueueUserAPC(apc, GetCurrentThread(), 5);
    SetLastError(0xdeadbeef);
    tap_ok(!GetQueuedCompletionStatusEx(port, entries, 3, &removed, 1000, TRUE), "an APC ends an alertable wait");
    tap_int(GetLastError(), WAIT_IO_COMPLETION, "...WAIT_IO_COMPLETION");
    tap_int(g_apc_ran, 5, "...after running the APC");

    /* Another thread posts while we wait. */
    g_port = port;
    HANDLE t = CreateThread(NULL, 0, poster, &marker, 0, NULL);
    tap_ok(GetQueuedCompletionStatus(port, &bytes, &key, &ov, 5000), "a packet posted by another thread wakes the waiter");
    tap_ok(bytes == 7 && key == 77 && ov == &marker, "...with its values");
    WaitForSingleObject(t, INFINITE);
    CloseHandle(t);

    /* File I/O completes through the port. */
    char path[MAX_PATH], dir[MAX_PATH];
    GetTempPathA(sizeof dir, dir);
    GetTempFileNameA(dir, "ioc", 0, path);
    HANDLE f = CreateFileA(path, GENERIC_READ | GENERIC_WRITE, 0, NULL, CREATE_ALWAYS,
                           FILE_FLAG_OVERLAPPED | FILE_FLAG_DELETE_ON_CLOSE, NULL);
    tap_ok(f != INVALID_HANDLE_VALUE, "an overlapped file");
    tap_ok(CreateIoCompletionPort(f, port, 42, 0) == port, "associating a file returns the existing port");
    SetLastError(0xdeadbeef);
    tap_ok(CreateIoCompletionPort(f, port, 43, 0) == NULL, "a file is associated only once");
    tap_int(GetLastError(), ERROR_INVALID_PARAMETER, "...ERROR_INVALID_PARAMETER");
    OVERLAPPED wov;
    memset(&wov, 0, sizeof wov);
    DWORD n = 0;
    BOOL ok = WriteFile(f, "hello", 5, &n, &wov);
    tap_ok(ok || GetLastError() == ERROR_IO_PENDING, "an overlapped write starts");
    tap_ok(GetQueuedCompletionStatus(port, &bytes, &key, &ov, 5000), "its completion comes through the port");
    tap_ok(bytes == 5 && key == 42 && ov == &wov, "...with the file's key and the OVERLAPPED");

    /* Read at the end of the file: the failure comes through the port too when the read was pending;
       a read that fails at once queues nothing. */
    OVERLAPPED rov;
    memset(&rov, 0, sizeof rov);
    rov.Offset = 100;
    char buf[16];
    ok = ReadFile(f, buf, sizeof buf, &n, &rov);
    if (!ok && GetLastError() == ERROR_IO_PENDING) {
        tap_ok(!GetQueuedCompletionStatus(port, &bytes, &key, &ov, 5000), "a read past the end completes with a failure");
        tap_int(GetLastError(), ERROR_HANDLE_EOF, "...ERROR_HANDLE_EOF");
        tap_ok(ov == &rov, "...and still gives the OVERLAPPED");
    } else {
        tap_ok(!ok, "a read past the end fails");
        tap_int(GetLastError(), ERROR_HANDLE_EOF, "...ERROR_HANDLE_EOF");
        tap_ok(!GetQueuedCompletionStatus(port, &bytes, &key, &ov, 0), "...and queues no packet");
    }

    /* FILE_SKIP_COMPLETION_PORT_ON_SUCCESS: I/O that succeeds at once queues nothing. */
    tap_ok(SetFileCompletionNotificationModes(f, FILE_SKIP_COMPLETION_PORT_ON_SUCCESS | FILE_SKIP_SET_EVENT_ON_HANDLE),
           "SetFileCompletionNotificationModes");
    memset(&rov, 0, sizeof rov);
    ok = ReadFile(f, buf, 5, &n, &rov);
    if (ok) {
        tap_int(n, 5, "a read that succeeds at once reports its bytes");
        tap_ok(!GetQueuedCompletionStatus(port, &bytes, &key, &ov, 0), "...and queues no packet");
    } else {
        tap_int(GetLastError(), ERROR_IO_PENDING, "a read that does not succeed at once is pending");
        tap_ok(GetQueuedCompletionStatus(port, &bytes, &key, &ov, 5000), "...and its packet is queued");
    }
    CloseHandle(f);

    /* Closing the port wakes a waiting thread with ERROR_ABANDONED_WAIT_0 (documented for
       GetQueuedCompletionStatus; Wine 8 lets the wait run into its timeout instead). */
    DWORD error = 0;
    g_port = port;
    t = CreateThread(NULL, 0, waiter, &error, 0, NULL);
    Sleep(100);
    tap_ok(CloseHandle(port), "closing the port");
    tap_int(WaitForSingleObject(t, 5000), WAIT_OBJECT_0, "the waiting thread returns");
    tap_int(error, ERROR_ABANDONED_WAIT_0, "...with ERROR_ABANDONED_WAIT_0");
    DWORD code = 0;
    GetExitCodeThread(t, &code);
    tap_int(code, 1, "...and a NULL OVERLAPPED");
    CloseHandle(t);
    SetLastError(0xdeadbeef);
    tap_ok(!GetQueuedCompletionStatus(port, &bytes, &key, &ov, 0), "a closed port handle is invalid");
    tap_int(GetLastError(), ERROR_INVALID_HANDLE, "...ERROR_INVALID_HANDLE");

    /* A port made together with its first association. */
    GetTempFileNameA(dir, "ioc", 0, path);
    f = CreateFileA(path, GENERIC_READ | GENERIC_WRITE, 0, NULL, CREATE_ALWAYS,
                    FILE_FLAG_OVERLAPPED | FILE_FLAG_DELETE_ON_CLOSE, NULL);
    port = CreateIoCompletionPort(f, NULL, 9, 1);
    tap_ok(port != NULL && port != f, "CreateIoCompletionPort(file, NULL) makes a port for the file");
    memset(&wov, 0, sizeof wov);
    ok = WriteFile(f, "x", 1, NULL, &wov);
    tap_ok(ok || GetLastError() == ERROR_IO_PENDING, "a write on it starts");
    tap_ok(GetQueuedCompletionStatus(port, &bytes, &key, &ov, 5000) && key == 9 && bytes == 1, "...and completes on the port");
    CloseHandle(f);
    CloseHandle(port);
    test_nt_forms();
    return tap_done();
}
