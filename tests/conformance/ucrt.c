/* The same C program linked against the Universal CRT (ucrtbase.dll through
 * the api-ms-win-crt-* API sets) instead of msvcrt.dll, as MSVC and current
 * toolchains do. The UCRT is C99-conformant where msvcrt is not: two-digit
 * exponents, "inf"/"nan", snprintf's return value, %zu/%lld/%a.
 * Built with -D_UCRT and a gcc specs file that links -lucrt (see CMakeLists). */
#include <locale.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <windows.h>

#include "tap.h"

static void check(const char *want, const char *fmt, ...)
{
    char buf[256], what[320];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    snprintf(what, sizeof what, "UCRT sprintf(\"%s\") gives \"%s\"", fmt, want);
    tap_str(buf, want, what);
}

static int compare_ints(const void *a, const void *b)
{
    return *(const int *)a - *(const int *)b;
}

int main(int argc, char **argv)
{
    tap_ok(GetModuleHandleA("ucrtbase.dll") != NULL, "ucrtbase.dll is loaded (through the API sets)");
    tap_ok(GetModuleHandleA("msvcrt.dll") == NULL, "msvcrt.dll is not");

    check("1.500000e+00", "%e", 1.5);
    check("1E-05", "%G", 0.00001);
    check("inf -inf nan", "%f %f %f", (double)INFINITY, -(double)INFINITY, (double)NAN);
    check("INF", "%F", (double)INFINITY);
    check("0x1.8000000000000p+0", "%a", 1.5);
    check("123 1234567890123", "%zu %lld", (size_t)123, 1234567890123LL);
    check("0000000000001234", "%p", (void *)0x1234);
    check("wide", "%ls", L"wide");

    char small[4];
    int n = snprintf(small, sizeof small, "%s", "abcdef");
    tap_int(n, 6, "snprintf returns the length it would have written");
    tap_str(small, "abc", "snprintf truncates and terminates");
    n = _snprintf(small, sizeof small, "%s", "abcdef");
    tap_int(n, -1, "_snprintf still returns -1 when cut");

    tap_ok(argc >= 1 && strstr(argv[0], "ucrt") != NULL, "argv[0] names the program");
    tap_str(getenv("SILL_UCRT_VAR"), "ucrt value", "getenv");
    char *end = NULL;
    double d = strtod("0x1.8p1 rest", &end);
    tap_ok(d == 3.0 && strcmp(end, " rest") == 0, "strtod parses hexadecimal floats");
    d = strtod("1e-310", NULL);
    tap_ok(d > 0 && d < 1e-300, "strtod parses subnormals");

    int values[] = {5, 2, 9, 1};
    qsort(values, 4, sizeof values[0], compare_ints);
    tap_ok(values[0] == 1 && values[3] == 9, "qsort");
    time_t now = time(NULL);
    struct tm utc;
    tap_ok(gmtime_s(&utc, &now) == 0 && utc.tm_year >= 124, "time and gmtime_s");
    void *p = malloc(100);
    tap_ok(p != NULL && _msize(p) == 100, "malloc and _msize");
    free(p);
    tap_str(setlocale(LC_ALL, NULL), "C", "the locale starts as \"C\"");
    return tap_done();
}
