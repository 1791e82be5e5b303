/* Shared by the resources*.c conformance programs. */
#ifndef SILL_CONFORMANCE_RESOURCES_COMMON_H
#define SILL_CONFORMANCE_RESOURCES_COMMON_H

#include <windows.h>

/* The path of `file` in this program's directory (where the test DLL and programs are built). */
static void sibling(WCHAR *out, const WCHAR *file)
{
    GetModuleFileNameW(NULL, out, MAX_PATH);
    WCHAR *slash = out + lstrlenW(out);
    while (slash > out && slash[-1] != '\\' && slash[-1] != '/') slash--;
    lstrcpyW(slash, file);
}

#endif
