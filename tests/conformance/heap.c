/* Memory from the process heap, private heaps, VirtualAlloc and msvcrt's
 * malloc family: sizes, alignment, zeroing, reallocation keeping contents,
 * and the documented failures. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <windows.h>

#include "tap.h"

static void process_heap(void)
{
    HANDLE heap = GetProcessHeap();
    tap_ok(heap != NULL, "GetProcessHeap returns a heap");
    char *p = HeapAlloc(heap, HEAP_ZERO_MEMORY, 100);
    int zero = p != NULL;
    for (int i = 0; zero && i < 100; ++i) zero = p[i] == 0;
    tap_ok(zero, "HeapAlloc(HEAP_ZERO_MEMORY) gives zeroed memory");
    tap_ok(((uintptr_t)p & 15) == 0, "heap blocks are 16-byte aligned on x64");
    tap_int((long long)HeapSize(heap, 0, p), 100, "HeapSize reports the requested size");
    memcpy(p, "contents", 9);
    char *q = HeapReAlloc(heap, 0, p, 100000);
    tap_ok(q && strcmp(q, "contents") == 0, "HeapReAlloc keeps the contents when growing");
    tap_int(q ? (long long)HeapSize(heap, 0, q) : -1, 100000, "HeapSize after HeapReAlloc");
    char *r = HeapReAlloc(heap, HEAP_REALLOC_IN_PLACE_ONLY, q, 200000);
    tap_ok(r == NULL || r == q, "HEAP_REALLOC_IN_PLACE_ONLY never moves the block");
    tap_ok(HeapFree(heap, 0, q), "HeapFree succeeds");
    tap_ok(HeapFree(heap, 0, NULL), "HeapFree(NULL) succeeds");
}

static void private_heap(void)
{
    HANDLE heap = HeapCreate(0, 0, 0);
    tap_ok(heap != NULL, "HeapCreate makes a growable heap");
    void *blocks[64];
    for (int i = 0; i < 64; ++i) blocks[i] = HeapAlloc(heap, 0, 1000 + i);
    int all = 1;
    for (int i = 0; i < 64; ++i) all &= blocks[i] != NULL;
    tap_ok(all, "many allocations from a private heap");
    tap_ok(HeapDestroy(heap), "HeapDestroy frees the heap and its blocks at once");

    HANDLE fixed = HeapCreate(0, 0x10000, 0x10000);
    SetLastError(0);
    void *big = fixed ? HeapAlloc(fixed, 0, 0x100000) : NULL;
    tap_ok(fixed && big == NULL, "a fixed-size heap refuses a block larger than itself");
    if (fixed) HeapDestroy(fixed);
}

static void virtual_memory(void)
{
    SYSTEM_INFO si;
    GetSystemInfo(&si);
    tap_int(si.dwPageSize, 4096, "the page size is 4096");
    tap_int(si.dwAllocationGranularity, 65536, "the allocation granularity is 64 KiB");

    char *p = VirtualAlloc(NULL, 1 << 20, MEM_RESERVE | MEM_COMMIT, PAGE_READWRITE);
    tap_ok(p != NULL && ((uintptr_t)p & 0xffff) == 0, "VirtualAlloc returns a 64 KiB-aligned region");
    int zero = p != NULL;
    for (int i = 0; zero && i < (1 << 20); i += 4096) zero = p[i] == 0;
    tap_ok(zero, "committed pages are zero");
    if (p) p[12345] = 1;

    MEMORY_BASIC_INFORMATION mbi;
    tap_int((long long)VirtualQuery(p, &mbi, sizeof mbi), sizeof mbi, "VirtualQuery fills the structure");
    tap_ok(mbi.BaseAddress == p && mbi.State == MEM_COMMIT && mbi.Protect == PAGE_READWRITE,
           "VirtualQuery reports a committed read-write region");
    DWORD old = 0;
    tap_ok(VirtualProtect(p, 4096, PAGE_READONLY, &old) && old == PAGE_READWRITE,
           "VirtualProtect returns the old protection");
    VirtualQuery(p, &mbi, sizeof mbi);
    tap_int(mbi.Protect, PAGE_READONLY, "VirtualQuery sees the new protection");
    tap_ok(VirtualFree(p, 0, MEM_RELEASE), "VirtualFree(MEM_RELEASE) succeeds");
    VirtualQuery(p, &mbi, sizeof mbi);
    tap_int(mbi.State, MEM_FREE, "the region is free again");

    char *reserved = VirtualAlloc(NULL, 1 << 20, MEM_RESERVE, PAGE_NOACCESS);
    VirtualQuery(reserved, &mbi, sizeof mbi);
    tap_int(mbi.State, MEM_RESERVE, "MEM_RESERVE reserves without committing");
    char *committed = VirtualAlloc(reserved + 65536, 4096, MEM_COMMIT, PAGE_READWRITE);
    tap_ok(committed == reserved + 65536, "MEM_COMMIT inside a reservation");
    if (committed) committed[0] = 7;
    VirtualFree(reserved, 0, MEM_RELEASE);
}

static void crt_heap(void)
{
    char *p = malloc(10);
    tap_ok(p != NULL, "malloc");
    strcpy(p, "123456789");
    p = realloc(p, 1 << 20);
    tap_str(p, "123456789", "realloc keeps the contents");
    free(p);
    int *z = calloc(1000, sizeof(int));
    int zero = z != NULL;
    for (int i = 0; zero && i < 1000; ++i) zero = z[i] == 0;
    tap_ok(zero, "calloc gives zeroed memory");
    tap_int((long long)_msize(z), 4000, "_msize reports the size");
    free(z);
    free(NULL);
    tap_ok(malloc((size_t)1 << 62) == NULL, "an impossible malloc returns NULL");
    void *a = _aligned_malloc(100, 256);
    tap_ok(a && ((uintptr_t)a & 255) == 0, "_aligned_malloc honours the alignment");
    _aligned_free(a);
}

int main(void)
{
    process_heap();
    private_heap();
    virtual_memory();
    crt_heap();
    return tap_done();
}
