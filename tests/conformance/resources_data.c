/* resources_data.dll: loaded by resources.exe with LoadLibraryEx as a data file
 * (no code may run, no import is bound) and normally (DllMain runs). */
#include <windows.h>

__declspec(dllexport) int resources_data_marker(void) { return 0x5e5; }

BOOL WINAPI DllMain(HINSTANCE instance, DWORD reason, LPVOID reserved)
{
    /* Visible to the loader of the DLL: only a real load may set it. */
    if (reason == DLL_PROCESS_ATTACH) SetEnvironmentVariableA("RESOURCES_DATA_DLLMAIN", "ran");
    return TRUE;
}
