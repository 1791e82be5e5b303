/* msvcrt's printf family, checked against results worked out by hand from
 * Microsoft's format-specification documentation for msvcrt.dll:
 * - %p prints 16 upper-case hex digits with no 0x prefix on x64;
 * - exponents have at least 3 digits (1.500000e+000);
 * - %S/%hs/%ls choose the other/narrow/wide string kind; in the wide functions
 *   %s means a wide string;
 * - _snprintf returns -1 and leaves no terminator when the output is cut;
 * - I64/I/ll length modifiers for 64-bit and pointer-sized integers.
 * Built with __USE_MINGW_ANSI_STDIO=0 so these are msvcrt's functions, not mingw's. */
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <wchar.h>

#include "tap.h"

static void check(const char *want, const char *fmt, ...)
{
    char buf[512];
    char what[640];
    va_list ap;
    va_start(ap, fmt);
    int n = vsprintf(buf, fmt, ap);
    va_end(ap);
    snprintf(what, sizeof what, "sprintf(\"%s\") gives \"%s\"", fmt, want);
    if (tap_str(buf, want, what) && n != (int)strlen(want))
        tap_int(n, (long long)strlen(want), "  ...and returns its length");
}

static void wcheck(const wchar_t *want, const wchar_t *fmt, ...)
{
    wchar_t buf[512];
    char what[640];
    va_list ap;
    va_start(ap, fmt);
    int n = _vsnwprintf(buf, 511, fmt, ap);
    va_end(ap);
    buf[511] = 0;
    snprintf(what, sizeof what, "_vsnwprintf(L\"%ls\") gives L\"%ls\"", fmt, want);
    if (tap_wstr(buf, want, what) && n != (int)wcslen(want))
        tap_int(n, (long long)wcslen(want), "  ...and returns its length");
}

static void integers(void)
{
    check("42", "%d", 42);
    check("-2147483648", "%d", INT_MIN);
    check("-7", "%i", -7);
    check("4294967295", "%u", UINT_MAX);
    check("4294967295", "%u", -1);
    check("beef BEEF", "%x %X", 0xbeef, 0xbeef);
    check("10 777", "%o %o", 8, 0777);
    check("1", "%hd", 65537);            /* h converts to short first */
    check("4294967295", "%lu", ULONG_MAX); /* long is 32 bits on Windows */
    check("-9223372036854775808", "%I64d", (long long)INT64_MIN);
    check("18446744073709551615", "%I64u", (unsigned long long)UINT64_MAX);
    check("ffffffffffffffff", "%I64x", (unsigned long long)UINT64_MAX);
    check("1234567890123", "%lld", 1234567890123LL);
    check("123", "%zu", (size_t)123);
    check("-5", "%Id", (ptrdiff_t)-5);
    check("18446744073709551615", "%Iu", (size_t)SIZE_MAX);
    check("0000000000001234", "%p", (void *)0x1234);
    check("0000DEADBEEFCAFE", "%p", (void *)0xDEADBEEFCAFEull);
    check("A", "%c", 'A');
    check("%", "%%");
    check("100%", "%d%%", 100);
}

static void flags_width_precision(void)
{
    check("+5 -5", "%+d %+d", 5, -5);
    check(" 5", "% d", 5);
    check("-0042", "%05d", -42);
    check("42    |", "%-6d|", 42);
    check("0x1a 0X1A 010", "%#x %#X %#o", 26, 26, 8);
    check("0 0", "%#x %#o", 0, 0);   /* no prefix on zero */
    check("007", "%.3d", 7);
    check("", "%.0d", 0);            /* zero with precision 0 prints nothing */
    check("    42", "%*d", 6, 42);
    check("7   |", "%-*d|", 4, 7);
    check("7   |", "%*d|", -4, 7);   /* a negative * width means left-justify */
    check("3.14", "%.*f", 2, 3.14159);
    check("   ab|", "%*.*s|", 5, 2, "abcdef");
    check("   3.142", "%8.3f", 3.14159);
    check("+2.3", "%+.1f", 2.26);
    check("   ab", "%5s", "ab");
    check("ab   |", "%-5s|", "ab");
    check("ab", "%.2s", "abc");
}

static void strings(void)
{
    check("abc", "%s", "abc");
    check("(null)", "%s", (char *)NULL);
    check("wide", "%ls", L"wide");
    check("wide", "%S", L"wide");   /* %S in a narrow function: a wide string */
    check("narrow", "%hs", "narrow");
    check("w", "%lc", L'w');
    check("w", "%C", L'w');
}

static void floating(void)
{
    check("1.500000e+000", "%e", 1.5);
    check("1.234568E+004", "%E", 12345.678);
    check("1.23e-004", "%.2e", 0.000123);
    check("0.000000e+000", "%e", 0.0);
    check("3.141590", "%f", 3.14159);
    check("-1.250000", "%f", -1.25);
    check("100000", "%g", 100000.0);
    check("1e+006", "%g", 1000000.0);
    check("0.0001", "%g", 0.0001);
    check("1E-005", "%G", 0.00001);
    check("123.456", "%g", 123.456);
    check("0", "%g", 0.0);
    check("1.00000", "%#g", 1.0);
    check("1.", "%#.0f", 1.0);
    check("00003.50", "%08.2f", 3.5);
    check("-1.000000e+100", "%e", -1e100);
    /* msvcrt.dll's legacy spellings and rounding (the UCRT changed both). */
    check("1.#INF00", "%f", (double)INFINITY);
    check("-1.#INF00e+000", "%e", -(double)INFINITY);
    check("1.#QNAN0", "%f", (double)NAN);
    check("3 1", "%.0f %.0f", 2.5, 0.5);   /* halves round away from zero */
}

static void counts_and_truncation(void)
{
    char buf[16];
    int n = -1;
    sprintf(buf, "abc%n12", &n);
    tap_int(n, 3, "%n stores the characters written so far");

    memset(buf, 'X', sizeof buf);
    n = _snprintf(buf, 5, "%s", "abcdefgh");
    tap_int(n, -1, "_snprintf returns -1 when the output does not fit");
    tap_ok(memcmp(buf, "abcdeX", 6) == 0, "_snprintf fills the buffer and writes no terminator");

    memset(buf, 'X', sizeof buf);
    n = _snprintf(buf, 5, "abcde");
    tap_int(n, 5, "_snprintf returns the count when the output exactly fills the buffer");
    tap_ok(buf[5] == 'X', "_snprintf writes no terminator when exactly full");

    memset(buf, 'X', sizeof buf);
    n = _snprintf(buf, 5, "abc");
    tap_int(n, 3, "_snprintf returns the length when it fits");
    tap_str(buf, "abc", "_snprintf terminates output that fits");

    memset(buf, 'X', sizeof buf);
    n = snprintf(buf, 5, "%s", "abcdefgh");
    tap_int(n, 8, "C99 snprintf returns the length it would have written");
    tap_str(buf, "abcd", "C99 snprintf always terminates");

    tap_int(_scprintf("%d-%s", 42, "ab"), 5, "_scprintf counts without writing");
    tap_int(sprintf(buf, "%5d", 1), 5, "sprintf returns the length written");

    wchar_t wbuf[8];
    wmemset(wbuf, L'X', 8);
    n = _snwprintf(wbuf, 3, L"%s", L"abcdef");
    tap_int(n, -1, "_snwprintf returns -1 when the output does not fit");
    tap_ok(wbuf[0] == L'a' && wbuf[2] == L'c' && wbuf[3] == L'X', "_snwprintf writes no terminator when cut");
    tap_int(_scwprintf(L"%s=%d", L"key", 1234), 8, "_scwprintf counts wide characters");
}

static void wide(void)
{
    wcheck(L"wide", L"%s", L"wide");       /* %s is wide in the wide functions */
    wcheck(L"narrow", L"%S", "narrow");    /* ...and %S narrow */
    wcheck(L"narrow", L"%hs", "narrow");
    wcheck(L"wide", L"%ls", L"wide");
    wcheck(L"Z n", L"%c %C", L'Z', 'n');
    wcheck(L"-42 2a 0000000000ABCDEF", L"%d %x %p", -42, 42, (void *)0xABCDEF);
    wcheck(L"1.500000e+000", L"%e", 1.5);
    wcheck(L"  abc|abc  |", L"%5s|%-5s|", L"abc", L"abc");

    wchar_t out[32];
    int n = swprintf(out, 32, L"%s-%d", L"id", 7);
    tap_wstr(out, L"id-7", "swprintf with %s takes a wide string");
    tap_int(n, 4, "swprintf returns the wide length");

    n = wprintf(L"# wprintf %s %d\n", L"line", 1);
    tap_int(n, 17, "wprintf returns the wide characters written");
}

int main(void)
{
    integers();
    flags_width_precision();
    strings();
    floating();
    counts_and_truncation();
    wide();
    return tap_done();
}
