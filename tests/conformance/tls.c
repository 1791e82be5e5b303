/* PE static TLS on the main thread (see tls_common.h): the loader copies the
 * TLS template into a per-thread block, stores it in ThreadLocalStoragePointer
 * at _tls_index, and calls the TLS callbacks with DLL_PROCESS_ATTACH before
 * the entry point. (Windows also calls them with DLL_PROCESS_DETACH at exit;
 * Wine 8 does not for the exe, so that is not asserted here.) */
#include "tap.h"
#include "tls_common.h"

TLS_VAR int tls_counter = 42;
TLS_VAR char tls_text[16] = "initial";

static DWORD reasons[8];
static int reason_count;
static int main_started;
static int callback_before_main = -1;
static int callback_saw_initial = -1;

static void NTAPI tls_callback(PVOID module, DWORD reason, PVOID reserved)
{
    if (reason_count < 8) reasons[reason_count++] = reason;
    if (reason == DLL_PROCESS_ATTACH) {
        callback_before_main = !main_started;
        int *counter = tls_address(&tls_counter);
        callback_saw_initial = counter && *counter == 42;
    }
}

__attribute__((used, section(".CRT$XLB"))) PIMAGE_TLS_CALLBACK sill_tls_callback = tls_callback;

static __thread int compiler_tls = 7;

int main(void)
{
    main_started = 1;
    const IMAGE_TLS_DIRECTORY64 *dir = tls_directory_from_header();
    tap_ok(dir == &_tls_used, "the PE header's TLS directory is mingw's _tls_used");
    tap_ok(dir && dir->AddressOfIndex == (ULONGLONG)&_tls_index, "AddressOfIndex points to _tls_index");

    int *counter = tls_address(&tls_counter);
    char *text = tls_address(tls_text);
    tap_ok(counter != NULL, "ThreadLocalStoragePointer[_tls_index] holds the thread's block");
    tap_ok((void *)counter != (void *)&tls_counter, "the block is a copy, not the template");
    tap_int(counter ? *counter : -1, 42, "an initialized TLS int has its initial value");
    tap_str(text, "initial", "an initialized TLS array has its initial value");
    if (counter) *counter = 43;
    tap_int(tls_counter, 42, "writing the thread's copy leaves the template alone");
    tap_int(counter ? *(int *)tls_address(&tls_counter) : -1, 43, "the thread's copy keeps the write");

    tap_ok(reason_count >= 1 && reasons[0] == DLL_PROCESS_ATTACH, "the TLS callback got DLL_PROCESS_ATTACH");
    tap_int(callback_before_main, 1, "...before main");
    tap_int(callback_saw_initial, 1, "...with the TLS block already in place");
    tap_int(compiler_tls, 7, "a __thread variable (compiler TLS) has its initial value");

    return tap_done();
}
