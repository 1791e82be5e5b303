/* Linguistic comparison and string mapping (winnls.h, stringapiset.h):
 * CompareStringEx with its flags, word sort against string sort, locale orders,
 * CompareStringOrdinal, FindNLSStringEx, LCMapStringEx (case, Turkish casing,
 * kana, width, sort keys), GetStringTypeW, FoldStringW, NormalizeString and IDN. */
#include <string.h>
#include <windows.h>

#include "tap.h"

static int cmp(const WCHAR *locale, DWORD flags, const WCHAR *a, const WCHAR *b)
{
    return CompareStringEx(locale, flags, a, -1, b, -1, NULL, NULL, 0);
}

static void compare(void)
{
    tap_int(cmp(L"en-US", 0, L"a", L"B"), CSTR_LESS_THAN, "linguistic: a before B");
    tap_int(cmp(L"en-US", 0, L"a", L"A"), CSTR_LESS_THAN, "lower case before upper case");
    tap_int(cmp(L"en-US", NORM_IGNORECASE, L"hello", L"HELLO"), CSTR_EQUAL, "NORM_IGNORECASE");
    tap_int(cmp(L"en-US", LINGUISTIC_IGNORECASE, L"hello", L"HeLLo"), CSTR_EQUAL, "LINGUISTIC_IGNORECASE");
    tap_int(cmp(L"en-US", 0, L"caf\x00e9", L"cafe"), CSTR_GREATER_THAN, "an accent weighs");
    tap_int(cmp(L"en-US", NORM_IGNORENONSPACE, L"caf\x00e9", L"cafe"), CSTR_EQUAL, "NORM_IGNORENONSPACE");
    tap_int(cmp(L"en-US", 0, L"caf\x00e9", L"cafe\x0301"), CSTR_EQUAL, "precomposed equals decomposed");
    tap_int(cmp(L"en-US", 0, L"file10", L"file9"), CSTR_LESS_THAN, "digits compare as characters");
    tap_int(cmp(L"en-US", SORT_DIGITSASNUMBERS, L"file10", L"file9"), CSTR_GREATER_THAN, "SORT_DIGITSASNUMBERS");
    tap_int(cmp(L"en-US", NORM_IGNORESYMBOLS, L"a.b c", L"abc"), CSTR_EQUAL, "NORM_IGNORESYMBOLS");
    /* Word sort keeps "co-op" with "coop"; string sort puts the hyphen before letters. */
    tap_int(cmp(L"en-US", 0, L"co-op", L"coat"), CSTR_GREATER_THAN, "word sort: co-op after coat");
    tap_int(cmp(L"en-US", SORT_STRINGSORT, L"co-op", L"coat"), CSTR_LESS_THAN, "string sort: co-op before coat");
    tap_int(cmp(L"en-US", 0, L"can't", L"cane"), CSTR_GREATER_THAN, "word sort: can't after cane");
    tap_int(cmp(L"sv-SE", 0, L"\x00e4", L"z"), CSTR_GREATER_THAN, "Swedish: a-umlaut after z");
    tap_int(cmp(L"de-DE", 0, L"\x00e4", L"z"), CSTR_LESS_THAN, "German: a-umlaut before z");
    tap_int(CompareStringEx(L"en-US", 0, L"abcX", 3, L"abcY", 3, NULL, NULL, 0), CSTR_EQUAL, "explicit lengths");
    tap_int(CompareStringW(LOCALE_INVARIANT, 0, L"a", -1, L"b", -1), CSTR_LESS_THAN, "CompareStringW, invariant");
    tap_int(CompareStringA(LOCALE_USER_DEFAULT, NORM_IGNORECASE, "abc", -1, "ABC", -1), CSTR_EQUAL, "CompareStringA");
    SetLastError(0);
    tap_ok(cmp(L"en-US", 0x80000000, L"a", L"b") == 0 && GetLastError() == ERROR_INVALID_FLAGS, "bad flags");
    SetLastError(0);
    tap_ok(cmp(L"en-US", 0, NULL, L"b") == 0 && GetLastError() == ERROR_INVALID_PARAMETER, "null string");
    tap_int(CompareStringOrdinal(L"a", -1, L"B", -1, FALSE), CSTR_GREATER_THAN, "ordinal: a after B");
    tap_int(CompareStringOrdinal(L"stra\x00df" L"e", -1, L"STRA\x00df" L"E", -1, TRUE), CSTR_EQUAL, "ordinal ignoring case");
    int found = 0;
    int at = FindNLSStringEx(L"en-US", FIND_FROMSTART | NORM_IGNORECASE, L"Hello World", -1, L"WORLD", -1, &found,
                             NULL, NULL, 0);
    tap_ok(at == 6 && found == 5, "FindNLSStringEx finds WORLD at 6");
    at = FindNLSStringEx(L"en-US", FIND_STARTSWITH, L"Hello World", -1, L"World", -1, &found, NULL, NULL, 0);
    tap_int(at, -1, "FIND_STARTSWITH does not match in the middle");
}

static void lcmap(void)
{
    WCHAR out[32];
    int n = LCMapStringEx(L"en-US", LCMAP_UPPERCASE, L"stra\x00df" L"e", -1, out, 32, NULL, NULL, 0);
    tap_ok(n == 7 && wcscmp(out, L"STRA\x00df" L"E") == 0, "upper case keeps the length (sharp s stays)");
    n = LCMapStringEx(L"tr-TR", LCMAP_UPPERCASE | LCMAP_LINGUISTIC_CASING, L"i", -1, out, 32, NULL, NULL, 0);
    tap_ok(n == 2 && out[0] == 0x0130, "Turkish linguistic casing: i -> dotted capital I");
    n = LCMapStringEx(L"tr-TR", LCMAP_UPPERCASE, L"i", -1, out, 32, NULL, NULL, 0);
    tap_ok(n == 2 && out[0] == L'I', "without LCMAP_LINGUISTIC_CASING: i -> I");
    n = LCMapStringEx(L"en-US", LCMAP_LOWERCASE, L"\x0391\x0392", 2, out, 32, NULL, NULL, 0);
    tap_ok(n == 2 && out[0] == 0x03b1 && out[1] == 0x03b2, "lower case of Greek capitals");
    n = LCMapStringEx(L"ja-JP", LCMAP_HIRAGANA, L"\x30ab\x30bf", 2, out, 32, NULL, NULL, 0);
    tap_ok(n == 2 && out[0] == 0x304b && out[1] == 0x305f, "LCMAP_HIRAGANA");
    n = LCMapStringEx(L"ja-JP", LCMAP_FULLWIDTH, L"A1", 2, out, 32, NULL, NULL, 0);
    tap_ok(n == 2 && out[0] == 0xff21 && out[1] == 0xff11, "LCMAP_FULLWIDTH");
    n = LCMapStringEx(L"ja-JP", LCMAP_HALFWIDTH, L"\xff21", 1, out, 32, NULL, NULL, 0);
    tap_ok(n == 1 && out[0] == L'A', "LCMAP_HALFWIDTH");
    SetLastError(0);
    n = LCMapStringEx(L"en-US", LCMAP_HIRAGANA | LCMAP_KATAKANA, L"a", 1, out, 32, NULL, NULL, 0);
    tap_ok(n == 0 && GetLastError() == ERROR_INVALID_FLAGS, "hiragana and katakana together: ERROR_INVALID_FLAGS");
    SetLastError(0);
    n = LCMapStringEx(L"en-US", LCMAP_UPPERCASE, L"abc", -1, out, 2, NULL, NULL, 0);
    tap_ok(n == 0 && GetLastError() == ERROR_INSUFFICIENT_BUFFER, "too small: ERROR_INSUFFICIENT_BUFFER");

    BYTE ka[64], kb[64], kc[64];
    int la = LCMapStringEx(L"en-US", LCMAP_SORTKEY, L"apple", -1, (LPWSTR)ka, sizeof ka, NULL, NULL, 0);
    int lb = LCMapStringEx(L"en-US", LCMAP_SORTKEY, L"Banana", -1, (LPWSTR)kb, sizeof kb, NULL, NULL, 0);
    tap_ok(la > 0 && lb > 0 && ka[la - 1] == 0 && memcmp(ka, kb, la < lb ? la : lb) < 0,
           "sort keys order like CompareString and end with 0");
    la = LCMapStringEx(L"en-US", LCMAP_SORTKEY | NORM_IGNORECASE, L"Hello", -1, (LPWSTR)ka, sizeof ka, NULL, NULL, 0);
    lb = LCMapStringEx(L"en-US", LCMAP_SORTKEY | NORM_IGNORECASE, L"hELLO", -1, (LPWSTR)kc, sizeof kc, NULL, NULL, 0);
    tap_ok(la == lb && memcmp(ka, kc, la) == 0, "NORM_IGNORECASE sort keys are equal");
}

static void classify(void)
{
    WORD t[4];
    tap_ok(GetStringTypeW(CT_CTYPE1, L"A1 \x00e9", 4, t), "GetStringTypeW succeeds");
    tap_int(t[0], C1_UPPER | C1_ALPHA | C1_XDIGIT | C1_DEFINED, "'A'");
    tap_int(t[1], C1_DIGIT | C1_XDIGIT | C1_DEFINED, "'1'");
    tap_int(t[2], C1_SPACE | C1_BLANK | C1_DEFINED, "' '");
    tap_int(t[3], C1_LOWER | C1_ALPHA | C1_DEFINED, "e acute");
    tap_ok(GetStringTypeW(CT_CTYPE3, L"\x3042\x30a2\xff71", 3, t) && (t[0] & C3_HIRAGANA) && (t[1] & C3_KATAKANA) &&
               (t[2] & C3_HALFWIDTH),
           "CT_CTYPE3: hiragana, katakana, half width");
    tap_ok(GetStringTypeW(CT_CTYPE2, L"a\x05d0" L"1", 3, t) && t[0] == C2_LEFTTORIGHT && t[1] == C2_RIGHTTOLEFT &&
               t[2] == C2_EUROPENUMBER,
           "CT_CTYPE2: directions");
}

static void fold_and_normalize(void)
{
    WCHAR out[32];
    int n = FoldStringW(MAP_FOLDDIGITS, L"\x0661\x0662", 2, out, 32);
    tap_ok(n == 2 && out[0] == L'1' && out[1] == L'2', "MAP_FOLDDIGITS: Arabic-Indic digits");
    n = FoldStringW(MAP_EXPAND_LIGATURES, L"\x00e6", -1, out, 32);
    tap_ok(n == 3 && wcscmp(out, L"ae") == 0, "MAP_EXPAND_LIGATURES");
    n = FoldStringW(MAP_PRECOMPOSED, L"e\x0301", 2, out, 32);
    tap_ok(n == 1 && out[0] == 0x00e9, "MAP_PRECOMPOSED");
    n = NormalizeString(NormalizationC, L"e\x0301", -1, out, 32);
    tap_ok(n == 2 && out[0] == 0x00e9 && out[1] == 0, "NormalizeString C");
    n = NormalizeString(NormalizationD, L"\x00e9", 1, out, 32);
    tap_ok(n == 2 && out[0] == L'e' && out[1] == 0x0301, "NormalizeString D");
    n = NormalizeString(NormalizationKC, L"\xfb01", 1, out, 32);
    tap_ok(n == 2 && out[0] == L'f' && out[1] == L'i', "NormalizeString KC");
    tap_ok(IsNormalizedString(NormalizationC, L"\x00e9", 1) && !IsNormalizedString(NormalizationC, L"e\x0301", 2),
           "IsNormalizedString");
    n = IdnToAscii(0, L"b\x00fc" L"cher.de", -1, out, 32);
    tap_ok(n > 0 && wcscmp(out, L"xn--bcher-kva.de") == 0, "IdnToAscii");
    n = IdnToUnicode(0, L"xn--bcher-kva.de", -1, out, 32);
    tap_ok(n > 0 && wcscmp(out, L"b\x00fc" L"cher.de") == 0, "IdnToUnicode");
}

int main(void)
{
    compare();
    lcmap();
    classify();
    fold_and_normalize();
    return tap_done();
}
