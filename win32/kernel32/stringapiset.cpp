// stringapiset.h and winnls.h code-page functions, and winbase.h's lstr* helpers.
#include <algorithm>
#include <cstring>

#include "base/debug.h"
#include "ntdll/codepage.h"
#include "ntdll/nls_case.h"
#include "ntdll/nls_collation.h"
#include "ntdll/nls_locale.h"
#include "win32/kernel32/kernel32.h"
#include "win32/kernel32/kernel32_internal.h"
#include "win32/kernel32/nls/nls_api.h"

SILL_DEFAULT_DEBUG_CHANNEL(nls);

namespace sill::kernel32 {

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

// lstrcmp and lstrcmpi compare like CompareString in the user's locale (word sort).
int WINAPI lstrcmpW(LPCWSTR a, LPCWSTR b) noexcept {
  if (!a || !b) return a ? 1 : b ? -1 : 0;
  return CompareStringW(nt::nls::LOCALE_USER_DEFAULT, 0, a, -1, b, -1) - 2;
}
int WINAPI lstrcmpA(LPCSTR a, LPCSTR b) noexcept {
  if (!a || !b) return a ? 1 : b ? -1 : 0;
  return CompareStringA(nt::nls::LOCALE_USER_DEFAULT, 0, a, -1, b, -1) - 2;
}
int WINAPI lstrcmpiW(LPCWSTR a, LPCWSTR b) noexcept {
  if (!a || !b) return a ? 1 : b ? -1 : 0;
  return CompareStringW(nt::nls::LOCALE_USER_DEFAULT, nt::nls::NORM_IGNORECASE, a, -1, b, -1) - 2;
}
int WINAPI lstrcmpiA(LPCSTR a, LPCSTR b) noexcept {
  if (!a || !b) return a ? 1 : b ? -1 : 0;
  return CompareStringA(nt::nls::LOCALE_USER_DEFAULT, nt::nls::NORM_IGNORECASE, a, -1, b, -1) - 2;
}

// Ordinal comparison: code units, upper-cased one by one (Windows' simple mapping) with ignore_case.
int WINAPI CompareStringOrdinal(LPCWSTR a, int a_len, LPCWSTR b, int b_len, BOOL ignore_case) noexcept {
  if (!a || !b || a_len < -1 || b_len < -1 || (ignore_case != TRUE && ignore_case != FALSE))
    return fail_error(win::ERROR_INVALID_PARAMETER, 0);
  std::size_t na = a_len < 0 ? std::char_traits<char16_t>::length(a) : static_cast<std::size_t>(a_len);
  std::size_t nb = b_len < 0 ? std::char_traits<char16_t>::length(b) : static_cast<std::size_t>(b_len);
  std::size_t n = std::min(na, nb);
  for (std::size_t i = 0; i < n; ++i) {
    char16_t x = ignore_case ? nt::nls::to_upper(a[i]) : a[i], y = ignore_case ? nt::nls::to_upper(b[i]) : b[i];
    if (x != y) return x < y ? CSTR_LESS_THAN : CSTR_GREATER_THAN;
  }
  if (na == nb) return CSTR_EQUAL;
  return na < nb ? CSTR_LESS_THAN : CSTR_GREATER_THAN;
}

}  // namespace sill::kernel32
