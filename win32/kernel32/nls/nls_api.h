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

}  // namespace sill::kernel32
