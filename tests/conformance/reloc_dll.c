/* Built twice, as reloc_a.dll and reloc_b.dll, with the same preferred image
 * base, so at most one of them can load there: the other must be relocated.
 * Its data holds absolute addresses (string and function pointer tables, a
 * pointer to itself) that only base relocations make right. */
#include <windows.h>

#ifndef RELOC_ID
#error RELOC_ID must name the copy (A or B)
#endif
#define STRINGIZE2(x) #x
#define STRINGIZE(x) STRINGIZE2(x)

static int twice(int x) { return 2 * x; }
static int square(int x) { return x * x; }

__declspec(dllexport) const char *const reloc_strings[] = {"alpha", "beta", "gamma", STRINGIZE(RELOC_ID)};
__declspec(dllexport) int (*const reloc_funcs[])(int) = {twice, square};

__declspec(dllexport) void *reloc_self(void);
static void *const self_pointer = (void *)reloc_self;

__declspec(dllexport) void *reloc_self(void) { return self_pointer; }

__declspec(dllexport) int reloc_call(int index, int x) { return reloc_funcs[index](x); }
