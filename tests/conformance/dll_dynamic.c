/* dll_dynamic.dll: loaded at run time by the dll test. Its exports get fixed
 * ordinals from dll_dynamic.def so GetProcAddress by ordinal can be checked. */
#include <windows.h>

#include "dll_log.h"

__declspec(dllexport) int dyn_data = 0x600d;

__declspec(dllexport) int dyn_add(int a, int b) { return a + b; }

__declspec(dllexport) const char *dyn_name(void) { return "dll_dynamic"; }

BOOL WINAPI DllMain(HINSTANCE instance, DWORD reason, LPVOID reserved)
{
    if (reason == DLL_PROCESS_ATTACH || reason == DLL_PROCESS_DETACH) dll_log_record("dyn", reason);
    return TRUE;
}
