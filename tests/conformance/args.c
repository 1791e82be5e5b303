/* Command-line round trip, narrow side. sill turns its Unix argv into a Windows
 * command line with the quoting rules the CRT's parser undoes; argv must come
 * back byte for byte. The runner passes the same arguments hex-encoded in
 * SILL_EXPECTED_ARGS ("hex,hex,..."), which no quoting can disturb. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <windows.h>

#include "tap.h"

enum { MAX_ARGS = 64, MAX_LEN = 512 };
static char expected[MAX_ARGS][MAX_LEN];

static int hex_digit(char c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    return -1;
}

/* Returns the number of arguments decoded, -1 on malformed input. */
static int decode_expected(const char *hex)
{
    int count = 0, len = 0;
    if (!hex) return -1;
    if (!*hex) return 0;
    for (const char *p = hex;; ++p) {
        if (*p == ',' || *p == 0) {
            expected[count][len] = 0;
            ++count;
            len = 0;
            if (!*p) return count;
            if (count == MAX_ARGS) return -1;
            continue;
        }
        int hi = hex_digit(p[0]), lo = hex_digit(p[1]);
        if (hi < 0 || lo < 0 || len + 1 >= MAX_LEN) return -1;
        expected[count][len++] = (char)(hi * 16 + lo);
        ++p;
    }
}

static int ends_with_nocase(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && _stricmp(s + n - m, suffix) == 0;
}

int main(int argc, char **argv)
{
    int want = decode_expected(getenv("SILL_EXPECTED_ARGS"));
    if (!tap_ok(want >= 0, "SILL_EXPECTED_ARGS is present and well formed")) return tap_done();

    tap_int(argc - 1, want, "argc counts every argument, empty ones included");
    tap_ok(ends_with_nocase(argv[0], "args.exe"), "argv[0] names the program");
    for (int i = 0; i < want && i + 1 < argc; ++i) {
        char what[MAX_LEN + 32];
        snprintf(what, sizeof what, "argv[%d] is [%s]", i + 1, expected[i]);
        tap_str(argv[i + 1], expected[i], what);
    }
    tap_ok(argv[argc] == NULL, "argv[argc] is NULL");
    /* mingw's start-up code hands main a copy, so compare contents. */
    int same = __argc == argc && __argv != NULL;
    for (int i = 0; same && i < argc; ++i) same = strcmp(__argv[i], argv[i]) == 0;
    tap_ok(same, "msvcrt's __argc/__argv hold the same arguments");

    /* The command line the CRT parsed is the one kernel32 reports. */
    const char *cmd = GetCommandLineA();
    tap_ok(cmd && strstr(cmd, "args.exe") != NULL, "GetCommandLineA contains the program name");
    const WCHAR *wcmd = GetCommandLineW();
    tap_ok(wcmd && (int)wcslen(wcmd) == (int)strlen(cmd), "GetCommandLineW matches GetCommandLineA (ASCII)");
    return tap_done();
}
