// CompareStringEx and friends, FindNLSStringEx: flag checks and string
// arguments here, the comparison itself in ntdll/nls_collation.cpp.
#include "base/debug.h"
#include "base/unicode.h"
#include "ntdll/codepage.h"
#include "ntdll/nls_collation.h"
#include "ntdll/nls_user_locale.h"
#include "win32/kernel32/nls/nls_internal.h"

SILL_DEFAULT_DEBUG_CHANNEL(nls);

namespace sill::kernel32 {

namespace {
constexpr DWORD LOCALE_USE_CP_ACP = 0x40000000;
constexpr DWORD FIND_STARTSWITH = 0x100000, FIND_ENDSWITH = 0x200000, FIND_FROMSTART = 0x400000,
                FIND_FROMEND = 0x800000;

int compare(const nt::nls::Locale& locale, DWORD flags, std::u16string_view a, std::u16string_view b) {
  int r = nt::nls::compare(nls::collation_id(locale), flags, a, b);
  if (r == 2) return fail_error(win::ERROR_OUTOFMEMORY, 0);
  return r + 2;  // CSTR_LESS_THAN, CSTR_EQUAL, CSTR_GREATER_THAN
}

// A counted string that stops at an embedded NUL, as Windows reads them.
std::u16string_view counted(LPCWSTR s, int len) {
  if (len < 0) return std::u16string_view(s);
  std::u16string_view v(s, static_cast<std::size_t>(len));
  return v.substr(0, v.find(u'\0'));
}
}  // namespace

win::UINT nls::ansi_code_page_of(const nt::nls::Locale& l, DWORD flags) {
  if ((flags & LOCALE_USE_CP_ACP) || l.name == nt::nls::user_locale().name) return nt::ansi_code_page();
  return nt::nls::default_code_pages(l.name).ansi;
}

int WINAPI CompareStringEx(LPCWSTR locale_name, DWORD flags, LPCWSTR a, int a_len, LPCWSTR b, int b_len,
                           void* version, void* reserved, LPARAM param) noexcept {
  if (!a || !b || a_len < -1 || b_len < -1 || reserved || param) return fail_error(win::ERROR_INVALID_PARAMETER, 0);
  if (flags & ~nt::nls::kCompareFlags) return fail_error(win::ERROR_INVALID_FLAGS, 0);
  return nls::with_locale(locale_name, 0, [&](const nt::nls::Locale& l) {
    return compare(l, flags, counted(a, a_len), counted(b, b_len));
  });
}

int WINAPI CompareStringW(LCID lcid, DWORD flags, LPCWSTR a, int a_len, LPCWSTR b, int b_len) noexcept {
  if (!a || !b || a_len < -1 || b_len < -1) return fail_error(win::ERROR_INVALID_PARAMETER, 0);
  if (flags & ~nt::nls::kCompareFlags) return fail_error(win::ERROR_INVALID_FLAGS, 0);
  return nls::with_locale(lcid, 0, [&](const nt::nls::Locale& l) {
    return compare(l, flags, counted(a, a_len), counted(b, b_len));
  });
}

int WINAPI CompareStringA(LCID lcid, DWORD flags, LPCSTR a, int a_len, LPCSTR b, int b_len) noexcept {
  if (!a || !b || a_len < -1 || b_len < -1) return fail_error(win::ERROR_INVALID_PARAMETER, 0);
  if (flags & ~(nt::nls::kCompareFlags | LOCALE_USE_CP_ACP)) return fail_error(win::ERROR_INVALID_FLAGS, 0);
  auto locale = nls::locale_arg(lcid);
  if (!locale) return 0;
  try {
    win::UINT cp = nls::ansi_code_page_of(*locale, flags);
    std::string_view na = a_len < 0 ? std::string_view(a) : std::string_view(a, static_cast<std::size_t>(a_len));
    std::string_view nb = b_len < 0 ? std::string_view(b) : std::string_view(b, static_cast<std::size_t>(b_len));
    std::u16string wa = nt::to_utf16(cp, na.substr(0, na.find('\0')));
    std::u16string wb = nt::to_utf16(cp, nb.substr(0, nb.find('\0')));
    return compare(*locale, flags & ~LOCALE_USE_CP_ACP, wa, wb);
  } catch (...) {
    return fail_error(win::ERROR_OUTOFMEMORY, 0);
  }
}

int WINAPI FindNLSStringEx(LPCWSTR locale_name, DWORD flags, LPCWSTR source, int source_len, LPCWSTR value,
                           int value_len, int* found_len, void* version, void* reserved, LPARAM param) noexcept {
  DWORD where = flags & (FIND_STARTSWITH | FIND_ENDSWITH | FIND_FROMSTART | FIND_FROMEND);
  if (!source || !value || source_len == 0 || value_len == 0 || source_len < -1 || value_len < -1 || reserved ||
      param)
    return fail_error(win::ERROR_INVALID_PARAMETER, -1);
  // Exactly one of the four FIND_* flags (FIND_FROMSTART when none).
  if ((flags & ~(nt::nls::kCompareFlags | where)) || (where & (where - 1)))
    return fail_error(win::ERROR_INVALID_FLAGS, -1);
  auto locale = nls::locale_arg(locale_name);
  if (!locale) return -1;
  try {
    int length = 0;
    int at = nt::nls::find(nls::collation_id(*locale), flags & nt::nls::kCompareFlags, counted(source, source_len),
                           counted(value, value_len), where == FIND_FROMEND || where == FIND_ENDSWITH,
                           where == FIND_STARTSWITH, where == FIND_ENDSWITH, &length);
    if (at < 0) return fail_error(win::ERROR_SUCCESS, -1);
    if (found_len) *found_len = length;
    return at;
  } catch (...) {
    return fail_error(win::ERROR_OUTOFMEMORY, -1);
  }
}

int WINAPI FindNLSString(LCID lcid, DWORD flags, LPCWSTR source, int source_len, LPCWSTR value, int value_len,
                         int* found_len) noexcept {
  auto locale = nls::locale_arg(lcid);
  if (!locale) return -1;
  std::u16string name = utf8_to_utf16(locale->name);
  return FindNLSStringEx(name.c_str(), flags, source, source_len, value, value_len, found_len, nullptr, nullptr, 0);
}

}  // namespace sill::kernel32
