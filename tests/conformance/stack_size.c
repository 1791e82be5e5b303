/* Thread stacks as Windows sizes them ("Thread Stack Size" on Microsoft Learn): the main thread
 * and CreateThread(0) reserve what the image header asks for; STACK_SIZE_PARAM_IS_A_RESERVATION
 * makes dwStackSize the reservation; otherwise dwStackSize is the commit, and a commit at least
 * as large as the default reserve makes the reservation that commit rounded up to 1 MiB. The TEB
 * (StackBase, StackLimit, DeallocationStack) agrees with GetCurrentThreadStackLimits and
 * VirtualQuery. SetThreadStackGuarantee only grows and reports the previous guarantee.
 * Wine 8 differs from the documentation in two checks: it makes every reservation at least
 * 1 MiB (the 256 KiB one) and rounds a large commit to 64 KiB instead of 1 MiB. */
#define _WIN32_WINNT 0x0A00
#include <windows.h>

#include "tap.h"

struct stack_info {
    ULONG_PTR low, high;          /* GetCurrentThreadStackLimits */
    ULONG_PTR base, limit, dealloc; /* the TEB */
    ULONG_PTR local;              /* an address on the stack */
    ULONG_PTR allocation_base;    /* VirtualQuery of that address */
    ULONG_PTR region_end;
};

static void describe(struct stack_info *s)
{
    volatile char here = 0;
    NT_TIB *tib = (NT_TIB *)NtCurrentTeb();
    MEMORY_BASIC_INFORMATION mbi;
    GetCurrentThreadStackLimits(&s->low, &s->high);
    s->base = (ULONG_PTR)tib->StackBase;
    s->limit = (ULONG_PTR)tib->StackLimit;
    s->dealloc = *(ULONG_PTR *)((char *)NtCurrentTeb() + 0x1478);
    s->local = (ULONG_PTR)&here;
    VirtualQuery((void *)&here, &mbi, sizeof mbi);
    s->allocation_base = (ULONG_PTR)mbi.AllocationBase;
    s->region_end = (ULONG_PTR)mbi.BaseAddress + mbi.RegionSize;
}

static DWORD WINAPI describe_thread(void *arg)
{
    describe(arg);
    return 0;
}

static void check(const char *who, const struct stack_info *s, ULONG_PTR reserve)
{
    char what[160];
    snprintf(what, sizeof what, "%s: reserve", who);
    tap_int((long long)(s->high - s->low), (long long)reserve, what);
    snprintf(what, sizeof what, "%s: StackBase is the high limit", who);
    tap_ok(s->base == s->high, what);
    snprintf(what, sizeof what, "%s: DeallocationStack is the low limit", who);
    tap_ok(s->dealloc == s->low, what);
    snprintf(what, sizeof what, "%s: low < StackLimit <= locals < StackBase", who);
    tap_ok(s->low < s->limit && s->limit <= s->local && s->local < s->base, what);
    snprintf(what, sizeof what, "%s: VirtualQuery: allocation base is the low limit", who);
    tap_ok(s->allocation_base == s->low, what);
    snprintf(what, sizeof what, "%s: VirtualQuery: the committed region ends at StackBase", who);
    tap_ok(s->region_end == s->base, what);
}

static void check_thread(const char *who, SIZE_T size, DWORD flags, ULONG_PTR reserve)
{
    struct stack_info s;
    memset(&s, 0, sizeof s);
    HANDLE t = CreateThread(NULL, size, describe_thread, &s, flags, NULL);
    if (!t) {
        tap_ok(0, who);
        return;
    }
    WaitForSingleObject(t, INFINITE);
    CloseHandle(t);
    check(who, &s, reserve);
}

static DWORD WINAPI guarantee_thread(void *arg)
{
    ULONG previous = 0, size;
    (void)arg;
    tap_ok(SetThreadStackGuarantee(&previous), "guarantee: a query (0) succeeds");
    size = 0x8000;
    tap_ok(SetThreadStackGuarantee(&size), "guarantee: growing it succeeds");
    tap_int(size, previous, "guarantee: ... and gives the previous one");
    size = 0;
    SetThreadStackGuarantee(&size);
    tap_int(size, 0x8000, "guarantee: a query gives the new one");
    size = 0x1000;
    tap_ok(SetThreadStackGuarantee(&size), "guarantee: a smaller one succeeds");
    size = 0;
    SetThreadStackGuarantee(&size);
    tap_int(size, 0x8000, "guarantee: ... but is ignored");
    size = 64 * 1024 * 1024;
    tap_ok(!SetThreadStackGuarantee(&size), "guarantee: more than the stack fails");
    return 0;
}

int main(void)
{
    IMAGE_DOS_HEADER *dos = (IMAGE_DOS_HEADER *)GetModuleHandleW(NULL);
    IMAGE_NT_HEADERS64 *nt = (IMAGE_NT_HEADERS64 *)((char *)dos + dos->e_lfanew);
    const ULONG_PTR granularity = 64 * 1024, mib = 1024 * 1024;
    ULONG_PTR header = (nt->OptionalHeader.SizeOfStackReserve + granularity - 1) & ~(granularity - 1);
    struct stack_info main_stack;
    describe(&main_stack);
    check("main thread", &main_stack, header);

    check_thread("CreateThread(0)", 0, 0, header);
    check_thread("256 KiB reservation", 256 * 1024, STACK_SIZE_PARAM_IS_A_RESERVATION, 256 * 1024);
    check_thread("4 MiB reservation", 4 * mib, STACK_SIZE_PARAM_IS_A_RESERVATION, 4 * mib);
    check_thread("small commit", 64 * 1024, 0, header);
    check_thread("commit above the reserve", header + mib + 4096, 0, header + 2 * mib);

    HANDLE t = CreateThread(NULL, 0, guarantee_thread, NULL, 0, NULL);
    WaitForSingleObject(t, INFINITE);
    CloseHandle(t);
    return tap_done();
}
