// Helpers shared by the NLS exports: the Windows conventions for string
// arguments (-1 = NUL-terminated, and the result then counts the NUL) and for
// output buffers (size 0 asks for the size; too small fails with
// ERROR_INSUFFICIENT_BUFFER), and locale arguments.
#pragma once
#include <optional>
#include <string>
#include <string_view>

#include "ntdll/nls_locale.h"
#include "win32/kernel32/kernel32_internal.h"
#include "win32/kernel32/nls/nls_api.h"

namespace sill::kernel32::nls {

// A counted or NUL-terminated (len -1) input string; `terminated` says the NUL
// belongs to the result as Windows counts it.
struct Input {
  std::u16string_view text;
  bool terminated;
};
inline std::optional<Input> input(LPCWSTR s, int len) {
  if (!s || len < -1) return std::nullopt;
  if (len == -1) return Input{std::u16string_view(s), true};
  return Input{std::u16string_view(s, static_cast<std::size_t>(len)), false};
}

// Writes `s` (plus a NUL when `terminated`) to dst[0..dst_len): the count
// written, or the count needed when dst_len is 0; 0 and ERROR_INSUFFICIENT_BUFFER
// when it does not fit.
template <class C>
int copy_result(std::basic_string_view<C> s, bool terminated, C* dst, int dst_len) {
  std::size_t need = s.size() + (terminated ? 1 : 0);
  if (dst_len == 0) return static_cast<int>(need);
  if (need > static_cast<std::size_t>(dst_len)) return fail_error(win::ERROR_INSUFFICIENT_BUFFER, 0);
  s.copy(dst, s.size());
  if (terminated) dst[s.size()] = 0;
  return static_cast<int>(need);
}

// The locale a *Ex function names (null = the user's); nullopt sets ERROR_INVALID_PARAMETER.
inline std::optional<nt::nls::Locale> locale_arg(LPCWSTR name) {
  auto l = nt::nls::locale_from_name(name);
  if (!l) nt::set_last_error(win::ERROR_INVALID_PARAMETER);
  return l;
}
inline std::optional<nt::nls::Locale> locale_arg(LCID lcid) {
  auto l = nt::nls::locale_from_lcid(lcid);
  if (!l) nt::set_last_error(win::ERROR_INVALID_PARAMETER);
  return l;
}
// Runs fn(locale) for a locale argument (name or LCID): `failure` when the locale is
// unknown (ERROR_INVALID_PARAMETER) or memory runs out (ERROR_OUTOFMEMORY).
template <class Id, class R, class F>
R with_locale(Id id, R failure, F fn) {
  auto locale = locale_arg(id);
  if (!locale) return failure;
  try {
    return fn(*locale);
  } catch (...) {
    return fail_error(win::ERROR_OUTOFMEMORY, failure);
  }
}

// The collation ICU locale of a locale (the invariant locale sorts by the root order).
inline std::string collation_id(const nt::nls::Locale& l) { return l.name.empty() ? std::string() : l.icu; }
// The ANSI code page an A function of this locale converts with.
win::UINT ansi_code_page_of(const nt::nls::Locale& l, DWORD flags);

}  // namespace sill::kernel32::nls
