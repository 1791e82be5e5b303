/* Ways a Windows program ends and the status its parent sees. The first
 * argument picks the scenario; the runner knows the expected status and, for
 * the atexit ordering, the exact output. A Linux parent sees the Windows exit
 * code truncated to 8 bits, as for any Linux process.
 *   return0 | return3        return from main
 *   exit42                   exit() runs atexit handlers, status 42
 *   exitprocess              ExitProcess(0x1234): status 0x34
 *   atexit                   handlers run in reverse order of registration
 *   _exit                    _exit(7) skips atexit handlers
 *   abort | abort_handler    abort() ends with status 3, after a SIGABRT handler */
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <windows.h>

#include "tap.h"

static int handlers_run;

static void first_registered(void)
{
    tap_int(handlers_run++, 2, "the first registered handler runs last");
    tap_done();
}
static void second_registered(void) { tap_int(handlers_run++, 1, "the second handler runs second"); }
static void third_registered(void) { tap_int(handlers_run++, 0, "the last registered handler runs first"); }

static void exit_handler(void)
{
    tap_ok(1, "atexit handler runs during exit()");
    tap_done();
}

static void must_not_run(void) { tap_ok(0, "_exit must not run atexit handlers"); }

static void on_sigabrt(int sig)
{
    tap_int(sig, SIGABRT, "abort() raises SIGABRT first");
    tap_done();
}

int main(int argc, char **argv)
{
    const char *mode = argc > 1 ? argv[1] : "";
    if (strcmp(mode, "return0") == 0 || strcmp(mode, "return3") == 0) {
        tap_ok(1, "main returns");
        tap_done();
        return mode[6] - '0';
    }
    if (strcmp(mode, "exit42") == 0) {
        atexit(exit_handler);
        tap_ok(1, "calling exit(42)");
        exit(42);
    }
    if (strcmp(mode, "exitprocess") == 0) {
        tap_ok(1, "calling ExitProcess(0x1234)");
        tap_done();
        ExitProcess(0x1234);
    }
    if (strcmp(mode, "atexit") == 0) {
        atexit(first_registered);
        atexit(second_registered);
        atexit(third_registered);
        tap_ok(1, "three handlers registered");
        return 0;
    }
    if (strcmp(mode, "_exit") == 0) {
        atexit(must_not_run);
        tap_ok(1, "calling _exit(7)");
        tap_done();
        _exit(7);
    }
    if (strcmp(mode, "abort") == 0) {
        tap_ok(1, "calling abort()");
        tap_done();
        abort();
    }
    if (strcmp(mode, "abort_handler") == 0) {
        signal(SIGABRT, on_sigabrt);
        tap_ok(1, "calling abort() with a SIGABRT handler");
        abort();
    }
    tap_ok(0, "known scenario");
    return tap_done();
}
