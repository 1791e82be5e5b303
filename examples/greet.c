/* greet.dll: a DLL of the program's own, loaded as a PE image beside the exe. */
#include <stdio.h>
#include <windows.h>

static int greetings;

__declspec(dllexport) int greet(const char *name)
{
    printf("Hello from greet.dll, %s! (greeting #%d)\n", name, ++greetings);
    return greetings;
}

BOOL WINAPI DllMain(HINSTANCE instance, DWORD reason, LPVOID reserved)
{
    if (reason == DLL_PROCESS_ATTACH) printf("greet.dll: DLL_PROCESS_ATTACH\n");
    return TRUE;
}
