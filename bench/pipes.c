/* Pipe and completion-port costs (Windows API only: run as a PE under sill and Wine):
 * message round trips over a named pipe between two threads, anonymous pipe round trips,
 * and PostQueuedCompletionStatus + GetQueuedCompletionStatus pairs. */
#include <stdio.h>
#include <windows.h>

enum { kRoundTrips = 20000, kPackets = 200000 };

static double seconds(LARGE_INTEGER a, LARGE_INTEGER b)
{
    LARGE_INTEGER f;
    QueryPerformanceFrequency(&f);
    return (double)(b.QuadPart - a.QuadPart) / (double)f.QuadPart;
}

static DWORD WINAPI echo(void *arg)
{
    HANDLE *ends = (HANDLE *)arg;
    char buf[64];
    DWORD n;
    for (int i = 0; i < kRoundTrips; ++i) {
        if (!ReadFile(ends[0], buf, sizeof buf, &n, NULL)) return 1;
        if (!WriteFile(ends[1], buf, n, &n, NULL)) return 2;
    }
    return 0;
}

static void round_trips(const char *what, HANDLE ours_read, HANDLE ours_write, HANDLE theirs[2])
{
    char buf[64] = "ping";
    DWORD n;
    LARGE_INTEGER a, b;
    HANDLE t = CreateThread(NULL, 0, echo, theirs, 0, NULL);
    QueryPerformanceCounter(&a);
    for (int i = 0; i < kRoundTrips; ++i) {
        WriteFile(ours_write, buf, 64, &n, NULL);
        ReadFile(ours_read, buf, sizeof buf, &n, NULL);
    }
    QueryPerformanceCounter(&b);
    WaitForSingleObject(t, INFINITE);
    CloseHandle(t);
    printf("%-36s %8.2f us per round trip\n", what, seconds(a, b) * 1e6 / kRoundTrips);
}

int main(void)
{
    char name[64];
    sprintf(name, "\\\\.\\pipe\\sill-bench-%lu", GetCurrentProcessId());
    HANDLE server = CreateNamedPipeA(name, PIPE_ACCESS_DUPLEX, PIPE_TYPE_MESSAGE | PIPE_READMODE_MESSAGE, 1, 4096,
                                     4096, 0, NULL);
    HANDLE client = CreateFileA(name, GENERIC_READ | GENERIC_WRITE, 0, NULL, OPEN_EXISTING, 0, NULL);
    if (server == INVALID_HANDLE_VALUE || client == INVALID_HANDLE_VALUE) return 1;
    HANDLE theirs[2] = {server, server};
    round_trips("named pipe (message), 64 B", client, client, theirs);
    CloseHandle(client);
    CloseHandle(server);

    HANDLE r1, w1, r2, w2;
    CreatePipe(&r1, &w1, NULL, 0);
    CreatePipe(&r2, &w2, NULL, 0);
    HANDLE echo_ends[2] = {r1, w2};
    round_trips("anonymous pipes, 64 B", r2, w1, echo_ends);

    HANDLE port = CreateIoCompletionPort(INVALID_HANDLE_VALUE, NULL, 0, 0);
    LARGE_INTEGER a, b;
    DWORD bytes;
    ULONG_PTR key;
    OVERLAPPED *ov;
    QueryPerformanceCounter(&a);
    for (int i = 0; i < kPackets; ++i) {
        PostQueuedCompletionStatus(port, 1, 2, NULL);
        GetQueuedCompletionStatus(port, &bytes, &key, &ov, INFINITE);
    }
    QueryPerformanceCounter(&b);
    printf("%-36s %8.3f us per pair\n", "IOCP post + get (one thread)", seconds(a, b) * 1e6 / kPackets);
    CloseHandle(port);
    return 0;
}
