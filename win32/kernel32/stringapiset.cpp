// stringapiset.h and winnls.h code-page functions, and winbase.h's lstr* helpers.
#include <algorithm>
#include <cstring>

#include "base/debug.h"
#include "ntdll/codepage.h"
#include "win32/kernel32/kernel32.h"
#include "win32/kernel32/kernel32_internal.h"

SILL_DEFAULT_DEBUG_CHANNEL(nls);

namespace sill::kernel32 {

namespace {
char16_t fold(char16_t c) {
  if ((c >= u'a' && c <= u'z') || (c >= 0xE0 && c <= 0xFE && c != 0xF7)) return c - 32;
  if (c == 0xFF) return 0x178;
  return c;
}
}  // namespace

UINT WINAPI GetACP() noexcept { return nt::ansi_code_page(); }
UINT WINAPI GetOEMCP() noexcept { return nt::oem_code_page(); }

int WINAPI MultiByteToWideChar(UINT cp, DWORD flags, LPCSTR src, int src_len, LPWSTR dst, int dst_len) noexcept {
  DWORD err = 0;
  int n = nt::multibyte_to_wide(cp, flags, src, src_len, dst, dst_len, &err);
  if (n == 0) nt::set_last_error(err);
  return n;
}

int WINAPI WideCharToMultiByte(UINT cp, DWORD flags, LPCWSTR src, int src_len, LPSTR dst, int dst_len,
                               LPCSTR default_char, BOOL* used_default) noexcept {
  DWORD err = 0;
  int n = nt::wide_to_multibyte(cp, flags, src, src_len, dst, dst_len, default_char, used_default, &err);
  if (n == 0) nt::set_last_error(err);
  return n;
}

int WINAPI lstrlenA(LPCSTR s) noexcept { return s ? static_cast<int>(std::strlen(s)) : 0; }
int WINAPI lstrlenW(LPCWSTR s) noexcept { return s ? static_cast<int>(std::char_traits<char16_t>::length(s)) : 0; }

LPWSTR WINAPI lstrcpyW(LPWSTR dst, LPCWSTR src) noexcept {
  if (!dst || !src) return nullptr;
  std::size_t n = std::char_traits<char16_t>::length(src);
  std::memmove(dst, src, (n + 1) * 2);
  return dst;
}

LPSTR WINAPI lstrcpyA(LPSTR dst, LPCSTR src) noexcept {
  if (!dst || !src) return nullptr;
  std::memmove(dst, src, std::strlen(src) + 1);
  return dst;
}

// lstrcpyn copies at most n-1 characters and always terminates.
LPWSTR WINAPI lstrcpynW(LPWSTR dst, LPCWSTR src, int n) noexcept {
  if (!dst || !src || n <= 0) return dst;
  int i = 0;
  for (; i < n - 1 && src[i]; ++i) dst[i] = src[i];
  dst[i] = 0;
  return dst;
}
LPSTR WINAPI lstrcpynA(LPSTR dst, LPCSTR src, int n) noexcept {
  if (!dst || !src || n <= 0) return dst;
  int i = 0;
  for (; i < n - 1 && src[i]; ++i) dst[i] = src[i];
  dst[i] = 0;
  return dst;
}
LPWSTR WINAPI lstrcatW(LPWSTR dst, LPCWSTR src) noexcept {
  if (!dst || !src) return nullptr;
  lstrcpyW(dst + std::char_traits<char16_t>::length(dst), src);
  return dst;
}
LPSTR WINAPI lstrcatA(LPSTR dst, LPCSTR src) noexcept {
  if (!dst || !src) return nullptr;
  std::strcat(dst, src);
  return dst;
}

int WINAPI lstrcmpW(LPCWSTR a, LPCWSTR b) noexcept {
  FIXME_ONCE("linguistic comparison is approximated by code point order");
  if (!a || !b) return a ? 1 : b ? -1 : 0;
  for (;; ++a, ++b) {
    if (*a != *b) return *a < *b ? -1 : 1;
    if (!*a) return 0;
  }
}
int WINAPI lstrcmpA(LPCSTR a, LPCSTR b) noexcept {
  if (!a || !b) return a ? 1 : b ? -1 : 0;
  try {
    std::u16string wa = nt::ansi_to_utf16(a), wb = nt::ansi_to_utf16(b);
    return lstrcmpW(wa.c_str(), wb.c_str());
  } catch (...) {
    return 0;
  }
}

int WINAPI lstrcmpiW(LPCWSTR a, LPCWSTR b) noexcept {
  FIXME_ONCE("linguistic comparison is approximated by case-folded code point order");
  if (!a || !b) return a ? 1 : b ? -1 : 0;
  for (;; ++a, ++b) {
    char16_t x = fold(*a), y = fold(*b);
    if (x != y) return x < y ? -1 : 1;
    if (!x) return 0;
  }
}

int WINAPI lstrcmpiA(LPCSTR a, LPCSTR b) noexcept {
  if (!a || !b) return a ? 1 : b ? -1 : 0;
  try {
    std::u16string wa = nt::ansi_to_utf16(a), wb = nt::ansi_to_utf16(b);
    return lstrcmpiW(wa.c_str(), wb.c_str());
  } catch (...) {
    return 0;
  }
}

int WINAPI CompareStringOrdinal(LPCWSTR a, int a_len, LPCWSTR b, int b_len, BOOL ignore_case) noexcept {
  constexpr int CSTR_LESS_THAN = 1, CSTR_EQUAL = 2, CSTR_GREATER_THAN = 3;
  if (!a || !b) return fail_error(win::ERROR_INVALID_PARAMETER, 0);
  std::size_t na = a_len < 0 ? std::char_traits<char16_t>::length(a) : static_cast<std::size_t>(a_len);
  std::size_t nb = b_len < 0 ? std::char_traits<char16_t>::length(b) : static_cast<std::size_t>(b_len);
  std::size_t n = std::min(na, nb);
  for (std::size_t i = 0; i < n; ++i) {
    char16_t x = ignore_case ? fold(a[i]) : a[i], y = ignore_case ? fold(b[i]) : b[i];
    if (x != y) return x < y ? CSTR_LESS_THAN : CSTR_GREATER_THAN;
  }
  if (na == nb) return CSTR_EQUAL;
  return na < nb ? CSTR_LESS_THAN : CSTR_GREATER_THAN;
}

BOOL WINAPI GetStringTypeW(DWORD type, LPCWSTR src, int len, WORD* types) noexcept {
  constexpr DWORD CT_CTYPE1 = 1;
  constexpr WORD C1_UPPER = 0x1, C1_LOWER = 0x2, C1_DIGIT = 0x4, C1_SPACE = 0x8, C1_PUNCT = 0x10, C1_CNTRL = 0x20,
                 C1_BLANK = 0x40, C1_XDIGIT = 0x80, C1_ALPHA = 0x100, C1_DEFINED = 0x200;
  if (!src || !types) return fail_error(win::ERROR_INVALID_PARAMETER, FALSE);
  if (type != CT_CTYPE1) {
    FIXME("string type class %u is not supported", type);
    return fail_error(win::ERROR_INVALID_FLAGS, FALSE);
  }
  std::size_t n = len < 0 ? std::char_traits<char16_t>::length(src) + 1 : static_cast<std::size_t>(len);
  for (std::size_t i = 0; i < n; ++i) {
    char16_t c = src[i];
    WORD t = C1_DEFINED;
    if (c < 0x20 || (c >= 0x7F && c < 0xA0)) t |= C1_CNTRL;
    if (c == u' ' || c == u'\t' || c == 0xA0 || c == 0x3000) t |= C1_BLANK | C1_SPACE;
    if (c >= u'\t' && c <= u'\r') t |= C1_SPACE;
    if (c >= u'0' && c <= u'9') t |= C1_DIGIT | C1_XDIGIT;
    if ((c >= u'a' && c <= u'f') || (c >= u'A' && c <= u'F')) t |= C1_XDIGIT;
    bool upper = (c >= u'A' && c <= u'Z') || (c >= 0xC0 && c <= 0xDE && c != 0xD7);
    bool lower = (c >= u'a' && c <= u'z') || (c >= 0xDF && c <= 0xFF && c != 0xF7);
    if (upper) t |= C1_UPPER | C1_ALPHA;
    if (lower) t |= C1_LOWER | C1_ALPHA;
    if (c > 0xFF && !(c >= 0xD800 && c <= 0xDFFF)) {
      FIXME_ONCE("character classes beyond Latin-1 are approximated");
      if (c != 0x3000) t |= C1_ALPHA;
    }
    if (((c >= 0x21 && c <= 0x2F) || (c >= 0x3A && c <= 0x40) || (c >= 0x5B && c <= 0x60) ||
         (c >= 0x7B && c <= 0x7E) || (c >= 0xA1 && c <= 0xBF) || c == 0xD7 || c == 0xF7))
      t |= C1_PUNCT;
    types[i] = t;
  }
  return TRUE;
}

}  // namespace sill::kernel32
