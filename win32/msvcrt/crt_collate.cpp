// strcoll and friends: code-unit order in the "C" locale, the LC_COLLATE locale's
// linguistic order otherwise (as CompareString orders, ntdll/nls_collation.cpp).
// The narrow forms read their strings in the LC_CTYPE code page.
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

const nt::nls::Locale* collate() { return crt_locale::of(crt_locale::CAT_COLLATE); }

std::u16string widen(const char* s, std::size_t n) {
  std::string_view v(s, std::min(n, std::strlen(s)));
  return ctype_code_page ? nt::to_utf16(ctype_code_page, v) : std::u16string(v.begin(), v.end());
}

int linguistic(std::u16string_view a, std::u16string_view b, win::DWORD flags) {
  int r = nt::nls::compare(collate()->icu, flags, a, b);
  return r == 2 ? kCompareError : r;
}

// Runs a linguistic comparison; _NLSCMPERROR when memory runs out.
template <class F>
int guarded(F fn) {
  try {
    return fn();
  } catch (...) {
    return kCompareError;
  }
}

std::u16string_view wide_prefix(const wchar* s, std::size_t n) {
  std::size_t len = 0;
  while (len < n && s[len]) ++len;
  return {s, len};
}
}  // namespace

int WINAPI strcoll(const char* a, const char* b) noexcept {
  if (!collate()) return std::strcmp(a, b);
  return guarded([&] { return linguistic(widen(a, SIZE_MAX), widen(b, SIZE_MAX), 0); });
}

int WINAPI _stricoll(const char* a, const char* b) noexcept {
  if (!collate()) return _stricmp(a, b);
  return guarded([&] { return linguistic(widen(a, SIZE_MAX), widen(b, SIZE_MAX), nt::nls::NORM_IGNORECASE); });
}

int WINAPI _strncoll(const char* a, const char* b, std::size_t n) noexcept {
  if (!collate()) return std::strncmp(a, b, n);
  return guarded([&] { return linguistic(widen(a, n), widen(b, n), 0); });
}

int WINAPI _strnicoll(const char* a, const char* b, std::size_t n) noexcept {
  if (!collate()) return _strnicmp(a, b, n);
  return guarded([&] { return linguistic(widen(a, n), widen(b, n), nt::nls::NORM_IGNORECASE); });
}

int WINAPI wcscoll(const wchar* a, const wchar* b) noexcept {
  if (!collate()) return wcscmp(a, b);
  return guarded([&] { return linguistic(a, b, 0); });
}

int WINAPI _wcsicoll(const wchar* a, const wchar* b) noexcept {
  if (!collate()) return _wcsicmp(a, b);
  return guarded([&] { return linguistic(a, b, nt::nls::NORM_IGNORECASE); });
}

int WINAPI _wcsncoll(const wchar* a, const wchar* b, std::size_t n) noexcept {
  if (!collate()) return wcsncmp(a, b, n);
  return guarded([&] { return linguistic(wide_prefix(a, n), wide_prefix(b, n), 0); });
}

int WINAPI _wcsnicoll(const wchar* a, const wchar* b, std::size_t n) noexcept {
  if (!collate()) return _wcsnicmp(a, b, n);
  return guarded([&] { return linguistic(wide_prefix(a, n), wide_prefix(b, n), nt::nls::NORM_IGNORECASE); });
}

// strxfrm/wcsxfrm: the string itself in "C", its sort key otherwise (one key byte
// per char or wchar, so that strcmp/wcscmp of results orders like strcoll).
std::size_t WINAPI strxfrm(char* d, const char* s, std::size_t n) noexcept {
  try {
    std::string key = collate() ? nt::nls::sort_key(collate()->icu, 0, widen(s, SIZE_MAX)) : std::string(s);
    if (collate() && !key.empty()) key.pop_back();  // the key's own terminating 0
    if (d && key.size() < n) std::memcpy(d, key.c_str(), key.size() + 1);
    return key.size();
  } catch (...) {
    set_errno(err::einval);
    return SIZE_MAX;
  }
}

std::size_t WINAPI wcsxfrm(wchar* d, const wchar* s, std::size_t n) noexcept {
  try {
    std::u16string out;
    if (collate()) {
      std::string key = nt::nls::sort_key(collate()->icu, 0, s);
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
