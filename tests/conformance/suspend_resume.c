/* SuspendThread/ResumeThread and the registers of a suspended thread, as the Go runtime uses them:
 * suspend counts, a spinning thread that stops, a thread blocked in a wait that stays blocked,
 * GetThreadContext inside the thread's own stack and code, and SetThreadContext sending a
 * suspended thread into another function (also one stopped inside a wait). */
#include <windows.h>

#include "tap.h"

#define EXIT_REDIRECTED 0x5A17
#define EXIT_REDIRECTED_WAIT 0x5A18

static volatile LONG64 g_counter;
static volatile LONG g_stop;
static volatile ULONG_PTR g_stack_low, g_stack_high;
static HANDLE g_event;
static volatile LONG g_woke;

static DWORD WINAPI spinner(void *arg)
{
    NT_TIB *tib = (NT_TIB *)NtCurrentTeb();
    (void)arg;
    g_stack_low = (ULONG_PTR)tib->StackLimit;
    g_stack_high = (ULONG_PTR)tib->StackBase;
    while (!g_stop) g_counter++;
    return 0;
}

static DWORD WINAPI waiter(void *arg)
{
    (void)arg;
    WaitForSingleObject(g_event, INFINITE);
    InterlockedExchange(&g_woke, 1);
    return 0;
}

static DWORD WINAPI short_lived(void *arg)
{
    *(volatile LONG *)arg = 1;
    return 7;
}

/* What Go's preemption does to a running thread, done here: push its pc and run this, which
 * counts and returns there with every register and flag as they were. */
static volatile LONG g_injected;
void inject_tick(void);
__asm__(".globl inject_tick\n"
        "inject_tick:\n"
        "  pushfq\n"
        "  lock incl g_injected(%rip)\n"
        "  popfq\n"
        "  ret\n");

static volatile LONG g_work_stop, g_work_started;
struct work {
    ULONG64 acc;
    ULONG iterations;
    int failed;
};

static ULONG64 step(ULONG64 acc, ULONG i) { return acc * 6364136223846793005ULL + i; }

/* Alternates between its own arithmetic and calls into the system. */
static DWORD WINAPI worker(void *arg)
{
    struct work *w = arg;
    ULONG64 acc = 1;
    ULONG i;
    g_work_started = 1;
    for (i = 0; !g_work_stop; ++i) {
        acc = step(acc, i);
        if ((i & 4095) == 0) {
            SetLastError(i);
            if (GetLastError() != i) w->failed = 1;
        }
        if ((i & 65535) == 0) SwitchToThread();
    }
    w->acc = acc;
    w->iterations = i;
    return 0;
}

/* Where SetThreadContext sends the threads: never returns. */
static void redirected(void) { ExitThread(EXIT_REDIRECTED); }
static void redirected_from_wait(void) { ExitThread(EXIT_REDIRECTED_WAIT); }

static int in_image(DWORD64 pc)
{
    BYTE *base = (BYTE *)GetModuleHandleW(NULL);
    IMAGE_NT_HEADERS *nt = (IMAGE_NT_HEADERS *)(base + ((IMAGE_DOS_HEADER *)base)->e_lfanew);
    return pc >= (DWORD64)base && pc < (DWORD64)base + nt->OptionalHeader.SizeOfImage;
}

/* Waits (bounded) until the counter moves; not a timing assertion. */
static int counter_moves(void)
{
    LONG64 before = g_counter;
    for (int i = 0; i < 2000; ++i) {
        if (g_counter != before) return 1;
        Sleep(1);
    }
    return 0;
}

/* A call into `fn` on the stopped thread's stack, as a call instruction would leave it. */
static void point_at(CONTEXT *ctx, void (*fn)(void))
{
    ctx->Rsp = ((ctx->Rsp - 512) & ~(DWORD64)15) - 8;
    ctx->Rip = (DWORD64)(ULONG_PTR)fn;
}

static void test_counts_and_spinning(void)
{
    HANDLE t = CreateThread(NULL, 0, spinner, NULL, 0, NULL);
    tap_ok(t != NULL, "CreateThread (spinner)");
    tap_ok(counter_moves(), "the spinner runs");

    tap_int((LONG)SuspendThread(t), 0, "SuspendThread on a running thread returns 0");
    tap_int((LONG)SuspendThread(t), 1, "a second SuspendThread returns 1");
    LONG64 stopped = g_counter;
    Sleep(50);
    tap_ok(g_counter == stopped, "the counter of a suspended thread stays still");

    CONTEXT ctx;
    memset(&ctx, 0, sizeof ctx);
    ctx.ContextFlags = CONTEXT_CONTROL | CONTEXT_INTEGER;
    tap_ok(GetThreadContext(t, &ctx), "GetThreadContext on a suspended thread");
    tap_ok(ctx.Rsp >= g_stack_low && ctx.Rsp < g_stack_high, "its Rsp lies inside the thread's stack");
    tap_ok(in_image(ctx.Rip), "its Rip lies in the program's code");
    CONTEXT again;
    memset(&again, 0, sizeof again);
    again.ContextFlags = CONTEXT_CONTROL;
    GetThreadContext(t, &again);
    tap_ok(again.Rip == ctx.Rip && again.Rsp == ctx.Rsp, "a suspended thread's Rip and Rsp do not change");

    tap_int((LONG)ResumeThread(t), 2, "ResumeThread returns the previous count (2)");
    tap_ok(g_counter == stopped, "still suspended at count 1");
    tap_int((LONG)ResumeThread(t), 1, "ResumeThread returns 1 and lets it run");
    tap_ok(counter_moves(), "the counter moves again after the last ResumeThread");
    tap_int((LONG)ResumeThread(t), 0, "ResumeThread on a running thread returns 0");

    DWORD previous = 0, n;
    for (n = 0; n < 200; ++n) {
        DWORD r = SuspendThread(t);
        if (r == (DWORD)-1) break;
        previous = r;
    }
    tap_int(n, MAXIMUM_SUSPEND_COUNT, "SuspendThread succeeds MAXIMUM_SUSPEND_COUNT times");
    tap_int(previous, MAXIMUM_SUSPEND_COUNT - 1, "...the last one returning MAXIMUM_SUSPEND_COUNT - 1");
    tap_int(GetLastError(), ERROR_SIGNAL_REFUSED, "one more fails with ERROR_SIGNAL_REFUSED");
    while (ResumeThread(t) > 1) {
    }
    tap_ok(counter_moves(), "resumed from the maximum count");

    SuspendThread(t);
    memset(&ctx, 0, sizeof ctx);
    ctx.ContextFlags = CONTEXT_FULL;
    GetThreadContext(t, &ctx);
    point_at(&ctx, redirected);
    tap_ok(SetThreadContext(t, &ctx), "SetThreadContext on a suspended thread");
    ResumeThread(t);
    tap_int(WaitForSingleObject(t, 10000), WAIT_OBJECT_0, "the redirected thread ends");
    DWORD code = 0;
    GetExitCodeThread(t, &code);
    tap_int(code, EXIT_REDIRECTED, "it ran the function SetThreadContext pointed it at");
    CloseHandle(t);
}

static void test_blocked_thread(void)
{
    g_event = CreateEventW(NULL, FALSE, FALSE, NULL);
    HANDLE t = CreateThread(NULL, 0, waiter, NULL, 0, NULL);
    Sleep(20);
    tap_int((LONG)SuspendThread(t), 0, "SuspendThread on a thread blocked in a wait");
    SetEvent(g_event);
    Sleep(50);
    tap_int(g_woke, 0, "a suspended thread does not run on when its wait is satisfied");
    tap_int((LONG)ResumeThread(t), 1, "ResumeThread");
    tap_int(WaitForSingleObject(t, 10000), WAIT_OBJECT_0, "the thread then finishes its wait and ends");
    tap_int(g_woke, 1, "...having run on after the wait");
    CloseHandle(t);

    /* A thread stopped in a wait, sent elsewhere: it goes there once the wait is over. */
    g_woke = 0;
    t = CreateThread(NULL, 0, waiter, NULL, 0, NULL);
    Sleep(20);
    SuspendThread(t);
    CONTEXT ctx;
    memset(&ctx, 0, sizeof ctx);
    ctx.ContextFlags = CONTEXT_FULL;
    tap_ok(GetThreadContext(t, &ctx), "GetThreadContext on a thread blocked in a wait");
    point_at(&ctx, redirected_from_wait);
    tap_ok(SetThreadContext(t, &ctx), "SetThreadContext on a thread blocked in a wait");
    ResumeThread(t);
    SetEvent(g_event);
    tap_int(WaitForSingleObject(t, 10000), WAIT_OBJECT_0, "the thread ends after its wait");
    DWORD code = 0;
    GetExitCodeThread(t, &code);
    tap_int(code, EXIT_REDIRECTED_WAIT, "...in the function SetThreadContext pointed it at");
    tap_int(g_woke, 0, "...without running the rest of its own function");
    CloseHandle(t);
    CloseHandle(g_event);
}

/* Under Debian's Wine 8 this passes, but now and then the whole test hangs here (a worker stopped
 * inside one of Wine's own calls); and Wine's GetThreadContext on a thread stopped in a system
 * call does not show registers set by an earlier SetThreadContext, hence one injection at a time. */
static void test_preemption_pattern(void)
{
    struct work w = {0};
    HANDLE t = CreateThread(NULL, 0, worker, &w, 0, NULL);
    int rounds = 0, set_ok = 1;
    for (int i = 0; i < 5000 && !g_work_started; ++i) Sleep(1);
    for (rounds = 0; rounds < 300; ++rounds) {
        CONTEXT ctx;
        SuspendThread(t);
        memset(&ctx, 0, sizeof ctx);
        ctx.ContextFlags = CONTEXT_CONTROL;
        GetThreadContext(t, &ctx);
        ctx.Rsp -= 8;
        *(DWORD64 *)(ULONG_PTR)ctx.Rsp = ctx.Rip;
        ctx.Rip = (DWORD64)(ULONG_PTR)inject_tick;
        if (!SetThreadContext(t, &ctx)) set_ok = 0;
        ResumeThread(t);
        /* Like Go, the next one only after this one ran (once the thread goes on, or once the
         * system call it was stopped in returns). */
        for (int i = 0; i < 5000 && g_injected <= rounds; ++i) Sleep(i < 100 ? 0 : 1);
    }
    g_work_stop = 1;
    WaitForSingleObject(t, 10000);
    CloseHandle(t);
    tap_ok(set_ok, "SetThreadContext succeeds every time");
    tap_int(g_injected, rounds, "each pushed call ran once");
    ULONG64 acc = 1;
    for (ULONG i = 0; i < w.iterations; ++i) acc = step(acc, i);
    tap_ok(w.iterations > 0 && acc == w.acc && !w.failed,
           "the thread's own work came out right (no register or flag disturbed)");
}

static void test_other_cases(void)
{
    volatile LONG ran = 0;
    HANDLE t = CreateThread(NULL, 0, short_lived, (void *)&ran, CREATE_SUSPENDED, NULL);
    Sleep(20);
    tap_int(ran, 0, "a CREATE_SUSPENDED thread does not run");
    tap_int((LONG)SuspendThread(t), 1, "its suspend count starts at 1");
    tap_int((LONG)ResumeThread(t), 2, "ResumeThread returns 2");
    tap_int((LONG)ResumeThread(t), 1, "ResumeThread returns 1 and starts it");
    tap_int(WaitForSingleObject(t, 10000), WAIT_OBJECT_0, "it runs to its end");
    tap_int(ran, 1, "...having run its start routine");
    CloseHandle(t);

    SetLastError(0);
    tap_int((LONG)SuspendThread(NULL), -1, "SuspendThread(NULL) fails");
    tap_int(GetLastError(), ERROR_INVALID_HANDLE, "...with ERROR_INVALID_HANDLE");
    tap_int((LONG)ResumeThread(NULL), -1, "ResumeThread(NULL) fails");

    HANDLE self = NULL;
    tap_ok(DuplicateHandle(GetCurrentProcess(), GetCurrentThread(), GetCurrentProcess(), &self, 0, FALSE,
                           DUPLICATE_SAME_ACCESS),
           "DuplicateHandle of GetCurrentThread() gives a real handle");
    tap_int(GetThreadId(self), GetCurrentThreadId(), "...to the calling thread");
    CONTEXT ctx;
    memset(&ctx, 0, sizeof ctx);
    ctx.ContextFlags = CONTEXT_CONTROL;
    volatile int local = 0;
    tap_ok(GetThreadContext(GetCurrentThread(), &ctx), "GetThreadContext on the current thread");
    DWORD64 here = (DWORD64)(ULONG_PTR)&local;
    tap_ok(ctx.Rsp <= here && here - ctx.Rsp < 64 * 1024, "its Rsp is just below this function's locals");
    CloseHandle(self);
}

int main(void)
{
    test_counts_and_spinning();
    test_blocked_thread();
    test_preemption_pattern();
    test_other_cases();
    g_stop = 1;
    return tap_done();
}
