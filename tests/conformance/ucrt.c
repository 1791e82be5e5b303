/* The Universal CRT (ucrtbase.dll through the api-ms-win-crt-* API sets), as MSVC and
 * current toolchains link it: start-up, the __stdio_common_* entry points with their
 * _CRT_INTERNAL_* option bits, FILE streams, scanf. The UCRT is C99-conformant where msvcrt
 * is not: two-digit exponents, "inf"/"nan", snprintf's return value, exact decimal digits.
 * Built with -D_UCRT and a gcc specs file that links -lucrt (see CMakeLists).
 * ucrt_runtime.c covers math, time, onexit tables and threads. */
#include <errno.h>
#include <fcntl.h>
#include <share.h>
#include <io.h>
#include <locale.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
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

/* __stdio_common_vsprintf with explicit option bits. */
static int common_sprintf(unsigned long long options, char *buf, size_t count, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int r = __stdio_common_vsprintf(options, buf, count, fmt, NULL, ap);
    va_end(ap);
    return r;
}

static int common_swprintf(unsigned long long options, wchar_t *buf, size_t count, const wchar_t *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int r = __stdio_common_vswprintf(options, buf, count, fmt, NULL, ap);
    va_end(ap);
    return r;
}

static int common_sscanf(unsigned long long options, const char *in, size_t count, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int r = __stdio_common_vsscanf(options, in, count, fmt, NULL, ap);
    va_end(ap);
    return r;
}

static int invalid_parameters;
static void __cdecl count_invalid_parameter(const wchar_t *e, const wchar_t *f, const wchar_t *file, unsigned line,
                                            uintptr_t reserved)
{
    ++invalid_parameters;
}

static int compare_ints(const void *a, const void *b)
{
    return *(const int *)a - *(const int *)b;
}

static void test_printf(void)
{
    check("1.500000e+00", "%e", 1.5);
    check("1E-05", "%G", 0.00001);
    check("inf -inf nan", "%f %f %f", (double)INFINITY, -(double)INFINITY, (double)NAN);
    check("INF", "%F", (double)INFINITY);
    check("  inf", "%05f", (double)INFINITY);
    check("0x1.8000000000000p+0", "%a", 1.5);
    check("123 1234567890123", "%zu %lld", (size_t)123, 1234567890123LL);
    check("0000000000001234", "%p", (void *)0x1234);
    check("wide", "%ls", L"wide");
    /* Exact decimal expansions, not 17 digits and zeros as msvcrt.dll prints. */
    check("0.10000000000000000555", "%.20f", 0.1);
    check("1e+300", "%g", 1e300);

    char buf[32];
    int n = common_sprintf(_CRT_INTERNAL_PRINTF_LEGACY_THREE_DIGIT_EXPONENTS, buf, sizeof buf, "%e", 1.5);
    tap_ok(n == 13 && strcmp(buf, "1.500000e+000") == 0, "LEGACY_THREE_DIGIT_EXPONENTS gives 1.500000e+000");

    char small[4];
    n = snprintf(small, sizeof small, "%s", "abcdef");
    tap_int(n, 6, "snprintf returns the length it would have written");
    tap_str(small, "abc", "snprintf truncates and terminates");
    n = _snprintf(small, sizeof small, "%s", "abcdef");
    tap_int(n, -1, "_snprintf still returns -1 when cut");
    memset(small, 'x', sizeof small);
    n = common_sprintf(_CRT_INTERNAL_PRINTF_LEGACY_VSPRINTF_NULL_TERMINATION, small, 4, "%s", "abcd");
    tap_ok(n == 4 && memcmp(small, "abcd", 4) == 0, "legacy null termination: an exact fit is not terminated");
    n = common_sprintf(_CRT_INTERNAL_PRINTF_STANDARD_SNPRINTF_BEHAVIOR, NULL, 0, "%d", 12345);
    tap_int(n, 5, "a NULL buffer asks for the length");
    n = common_sprintf(0, small, sizeof small, "%s", "abcdef");
    tap_ok(n < 0 && strcmp(small, "abc") == 0, "without either option a cut result is negative and terminated");

    wchar_t wbuf[16];
    common_swprintf(_CRT_INTERNAL_PRINTF_LEGACY_WIDE_SPECIFIERS, wbuf, 16, L"%s|%S", L"wide", "narrow");
    tap_wstr(wbuf, L"wide|narrow", "legacy wide specifiers: %s is wide in a wide function");
    common_swprintf(0, wbuf, 16, L"%s|%ls", "narrow", L"wide");
    tap_wstr(wbuf, L"narrow|wide", "ISO wide specifiers: %s is narrow, %ls wide");

    /* %n is refused unless _set_printf_count_output turns it on. */
    _set_invalid_parameter_handler(count_invalid_parameter);
    int count = -1;
    errno = 0;
    n = common_sprintf(_CRT_INTERNAL_PRINTF_STANDARD_SNPRINTF_BEHAVIOR, buf, sizeof buf, "ab%n", &count);
    tap_ok(n == -1 && count == -1 && invalid_parameters == 1 && errno == EINVAL,
           "%n is an invalid parameter by default");
    _set_printf_count_output(1);
    n = common_sprintf(_CRT_INTERNAL_PRINTF_STANDARD_SNPRINTF_BEHAVIOR, buf, sizeof buf, "ab%n", &count);
    tap_ok(n == 2 && count == 2, "%n stores once enabled");
    _set_printf_count_output(0);

    /* sprintf_s that does not fit: the buffer emptied and the invalid-parameter handler
     * invoked, as Microsoft documents it (Wine 8 only truncates: it fails these two). */
    n = sprintf_s(small, sizeof small, "%s", "abcdef");
    tap_ok(n == -1 && small[0] == 0, "sprintf_s that does not fit empties the buffer and returns -1");
    tap_int(invalid_parameters, 2, "through the invalid-parameter handler");
    n = _snprintf_s(small, sizeof small, _TRUNCATE, "%s", "abcdef");
    tap_ok(n == -1 && strcmp(small, "abc") == 0, "_snprintf_s with _TRUNCATE cuts and terminates");
    _set_invalid_parameter_handler(NULL);
}

static void test_scanf(void)
{
    int a = 0, b = 0;
    char word[8];
    tap_int(sscanf("12 34", "%d %d", &a, &b), 2, "sscanf converts two numbers");
    tap_ok(a == 12 && b == 34, "sscanf values");
    tap_int(sscanf_s("hello 7", "%s %d", word, (unsigned)sizeof word, &a), 2, "sscanf_s takes buffer sizes");
    tap_ok(strcmp(word, "hello") == 0 && a == 7, "sscanf_s values");
    tap_int(sscanf_s("toolongword", "%s", word, (unsigned)sizeof word), 0, "sscanf_s refuses a word that does not fit");
    tap_int(word[0], 0, "and empties the buffer");
    tap_int(common_sscanf(0, "123456", 3, "%d", &a), 1, "__stdio_common_vsscanf reads only count characters");
    tap_int(a, 123, "the number stops at the count");
}

static void test_streams(void)
{
    char path[MAX_PATH];
    GetTempPathA(sizeof path, path);
    strcat(path, "sill_ucrt_stream.txt");
    FILE *f = fopen(path, "w+b");
    tap_ok(f != NULL, "fopen w+b");
    if (!f) return;
    tap_ok(__acrt_iob_func(1) == stdout && __acrt_iob_func(2) == stderr, "__acrt_iob_func gives the standard streams");
    tap_ok(setvbuf(f, NULL, _IOFBF, 512) == 0, "setvbuf");
    tap_int(fputs("line one\nline two\n", f), 0, "fputs");
    tap_int(fprintf(f, "%d-%s", 42, "end"), 6, "fprintf to a file");
    tap_int(fwrite("XYZ", 1, 3, f), 3, "fwrite");
    tap_int(fflush(f), 0, "fflush");
    tap_ok(_get_osfhandle(_fileno(f)) != (intptr_t)INVALID_HANDLE_VALUE, "_get_osfhandle of _fileno");
    tap_int(_fseeki64(f, 0, SEEK_END), 0, "_fseeki64 to the end");
    tap_int(_ftelli64(f), 27, "_ftelli64 is the size");
    rewind(f);
    char line[32];
    tap_str(fgets(line, sizeof line, f), "line one\n", "fgets reads the first line");
    tap_int(fseek(f, 18, SEEK_SET), 0, "fseek");
    char rest[16] = {0};
    tap_int(fread_s(rest, sizeof rest - 1, 1, sizeof rest - 1, f), 9, "fread_s to the end");
    tap_str(rest, "42-endXYZ", "fread data");
    tap_ok(feof(f) != 0, "feof after a short read");
    tap_int(fclose(f), 0, "fclose");

    f = fopen(path, "r");
    tap_ok(f && fscanf(f, "%31s", line) == 1 && strcmp(line, "line") == 0, "fscanf from a text stream");
    if (f) fclose(f);
    int fd = -1;
    tap_ok(_sopen_s(&fd, path, _O_RDONLY | _O_BINARY, _SH_DENYNO, 0) == 0 && fd >= 0, "_sopen_s");
    char head[5] = {0};
    tap_ok(_read(fd, head, 4) == 4 && strcmp(head, "line") == 0 && _close(fd) == 0, "_read through it");
    tap_int(remove(path), 0, "remove");
    errno = 0;
    tap_ok(fopen(path, "r") == NULL && errno == ENOENT, "fopen of a missing file gives ENOENT");
}

int main(int argc, char **argv)
{
    tap_ok(GetModuleHandleA("ucrtbase.dll") != NULL, "ucrtbase.dll is loaded (through the API sets)");
    tap_ok(GetModuleHandleA("msvcrt.dll") == NULL, "msvcrt.dll is not");
    tap_ok(argc >= 1 && strstr(argv[0], "ucrt") != NULL, "argv[0] names the program");
    tap_ok(__argc == argc && strcmp(__argv[0], argv[0]) == 0, "__p___argc and __p___argv agree with main's");
    tap_str(getenv("SILL_UCRT_VAR"), "ucrt value", "getenv");
    tap_int(_putenv_s("SILL_UCRT_SET", "set"), 0, "_putenv_s");
    tap_str(getenv("SILL_UCRT_SET"), "set", "getenv sees _putenv_s");
    tap_ok(_wgetenv(L"SILL_UCRT_SET") && wcscmp(_wgetenv(L"SILL_UCRT_SET"), L"set") == 0, "_wgetenv too");

    test_printf();
    test_scanf();
    test_streams();

    char *end = NULL;
    double d = strtod("0x1.8p1 rest", &end);
    tap_ok(d == 3.0 && strcmp(end, " rest") == 0, "strtod parses hexadecimal floats");
    d = strtod("1e-310", NULL);
    tap_ok(d > 0 && d < 1e-300, "strtod parses subnormals");
    tap_int(_atoi64("-9000000000"), -9000000000LL, "_atoi64");
    char digits[32];
    tap_str(_ui64toa(18446744073709551615ULL, digits, 16), "ffffffffffffffff", "_ui64toa");
    tap_ok(_itoa_s(-255, digits, sizeof digits, 16) == 0 && strcmp(digits, "ffffff01") == 0, "_itoa_s");
    _set_invalid_parameter_handler(count_invalid_parameter);
    int before = invalid_parameters;
    tap_ok(_itoa_s(123456, digits, 4, 10) == ERANGE && digits[0] == 0 && invalid_parameters == before + 1,
           "_itoa_s into a buffer too small: ERANGE, emptied, the handler told");
    _set_invalid_parameter_handler(NULL);

    int values[] = {5, 2, 9, 1};
    qsort(values, 4, sizeof values[0], compare_ints);
    tap_ok(values[0] == 1 && values[3] == 9, "qsort");
    int key = 5;
    tap_ok(bsearch(&key, values, 4, sizeof values[0], compare_ints) == &values[2], "bsearch");
    void *p = malloc(100);
    tap_ok(p != NULL && _msize(p) == 100, "malloc and _msize");
    p = _recalloc(p, 10, 20);
    tap_ok(p != NULL && _msize(p) == 200, "_recalloc");
    free(p);
    void *aligned = _aligned_malloc(100, 256);
    tap_ok(aligned && ((uintptr_t)aligned & 255) == 0, "_aligned_malloc");
    _aligned_free(aligned);
    tap_str(setlocale(LC_ALL, NULL), "C", "the locale starts as \"C\"");
    _locale_t c_locale = _create_locale(LC_ALL, "C");
    tap_ok(c_locale != NULL, "_create_locale(LC_ALL, \"C\")");
    tap_ok(_stricmp_l("Hello", "hELLO", c_locale) == 0 && _strtod_l("2.5x", &end, c_locale) == 2.5 && *end == 'x',
           "_l functions in the C locale");
    tap_int(_tolower_l('Q', c_locale), 'q', "_tolower_l");
    _free_locale(c_locale);
    tap_int(___lc_codepage_func(), 0, "the C locale has no code page");
    return tap_done();
}
