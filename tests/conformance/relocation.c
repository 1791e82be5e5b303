/* Base relocation: reloc_a.dll and reloc_b.dll share one preferred image base
 * (see reloc_dll.c), and no DYNAMIC_BASE flag, so Windows keeps the first at
 * that base. Both are loaded; they must get different addresses, one
 * of them away from the preferred base, and every absolute pointer in their
 * data must point into the module where it was actually loaded. */
#include <stdio.h>
#include <string.h>
#include <windows.h>

#include "tap.h"

typedef void *(*self_fn)(void);
typedef int (*call_fn)(int, int);

/* The preferred base as written in the file on disk (the in-memory header is
 * no reliable witness once the loader has moved the image). */
static ULONGLONG preferred_base(HMODULE module, DWORD *size_of_image)
{
    char path[MAX_PATH];
    if (!GetModuleFileNameA(module, path, sizeof path)) return 0;
    FILE *f = fopen(path, "rb");
    if (!f) return 0;
    IMAGE_DOS_HEADER dos;
    IMAGE_NT_HEADERS64 nt;
    ULONGLONG base = 0;
    if (fread(&dos, sizeof dos, 1, f) == 1 && fseek(f, dos.e_lfanew, SEEK_SET) == 0 &&
        fread(&nt, sizeof nt, 1, f) == 1 && nt.Signature == IMAGE_NT_SIGNATURE) {
        base = nt.OptionalHeader.ImageBase;
        *size_of_image = nt.OptionalHeader.SizeOfImage;
    }
    fclose(f);
    return base;
}

static int inside(const void *p, HMODULE m, DWORD size)
{
    return (const BYTE *)p >= (const BYTE *)m && (const BYTE *)p < (const BYTE *)m + size;
}

static int check_module(const char *name, const char *id, HMODULE m, DWORD size)
{
    char what[128];
    const char *const *strings = (const char *const *)GetProcAddress(m, "reloc_strings");
    int (*const *funcs)(int) = (int (*const *)(int))GetProcAddress(m, "reloc_funcs");
    self_fn self = (self_fn)GetProcAddress(m, "reloc_self");
    call_fn call = (call_fn)GetProcAddress(m, "reloc_call");
    snprintf(what, sizeof what, "%s: exports found", name);
    if (!tap_ok(strings && funcs && self && call, what)) return 0;

    int strings_ok = 1;
    for (int i = 0; i < 4; ++i) strings_ok &= inside(strings[i], m, size);
    strings_ok = strings_ok && strcmp(strings[0], "alpha") == 0 && strcmp(strings[2], "gamma") == 0 &&
                 strcmp(strings[3], id) == 0;
    snprintf(what, sizeof what, "%s: a table of string pointers points into the module", name);
    tap_ok(strings_ok, what);
    snprintf(what, sizeof what, "%s: a table of function pointers can be called", name);
    tap_ok(inside((const void *)funcs[0], m, size) && funcs[0](21) == 42 && funcs[1](7) == 49, what);
    snprintf(what, sizeof what, "%s: code calling through its own table works", name);
    tap_int(call(1, 9), 81, what);
    snprintf(what, sizeof what, "%s: a stored pointer to itself equals its export", name);
    tap_ok(self() == (void *)self, what);
    return 1;
}

int main(void)
{
    HMODULE a = LoadLibraryA("reloc_a.dll");
    HMODULE b = LoadLibraryA("reloc_b.dll");
    tap_ok(a && b, "both DLLs load");
    if (!a || !b) return tap_done();

    DWORD size_a = 0, size_b = 0;
    ULONGLONG base_a = preferred_base(a, &size_a), base_b = preferred_base(b, &size_b);
    tap_ok(base_a != 0 && base_a == base_b, "both DLLs prefer the same image base");
    tap_ok(a != b, "they are loaded at different addresses");
    tap_ok((ULONGLONG)a == base_a, "the first (no DYNAMIC_BASE) loads at its free preferred base");
    tap_ok((ULONGLONG)b != base_b, "the second one was relocated");
    check_module("reloc_a", "A", a, size_a);
    check_module("reloc_b", "B", b, size_b);
    tap_ok(FreeLibrary(b) && FreeLibrary(a), "both unload");
    return tap_done();
}
