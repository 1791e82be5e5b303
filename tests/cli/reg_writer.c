/* Writes values HKCU\Software\SillCrash\<name>\v<i> = i for i = first..first+count-1 and
 * prints each i only after RegSetValueExW returned success: a printed number is an
 * acknowledged write. Used by registry_test.py's crash test. */
#include <windows.h>
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv)
{
    if (argc != 4) return 2;
    char path[256];
    snprintf(path, sizeof path, "Software\\SillCrash\\%s", argv[1]);
    int first = atoi(argv[2]), count = atoi(argv[3]);
    HKEY k;
    if (RegCreateKeyExA(HKEY_CURRENT_USER, path, 0, NULL, 0, KEY_ALL_ACCESS, NULL, &k, NULL) != ERROR_SUCCESS) return 3;
    for (int i = first; i < first + count; ++i) {
        char name[32];
        DWORD v = (DWORD)i;
        snprintf(name, sizeof name, "v%d", i);
        if (RegSetValueExA(k, name, 0, REG_DWORD, (BYTE *)&v, 4) != ERROR_SUCCESS) return 4;
        printf("%d\n", i);
        fflush(stdout);
    }
    RegCloseKey(k);
    return 0;
}
