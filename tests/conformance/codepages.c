/* Text conversion between code pages and UTF-16 (stringapiset.h), which every
 * A function relies on: UTF-8 both ways with surrogate pairs, length queries,
 * -1 meaning "include the terminator", invalid input, small buffers, and the
 * ANSI code page 1252 that a Western-locale Windows reports. */
#include <string.h>
#include <windows.h>

#include "tap.h"

static void utf8(void)
{
    const char *text = "h\xc3\xa9llo \xe2\x82\xac \xf0\x9f\x98\x80";   /* héllo € 😀 */
    const WCHAR want[] = {L'h', 0xe9, L'l', L'l', L'o', L' ', 0x20ac, L' ', 0xd83d, 0xde00, 0};
    WCHAR wide[32];
    int n = MultiByteToWideChar(CP_UTF8, 0, text, -1, NULL, 0);
    tap_int(n, 11, "MultiByteToWideChar(-1) counts the terminator");
    n = MultiByteToWideChar(CP_UTF8, 0, text, -1, wide, 32);
    tap_int(n, 11, "...and converts as many");
    tap_wstr(wide, want, "UTF-8 to UTF-16, with a surrogate pair");

    n = MultiByteToWideChar(CP_UTF8, 0, text, 3, wide, 32);
    tap_int(n, 2, "an explicit length converts no terminator");

    char back[32];
    n = WideCharToMultiByte(CP_UTF8, 0, want, -1, NULL, 0, NULL, NULL);
    tap_int(n, (long long)strlen(text) + 1, "WideCharToMultiByte length query");
    n = WideCharToMultiByte(CP_UTF8, 0, want, -1, back, sizeof back, NULL, NULL);
    tap_str(back, text, "UTF-16 back to UTF-8");

    SetLastError(0);
    n = MultiByteToWideChar(CP_UTF8, 0, text, -1, wide, 3);
    tap_int(n, 0, "a buffer too small fails");
    tap_int(GetLastError(), ERROR_INSUFFICIENT_BUFFER, "...with ERROR_INSUFFICIENT_BUFFER");

    SetLastError(0);
    n = MultiByteToWideChar(CP_UTF8, MB_ERR_INVALID_CHARS, "a\xff" "b", -1, wide, 32);
    tap_int(n, 0, "MB_ERR_INVALID_CHARS rejects invalid UTF-8");
    tap_int(GetLastError(), ERROR_NO_UNICODE_TRANSLATION, "...with ERROR_NO_UNICODE_TRANSLATION");
    n = MultiByteToWideChar(CP_UTF8, 0, "a\xff" "b", -1, wide, 32);
    tap_ok(n == 4 && wide[0] == L'a' && wide[1] == 0xfffd && wide[2] == L'b',
           "without the flag invalid UTF-8 becomes U+FFFD");

    const WCHAR lone[] = {L'x', 0xd800, L'y', 0};
    n = WideCharToMultiByte(CP_UTF8, 0, lone, -1, back, sizeof back, NULL, NULL);
    tap_ok(n == 6 && strcmp(back, "x\xef\xbf\xbdy") == 0, "a lone surrogate becomes U+FFFD in UTF-8");
}

static void ansi(void)
{
    tap_int(GetACP(), 1252, "the ANSI code page is 1252 (English/Western locale)");
    tap_int(GetOEMCP(), 437, "the OEM code page is 437");
    WCHAR wide[8];
    int n = MultiByteToWideChar(1252, 0, "\x80\xe9\x9f", 3, wide, 8);
    tap_ok(n == 3 && wide[0] == 0x20ac && wide[1] == 0xe9 && wide[2] == 0x178, "CP1252 maps 0x80 to the euro sign");

    char out[8];
    BOOL used_default = FALSE;
    const WCHAR snowman[] = {0x2603, L'!', 0};
    n = WideCharToMultiByte(1252, 0, snowman, -1, out, sizeof out, NULL, &used_default);
    tap_ok(n == 3 && out[0] == '?' && out[1] == '!' && used_default,
           "an unmappable character becomes '?' and sets used_default");
    n = WideCharToMultiByte(CP_ACP, 0, L"plain", -1, out, sizeof out, NULL, NULL);
    tap_str(out, "plain", "CP_ACP converts ASCII unchanged");
}

static void case_and_compare(void)
{
    tap_int(lstrlenW(L"four"), 4, "lstrlenW");
    tap_int(lstrcmpiA("hello", "HELLO"), 0, "lstrcmpiA ignores case");
    tap_ok(lstrcmpA("apple", "banana") < 0, "lstrcmpA orders words");
}

int main(void)
{
    utf8();
    ansi();
    case_and_compare();
    return tap_done();
}
