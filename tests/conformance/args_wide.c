/* Command-line round trip, wide side: a wmain program (-municode) gets UTF-16
 * arguments, including characters outside ASCII that sill receives as UTF-8
 * Unix arguments. The expected list comes hex-encoded (UTF-8) in
 * SILL_EXPECTED_ARGS, as in args.c. */
#include <stdlib.h>
#include <string.h>
#include <wchar.h>
#include <windows.h>

#include "tap.h"

enum { MAX_ARGS = 64, MAX_LEN = 512 };
static WCHAR expected[MAX_ARGS][MAX_LEN];

static int hex_digit(wchar_t c)
{
    if (c >= L'0' && c <= L'9') return c - L'0';
    if (c >= L'a' && c <= L'f') return c - L'a' + 10;
    return -1;
}

static int decode_expected(const wchar_t *hex)
{
    char utf8[MAX_LEN];
    int count = 0, len = 0;
    if (!hex) return -1;
    if (!*hex) return 0;
    for (const wchar_t *p = hex;; ++p) {
        if (*p == L',' || *p == 0) {
            int n = MultiByteToWideChar(CP_UTF8, MB_ERR_INVALID_CHARS, utf8, len, expected[count],
                                        MAX_LEN - 1);
            if (n < 0 || (n == 0 && len > 0)) return -1;
            expected[count][n] = 0;
            ++count;
            len = 0;
            if (!*p) return count;
            if (count == MAX_ARGS) return -1;
            continue;
        }
        int hi = hex_digit(p[0]), lo = hex_digit(p[1]);
        if (hi < 0 || lo < 0 || len + 1 >= MAX_LEN) return -1;
        utf8[len++] = (char)(hi * 16 + lo);
        ++p;
    }
}

int wmain(int argc, wchar_t **argv)
{
    int want = decode_expected(_wgetenv(L"SILL_EXPECTED_ARGS"));
    if (!tap_ok(want >= 0, "SILL_EXPECTED_ARGS is present and well formed")) return tap_done();

    tap_int(argc - 1, want, "argc counts every argument");
    size_t n0 = wcslen(argv[0]);
    tap_ok(n0 >= 13 && _wcsicmp(argv[0] + n0 - 13, L"args_wide.exe") == 0, "argv[0] names the program");
    for (int i = 0; i < want && i + 1 < argc; ++i) {
        char what[64];
        snprintf(what, sizeof what, "wide argv[%d] round-trips", i + 1);
        tap_wstr(argv[i + 1], expected[i], what);
    }
    tap_ok(argv[argc] == NULL, "argv[argc] is NULL");
    int same = __argc == argc && __wargv != NULL;
    for (int i = 0; same && i < argc; ++i) same = wcscmp(__wargv[i], argv[i]) == 0;
    tap_ok(same, "msvcrt's __argc/__wargv hold the same arguments");
    return tap_done();
}
