/* user32's LoadStringW/A on this program's string tables (resources.rc: English
 * and German tables; block 1 holds ids 0-15, block 2 ids 16-31, block 7 ids 96-111). */
#include <windows.h>

#include "tap.h"

static void load_string_w(void)
{
    WCHAR buf[64];
    int german = PRIMARYLANGID(GetUserDefaultUILanguage()) == LANG_GERMAN;
    tap_int(LoadStringW(NULL, 2, buf, 64), 3, "LoadStringW returns the length");
    tap_wstr(buf, L"Two", "... and copies the string");
    tap_int(LoadStringW(GetModuleHandleW(NULL), 17, buf, 64), 9, "a string of the second block");
    tap_wstr(buf, L"Seventeen", "... Seventeen");
    tap_int(LoadStringW(NULL, 100, buf, 64), german ? 17 : 16, "block 7 in the UI language (English unless German)");
    tap_wstr(buf, german ? L"Hallo, Ressourcen" : L"Hello, resources", "... its text");
    tap_int(LoadStringW(NULL, 102, buf, 64), 4, "a non-ASCII string");
    tap_wstr(buf, L"Caf\x00e9", "... Caf\\u00e9");

    tap_int(LoadStringW(NULL, 100, buf, 6), 5, "a short buffer: cchBufferMax - 1 characters");
    tap_wstr(buf, german ? L"Hallo" : L"Hello", "... truncated and terminated");

    const WCHAR *direct = NULL;
    tap_int(LoadStringW(NULL, 17, (LPWSTR)&direct, 0), 9, "cchBufferMax 0: the length");
    tap_ok(direct && memcmp(direct, L"Seventeen", 9 * sizeof(WCHAR)) == 0, "... and a pointer into the resource");

    buf[0] = 'x';
    tap_int(LoadStringW(NULL, 3, buf, 64), 0, "an id without a string in an existing block gives 0");
    tap_int(buf[0], 0, "... and an empty buffer");
    buf[0] = 'x';
    SetLastError(0xdead);
    tap_int(LoadStringW(NULL, 40, buf, 64), 0, "an id in an absent block gives 0");
    tap_int(GetLastError(), ERROR_RESOURCE_NAME_NOT_FOUND, "... ERROR_RESOURCE_NAME_NOT_FOUND");
    tap_int(buf[0], 'x', "... and the buffer untouched");
    /* The same block in the other language, through FindResourceEx: the table really has both. */
    HRSRC de = FindResourceExW(NULL, (LPCWSTR)RT_STRING, MAKEINTRESOURCEW(1), MAKELANGID(LANG_GERMAN, SUBLANG_GERMAN));
    const WCHAR *block = de ? (const WCHAR *)LockResource(LoadResource(NULL, de)) : NULL;
    tap_ok(block && block[0] == 0 && block[1] == 4 && memcmp(block + 2, L"Eins", 8) == 0,
           "the German block 1 holds \"Eins\" as string 1");
}

static void load_string_a(void)
{
    char buf[64], expected[64];
    WCHAR wide[64];
    int german = PRIMARYLANGID(GetUserDefaultUILanguage()) == LANG_GERMAN;
    tap_int(LoadStringA(NULL, 1, buf, 64), german ? 4 : 3, "LoadStringA returns the length");
    tap_str(buf, german ? "Eins" : "One", "... and copies the string");
    tap_int(LoadStringA(NULL, 100, buf, 6), 5, "LoadStringA truncates to cchBufferMax - 1");
    tap_str(buf, german ? "Hallo" : "Hello", "... and terminates");
    LoadStringW(NULL, 102, wide, 64);
    int n = WideCharToMultiByte(CP_ACP, 0, wide, -1, expected, sizeof expected, NULL, NULL) - 1;
    tap_int(LoadStringA(NULL, 102, buf, 64), n, "LoadStringA converts with the ANSI code page");
    tap_str(buf, expected, "... the same bytes as WideCharToMultiByte(CP_ACP)");
    buf[0] = 'x';
    tap_int(LoadStringA(NULL, 40, buf, 64), 0, "LoadStringA of an absent string gives 0");
    tap_int(buf[0], 0, "... and an empty buffer");
}

int main(void)
{
    load_string_w();
    load_string_a();
    return tap_done();
}
