/* Console control handlers and screen-buffer calls.
 * Under Wine it needs a console (run it on a terminal): without one Wine fails
 * GenerateConsoleCtrlEvent, where Windows gives every console program a console.
 * Without arguments: the TAP checks (GenerateConsoleCtrlEvent runs the handlers on another
 * thread, last registered first; attribute calls on a pipe fail with ERROR_INVALID_HANDLE).
 * With an argument it is a helper for tests/cli/console_test.py:
 *   wait       installs a handler, prints "ready", waits for Ctrl-C; exits 7 after it
 *              (a close event ends it with STATUS_CONTROL_C_EXIT once the handler returns)
 *   nohandler  prints "ready" and sleeps: Ctrl-C ends it with STATUS_CONTROL_C_EXIT
 *   tty        calls the screen-buffer functions on stdout (a pseudo-terminal there) */
#include <windows.h>
#include <stdio.h>
#include <string.h>
#include <signal.h>

#include "tap.h"

static HANDLE g_done;
static volatile DWORD g_handler_thread;
static volatile DWORD g_event = 0xFFFFFFFF;
static volatile LONG g_calls;
static char g_order[16];

static BOOL WINAPI first_handler(DWORD event)
{
    LONG n = InterlockedIncrement(&g_calls);
    if (n < (LONG)sizeof g_order) g_order[n - 1] = 'F';
    SetEvent(g_done);
    return TRUE;
}

static BOOL WINAPI passing_handler(DWORD event)
{
    LONG n = InterlockedIncrement(&g_calls);
    if (n < (LONG)sizeof g_order) g_order[n - 1] = 'P';
    g_handler_thread = GetCurrentThreadId();
    g_event = event;
    return FALSE; /* the next handler (registered earlier) runs */
}

static volatile int g_crt_signal;
static void crt_handler(int sig)
{
    g_crt_signal = sig;
    SetEvent(g_done);
}

static BOOL WINAPI wait_handler(DWORD event)
{
    printf("handler event %lu\n", event);
    fflush(stdout);
    /* After a close event the process ends when the handler returns: main keeps waiting. */
    if (event != CTRL_CLOSE_EVENT) SetEvent(g_done);
    return TRUE;
}

static int run_wait(void)
{
    g_done = CreateEventA(NULL, TRUE, FALSE, NULL);
    SetConsoleCtrlHandler(wait_handler, TRUE);
    printf("ready\n");
    fflush(stdout);
    if (WaitForSingleObject(g_done, 20000) != WAIT_OBJECT_0) return 1;
    printf("main continues\n");
    fflush(stdout);
    return 7;
}

static int run_nohandler(void)
{
    printf("ready\n");
    fflush(stdout);
    Sleep(20000);
    return 1;
}

static int run_tty(void)
{
    HANDLE out = GetStdHandle(STD_OUTPUT_HANDLE);
    CONSOLE_SCREEN_BUFFER_INFO info;
    COORD pos = {4, 2};
    if (!SetConsoleTextAttribute(out, FOREGROUND_RED | FOREGROUND_INTENSITY)) return 2;
    WriteConsoleA(out, "red", 3, NULL, NULL);
    if (!SetConsoleTextAttribute(out, FOREGROUND_GREEN | BACKGROUND_BLUE)) return 3;
    if (!SetConsoleTextAttribute(out, FOREGROUND_RED | FOREGROUND_GREEN | FOREGROUND_BLUE)) return 4;
    if (!GetConsoleScreenBufferInfo(out, &info)) return 5;
    if (info.wAttributes != (FOREGROUND_RED | FOREGROUND_GREEN | FOREGROUND_BLUE)) return 6;
    if (!SetConsoleCursorPosition(out, pos)) return 7;
    if (!SetConsoleTitleA("sill title")) return 8;
    {
        COORD at = {1, 1}, origin = {0, 0};
        CONSOLE_CURSOR_INFO ci = {25, FALSE};
        DWORD n = 0, cells = (DWORD)(info.dwSize.X * info.dwSize.Y);
        if (!FillConsoleOutputCharacterA(out, 'x', 3, at, &n) || n != 3) return 9;
        if (!SetConsoleCursorInfo(out, &ci)) return 10;
        ci.bVisible = TRUE;
        if (!GetConsoleCursorInfo(out, &ci) || ci.bVisible || ci.dwSize != 25) return 11;
        if (!FillConsoleOutputAttribute(out, FOREGROUND_RED | FOREGROUND_GREEN | FOREGROUND_BLUE | BACKGROUND_BLUE,
                                        cells, origin, &n) || n != cells) return 12;
    }
    printf("\ncols=%d rows=%d\n", info.srWindow.Right - info.srWindow.Left + 1,
           info.srWindow.Bottom - info.srWindow.Top + 1);
    fflush(stdout);
    return 0;
}

int main(int argc, char **argv)
{
    HANDLE rd, wr;
    CONSOLE_SCREEN_BUFFER_INFO info;
    COORD pos = {0, 0};
    DWORD main_thread = GetCurrentThreadId();

    if (argc > 1 && !strcmp(argv[1], "wait")) return run_wait();
    if (argc > 1 && !strcmp(argv[1], "nohandler")) return run_nohandler();
    if (argc > 1 && !strcmp(argv[1], "tty")) return run_tty();

    g_done = CreateEventA(NULL, FALSE, FALSE, NULL);
    tap_ok(SetConsoleCtrlHandler(first_handler, TRUE), "SetConsoleCtrlHandler adds a handler");
    tap_ok(SetConsoleCtrlHandler(passing_handler, TRUE), "SetConsoleCtrlHandler adds a second handler");
    tap_ok(GenerateConsoleCtrlEvent(CTRL_C_EVENT, 0), "GenerateConsoleCtrlEvent(CTRL_C_EVENT, 0)");
    tap_int(WaitForSingleObject(g_done, 5000), WAIT_OBJECT_0, "the handlers ran");
    tap_int(g_event, CTRL_C_EVENT, "the handler got CTRL_C_EVENT");
    tap_ok(g_handler_thread != 0 && g_handler_thread != main_thread, "the handler ran on another thread");
    tap_ok(g_calls == 2 && g_order[0] == 'P' && g_order[1] == 'F', "last registered runs first; FALSE passes on");

    tap_ok(SetConsoleCtrlHandler(passing_handler, FALSE), "SetConsoleCtrlHandler removes a handler");
    SetLastError(0xdeadbeef);
    tap_ok(!SetConsoleCtrlHandler(passing_handler, FALSE), "removing it again fails");
    tap_int(GetLastError(), ERROR_INVALID_PARAMETER, "with ERROR_INVALID_PARAMETER");
    tap_ok(!GenerateConsoleCtrlEvent(7, 0), "GenerateConsoleCtrlEvent refuses an unknown event");
    tap_ok(SetConsoleCtrlHandler(first_handler, FALSE), "the first handler is removed too");

    /* Ctrl-C ignored: the process keeps running and no handler runs. */
    tap_ok(SetConsoleCtrlHandler(NULL, TRUE), "SetConsoleCtrlHandler(NULL, TRUE)");
    tap_ok(GenerateConsoleCtrlEvent(CTRL_C_EVENT, 0), "Ctrl-C while ignored");
    Sleep(300);
    tap_ok(SetConsoleCtrlHandler(NULL, FALSE), "SetConsoleCtrlHandler(NULL, FALSE)");

    /* The C runtime's SIGINT handler is reached through a console control handler. */
    tap_ok(signal(SIGINT, crt_handler) == SIG_DFL, "signal(SIGINT, handler)");
    tap_ok(GenerateConsoleCtrlEvent(CTRL_C_EVENT, 0), "Ctrl-C for the signal handler");
    tap_int(WaitForSingleObject(g_done, 5000), WAIT_OBJECT_0, "the SIGINT handler ran");
    tap_int(g_crt_signal, SIGINT, "with SIGINT");
    /* Microsoft documents the handler reset to SIG_DFL before it runs; Wine keeps it: not checked. */
    signal(SIGINT, SIG_DFL);

    /* Screen-buffer calls on something that is not a console. */
    tap_ok(CreatePipe(&rd, &wr, NULL, 0), "CreatePipe");
    SetLastError(0xdeadbeef);
    tap_ok(!SetConsoleTextAttribute(wr, FOREGROUND_RED), "SetConsoleTextAttribute on a pipe fails");
    tap_int(GetLastError(), ERROR_INVALID_HANDLE, "with ERROR_INVALID_HANDLE");
    SetLastError(0xdeadbeef);
    tap_ok(!GetConsoleScreenBufferInfo(wr, &info), "GetConsoleScreenBufferInfo on a pipe fails");
    tap_int(GetLastError(), ERROR_INVALID_HANDLE, "with ERROR_INVALID_HANDLE");
    SetLastError(0xdeadbeef);
    tap_ok(!SetConsoleCursorPosition(wr, pos), "SetConsoleCursorPosition on a pipe fails");
    tap_int(GetLastError(), ERROR_INVALID_HANDLE, "with ERROR_INVALID_HANDLE");
    {
        CONSOLE_CURSOR_INFO ci;
        DWORD n;
        SetLastError(0xdeadbeef);
        tap_ok(!GetConsoleCursorInfo(wr, &ci), "GetConsoleCursorInfo on a pipe fails");
        tap_int(GetLastError(), ERROR_INVALID_HANDLE, "with ERROR_INVALID_HANDLE");
        SetLastError(0xdeadbeef);
        tap_ok(!FillConsoleOutputCharacterW(wr, L' ', 10, pos, &n), "FillConsoleOutputCharacterW on a pipe fails");
        tap_int(GetLastError(), ERROR_INVALID_HANDLE, "with ERROR_INVALID_HANDLE");
        SetLastError(0xdeadbeef);
        tap_ok(!FillConsoleOutputAttribute(wr, 7, 10, pos, &n), "FillConsoleOutputAttribute on a pipe fails");
        tap_int(GetLastError(), ERROR_INVALID_HANDLE, "with ERROR_INVALID_HANDLE");
    }
    CloseHandle(rd);
    CloseHandle(wr);
    return tap_done();
}
