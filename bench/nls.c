/* Text costs, as one C source built for Windows (run under sill or Wine) and for
 * Linux calling ICU directly (the native baseline):
 *   MultiByteToWideChar of 1 MiB of UTF-8 text (mostly ASCII, some accents, CJK)
 *   MultiByteToWideChar of 1 MiB of Windows-1252 text
 *   sorting 100 000 strings with CompareStringEx (qsort)
 * Prints one line per measurement: "<name> <milliseconds>". */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { kTextBytes = 1 << 20, kStrings = 100000, kRounds = 10 };

static uint32_t seed = 12345;
static uint32_t next_random(void)
{
    seed = seed * 1103515245u + 12345u;
    return seed >> 8;
}

static char utf8_text[kTextBytes + 8], latin_text[kTextBytes + 8];
static uint16_t *strings[kStrings];

static void make_inputs(void)
{
    size_t n = 0;
    while (n < kTextBytes - 4) {
        uint32_t r = next_random() % 100;
        if (r < 85) utf8_text[n++] = (char)('a' + next_random() % 26);
        else if (r < 95) { utf8_text[n++] = (char)0xc3; utf8_text[n++] = (char)0xa9; }           /* é */
        else { utf8_text[n++] = (char)0xe6; utf8_text[n++] = (char)0x97; utf8_text[n++] = (char)0xa5; } /* 日 */
    }
    utf8_text[n] = 0;
    for (size_t i = 0; i < kTextBytes; i++) latin_text[i] = (char)(0x20 + next_random() % 0xdf);
    static const uint16_t letters[] = {'a', 'b', 'c', 'd', 'e', 'o', 'r', 's', 't', 'A', 'E', 0xe9, 0xe4, '-', 'z'};
    for (int i = 0; i < kStrings; i++) {
        int len = 4 + (int)(next_random() % 9);
        strings[i] = malloc((len + 1) * sizeof(uint16_t));
        for (int k = 0; k < len; k++) strings[i][k] = letters[next_random() % (sizeof letters / sizeof *letters)];
        strings[i][len] = 0;
    }
}

#ifdef _WIN32
#include <windows.h>
static double now_ms(void)
{
    LARGE_INTEGER c, f;
    QueryPerformanceCounter(&c);
    QueryPerformanceFrequency(&f);
    return (double)c.QuadPart * 1e3 / (double)f.QuadPart;
}
static int convert(unsigned cp, const char *src, int len, uint16_t *dst, int cap)
{
    return MultiByteToWideChar(cp, 0, src, len, (WCHAR *)dst, cap);
}
static int compare(const void *a, const void *b)
{
    return CompareStringEx(L"en-US", 0, *(const WCHAR *const *)a, -1, *(const WCHAR *const *)b, -1, NULL, NULL, 0) - 2;
}
static void setup_collation(void) {}
#else
#include <time.h>
#include <unicode/ucnv.h>
#include <unicode/ucol.h>
static double now_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}
static int convert(unsigned cp, const char *src, int len, uint16_t *dst, int cap)
{
    static UConverter *utf8, *latin;
    UErrorCode e = U_ZERO_ERROR;
    if (!utf8) utf8 = ucnv_open("UTF-8", &e), latin = ucnv_open("windows-1252", &e);
    return ucnv_toUChars(cp == 65001 ? utf8 : latin, (UChar *)dst, cap, src, len, &e);
}
static UCollator *collator;
static int compare(const void *a, const void *b)
{
    return ucol_strcoll(collator, *(const UChar *const *)a, -1, *(const UChar *const *)b, -1);
}
static void setup_collation(void)
{
    UErrorCode e = U_ZERO_ERROR;
    collator = ucol_open("en_US", &e);
}
#endif

static double best_conversion(unsigned cp, const char *text)
{
    static uint16_t out[kTextBytes + 8];
    double best = 1e30;
    for (int r = 0; r < kRounds; r++) {
        double t = now_ms();
        int n = convert(cp, text, kTextBytes, out, kTextBytes + 8);
        t = now_ms() - t;
        if (n <= 0) { printf("# conversion failed\n"); exit(1); }
        if (t < best) best = t;
    }
    return best;
}

int main(void)
{
    make_inputs();
    setup_collation();
    printf("MultiByteToWideChar_UTF-8_1MiB %.3f\n", best_conversion(65001, utf8_text));
    printf("MultiByteToWideChar_1252_1MiB %.3f\n", best_conversion(1252, latin_text));
    uint16_t **copy = malloc(sizeof strings);
    memcpy(copy, strings, sizeof strings);
    double t = now_ms();
    qsort(copy, kStrings, sizeof *copy, compare);
    printf("CompareStringEx_sort_100000 %.1f\n", now_ms() - t);
    return 0;
}
