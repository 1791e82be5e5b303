/* shell32's command-line splitter and special folders, and COM's task allocator: what
 * command-line programs (Rust's std, Go, installers) ask of them. */
#define COBJMACROS
#include <windows.h>
#include <shlobj.h>
#include <shellapi.h>
#include <knownfolders.h>
#include <stdio.h>
#include <wchar.h>

#include "tap.h"

static int ends_with(const wchar_t *s, const wchar_t *tail)
{
    size_t n = wcslen(s), m = wcslen(tail);
    return n >= m && _wcsicmp(s + n - m, tail) == 0;
}

int main(void)
{
    int argc = 0;
    wchar_t **argv = CommandLineToArgvW(L"prog.exe one \"two words\" a\\\\\\\"b \"c\\\\\"", &argc);
    tap_int(argc, 5, "CommandLineToArgvW counts five arguments");
    if (argv && argc == 5) {
        tap_wstr(argv[0], L"prog.exe", "the program");
        tap_wstr(argv[2], L"two words", "a quoted argument");
        tap_wstr(argv[3], L"a\\\"b", "2n+1 backslashes before a quote give n and a literal quote");
        tap_wstr(argv[4], L"c\\", "2n backslashes before a closing quote give n");
        tap_ok(argv[5] == NULL, "the array ends with NULL");
    }
    tap_ok(LocalFree(argv) == NULL, "one LocalFree releases it");
    argv = CommandLineToArgvW(L"", &argc);
    tap_ok(argv && argc == 1 && ends_with(argv[0], L".exe"), "an empty line gives the program's path");
    LocalFree(argv);
    SetLastError(0);
    tap_ok(CommandLineToArgvW(L"x", NULL) == NULL && GetLastError() == ERROR_INVALID_PARAMETER,
           "no count pointer: ERROR_INVALID_PARAMETER");

    wchar_t profile[MAX_PATH], expected[MAX_PATH];
    tap_int(SHGetFolderPathW(NULL, CSIDL_PROFILE, NULL, 0, profile), S_OK, "SHGetFolderPathW(CSIDL_PROFILE)");
    PWSTR path = NULL;
    tap_int(SHGetKnownFolderPath(&FOLDERID_RoamingAppData, 0, NULL, &path), S_OK, "SHGetKnownFolderPath(RoamingAppData)");
    swprintf(expected, MAX_PATH, L"%ls\\AppData\\Roaming", profile);
    tap_ok(path && _wcsicmp(path, expected) == 0, "RoamingAppData is <profile>\\AppData\\Roaming");
    CoTaskMemFree(path);
    path = NULL;
    tap_int(SHGetKnownFolderPath(&FOLDERID_LocalAppData, 0, NULL, &path), S_OK, "LocalAppData");
    swprintf(expected, MAX_PATH, L"%ls\\AppData\\Local", profile);
    tap_ok(path && _wcsicmp(path, expected) == 0, "LocalAppData is <profile>\\AppData\\Local");
    CoTaskMemFree(path);
    wchar_t appdata[MAX_PATH];
    tap_int(SHGetFolderPathW(NULL, CSIDL_APPDATA | CSIDL_FLAG_CREATE, NULL, 0, appdata), S_OK,
            "SHGetFolderPathW(CSIDL_APPDATA | CSIDL_FLAG_CREATE)");
    swprintf(expected, MAX_PATH, L"%ls\\AppData\\Roaming", profile);
    tap_ok(_wcsicmp(appdata, expected) == 0, "the same folder by CSIDL");
    tap_ok(GetFileAttributesW(appdata) & FILE_ATTRIBUTE_DIRECTORY, "and it exists");
    wchar_t windows[MAX_PATH];
    tap_ok(SHGetFolderPathW(NULL, CSIDL_WINDOWS, NULL, 0, windows) == S_OK && _wcsicmp(windows, L"C:\\windows") == 0,
           "CSIDL_WINDOWS is C:\\windows");

    void *p = CoTaskMemAlloc(64);
    tap_ok(p != NULL, "CoTaskMemAlloc");
    p = CoTaskMemRealloc(p, 4096);
    tap_ok(p != NULL, "CoTaskMemRealloc");
    CoTaskMemFree(p);
    CoTaskMemFree(NULL);
    tap_ok(1, "CoTaskMemFree(NULL) is harmless");
    return tap_done();
}
