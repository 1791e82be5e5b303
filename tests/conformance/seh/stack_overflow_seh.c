/* Stack overflow caught by __try/__except (clang's SEH for the mingw target, through
 * __C_specific_handler and an unwind of the overflowing frames): twice in a row with
 * _resetstkoflw in between, on the main thread and on a new thread; the thread goes on.
 * (Microsoft's own _resetstkoflw example has this shape. Wine 8 fails it: its dispatcher runs out
 * of the stack left after the overflow, "virtual_setup_exception stack overflow", and the process
 * ends.) */
#include <windows.h>
#include <malloc.h>

#include "tap.h"

/* The frame's address escapes into the next call, so no compiler can turn this into a loop. */
__attribute__((noinline)) static int recurse(int depth, volatile char *above)
{
    volatile char pad[512];
    pad[0] = (char)depth;
    pad[1] = above ? above[0] : 0;
    return recurse(depth + 1, pad) + pad[1];
}

static DWORD filter_code;

static int filter(DWORD code)
{
    filter_code = code;
    return code == EXCEPTION_STACK_OVERFLOW ? EXCEPTION_EXECUTE_HANDLER : EXCEPTION_CONTINUE_SEARCH;
}

/* How many of two overflows were caught. */
__attribute__((noinline)) static int overflow_twice(void)
{
    int caught = 0;
    for (int i = 0; i < 2; ++i) {
        __try {
            recurse(0, NULL);
        } __except (filter(GetExceptionCode())) {
            ++caught;
        }
        if (!_resetstkoflw()) break;
    }
    return caught;
}

static DWORD WINAPI overflow_thread(void *arg)
{
    (void)arg;
    return (DWORD)overflow_twice();
}

int main(void)
{
    tap_int(overflow_twice(), 2, "main thread: two overflows caught by __except");
    tap_int(filter_code, EXCEPTION_STACK_OVERFLOW, "the filter saw EXCEPTION_STACK_OVERFLOW");
    HANDLE t = CreateThread(NULL, 0, overflow_thread, NULL, 0, NULL);
    tap_int(WaitForSingleObject(t, 10000), WAIT_OBJECT_0, "the new thread ends");
    DWORD code = 0;
    GetExitCodeThread(t, &code);
    tap_int(code, 2, "new thread: two overflows caught by __except");
    CloseHandle(t);
    return tap_done();
}
