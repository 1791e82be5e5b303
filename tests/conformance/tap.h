/* TAP-like reporting shared by the conformance programs (C and C++).
 * Each check prints `ok N - what` or `not ok N - what (got X, expected Y)`;
 * tap_done() prints the plan `1..N` and returns the exit status for main. */
#ifndef SILL_CONFORMANCE_TAP_H
#define SILL_CONFORMANCE_TAP_H

#include <stdio.h>
#include <string.h>
#include <wchar.h>

/* msvcrt's printf spells a 64-bit length I64; mingw's C99 printf (used by C++) takes ll. */
#if defined(__USE_MINGW_ANSI_STDIO) && __USE_MINGW_ANSI_STDIO
#define TAP_LL "ll"
#else
#define TAP_LL "I64"
#endif

static int tap_count;
static int tap_failed;

static inline int tap_ok(int passed, const char *what)
{
    ++tap_count;
    if (!passed) ++tap_failed;
    printf("%s %d - %s\n", passed ? "ok" : "not ok", tap_count, what);
    fflush(stdout);
    return passed;
}

/* Integer comparison; values print in decimal and hex since many are Windows codes. */
static inline int tap_int(long long got, long long want, const char *what)
{
    ++tap_count;
    if (got == want) {
        printf("ok %d - %s\n", tap_count, what);
    } else {
        ++tap_failed;
        printf("not ok %d - %s (got %" TAP_LL "d [0x%" TAP_LL "x], expected %" TAP_LL "d [0x%" TAP_LL "x])\n", tap_count, what,
               got, (unsigned long long)got, want, (unsigned long long)want);
    }
    fflush(stdout);
    return got == want;
}

static inline int tap_str(const char *got, const char *want, const char *what)
{
    int same = got && want && strcmp(got, want) == 0;
    ++tap_count;
    if (same) {
        printf("ok %d - %s\n", tap_count, what);
    } else {
        ++tap_failed;
        printf("not ok %d - %s (got \"%s\", expected \"%s\")\n", tap_count, what,
               got ? got : "(null)", want ? want : "(null)");
    }
    fflush(stdout);
    return same;
}

/* Wide strings are shown as their code units in hex so that the report never
 * depends on the console code page. */
static inline void tap_print_wide(const wchar_t *s)
{
    if (!s) { printf("(null)"); return; }
    for (; *s; ++s) {
        if (*s >= 0x20 && *s < 0x7f) putchar((int)*s);
        else printf("\\x%04x", (unsigned)*s);
    }
}

static inline int tap_wstr(const wchar_t *got, const wchar_t *want, const char *what)
{
    int same = got && want && wcscmp(got, want) == 0;
    ++tap_count;
    if (same) {
        printf("ok %d - %s\n", tap_count, what);
    } else {
        ++tap_failed;
        printf("not ok %d - %s (got \"", tap_count, what);
        tap_print_wide(got);
        printf("\", expected \"");
        tap_print_wide(want);
        printf("\")\n");
    }
    fflush(stdout);
    return same;
}

static inline int tap_done(void)
{
    printf("1..%d\n", tap_count);
    fflush(stdout);
    return tap_failed ? 1 : 0;
}

#endif
