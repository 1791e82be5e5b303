/* Static TLS the way the PE format defines it, without relying on the
 * compiler: mingw's gcc compiles __thread to emulated TLS (TlsAlloc), so the
 * variables are placed in .tls$ sections by hand, between mingw's _tls_start
 * (".tls") and _tls_end (".tls$ZZZ"), and read the way MSVC-compiled code does:
 * gs:[0x58] is TEB.ThreadLocalStoragePointer, indexed by _tls_index, plus the
 * variable's offset in the TLS template. A TLS callback is registered in
 * .CRT$XLB, between mingw's __xl_a and __xl_z. */
#ifndef SILL_CONFORMANCE_TLS_COMMON_H
#define SILL_CONFORMANCE_TLS_COMMON_H

#include <intrin.h>
#include <windows.h>

extern const IMAGE_TLS_DIRECTORY64 _tls_used;
extern ULONG _tls_index;

#define TLS_VAR __attribute__((section(".tls$SILL")))

/* The calling thread's copy of a variable declared TLS_VAR. */
static inline void *tls_address(void *template_var)
{
    char **slots = (char **)__readgsqword(0x58);
    if (!slots || !slots[_tls_index]) return NULL;
    ULONG_PTR offset = (ULONG_PTR)template_var - (ULONG_PTR)_tls_used.StartAddressOfRawData;
    return slots[_tls_index] + offset;
}

/* The exe's TLS directory according to its own PE header. */
static inline const IMAGE_TLS_DIRECTORY64 *tls_directory_from_header(void)
{
    const BYTE *base = (const BYTE *)GetModuleHandleA(NULL);
    const IMAGE_NT_HEADERS64 *nt =
        (const IMAGE_NT_HEADERS64 *)(base + ((const IMAGE_DOS_HEADER *)base)->e_lfanew);
    const IMAGE_DATA_DIRECTORY *dir = &nt->OptionalHeader.DataDirectory[IMAGE_DIRECTORY_ENTRY_TLS];
    return dir->VirtualAddress ? (const IMAGE_TLS_DIRECTORY64 *)(base + dir->VirtualAddress) : NULL;
}

#endif
