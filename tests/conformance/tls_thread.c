/* PE static TLS with a second thread (see tls_common.h): a thread made by
 * CreateThread gets its own block initialized from the template (not a copy
 * of the main thread's current values), and the TLS callback sees
 * DLL_THREAD_ATTACH on that thread before its start routine and
 * DLL_THREAD_DETACH when it ends. */
#include <string.h>

#include "tap.h"
#include "tls_common.h"

TLS_VAR int tls_counter = 42;
TLS_VAR char tls_text[16] = "initial";

enum { MAX_EVENTS = 64 };
static struct {
    DWORD reason;
    DWORD thread;
    int initial_value;
} events[MAX_EVENTS];
static volatile LONG event_count;

static void NTAPI tls_callback(PVOID module, DWORD reason, PVOID reserved)
{
    LONG i = InterlockedIncrement(&event_count) - 1;
    if (i >= MAX_EVENTS) return;
    int *counter = tls_address(&tls_counter);
    events[i].reason = reason;
    events[i].thread = GetCurrentThreadId();
    events[i].initial_value = counter ? *counter : -1;
}

__attribute__((used, section(".CRT$XLB"))) PIMAGE_TLS_CALLBACK sill_tls_callback = tls_callback;

static __thread int compiler_tls = 7;

static int find_event(DWORD reason, DWORD thread)
{
    LONG n = event_count < MAX_EVENTS ? event_count : MAX_EVENTS;
    for (LONG i = 0; i < n; ++i)
        if (events[i].reason == reason && events[i].thread == thread) return (int)i;
    return -1;
}

struct thread_result {
    int counter_at_start;
    int text_ok;
    int attach_seen_first;
    int compiler_tls;
    int *block_address;
};

static DWORD WINAPI thread_main(LPVOID arg)
{
    struct thread_result *r = arg;
    int *counter = tls_address(&tls_counter);
    char *text = tls_address(tls_text);
    r->block_address = counter;
    r->counter_at_start = counter ? *counter : -1;
    r->text_ok = text && strcmp(text, "initial") == 0;
    r->attach_seen_first = find_event(DLL_THREAD_ATTACH, GetCurrentThreadId()) >= 0;
    r->compiler_tls = compiler_tls;
    if (counter) *counter = 100;
    compiler_tls = 8;
    return 0;
}

int main(void)
{
    int *mine = tls_address(&tls_counter);
    if (!tap_ok(mine != NULL, "the main thread has a TLS block")) return tap_done();
    *mine = 43;
    compiler_tls = 9;

    struct thread_result r = {0};
    DWORD tid = 0;
    HANDLE h = CreateThread(NULL, 0, thread_main, &r, 0, &tid);
    if (!tap_ok(h != NULL, "CreateThread succeeds")) return tap_done();
    tap_int(WaitForSingleObject(h, 10000), WAIT_OBJECT_0, "the thread ends");
    CloseHandle(h);

    tap_ok(r.block_address != NULL && r.block_address != mine, "the new thread has its own TLS block");
    tap_int(r.counter_at_start, 42, "...initialized from the template, not from the main thread's copy");
    tap_ok(r.text_ok, "...including initialized arrays");
    tap_int(*mine, 43, "the thread's writes do not reach the main thread's copy");
    tap_int(r.compiler_tls, 7, "a __thread variable starts at its initial value in the new thread");
    tap_int(compiler_tls, 9, "...and the main thread's value is untouched");

    tap_ok(r.attach_seen_first, "DLL_THREAD_ATTACH reached the TLS callback before the start routine");
    int attach = find_event(DLL_THREAD_ATTACH, tid);
    tap_int(attach >= 0 ? events[attach].initial_value : -1, 42,
            "...on the new thread, with its TLS block in place");
    tap_ok(find_event(DLL_THREAD_DETACH, tid) > attach, "DLL_THREAD_DETACH reached the callback at thread exit");
    tap_ok(find_event(DLL_PROCESS_ATTACH, GetCurrentThreadId()) == 0,
           "DLL_PROCESS_ATTACH came first, on the main thread");
    return tap_done();
}
