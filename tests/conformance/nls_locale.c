/* Locale names, LCIDs and locale data (winnls.h): name <-> LCID, validity,
 * enumeration, GetLocaleInfoEx for the types programs read (separators, names,
 * pictures, currency, first day of week), LOCALE_RETURN_NUMBER, and the
 * formatting functions (GetNumberFormatEx, GetCurrencyFormatEx, GetDateFormatEx,
 * GetTimeFormatEx) with their flags and errors. Values are those of Windows 10
 * for en-US and de-DE. Wine 8 differs from Windows on three: it gives de-DE's short
 * date as "d.M.yyyy", groups en-US numbers as "1234,567.89" and formats
 * February 29 of a common year as March 1 instead of failing. */
#include <string.h>
#include <windows.h>

#include "tap.h"

static BOOL CALLBACK count_locale(LPWSTR name, DWORD flags, LPARAM param)
{
    int *seen = (int *)param;
    if (wcscmp(name, L"en-US") == 0) seen[0] = 1;
    if (wcscmp(name, L"ja-JP") == 0) seen[1] = 1;
    seen[2]++;
    return TRUE;
}

static void names(void)
{
    WCHAR buf[LOCALE_NAME_MAX_LENGTH];
    tap_int(LocaleNameToLCID(L"en-US", 0), 0x0409, "LocaleNameToLCID(en-US)");
    tap_int(LocaleNameToLCID(L"ja-JP", 0), 0x0411, "LocaleNameToLCID(ja-JP)");
    tap_int(LocaleNameToLCID(L"zh-CN", 0), 0x0804, "LocaleNameToLCID(zh-CN)");
    tap_int(LocaleNameToLCID(L"sr-Latn-RS", 0), 0x241a, "LocaleNameToLCID(sr-Latn-RS)");
    tap_int(LocaleNameToLCID(L"de", LOCALE_ALLOW_NEUTRAL_NAMES), 0x0007, "a neutral name with LOCALE_ALLOW_NEUTRAL_NAMES");
    int n = LCIDToLocaleName(0x0407, buf, LOCALE_NAME_MAX_LENGTH, 0);
    tap_ok(n == 6 && wcscmp(buf, L"de-DE") == 0, "LCIDToLocaleName(0x0407)");
    n = LCIDToLocaleName(0x0404, buf, LOCALE_NAME_MAX_LENGTH, 0);
    tap_ok(n == 6 && wcscmp(buf, L"zh-TW") == 0, "LCIDToLocaleName(0x0404)");
    tap_int(LCIDToLocaleName(0x0409, NULL, 0, 0), 6, "LCIDToLocaleName size query");
    tap_ok(IsValidLocaleName(L"fr-FR") && IsValidLocaleName(L"en") && !IsValidLocaleName(L"xx-YY"),
           "IsValidLocaleName");
    SetLastError(0);
    tap_ok(LocaleNameToLCID(L"xx-YY", 0) == 0 && GetLastError() == ERROR_INVALID_PARAMETER, "an unknown name fails");
    n = GetUserDefaultLocaleName(buf, LOCALE_NAME_MAX_LENGTH);
    tap_ok(n > 1 && IsValidLocaleName(buf) && LocaleNameToLCID(buf, 0) == GetUserDefaultLCID(),
           "GetUserDefaultLocaleName agrees with GetUserDefaultLCID");
    int seen[3] = {0};
    tap_ok(EnumSystemLocalesEx(count_locale, LOCALE_SPECIFICDATA, (LPARAM)seen, NULL) && seen[0] && seen[1] &&
               seen[2] > 100,
           "EnumSystemLocalesEx lists en-US, ja-JP and many more");
}

static void info(void)
{
    WCHAR buf[128];
    struct { const WCHAR *locale; LCTYPE type; const WCHAR *want; } cases[] = {
        {L"en-US", LOCALE_SDECIMAL, L"."},          {L"en-US", LOCALE_STHOUSAND, L","},
        {L"de-DE", LOCALE_SDECIMAL, L","},          {L"de-DE", LOCALE_STHOUSAND, L"."},
        {L"en-US", LOCALE_SGROUPING, L"3;0"},       {L"hi-IN", LOCALE_SGROUPING, L"3;2;0"},
        {L"en-US", LOCALE_SLIST, L","},             {L"de-DE", LOCALE_SLIST, L";"},
        {L"en-US", LOCALE_SNAME, L"en-US"},         {L"en-US", LOCALE_SISO639LANGNAME, L"en"},
        {L"en-US", LOCALE_SISO3166CTRYNAME, L"US"}, {L"de-DE", LOCALE_SISO639LANGNAME2, L"deu"},
        {L"en-US", LOCALE_SENGLISHLANGUAGENAME, L"English"},
        {L"en-US", LOCALE_SENGLISHCOUNTRYNAME, L"United States"},
        {L"de-DE", LOCALE_SNATIVELANGUAGENAME, L"Deutsch"},
        {L"en-US", LOCALE_SCURRENCY, L"$"},         {L"en-US", LOCALE_SINTLSYMBOL, L"USD"},
        {L"de-DE", LOCALE_SINTLSYMBOL, L"EUR"},     {L"ja-JP", LOCALE_SINTLSYMBOL, L"JPY"},
        {L"en-US", LOCALE_SSHORTDATE, L"M/d/yyyy"}, {L"de-DE", LOCALE_SSHORTDATE, L"dd.MM.yyyy"},
        {L"en-US", LOCALE_SLONGDATE, L"dddd, MMMM d, yyyy"},
        {L"en-US", LOCALE_STIMEFORMAT, L"h:mm:ss tt"}, {L"de-DE", LOCALE_STIMEFORMAT, L"HH:mm:ss"},
        {L"en-US", LOCALE_SDATE, L"/"},             {L"en-US", LOCALE_STIME, L":"},
        {L"en-US", LOCALE_IDATE, L"0"},             {L"de-DE", LOCALE_IDATE, L"1"},
        {L"en-US", LOCALE_S1159, L"AM"},            {L"en-US", LOCALE_S2359, L"PM"},
        {L"en-US", LOCALE_SDAYNAME1, L"Monday"},    {L"en-US", LOCALE_SDAYNAME7, L"Sunday"},
        {L"en-US", LOCALE_SABBREVDAYNAME1, L"Mon"}, {L"en-US", LOCALE_SMONTHNAME1, L"January"},
        {L"de-DE", LOCALE_SMONTHNAME3, L"M\x00e4rz"}, {L"en-US", LOCALE_SABBREVMONTHNAME12, L"Dec"},
        {L"en-US", LOCALE_IFIRSTDAYOFWEEK, L"6"},   {L"de-DE", LOCALE_IFIRSTDAYOFWEEK, L"0"},
        {L"en-US", LOCALE_IMEASURE, L"1"},          {L"de-DE", LOCALE_IMEASURE, L"0"},
        {L"en-US", LOCALE_ICURRDIGITS, L"2"},       {L"ja-JP", LOCALE_ICURRDIGITS, L"0"},
        {L"en-US", LOCALE_IDEFAULTANSICODEPAGE, L"1252"}, {L"ja-JP", LOCALE_IDEFAULTANSICODEPAGE, L"932"},
        {L"ru-RU", LOCALE_IDEFAULTCODEPAGE, L"866"},
        {L"en-US", LOCALE_ICALENDARTYPE, L"1"},     {L"en-US", LOCALE_SNATIVEDIGITS, L"0123456789"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; ++i) {
        char what[96];
        int n = GetLocaleInfoEx(cases[i].locale, cases[i].type, buf, 128);
        sprintf(what, "GetLocaleInfoEx(%ls, %#lx) = \"%ls\"", cases[i].locale, cases[i].type, cases[i].want);
        tap_ok(n == (int)wcslen(cases[i].want) + 1 && wcscmp(buf, cases[i].want) == 0, what);
    }
    DWORD value = 0;
    int n = GetLocaleInfoEx(L"de-DE", LOCALE_IFIRSTDAYOFWEEK | LOCALE_RETURN_NUMBER, (LPWSTR)&value,
                            sizeof value / sizeof(WCHAR));
    tap_ok(n == 2 && value == 0, "LOCALE_RETURN_NUMBER gives the number");
    SetLastError(0);
    n = GetLocaleInfoEx(L"en-US", LOCALE_SDECIMAL | LOCALE_RETURN_NUMBER, (LPWSTR)&value, 2);
    tap_ok(n == 0 && GetLastError() == ERROR_INVALID_FLAGS, "LOCALE_RETURN_NUMBER of a string: ERROR_INVALID_FLAGS");
    tap_int(GetLocaleInfoEx(L"en-US", LOCALE_SMONTHNAME1, NULL, 0), 8, "size query counts the NUL");
    SetLastError(0);
    n = GetLocaleInfoEx(L"en-US", LOCALE_SMONTHNAME1, buf, 3);
    tap_ok(n == 0 && GetLastError() == ERROR_INSUFFICIENT_BUFFER, "too small: ERROR_INSUFFICIENT_BUFFER");
    n = GetLocaleInfoW(0x0407, LOCALE_SDECIMAL, buf, 128);
    tap_ok(n == 2 && buf[0] == L',', "GetLocaleInfoW by LCID");
    char abuf[32];
    n = GetLocaleInfoA(0x0409, LOCALE_SMONTHNAME2, abuf, sizeof abuf);
    tap_ok(n == 9 && strcmp(abuf, "February") == 0, "GetLocaleInfoA");
    n = GetCalendarInfoEx(L"en-US", CAL_GREGORIAN, NULL, CAL_SMONTHNAME1, buf, 128, NULL);
    tap_ok(n == 8 && wcscmp(buf, L"January") == 0, "GetCalendarInfoEx month name");
    n = GetCalendarInfoEx(L"en-US", CAL_GREGORIAN, NULL, CAL_ITWODIGITYEARMAX | CAL_RETURN_NUMBER, NULL, 0, &value);
    /* Microsoft: with CAL_RETURN_NUMBER the result is the integer's size in WCHARs, "that is, 2". */
    tap_ok(n == 2 && value >= 2029, "GetCalendarInfoEx two-digit year max");
}

static void formats(void)
{
    WCHAR buf[64];
    int n = GetNumberFormatEx(L"en-US", 0, L"1234567.891", NULL, buf, 64);
    tap_ok(n == 13 && wcscmp(buf, L"1,234,567.89") == 0, "GetNumberFormatEx en-US");
    n = GetNumberFormatEx(L"de-DE", 0, L"-1234.5", NULL, buf, 64);
    tap_ok(wcscmp(buf, L"-1.234,50") == 0, "GetNumberFormatEx de-DE negative");
    n = GetNumberFormatEx(L"hi-IN", 0, L"1234567", NULL, buf, 64);
    tap_ok(wcscmp(buf, L"12,34,567.00") == 0, "GetNumberFormatEx hi-IN groups 3 then 2");
    NUMBERFMTW f = {1, 0, 3, L".", L" ", 0};
    n = GetNumberFormatEx(L"en-US", 0, L"-0.25", &f, buf, 64);
    tap_ok(wcscmp(buf, L"(.3)") == 0, "NUMBERFMT: rounding, no leading zero, parentheses");
    SetLastError(0);
    n = GetNumberFormatEx(L"en-US", 0, L"12a", NULL, buf, 64);
    tap_ok(n == 0 && GetLastError() == ERROR_INVALID_PARAMETER, "not a number: ERROR_INVALID_PARAMETER");
    SetLastError(0);
    n = GetNumberFormatEx(L"en-US", LOCALE_NOUSEROVERRIDE, L"1", &f, buf, 64);
    tap_ok(n == 0 && GetLastError() == ERROR_INVALID_FLAGS, "flags with a format: ERROR_INVALID_FLAGS");
    n = GetCurrencyFormatEx(L"en-US", 0, L"1234.5", NULL, buf, 64);
    tap_ok(wcscmp(buf, L"$1,234.50") == 0, "GetCurrencyFormatEx en-US");
    CURRENCYFMTW c = {2, 1, 3, L",", L".", 8, 3, L"\x20ac"};
    n = GetCurrencyFormatEx(L"en-US", 0, L"-1234.5", &c, buf, 64);
    tap_ok(wcscmp(buf, L"-1.234,50 \x20ac") == 0, "CURRENCYFMT negative order 8");

    SYSTEMTIME st = {2024, 3, 0, 5, 14, 7, 9, 0};
    n = GetDateFormatEx(L"en-US", DATE_SHORTDATE, &st, NULL, buf, 64, NULL);
    tap_ok(n == 9 && wcscmp(buf, L"3/5/2024") == 0, "GetDateFormatEx short");
    n = GetDateFormatEx(L"en-US", DATE_LONGDATE, &st, NULL, buf, 64, NULL);
    tap_ok(wcscmp(buf, L"Tuesday, March 5, 2024") == 0, "GetDateFormatEx long (day of week computed)");
    n = GetDateFormatEx(L"de-DE", 0, &st, L"dddd, d. MMMM yyyy", buf, 64, NULL);
    tap_ok(wcscmp(buf, L"Dienstag, 5. M\x00e4rz 2024") == 0, "GetDateFormatEx de-DE picture");
    n = GetDateFormatEx(L"en-US", 0, &st, L"yy'-'MM'-'dd ddd MMM", buf, 64, NULL);
    tap_ok(wcscmp(buf, L"24-03-05 Tue Mar") == 0, "pictures: quoted separators and short fields");
    SetLastError(0);
    n = GetDateFormatEx(L"en-US", DATE_SHORTDATE, &st, L"d", buf, 64, NULL);
    tap_ok(n == 0 && GetLastError() == ERROR_INVALID_FLAGS, "a picture with DATE_SHORTDATE: ERROR_INVALID_FLAGS");
    SYSTEMTIME bad = {2023, 2, 0, 29, 0, 0, 0, 0};
    SetLastError(0);
    n = GetDateFormatEx(L"en-US", 0, &bad, NULL, buf, 64, NULL);
    tap_ok(n == 0 && GetLastError() == ERROR_INVALID_PARAMETER, "February 29 of 2023: ERROR_INVALID_PARAMETER");
    n = GetTimeFormatEx(L"en-US", 0, &st, NULL, buf, 64);
    tap_ok(wcscmp(buf, L"2:07:09 PM") == 0, "GetTimeFormatEx en-US");
    n = GetTimeFormatEx(L"en-US", TIME_NOSECONDS, &st, NULL, buf, 64);
    tap_ok(wcscmp(buf, L"2:07 PM") == 0, "TIME_NOSECONDS");
    n = GetTimeFormatEx(L"en-US", TIME_FORCE24HOURFORMAT | TIME_NOTIMEMARKER, &st, NULL, buf, 64);
    tap_ok(wcscmp(buf, L"14:07:09") == 0, "TIME_FORCE24HOURFORMAT | TIME_NOTIMEMARKER");
    n = GetTimeFormatEx(L"de-DE", 0, &st, L"HH'h'mm", buf, 64);
    tap_ok(wcscmp(buf, L"14h07") == 0, "GetTimeFormatEx picture");
    n = GetTimeFormatEx(L"en-US", 0, &st, L"hh 'o''clock' tt", buf, 64);
    tap_ok(wcscmp(buf, L"02 o'clock PM") == 0, "two quotes inside quotes are one quote");
    char abuf[32];
    n = GetDateFormatA(0x0409, 0, &st, "MMMM d", abuf, sizeof abuf);
    tap_ok(strcmp(abuf, "March 5") == 0, "GetDateFormatA");
}

int main(void)
{
    names();
    info();
    formats();
    return tap_done();
}
