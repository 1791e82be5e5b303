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

}  // namespace sill::kernel32
