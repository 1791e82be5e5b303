/* Stack overflow as Windows reports it: a runaway recursion raises EXCEPTION_STACK_OVERFLOW on
 * the overflowing thread, whose vectored handler can leave the overflow behind (here with a
 * jump); _resetstkoflw re-arms the guard so that a second overflow is caught again, on the main
 * thread and on a created one. A PAGE_GUARD page raises STATUS_GUARD_PAGE_VIOLATION on its first
 * touch only. With the argument "unhandled" (or "unhandled_thread", on a new thread), nothing
 * catches the overflow: the process ends with the exception code as its exit code (Wine 8 ends
 * only the overflowing thread in "unhandled_thread"; Windows ends the process). */
#include <windows.h>
#include <malloc.h>

#include "tap.h"

/* Per thread, in a TLS slot: where the handler jumps back to (__builtin_setjmp's five words)
 * and what it saw. */
struct overflow_state {
    void *recover[5];
    DWORD code;
    ULONG_PTR rsp;
};
static DWORD state_slot;

static LONG WINAPI on_overflow(EXCEPTION_POINTERS *ep)
{
    if (ep->ExceptionRecord->ExceptionCode != EXCEPTION_STACK_OVERFLOW) return EXCEPTION_CONTINUE_SEARCH;
    struct overflow_state *s = TlsGetValue(state_slot);
    s->code = ep->ExceptionRecord->ExceptionCode;
    s->rsp = ep->ContextRecord->Rsp;
    __builtin_longjmp(s->recover, 1);
}

static volatile LONG guard_hits;
static LONG WINAPI on_guard(EXCEPTION_POINTERS *ep)
{
    if (ep->ExceptionRecord->ExceptionCode != STATUS_GUARD_PAGE_VIOLATION) return EXCEPTION_CONTINUE_SEARCH;
    InterlockedIncrement(&guard_hits);
    return EXCEPTION_CONTINUE_EXECUTION; /* the guard is gone: the access now succeeds */
}

/* The frame's address escapes into the next call, so no compiler can turn this into a loop. */
__attribute__((noinline)) static int recurse(int depth, volatile char *above)
{
    volatile char pad[512];
    pad[0] = (char)depth;
    pad[1] = above ? above[0] : 0;
    return recurse(depth + 1, pad) + pad[1];
}

/* 1 when the overflow was caught; the thread goes on afterwards. */
__attribute__((noinline)) static int overflow_once(struct overflow_state *s)
{
    s->code = 0;
    TlsSetValue(state_slot, s);
    if (__builtin_setjmp(s->recover) == 0) {
        recurse(0, NULL);
        return 0;
    }
    return 1;
}

static void stack_of(ULONG_PTR *low, ULONG_PTR *high)
{
    NT_TIB *tib = (NT_TIB *)NtCurrentTeb();
    *low = *(ULONG_PTR *)((char *)NtCurrentTeb() + 0x1478); /* DeallocationStack */
    *high = (ULONG_PTR)tib->StackBase;
}

/* Two overflows on the calling thread, with _resetstkoflw in between; returns the checks passed. */
static int overflow_twice(const char *where)
{
    char what[128];
    struct overflow_state s;
    ULONG_PTR low, high;
    int passed = 0;
    stack_of(&low, &high);
    snprintf(what, sizeof what, "%s: first overflow caught", where);
    passed += tap_ok(overflow_once(&s), what);
    snprintf(what, sizeof what, "%s: the exception is EXCEPTION_STACK_OVERFLOW", where);
    passed += tap_int(s.code, EXCEPTION_STACK_OVERFLOW, what);
    snprintf(what, sizeof what, "%s: the faulting frame is near the stack's low end", where);
    passed += tap_ok(s.rsp > low && s.rsp < low + 64 * 1024, what);
    snprintf(what, sizeof what, "%s: _resetstkoflw re-arms the guard", where);
    passed += tap_ok(_resetstkoflw() != 0, what);
    snprintf(what, sizeof what, "%s: second overflow caught", where);
    passed += tap_ok(overflow_once(&s), what);
    _resetstkoflw();
    return passed;
}

static DWORD WINAPI overflow_unhandled(void *arg)
{
    return (DWORD)recurse(0, NULL);
}

static DWORD WINAPI overflow_thread(void *arg)
{
    return (DWORD)overflow_twice("new thread");
}

int main(int argc, char **argv)
{
    if (argc > 1 && strcmp(argv[1], "unhandled") == 0) {
        /* The report comes first: the process is not expected to get past the overflow. */
        printf("ok 1 - overflowing with no handler\n1..1\n");
        fflush(stdout);
        recurse(0, NULL);
        printf("not ok 2 - the process survived\n");
        return 0;
    }
    if (argc > 1 && strcmp(argv[1], "unhandled_thread") == 0) {
        printf("ok 1 - overflowing a new thread with no handler\n1..1\n");
        fflush(stdout);
        HANDLE t = CreateThread(NULL, 0, overflow_unhandled, NULL, 0, NULL);
        WaitForSingleObject(t, INFINITE);
        printf("not ok 2 - the process survived\n");
        return 0;
    }
    state_slot = TlsAlloc();
    PVOID h = AddVectoredExceptionHandler(1, on_overflow);
    tap_ok(h != NULL, "vectored handler added");

    overflow_twice("main thread");

    HANDLE t = CreateThread(NULL, 0, overflow_thread, NULL, 0, NULL);
    tap_ok(t != NULL, "thread created");
    tap_int(WaitForSingleObject(t, 10000), WAIT_OBJECT_0, "the overflowing thread ends");
    DWORD code = 0;
    GetExitCodeThread(t, &code);
    tap_int(code, 5, "all its checks passed and it went on to return");
    CloseHandle(t);

    /* A guard page raises STATUS_GUARD_PAGE_VIOLATION once, then is an ordinary page. */
    PVOID g = AddVectoredExceptionHandler(1, on_guard);
    volatile char *page = VirtualAlloc(NULL, 4096, MEM_COMMIT | MEM_RESERVE, PAGE_READWRITE | PAGE_GUARD);
    tap_ok(page != NULL, "guard page allocated");
    page[0] = 1;
    tap_int(guard_hits, 1, "first touch: one STATUS_GUARD_PAGE_VIOLATION");
    page[1] = page[0] + 1;
    tap_int(guard_hits, 1, "later touches: none");
    tap_int(page[1], 2, "the page holds what was written");
    RemoveVectoredExceptionHandler(g);
    RemoveVectoredExceptionHandler(h);
    return tap_done();
}
