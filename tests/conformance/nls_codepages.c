/* Code pages beyond UTF-8 (stringapiset.h, winnls.h): bytes of each Windows
 * single-byte page and of the DBCS pages 932/936/949/950 both ways, best fit
 * and default characters, the DBCS rules for broken input, the flags each page
 * accepts and the exact errors Microsoft documents, GetCPInfoEx and lead bytes.
 * Where Wine 8 is more lenient than Windows about flags, the check follows
 * Microsoft's documentation and says so. */
#include <string.h>
#include <windows.h>

#include "tap.h"

struct mapping {
    UINT cp;
    const char *bytes;     /* one character */
    WCHAR wide;
};

/* One or more characters of each page, as Microsoft's code page tables give them. */
static const struct mapping mappings[] = {
    {437, "\x80", 0x00c7},  {437, "\xb0", 0x2591},  {437, "\xe1", 0x00df},
    {850, "\x80", 0x00c7},  {850, "\xd5", 0x0131},  {850, "\x9e", 0x00d7},
    {866, "\x80", 0x0410},  {866, "\xf0", 0x0401},  {866, "\xfc", 0x2116},
    {874, "\x80", 0x20ac},  {874, "\xa1", 0x0e01},
    {1250, "\x8a", 0x0160}, {1250, "\xb9", 0x0105}, {1250, "\xea", 0x0119},
    {1251, "\xc0", 0x0410}, {1251, "\xff", 0x044f}, {1251, "\xa8", 0x0401}, {1251, "\x88", 0x20ac},
    {1252, "\x80", 0x20ac}, {1252, "\x9f", 0x0178}, {1252, "\x81", 0x0081}, {1252, "\xe9", 0x00e9},
    {1253, "\xc1", 0x0391}, {1253, "\xa2", 0x0386},
    {1254, "\xd0", 0x011e}, {1254, "\xfd", 0x0131},
    {1255, "\xe0", 0x05d0}, {1255, "\xa4", 0x20aa},
    {1256, "\xc7", 0x0627}, {1256, "\x81", 0x067e},
    {1257, "\xc0", 0x0104}, {1257, "\xe0", 0x0105},
    {1258, "\xc3", 0x0102}, {1258, "\xcc", 0x0300},
    {932, "\x82\xa0", 0x3042}, {932, "\xb1", 0xff71},  {932, "\x88\x9f", 0x4e9c}, {932, "\x5c", 0x005c},
    {932, "\x81\x60", 0xff5e}, {932, "\x81\x7c", 0xff0d}, {932, "\x81\x61", 0x2225},
    {936, "\xb0\xa1", 0x554a}, {936, "\x80", 0x20ac},  {936, "\xa1\xa4", 0x00b7},
    {949, "\xb0\xa1", 0xac00}, {949, "\xc7\xd1", 0xd55c},
    {950, "\xa4\x40", 0x4e00}, {950, "\xa4\xa4", 0x4e2d},
};

static void tables(void)
{
    char what[96];
    for (size_t i = 0; i < sizeof mappings / sizeof *mappings; ++i) {
        const struct mapping *m = &mappings[i];
        int len = (int)strlen(m->bytes);
        WCHAR w[4] = {0};
        char back[4] = {0};
        BOOL used = TRUE;
        int n = MultiByteToWideChar(m->cp, MB_ERR_INVALID_CHARS, m->bytes, len, w, 4);
        int k = WideCharToMultiByte(m->cp, WC_NO_BEST_FIT_CHARS, &m->wide, 1, back, 4, NULL, &used);
        sprintf(what, "%u: %02x%02x <-> U+%04X", m->cp, (unsigned char)m->bytes[0],
                len > 1 ? (unsigned char)m->bytes[1] : 0, m->wide);
        tap_ok(n == 1 && w[0] == m->wide && k == len && memcmp(back, m->bytes, len) == 0 && !used, what);
    }
}

static void best_fit(void)
{
    char out[8];
    BOOL used = TRUE;
    const WCHAR a_macron = 0x0100, fullwidth_a = 0xff21, e_acute = 0x00e9, hiragana_a = 0x3042;
    int n = WideCharToMultiByte(1252, 0, &a_macron, 1, out, 8, NULL, &used);
    tap_ok(n == 1 && out[0] == 'A' && !used, "1252: best fit sends U+0100 to 'A', not counted as default");
    n = WideCharToMultiByte(1252, 0, &fullwidth_a, 1, out, 8, NULL, &used);
    tap_ok(n == 1 && out[0] == 'A' && !used, "1252: fullwidth A best-fits to 'A'");
    n = WideCharToMultiByte(1252, WC_NO_BEST_FIT_CHARS, &a_macron, 1, out, 8, NULL, &used);
    tap_ok(n == 1 && out[0] == '?' && used, "WC_NO_BEST_FIT_CHARS gives the default char instead");
    n = WideCharToMultiByte(1252, 0, &hiragana_a, 1, out, 8, "*", &used);
    tap_ok(n == 1 && out[0] == '*' && used, "a caller's default character replaces what has no mapping");
    n = WideCharToMultiByte(932, 0, &e_acute, 1, out, 8, NULL, &used);
    tap_ok(n == 1 && out[0] == 'e' && !used, "932: e acute best-fits to 'e'");
    const WCHAR emoji[] = {0xd83d, 0xde00};
    n = WideCharToMultiByte(1252, 0, emoji, 2, out, 8, NULL, &used);
    tap_ok(n == 2 && out[0] == '?' && out[1] == '?' && used, "1252: a surrogate pair becomes two default chars");
}

static void dbcs_rules(void)
{
    WCHAR w[8];
    int n = MultiByteToWideChar(932, 0, "a\x82", 2, w, 8);
    tap_ok(n == 2 && w[0] == 'a' && w[1] == 0x30fb, "932: a lead byte at the end becomes U+30FB");
    SetLastError(0);
    n = MultiByteToWideChar(932, MB_ERR_INVALID_CHARS, "a\x82", 2, w, 8);
    tap_ok(n == 0 && GetLastError() == ERROR_NO_UNICODE_TRANSLATION, "...and fails with MB_ERR_INVALID_CHARS");
    n = MultiByteToWideChar(932, 0, "\x82\xa0\x82\xa2", -1, NULL, 0);
    tap_int(n, 3, "932: two double-byte characters and the NUL count 3");
    char out[8];
    const WCHAR aiu[] = {0x3042, 0x3044, 0};
    n = WideCharToMultiByte(932, 0, aiu, -1, out, 8, NULL, NULL);
    tap_ok(n == 5 && memcmp(out, "\x82\xa0\x82\xa2", 5) == 0, "932: hiragana back to Shift-JIS");
    SetLastError(0);
    n = WideCharToMultiByte(932, 0, aiu, -1, out, 4, NULL, NULL);
    tap_ok(n == 0 && GetLastError() == ERROR_INSUFFICIENT_BUFFER, "932: no room for the NUL fails");
    tap_ok(IsDBCSLeadByteEx(932, 0x82) && IsDBCSLeadByteEx(932, 0xe0) && !IsDBCSLeadByteEx(932, 0xa0) &&
               !IsDBCSLeadByteEx(932, 0x41) && IsDBCSLeadByteEx(936, 0x81) && !IsDBCSLeadByteEx(1252, 0x82),
           "IsDBCSLeadByteEx");
}

static void flags_and_errors(void)
{
    WCHAR w[8];
    char out[8];
    int n;
    SetLastError(0);
    n = MultiByteToWideChar(12345, 0, "a", 1, w, 8);
    tap_ok(n == 0 && GetLastError() == ERROR_INVALID_PARAMETER, "an unknown code page: ERROR_INVALID_PARAMETER");
    SetLastError(0);
    n = MultiByteToWideChar(1252, 0x100, "a", 1, w, 8);
    tap_ok(n == 0 && GetLastError() == ERROR_INVALID_FLAGS, "an unknown flag: ERROR_INVALID_FLAGS");
    /* Microsoft: for CP_UTF8 dwFlags must be 0 or MB_ERR_INVALID_CHARS (Wine 8 accepts more). */
    SetLastError(0);
    n = MultiByteToWideChar(CP_UTF8, MB_PRECOMPOSED, "a", 1, w, 8);
    tap_ok(n == 0 && GetLastError() == ERROR_INVALID_FLAGS, "CP_UTF8 with MB_PRECOMPOSED: ERROR_INVALID_FLAGS");
    /* Microsoft: lpDefaultChar must be NULL for CP_UTF8 (Wine 8 ignores it). */
    SetLastError(0);
    n = WideCharToMultiByte(CP_UTF8, 0, L"a", 1, out, 8, "x", NULL);
    tap_ok(n == 0 && GetLastError() == ERROR_INVALID_PARAMETER, "CP_UTF8 with a default char: ERROR_INVALID_PARAMETER");
    /* Microsoft: WC_ERR_INVALID_CHARS only with CP_UTF8 and 54936 (Wine 8 ignores it). */
    SetLastError(0);
    n = WideCharToMultiByte(1252, WC_ERR_INVALID_CHARS, L"a", 1, out, 8, NULL, NULL);
    tap_ok(n == 0 && GetLastError() == ERROR_INVALID_FLAGS, "WC_ERR_INVALID_CHARS with 1252: ERROR_INVALID_FLAGS");
    n = MultiByteToWideChar(1252, MB_COMPOSITE, "\xe9", 1, w, 8);
    tap_ok(n == 2 && w[0] == 'e' && w[1] == 0x0301, "MB_COMPOSITE decomposes e acute");
    n = MultiByteToWideChar(437, MB_USEGLYPHCHARS, "\x01\x7f\x0a", 3, w, 8);
    tap_ok(n == 3 && w[0] == 0x263a && w[1] == 0x2302 && w[2] == 0x25d9, "437 with MB_USEGLYPHCHARS shows glyphs");
    n = MultiByteToWideChar(CP_UTF7, 0, "Hi+IKw-", 7, w, 8);
    tap_ok(n == 3 && w[0] == 'H' && w[1] == 'i' && w[2] == 0x20ac, "UTF-7 decodes base64 runs");
    n = WideCharToMultiByte(CP_UTF7, 0, L"A+", 2, out, 8, NULL, NULL);
    tap_ok(n == 3 && memcmp(out, "A+-", 3) == 0, "UTF-7 escapes '+' as \"+-\"");
}

static void info(void)
{
    CPINFOEXW ex;
    tap_ok(GetCPInfoExW(932, 0, &ex) && ex.MaxCharSize == 2 && ex.UnicodeDefaultChar == 0x30fb &&
               ex.LeadByte[0] == 0x81 && ex.LeadByte[1] == 0x9f && ex.LeadByte[2] == 0xe0 && ex.LeadByte[3] == 0xfc &&
               ex.LeadByte[4] == 0 && ex.CodePage == 932,
           "GetCPInfoExW(932): two bytes, lead ranges 81-9F E0-FC, default U+30FB");
    tap_ok(GetCPInfoExW(1252, 0, &ex) && ex.MaxCharSize == 1 && ex.DefaultChar[0] == '?' && ex.LeadByte[0] == 0,
           "GetCPInfoExW(1252)");
    tap_ok(GetCPInfoExW(CP_UTF8, 0, &ex) && ex.MaxCharSize == 4 && ex.UnicodeDefaultChar == 0xfffd,
           "GetCPInfoExW(CP_UTF8)");
    CPINFO ci;
    SetLastError(0);
    tap_ok(!GetCPInfo(12345, &ci) && GetLastError() == ERROR_INVALID_PARAMETER, "GetCPInfo of no page fails");
    tap_ok(IsValidCodePage(932) && IsValidCodePage(1250) && IsValidCodePage(65001) && !IsValidCodePage(CP_ACP) &&
               !IsValidCodePage(12345),
           "IsValidCodePage");
}

int main(void)
{
    tables();
    best_fit();
    dbcs_rules();
    flags_and_errors();
    info();
    return tap_done();
}
