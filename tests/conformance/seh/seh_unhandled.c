/* An exception nothing handles ends the process with the exception code as
 * its exit status (a Linux parent sees the low 8 bits). Modes:
 *   raise    RaiseException(0xE0000042)        -> 0x42
 *   av       write to address 8                -> 0xC0000005 -> 5
 *   divide   integer division by zero          -> 0xC0000094 -> 0x94
 *   filter   a filter returning EXECUTE_HANDLER ends it quietly with the code -> 0x43
 *   crt_av   strlen(NULL) faults inside msvcrt: still the program's exception,
 *            seen by its filter                -> 0xC0000005 -> 5 */
#include <windows.h>

#include "seh_asm.h"
#include "tap.h"

/* seh_asm.S's scope tables name these; this program does not use those scopes. */
LONG seh_filter(EXCEPTION_POINTERS* p, void* frame) { return EXCEPTION_CONTINUE_SEARCH; }
void seh_termination(BOOLEAN abnormal, void* frame) {}

static LONG WINAPI execute_handler(EXCEPTION_POINTERS* p) { return EXCEPTION_EXECUTE_HANDLER; }

/* The plan is printed here: without the filter the run has no plan and fails. */
static LONG WINAPI expect_access_violation(EXCEPTION_POINTERS* p)
{
    DWORD code = p->ExceptionRecord->ExceptionCode;
    printf("%s 2 - the filter sees the access violation (code 0x%lx)\n1..2\n",
           code == EXCEPTION_ACCESS_VIOLATION ? "ok" : "not ok", (unsigned long)code);
    fflush(stdout);
    return EXCEPTION_EXECUTE_HANDLER;
}

int main(int argc, char** argv)
{
    const char* mode = argc > 1 ? argv[1] : "";
    if (!strcmp(mode, "crt_av")) {
        const char* volatile nothing = NULL;
        SetUnhandledExceptionFilter(expect_access_violation);
        printf("ok 1 - crt_av: strlen(NULL) in the C runtime\n");
        fflush(stdout);
        printf("not ok 3 - strlen(NULL) returned %d\n", (int)strlen(nothing));
        return 0;
    }
    /* The report comes first: the process is not expected to get past the raise. */
    printf("ok 1 - %s: raising an exception nothing handles\n1..1\n", mode);
    fflush(stdout);
    if (!strcmp(mode, "raise")) {
        RaiseException(0xE0000042, 0, 0, NULL);
    } else if (!strcmp(mode, "av")) {
        av_write_8();
    } else if (!strcmp(mode, "divide")) {
        divide_by_zero();
    } else if (!strcmp(mode, "filter")) {
        SetUnhandledExceptionFilter(execute_handler);
        RaiseException(0xE0000043, 0, 0, NULL);
    }
    printf("not ok 2 - the process survived an unhandled exception\n");
    return 0;
}
