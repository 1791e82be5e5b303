// kernel32's national language support exports (winnls.h, stringapiset.h,
// timezoneapi.h): code-page information, comparison, case mapping and
// classification, locale data, normalization and time zones. All of it sits on
// ICU with Windows semantics on top; the files in this folder follow the topics.
#pragma once
#include <cstddef>

#include "win32/kernel32/kernel32.h"

namespace sill::kernel32 {

struct CPINFOEXW {
  UINT MaxCharSize;
  BYTE DefaultChar[2];
  BYTE LeadByte[12];
  WCHAR UnicodeDefaultChar;
  UINT CodePage;
  WCHAR CodePageName[260];
};
static_assert(sizeof(CPINFOEXW) == 544 && offsetof(CPINFOEXW, CodePageName) == 24);
struct CPINFOEXA {
  UINT MaxCharSize;
  BYTE DefaultChar[2];
  BYTE LeadByte[12];
  WCHAR UnicodeDefaultChar;
  UINT CodePage;
  CHAR CodePageName[260];
};
static_assert(sizeof(CPINFOEXA) == 284);

// Code pages (codepage_info.cpp)
BOOL WINAPI GetCPInfoExW(UINT cp, DWORD flags, CPINFOEXW* info) noexcept;
BOOL WINAPI GetCPInfoExA(UINT cp, DWORD flags, CPINFOEXA* info) noexcept;

using LPARAM = LONG_PTR;
using LCID = DWORD;
using LCTYPE = DWORD;
using CALID = DWORD;
using CALTYPE = DWORD;
using LANGID = WORD;
inline constexpr int CSTR_LESS_THAN = 1, CSTR_EQUAL = 2, CSTR_GREATER_THAN = 3;

// Comparison (stringcompare.cpp)
int WINAPI CompareStringEx(LPCWSTR locale, DWORD flags, LPCWSTR a, int a_len, LPCWSTR b, int b_len,
                           void* version, void* reserved, LPARAM param) noexcept;
int WINAPI CompareStringW(LCID lcid, DWORD flags, LPCWSTR a, int a_len, LPCWSTR b, int b_len) noexcept;
int WINAPI CompareStringA(LCID lcid, DWORD flags, LPCSTR a, int a_len, LPCSTR b, int b_len) noexcept;
int WINAPI FindNLSStringEx(LPCWSTR locale, DWORD flags, LPCWSTR source, int source_len, LPCWSTR value,
                           int value_len, int* found_len, void* version, void* reserved, LPARAM param) noexcept;
int WINAPI FindNLSString(LCID lcid, DWORD flags, LPCWSTR source, int source_len, LPCWSTR value, int value_len,
                         int* found_len) noexcept;

// Case mapping, sort keys, classification (lcmapstring.cpp, stringtype.cpp)
int WINAPI LCMapStringEx(LPCWSTR locale, DWORD flags, LPCWSTR src, int src_len, LPWSTR dst, int dst_len,
                         void* version, void* reserved, LPARAM param) noexcept;
int WINAPI LCMapStringW(LCID lcid, DWORD flags, LPCWSTR src, int src_len, LPWSTR dst, int dst_len) noexcept;
int WINAPI LCMapStringA(LCID lcid, DWORD flags, LPCSTR src, int src_len, LPSTR dst, int dst_len) noexcept;
BOOL WINAPI GetStringTypeExW(LCID lcid, DWORD type, LPCWSTR src, int len, WORD* types) noexcept;
BOOL WINAPI GetStringTypeA(LCID lcid, DWORD type, LPCSTR src, int len, WORD* types) noexcept;
BOOL WINAPI GetStringTypeExA(LCID lcid, DWORD type, LPCSTR src, int len, WORD* types) noexcept;

// Normalization, folding, IDN (normalization.cpp)
int WINAPI FoldStringW(DWORD flags, LPCWSTR src, int src_len, LPWSTR dst, int dst_len) noexcept;
int WINAPI FoldStringA(DWORD flags, LPCSTR src, int src_len, LPSTR dst, int dst_len) noexcept;
int WINAPI NormalizeString(int form, LPCWSTR src, int src_len, LPWSTR dst, int dst_len) noexcept;
BOOL WINAPI IsNormalizedString(int form, LPCWSTR src, int src_len) noexcept;
int WINAPI IdnToAscii(DWORD flags, LPCWSTR src, int src_len, LPWSTR dst, int dst_len) noexcept;
int WINAPI IdnToUnicode(DWORD flags, LPCWSTR src, int src_len, LPWSTR dst, int dst_len) noexcept;

// Locale names and identifiers (locale_names.cpp)
using LOCALE_ENUMPROCEX = BOOL(WINAPI*)(LPWSTR name, DWORD flags, LPARAM param);
using LOCALE_ENUMPROCW = BOOL(WINAPI*)(LPWSTR lcid_hex);
using LOCALE_ENUMPROCA = BOOL(WINAPI*)(LPSTR lcid_hex);
int WINAPI GetUserDefaultLocaleName(LPWSTR name, int size) noexcept;
int WINAPI GetSystemDefaultLocaleName(LPWSTR name, int size) noexcept;
LCID WINAPI GetUserDefaultLCID() noexcept;
LCID WINAPI GetSystemDefaultLCID() noexcept;
LANGID WINAPI GetUserDefaultLangID() noexcept;
LANGID WINAPI GetSystemDefaultLangID() noexcept;
LANGID WINAPI GetUserDefaultUILanguage() noexcept;
LANGID WINAPI GetSystemDefaultUILanguage() noexcept;
LCID WINAPI GetThreadLocale() noexcept;
BOOL WINAPI SetThreadLocale(LCID lcid) noexcept;
LANGID WINAPI GetThreadUILanguage() noexcept;
LCID WINAPI LocaleNameToLCID(LPCWSTR name, DWORD flags) noexcept;
int WINAPI LCIDToLocaleName(LCID lcid, LPWSTR name, int size, DWORD flags) noexcept;
BOOL WINAPI IsValidLocaleName(LPCWSTR name) noexcept;
BOOL WINAPI IsValidLocale(LCID lcid, DWORD flags) noexcept;
int WINAPI ResolveLocaleName(LPCWSTR name, LPWSTR resolved, int size) noexcept;
BOOL WINAPI EnumSystemLocalesEx(LOCALE_ENUMPROCEX proc, DWORD flags, LPARAM param, void* reserved) noexcept;
BOOL WINAPI EnumSystemLocalesW(LOCALE_ENUMPROCW proc, DWORD flags) noexcept;
BOOL WINAPI EnumSystemLocalesA(LOCALE_ENUMPROCA proc, DWORD flags) noexcept;

// Locale data (locale_info.cpp)
int WINAPI GetLocaleInfoEx(LPCWSTR locale, LCTYPE type, LPWSTR data, int size) noexcept;
int WINAPI GetLocaleInfoW(LCID lcid, LCTYPE type, LPWSTR data, int size) noexcept;
int WINAPI GetLocaleInfoA(LCID lcid, LCTYPE type, LPSTR data, int size) noexcept;
int WINAPI GetCalendarInfoEx(LPCWSTR locale, CALID calendar, LPCWSTR reserved, CALTYPE type, LPWSTR data, int size,
                             DWORD* value) noexcept;
int WINAPI GetCalendarInfoW(LCID lcid, CALID calendar, CALTYPE type, LPWSTR data, int size, DWORD* value) noexcept;

// Number and date formatting (number_format.cpp, date_format.cpp)
struct NUMBERFMTW {
  UINT NumDigits;
  UINT LeadingZero;
  UINT Grouping;
  LPWSTR lpDecimalSep;
  LPWSTR lpThousandSep;
  UINT NegativeOrder;
};
static_assert(sizeof(NUMBERFMTW) == 40 && offsetof(NUMBERFMTW, lpDecimalSep) == 16);
struct CURRENCYFMTW {
  UINT NumDigits;
  UINT LeadingZero;
  UINT Grouping;
  LPWSTR lpDecimalSep;
  LPWSTR lpThousandSep;
  UINT NegativeOrder;
  UINT PositiveOrder;
  LPWSTR lpCurrencySymbol;
};
static_assert(sizeof(CURRENCYFMTW) == 48 && offsetof(CURRENCYFMTW, lpCurrencySymbol) == 40);
int WINAPI GetNumberFormatEx(LPCWSTR locale, DWORD flags, LPCWSTR value, const NUMBERFMTW* format, LPWSTR out,
                             int size) noexcept;
int WINAPI GetNumberFormatW(LCID lcid, DWORD flags, LPCWSTR value, const NUMBERFMTW* format, LPWSTR out,
                            int size) noexcept;
int WINAPI GetCurrencyFormatEx(LPCWSTR locale, DWORD flags, LPCWSTR value, const CURRENCYFMTW* format, LPWSTR out,
                               int size) noexcept;
int WINAPI GetCurrencyFormatW(LCID lcid, DWORD flags, LPCWSTR value, const CURRENCYFMTW* format, LPWSTR out,
                              int size) noexcept;
int WINAPI GetDateFormatEx(LPCWSTR locale, DWORD flags, const SYSTEMTIME* date, LPCWSTR picture, LPWSTR out,
                           int size, LPCWSTR calendar) noexcept;
int WINAPI GetDateFormatW(LCID lcid, DWORD flags, const SYSTEMTIME* date, LPCWSTR picture, LPWSTR out,
                          int size) noexcept;
int WINAPI GetDateFormatA(LCID lcid, DWORD flags, const SYSTEMTIME* date, LPCSTR picture, LPSTR out,
                          int size) noexcept;
int WINAPI GetTimeFormatEx(LPCWSTR locale, DWORD flags, const SYSTEMTIME* time, LPCWSTR picture, LPWSTR out,
                           int size) noexcept;
int WINAPI GetTimeFormatW(LCID lcid, DWORD flags, const SYSTEMTIME* time, LPCWSTR picture, LPWSTR out,
                          int size) noexcept;
int WINAPI GetTimeFormatA(LCID lcid, DWORD flags, const SYSTEMTIME* time, LPCSTR picture, LPSTR out,
                          int size) noexcept;

// Time zones (timezone.cpp)
struct DYNAMIC_TIME_ZONE_INFORMATION {
  TIME_ZONE_INFORMATION tzi;
  WCHAR TimeZoneKeyName[128];
  BOOLEAN DynamicDaylightTimeDisabled;
};
static_assert(sizeof(DYNAMIC_TIME_ZONE_INFORMATION) == 432 &&
              offsetof(DYNAMIC_TIME_ZONE_INFORMATION, DynamicDaylightTimeDisabled) == 428);
DWORD WINAPI GetDynamicTimeZoneInformation(DYNAMIC_TIME_ZONE_INFORMATION* tz) noexcept;
BOOL WINAPI GetTimeZoneInformationForYear(USHORT year, DYNAMIC_TIME_ZONE_INFORMATION* zone,
                                          TIME_ZONE_INFORMATION* tz) noexcept;
DWORD WINAPI EnumDynamicTimeZoneInformation(DWORD index, DYNAMIC_TIME_ZONE_INFORMATION* tz) noexcept;
BOOL WINAPI SystemTimeToTzSpecificLocalTime(const TIME_ZONE_INFORMATION* tz, const SYSTEMTIME* utc,
                                            SYSTEMTIME* local) noexcept;
BOOL WINAPI SystemTimeToTzSpecificLocalTimeEx(const DYNAMIC_TIME_ZONE_INFORMATION* tz, const SYSTEMTIME* utc,
                                              SYSTEMTIME* local) noexcept;
BOOL WINAPI TzSpecificLocalTimeToSystemTime(const TIME_ZONE_INFORMATION* tz, const SYSTEMTIME* local,
                                            SYSTEMTIME* utc) noexcept;
BOOL WINAPI TzSpecificLocalTimeToSystemTimeEx(const DYNAMIC_TIME_ZONE_INFORMATION* tz, const SYSTEMTIME* local,
                                              SYSTEMTIME* utc) noexcept;

}  // namespace sill::kernel32
