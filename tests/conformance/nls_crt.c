/* The C runtime's locales (msvcrt.dll): setlocale names, case and classification
 * of bytes in a code page, strcoll/wcscoll, multibyte conversions in a DBCS
 * locale, and the _mbs* functions in the _setmbcp code page. The test runs with
 * the user locale en-US. */
#include <ctype.h>
#include <locale.h>
#include <mbstring.h>
#include <mbctype.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>
#include <windows.h>

#include "tap.h"

static void names(void)
{
    tap_str(setlocale(LC_ALL, NULL), "C", "programs start in the C locale");
    tap_str(setlocale(LC_ALL, ""), "English_United States.1252", "\"\" is the user's locale");
    tap_str(setlocale(LC_ALL, "German_Germany.1252"), "German_Germany.1252", "a language_country.codepage name");
    tap_str(setlocale(LC_ALL, "german"), "German_Germany.1252", "a language alone takes its main country");
    tap_str(setlocale(LC_CTYPE, ".850"), "English_United States.850", "\".850\": the user's language, page 850");
    tap_ok(setlocale(LC_ALL, "Klingon_Qonos.1252") == NULL, "an unknown name is refused");
    tap_str(setlocale(LC_ALL, "C"), "C", "back to C");
}

static void single_byte(void)
{
    setlocale(LC_ALL, "C");
    tap_int(toupper(0xe4), 0xe4, "C: toupper leaves a-umlaut alone");
    tap_ok(!isalpha(0xe4), "C: 0xE4 is not a letter");
    tap_ok(strcoll("\xe4", "b") > 0, "C: strcoll is byte order");
    setlocale(LC_ALL, "German_Germany.1252");
    tap_int(___lc_codepage_func(), 1252, "___lc_codepage_func");
    tap_int(toupper(0xe4), 0xc4, "German: toupper maps a-umlaut");
    tap_int(tolower(0xc4), 0xe4, "German: tolower");
    tap_ok(isalpha(0xe4) && islower(0xe4), "German: 0xE4 is a lower-case letter");
    tap_ok(strcoll("\xe4", "b") < 0, "German: strcoll puts a-umlaut before b");
    tap_ok(wcscoll(L"\x00e4", L"b") < 0, "German: wcscoll too");
    tap_ok(_stricoll("\xc4pfel", "\xe4PFEL") == 0, "German: _stricoll ignores case");
    tap_int(towupper(0x00e9), 0x00c9, "towupper beyond ASCII in a locale");
    char ka[32], kb[32];
    strxfrm(ka, "\xe4", sizeof ka);
    strxfrm(kb, "b", sizeof kb);
    tap_ok(strcmp(ka, kb) < 0, "strxfrm keys order like strcoll");
    setlocale(LC_ALL, "C");
}

static void locale_objects(void)
{
    setlocale(LC_ALL, "C");
    _locale_t de = _create_locale(LC_ALL, "German_Germany.1252");
    tap_ok(de != NULL, "_create_locale(German_Germany.1252)");
    if (!de) return;
    tap_ok(_strcoll_l("\xe4", "b", de) < 0 && strcoll("\xe4", "b") > 0,
           "_strcoll_l uses the object's locale, strcoll the global C");
    tap_ok(_wcscoll_l(L"\x00e4", L"b", de) < 0, "_wcscoll_l");
    tap_int(_toupper_l(0xe4, de), 0xc4, "_toupper_l");
    tap_int(_towupper_l(0x00e9, de), 0x00c9, "_towupper_l");
    tap_int(toupper(0xe4), 0xe4, "the global locale is untouched");
    _free_locale(de);
    tap_ok(_create_locale(LC_ALL, "Klingon_Qonos.1252") == NULL, "_create_locale of an unknown name fails");
}

static void double_byte(void)
{
    tap_ok(setlocale(LC_ALL, "Japanese_Japan.932") != NULL, "the Japanese locale exists");
    tap_int(MB_CUR_MAX, 2, "MB_CUR_MAX is 2 in code page 932");
    tap_int(mblen("\x82\xa0", 2), 2, "mblen of a double-byte character");
    wchar_t w[8];
    tap_ok(mbstowcs(w, "a\x82\xa0", 8) == 2 && w[0] == L'a' && w[1] == 0x3042, "mbstowcs in 932");
    char out[8];
    tap_ok(wcstombs(out, L"\x3042z", 8) == 3 && memcmp(out, "\x82\xa0z", 4) == 0, "wcstombs in 932");
    tap_int(wctomb(out, 0x4e00), 2, "wctomb gives two bytes");
    tap_ok(isleadbyte(0x82) && !isleadbyte(0x41), "isleadbyte");
    setlocale(LC_ALL, "C");
    tap_int(MB_CUR_MAX, 1, "MB_CUR_MAX is 1 again in C");
}

static void mbstring(void)
{
    tap_int(_getmbcp(), GetACP(), "the multibyte code page starts as the ANSI code page");
    tap_int(_setmbcp(932), 0, "_setmbcp(932)");
    tap_int(_getmbcp(), 932, "_getmbcp");
    const unsigned char *s = (const unsigned char *)"a\x82\xa0" "b";
    tap_int(_mbslen(s), 3, "_mbslen counts characters");
    tap_ok(_ismbblead(0x82) && !_ismbblead(0x61), "_ismbblead");
    tap_ok(_mbsinc(s + 1) == s + 3, "_mbsinc steps over a double-byte character");
    tap_int(_mbsnextc(s + 1), 0x82a0, "_mbsnextc");
    tap_ok(_mbschr(s, 0x82a0) == s + 1, "_mbschr finds a double-byte character");
    unsigned char buf[8];
    memset(buf, 'x', sizeof buf);
    _mbsnbcpy(buf, s, 2);
    tap_ok(buf[0] == 'a' && buf[1] == 0 && buf[2] == 'x', "_mbsnbcpy drops a cut lead byte");
    tap_int(_mbsnbcnt(s, 2), 3, "_mbsnbcnt: two characters are three bytes");
    tap_int(_mbsnbcmp(s, (const unsigned char *)"a\x82\xa1", 3) < 0, 1, "_mbsnbcmp compares characters");
    tap_int(_setmbcp(12345), -1, "_setmbcp of no page fails");
    _setmbcp(0);
}

int main(void)
{
    names();
    single_byte();
    locale_objects();
    double_byte();
    mbstring();
    return tap_done();
}
