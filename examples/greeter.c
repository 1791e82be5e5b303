/* Calls into greet.dll (imported statically) and reports where it was loaded. */
#include <stdio.h>
#include <windows.h>

__declspec(dllimport) int greet(const char *name);

int main(int argc, char **argv)
{
    for (int i = 1; i < argc; ++i) greet(argv[i]);
    if (argc < 2) greet("world");

    char path[MAX_PATH];
    HMODULE dll = GetModuleHandleA("greet.dll");
    GetModuleFileNameA(dll, path, sizeof path);
    printf("greet.dll is loaded at %p from %s\n", (void *)dll, path);
    return 0;
}
