/* Overlapped I/O on files and pipes: events, GetOverlappedResult(Ex), end of file, pending reads
 * and writes, CancelIo/CancelIoEx, ReadFileEx/WriteFileEx completion routines run in alertable
 * waits, and synchronous handles honouring the OVERLAPPED offset. */
#include <windows.h>

#include "tap.h"

static char g_pipe_name[64];
static HANDLE g_server, g_client;

/* A connected overlapped pipe: g_server and g_client. */
static void make_pipe(void)
{
    g_server = CreateNamedPipeA(g_pipe_name, PIPE_ACCESS_DUPLEX | FILE_FLAG_OVERLAPPED, PIPE_TYPE_BYTE, 1, 4096, 4096,
                                0, NULL);
    g_client = CreateFileA(g_pipe_name, GENERIC_READ | GENERIC_WRITE, 0, NULL, OPEN_EXISTING, FILE_FLAG_OVERLAPPED, NULL);
}

static int g_routine_calls;
static DWORD g_routine_error, g_routine_bytes;
static OVERLAPPED *g_routine_ov;
static void CALLBACK routine(DWORD error, DWORD bytes, OVERLAPPED *ov)
{
    ++g_routine_calls;
    g_routine_error = error;
    g_routine_bytes = bytes;
    g_routine_ov = ov;
}

static DWORD WINAPI slow_writer(void *arg)
{
    DWORD n;
    Sleep(100);
    WriteFile((HANDLE)arg, "late", 4, &n, NULL);
    return 0;
}

static void test_file(void)
{
    char dir[MAX_PATH], path[MAX_PATH], buf[32];
    GetTempPathA(sizeof dir, dir);
    GetTempFileNameA(dir, "ovl", 0, path);
    HANDLE f = CreateFileA(path, GENERIC_READ | GENERIC_WRITE, 0, NULL, CREATE_ALWAYS,
                           FILE_FLAG_OVERLAPPED | FILE_FLAG_DELETE_ON_CLOSE, NULL);
    tap_ok(f != INVALID_HANDLE_VALUE, "an overlapped file");
    HANDLE ev = CreateEventA(NULL, TRUE, FALSE, NULL);
    OVERLAPPED ov;
    DWORD n = 0;

    memset(&ov, 0, sizeof ov);
    ov.hEvent = ev;
    ov.Offset = 4;
    BOOL ok = WriteFile(f, "abcdef", 6, NULL, &ov);
    tap_ok(ok || GetLastError() == ERROR_IO_PENDING, "an overlapped write at offset 4 starts");
    tap_ok(GetOverlappedResult(f, &ov, &n, TRUE), "GetOverlappedResult waits for it");
    tap_int(n, 6, "...6 bytes written");
    tap_int(ov.Internal, 0, "...Internal is STATUS_SUCCESS");
    tap_int(ov.InternalHigh, 6, "...InternalHigh the byte count");
    tap_int(WaitForSingleObject(ev, 0), WAIT_OBJECT_0, "...and the event is signaled");

    ResetEvent(ev);
    memset(&ov, 0, sizeof ov);
    ov.hEvent = ev;
    ov.Offset = 0;
    memset(buf, 'x', sizeof buf);
    ok = ReadFile(f, buf, sizeof buf, NULL, &ov);
    tap_ok(ok || GetLastError() == ERROR_IO_PENDING, "an overlapped read from offset 0 starts");
    tap_ok(GetOverlappedResult(f, &ov, &n, TRUE), "...and completes");
    tap_int(n, 10, "...10 bytes: the file is 4 zeros and the 6 bytes");
    tap_ok(buf[0] == 0 && memcmp(buf + 4, "abcdef", 6) == 0, "...with the data");
    tap_int(WaitForSingleObject(ev, 0), WAIT_OBJECT_0, "...and signals the event");

    memset(&ov, 0, sizeof ov);
    ov.hEvent = ev;
    ov.Offset = 10;
    SetLastError(0xdeadbeef);
    ok = ReadFile(f, buf, sizeof buf, &n, &ov);
    if (!ok && GetLastError() == ERROR_IO_PENDING) {
        tap_ok(!GetOverlappedResult(f, &ov, &n, TRUE), "a read at the end of the file fails");
    } else {
        tap_ok(!ok, "a read at the end of the file fails");
    }
    tap_int(GetLastError(), ERROR_HANDLE_EOF, "...ERROR_HANDLE_EOF");
    tap_int(n, 0, "...no bytes");

    /* WriteFileEx: the routine runs in an alertable wait, not before. */
    memset(&ov, 0, sizeof ov);
    ov.Offset = 10;
    g_routine_calls = 0;
    tap_ok(WriteFileEx(f, "ghij", 4, &ov, routine), "WriteFileEx");
    tap_int(g_routine_calls, 0, "...the routine has not run yet");
    tap_int(SleepEx(1000, TRUE), WAIT_IO_COMPLETION, "SleepEx(alertable) runs it");
    tap_int(g_routine_calls, 1, "...once");
    tap_ok(g_routine_error == 0 && g_routine_bytes == 4 && g_routine_ov == &ov, "...with the result and the OVERLAPPED");
    CloseHandle(f);

    /* A synchronous handle honours the OVERLAPPED offset and still reports through it. */
    GetTempFileNameA(dir, "ovl", 0, path);
    f = CreateFileA(path, GENERIC_READ | GENERIC_WRITE, 0, NULL, CREATE_ALWAYS, FILE_FLAG_DELETE_ON_CLOSE, NULL);
    WriteFile(f, "0123456789", 10, &n, NULL);
    memset(&ov, 0, sizeof ov);
    ov.Offset = 3;
    ov.hEvent = ev;
    ResetEvent(ev);
    tap_ok(ReadFile(f, buf, 4, &n, &ov), "a synchronous handle reads at the OVERLAPPED offset");
    tap_ok(n == 4 && memcmp(buf, "3456", 4) == 0, "...the bytes from offset 3");
    tap_ok(ov.Internal == 0 && ov.InternalHigh == 4, "...and fills Internal/InternalHigh");
    tap_int(WaitForSingleObject(ev, 0), WAIT_OBJECT_0, "...and signals the event");
    CloseHandle(f);
    CloseHandle(ev);
}

static void test_pipe(void)
{
    char buf[64];
    DWORD n = 0;
    OVERLAPPED ov;
    HANDLE ev = CreateEventA(NULL, TRUE, FALSE, NULL);

    make_pipe();
    tap_ok(g_server != INVALID_HANDLE_VALUE && g_client != INVALID_HANDLE_VALUE, "an overlapped pipe");

    /* A read with nothing to read stays pending until data comes. */
    memset(&ov, 0, sizeof ov);
    ov.hEvent = ev;
    SetLastError(0xdeadbeef);
    tap_ok(!ReadFile(g_server, buf, sizeof buf, &n, &ov), "a read on an empty pipe does not finish");
    tap_int(GetLastError(), ERROR_IO_PENDING, "...ERROR_IO_PENDING");
    tap_int(ov.Internal, 0x103, "...Internal is STATUS_PENDING");
    SetLastError(0xdeadbeef);
    tap_ok(!GetOverlappedResult(g_server, &ov, &n, FALSE), "GetOverlappedResult without waiting fails");
    tap_int(GetLastError(), ERROR_IO_INCOMPLETE, "...ERROR_IO_INCOMPLETE");
    SetLastError(0xdeadbeef);
    tap_ok(!GetOverlappedResultEx(g_server, &ov, &n, 50, FALSE), "GetOverlappedResultEx with a timeout fails");
    tap_int(GetLastError(), WAIT_TIMEOUT, "...WAIT_TIMEOUT");
    tap_int(WaitForSingleObject(ev, 0), WAIT_TIMEOUT, "the event is not signaled");
    tap_ok(WriteFile(g_client, "hello", 5, &n, NULL), "the client writes (overlapped handle, no OVERLAPPED: waits)");
    tap_int(n, 5, "...5 bytes");
    tap_int(WaitForSingleObject(ev, 5000), WAIT_OBJECT_0, "the pending read's event is signaled");
    tap_ok(GetOverlappedResult(g_server, &ov, &n, FALSE), "GetOverlappedResult");
    tap_int(n, 5, "...5 bytes read");
    tap_ok(memcmp(buf, "hello", 5) == 0, "...the data");

    /* CancelIoEx on one request, then on nothing. */
    memset(&ov, 0, sizeof ov);
    ov.hEvent = ev;
    ResetEvent(ev);
    tap_ok(!ReadFile(g_server, buf, sizeof buf, &n, &ov) && GetLastError() == ERROR_IO_PENDING, "another pending read");
    tap_ok(CancelIoEx(g_server, &ov), "CancelIoEx cancels it");
    SetLastError(0xdeadbeef);
    tap_ok(!GetOverlappedResult(g_server, &ov, &n, TRUE), "GetOverlappedResult reports the cancel");
    tap_int(GetLastError(), ERROR_OPERATION_ABORTED, "...ERROR_OPERATION_ABORTED");
    tap_int(WaitForSingleObject(ev, 0), WAIT_OBJECT_0, "...and the event is signaled");
    SetLastError(0xdeadbeef);
    tap_ok(!CancelIoEx(g_server, &ov), "CancelIoEx with nothing pending fails");
    tap_int(GetLastError(), ERROR_NOT_FOUND, "...ERROR_NOT_FOUND");

    /* CancelIo: this thread's requests on the handle. */
    memset(&ov, 0, sizeof ov);
    tap_ok(!ReadFile(g_server, buf, sizeof buf, &n, &ov) && GetLastError() == ERROR_IO_PENDING, "a third pending read");
    tap_ok(CancelIo(g_server), "CancelIo");
    tap_ok(!GetOverlappedResult(g_server, &ov, &n, TRUE) && GetLastError() == ERROR_OPERATION_ABORTED,
           "...aborts it");

    /* ReadFileEx: the routine runs once data has come and the thread waits alertably. */
    memset(&ov, 0, sizeof ov);
    g_routine_calls = 0;
    tap_ok(ReadFileEx(g_server, buf, sizeof buf, &ov, routine), "ReadFileEx on an empty pipe");
    HANDLE t = CreateThread(NULL, 0, slow_writer, g_client, 0, NULL);
    tap_int(WaitForSingleObject(t, 5000), WAIT_OBJECT_0, "the writer thread exits (a wait that is not alertable)");
    DWORD r = SleepEx(5000, TRUE);
    tap_int(r, WAIT_IO_COMPLETION, "SleepEx(alertable) ends for the completion routine");
    tap_int(g_routine_calls, 1, "...which ran once");
    tap_ok(g_routine_error == 0 && g_routine_bytes == 4 && g_routine_ov == &ov, "...with 4 bytes and no error");
    tap_ok(memcmp(buf, "late", 4) == 0, "...and the data");
    CloseHandle(t);

    /* A big write stays pending until the reader drains the pipe. */
    static char big[1 << 20], sink[1 << 16];
    memset(big, 'b', sizeof big);
    memset(&ov, 0, sizeof ov);
    ov.hEvent = ev;
    BOOL ok = WriteFile(g_server, big, sizeof big, NULL, &ov);
    tap_ok(ok || GetLastError() == ERROR_IO_PENDING, "a 1 MiB write starts");
    DWORD total = 0;
    while (total < sizeof big) {
        OVERLAPPED rov;
        memset(&rov, 0, sizeof rov);
        if (!ReadFile(g_client, sink, sizeof sink, NULL, &rov) && GetLastError() != ERROR_IO_PENDING) break;
        if (!GetOverlappedResult(g_client, &rov, &n, TRUE)) break;
        total += n;
    }
    tap_int(total, sizeof big, "the reader gets all of it");
    tap_ok(GetOverlappedResult(g_server, &ov, &n, TRUE), "the write completes");
    tap_int(n, sizeof big, "...with every byte");

    /* The other end goes away under a pending read. */
    memset(&ov, 0, sizeof ov);
    tap_ok(!ReadFile(g_server, buf, sizeof buf, &n, &ov) && GetLastError() == ERROR_IO_PENDING, "a pending read");
    CloseHandle(g_client);
    SetLastError(0xdeadbeef);
    tap_ok(!GetOverlappedResult(g_server, &ov, &n, TRUE), "closing the client ends it");
    tap_int(GetLastError(), ERROR_BROKEN_PIPE, "...ERROR_BROKEN_PIPE");
    CloseHandle(g_server);
    CloseHandle(ev);
}

int main(void)
{
    sprintf(g_pipe_name, "\\\\.\\pipe\\sill-overlapped-%lu", GetCurrentProcessId());
    test_file();
    test_pipe();
    return tap_done();
}
