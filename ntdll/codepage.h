// Code-page conversions behind MultiByteToWideChar/WideCharToMultiByte and the
// ANSI entry points: UTF-8, UTF-7, GB18030, the Windows single-byte pages and the
// DBCS pages 932/936/949/950 (tables from ICU, nls_codepage_table.h). The ANSI and
// OEM pages follow the Linux locale (nls_user_locale.h).
#pragma once
#include <string>
#include <string_view>

#include "base/wintypes.h"

namespace sill::nt {

inline constexpr win::UINT CP_ACP = 0, CP_OEMCP = 1, CP_MACCP = 2, CP_THREAD_ACP = 3, CP_UTF7 = 65000,
                           CP_UTF8 = 65001;
inline constexpr win::DWORD MB_PRECOMPOSED = 1, MB_COMPOSITE = 2, MB_USEGLYPHCHARS = 4, MB_ERR_INVALID_CHARS = 8;
inline constexpr win::DWORD WC_DISCARDNS = 0x10, WC_SEPCHARS = 0x20, WC_DEFAULTCHAR = 0x40,
                            WC_ERR_INVALID_CHARS = 0x80, WC_COMPOSITECHECK = 0x200, WC_NO_BEST_FIT_CHARS = 0x400;

win::UINT ansi_code_page();
win::UINT oem_code_page();
// CP_ACP/CP_OEMCP/CP_THREAD_ACP -> the real page; other values unchanged.
win::UINT resolve_code_page(win::UINT cp);
bool is_supported_code_page(win::UINT cp);
bool is_single_byte_code_page(win::UINT cp);
// Whether `b` starts a two-byte character in `cp` (false for pages without lead bytes).
bool is_lead_byte(win::UINT cp, unsigned char b);

// The Windows functions' contract: src_len -1 means NUL-terminated (the NUL is
// converted and counted); dst_len 0 asks for the size. Returns 0 and sets *error
// (a Win32 code) on failure.
int multibyte_to_wide(win::UINT cp, win::DWORD flags, const char* src, int src_len, char16_t* dst, int dst_len,
                      win::DWORD* error);
int wide_to_multibyte(win::UINT cp, win::DWORD flags, const char16_t* src, int src_len, char* dst, int dst_len,
                      const char* default_char, win::BOOL* used_default, win::DWORD* error);

// Whole-string helpers for A entry points (no terminator handling; invalid input is replaced).
std::u16string to_utf16(win::UINT cp, std::string_view s);
std::string from_utf16(win::UINT cp, std::u16string_view s);
// ANSI (CP_ACP) helpers; nullptr in gives an empty optional-like result via `ok`.
inline std::u16string ansi_to_utf16(std::string_view s) { return to_utf16(CP_ACP, s); }
inline std::string utf16_to_ansi(std::u16string_view s) { return from_utf16(CP_ACP, s); }

}  // namespace sill::nt
