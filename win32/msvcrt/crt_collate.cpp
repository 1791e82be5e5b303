// strcoll and friends: code-unit order in the "C" locale, the LC_COLLATE locale's
// linguistic order otherwise (as CompareString orders, ntdll/nls_collation.cpp).
// The narrow forms read their strings in the LC_CTYPE code page. The _l forms take
// a _locale_t from _create_locale instead of the global locale.
#include <cstring>
#include <string>

#include "ntdll/codepage.h"
#include "ntdll/nls_collation.h"
#include "win32/msvcrt/crt_locale.h"
#include "win32/msvcrt/msvcrt.h"
#include "win32/msvcrt/msvcrt_api.h"

namespace sill::msvcrt {

namespace {
constexpr int kCompareError = 0x7FFFFFFF;  // _NLSCMPERROR
constexpr win::DWORD kIgnoreCase = nt::nls::NORM_IGNORECASE;

std::u16string widen(unsigned cp, const char* s, std::size_t n) {
  std::string_view v(s, std::min(n, std::strlen(s)));
  return cp ? nt::to_utf16(cp, v) : std::u16string(v.begin(), v.end());
}

std::u16string_view wide_prefix(const wchar* s, std::size_t n) {
  std::size_t len = 0;
  while (len < n && s[len]) ++len;
  return {s, len};
}

// Linguistic order in `locale`.
int linguistic(const nt::nls::Locale& locale, std::u16string_view a, std::u16string_view b, win::DWORD flags) {
  int r = nt::nls::compare(locale.icu, flags, a, b);
  return r == 2 ? kCompareError : r;
}

// Runs a comparison; _NLSCMPERROR when memory runs out.
template <class F>
int guarded(F fn) {
  try {
    return fn();
  } catch (...) {
    return kCompareError;
  }
}

// The narrow comparisons: `c_order` in "C", else both strings (at most n bytes) widened.
template <class COrder>
int narrow(const void* handle, const char* a, const char* b, std::size_t n, win::DWORD flags, COrder c_order) {
  const nt::nls::Locale* l = crt_locale::of(handle, crt_locale::CAT_COLLATE);
  if (!l) return c_order();
  unsigned cp = crt_locale::code_page(handle);
  return guarded([&] { return linguistic(*l, widen(cp, a, n), widen(cp, b, n), flags); });
}

template <class COrder>
int wide(const void* handle, const wchar* a, const wchar* b, std::size_t n, win::DWORD flags, COrder c_order) {
  const nt::nls::Locale* l = crt_locale::of(handle, crt_locale::CAT_COLLATE);
  if (!l) return c_order();
  return guarded([&] { return linguistic(*l, wide_prefix(a, n), wide_prefix(b, n), flags); });
}
}  // namespace

int WINAPI strcoll(const char* a, const char* b) noexcept {
  return narrow(nullptr, a, b, SIZE_MAX, 0, [&] { return std::strcmp(a, b); });
}
int WINAPI _stricoll(const char* a, const char* b) noexcept {
  return narrow(nullptr, a, b, SIZE_MAX, kIgnoreCase, [&] { return _stricmp(a, b); });
}
int WINAPI _strncoll(const char* a, const char* b, std::size_t n) noexcept {
  return narrow(nullptr, a, b, n, 0, [&] { return std::strncmp(a, b, n); });
}
int WINAPI _strnicoll(const char* a, const char* b, std::size_t n) noexcept {
  return narrow(nullptr, a, b, n, kIgnoreCase, [&] { return _strnicmp(a, b, n); });
}
int WINAPI _strcoll_l(const char* a, const char* b, void* locale) noexcept {
  return narrow(locale, a, b, SIZE_MAX, 0, [&] { return std::strcmp(a, b); });
}
int WINAPI _stricoll_l(const char* a, const char* b, void* locale) noexcept {
  return narrow(locale, a, b, SIZE_MAX, kIgnoreCase, [&] { return _stricmp(a, b); });
}

int WINAPI wcscoll(const wchar* a, const wchar* b) noexcept {
  return wide(nullptr, a, b, SIZE_MAX, 0, [&] { return wcscmp(a, b); });
}
int WINAPI _wcsicoll(const wchar* a, const wchar* b) noexcept {
  return wide(nullptr, a, b, SIZE_MAX, kIgnoreCase, [&] { return _wcsicmp(a, b); });
}
int WINAPI _wcsncoll(const wchar* a, const wchar* b, std::size_t n) noexcept {
  return wide(nullptr, a, b, n, 0, [&] { return wcsncmp(a, b, n); });
}
int WINAPI _wcsnicoll(const wchar* a, const wchar* b, std::size_t n) noexcept {
  return wide(nullptr, a, b, n, kIgnoreCase, [&] { return _wcsnicmp(a, b, n); });
}
int WINAPI _wcscoll_l(const wchar* a, const wchar* b, void* locale) noexcept {
  return wide(locale, a, b, SIZE_MAX, 0, [&] { return wcscmp(a, b); });
}
int WINAPI _wcsicoll_l(const wchar* a, const wchar* b, void* locale) noexcept {
  return wide(locale, a, b, SIZE_MAX, kIgnoreCase, [&] { return _wcsicmp(a, b); });
}

// strxfrm/wcsxfrm: the string itself in "C", its sort key otherwise (one key byte
// per char or wchar, so that strcmp/wcscmp of results orders like strcoll).
std::size_t WINAPI strxfrm(char* d, const char* s, std::size_t n) noexcept {
  try {
    const nt::nls::Locale* l = crt_locale::of(crt_locale::CAT_COLLATE);
    std::string key = l ? nt::nls::sort_key(l->icu, 0, widen(ctype_code_page, s, SIZE_MAX)) : std::string(s);
    if (l && !key.empty()) key.pop_back();  // the key's own terminating 0
    if (d && key.size() < n) std::memcpy(d, key.c_str(), key.size() + 1);
    return key.size();
  } catch (...) {
    set_errno(err::einval);
    return SIZE_MAX;
  }
}

std::size_t WINAPI wcsxfrm(wchar* d, const wchar* s, std::size_t n) noexcept {
  try {
    const nt::nls::Locale* l = crt_locale::of(crt_locale::CAT_COLLATE);
    std::u16string out;
    if (l) {
      std::string key = nt::nls::sort_key(l->icu, 0, s);
      if (!key.empty()) key.pop_back();
      for (char c : key) out += static_cast<wchar>(static_cast<unsigned char>(c));
    } else {
      out = s;
    }
    if (d && out.size() < n) std::memcpy(d, out.c_str(), (out.size() + 1) * sizeof(wchar));
    return out.size();
  } catch (...) {
    set_errno(err::einval);
    return SIZE_MAX;
  }
}

}  // namespace sill::msvcrt
