// GetStringTypeW and its A/Ex forms: CT_CTYPE1/2/3 classes from ntdll/nls_case.
#include <cstring>

#include "ntdll/codepage.h"
#include "ntdll/nls_case.h"
#include "win32/kernel32/nls/nls_internal.h"

namespace sill::kernel32 {

namespace {
constexpr DWORD CT_CTYPE1 = 1, CT_CTYPE2 = 2, CT_CTYPE3 = 4;
}

BOOL WINAPI GetStringTypeW(DWORD type, LPCWSTR src, int len, WORD* types) noexcept {
  if (!src || !types || len == 0 || len < -1 || static_cast<const void*>(src) == static_cast<const void*>(types))
    return fail_error(win::ERROR_INVALID_PARAMETER, FALSE);
  WORD (*classify)(char16_t);
  switch (type) {
    case CT_CTYPE1: classify = nt::nls::ctype1; break;
    case CT_CTYPE2: classify = nt::nls::ctype2; break;
    case CT_CTYPE3: classify = nt::nls::ctype3; break;
    default: return fail_error(win::ERROR_INVALID_FLAGS, FALSE);
  }
  // With -1 the terminating NUL is classified too.
  std::size_t n = len < 0 ? std::char_traits<char16_t>::length(src) + 1 : static_cast<std::size_t>(len);
  for (std::size_t i = 0; i < n; ++i) types[i] = classify(src[i]);
  return TRUE;
}

BOOL WINAPI GetStringTypeExW(LCID lcid, DWORD type, LPCWSTR src, int len, WORD* types) noexcept {
  return GetStringTypeW(type, src, len, types);  // the classes do not depend on the locale
}

BOOL WINAPI GetStringTypeA(LCID lcid, DWORD type, LPCSTR src, int len, WORD* types) noexcept {
  if (!src || !types || len == 0 || len < -1) return fail_error(win::ERROR_INVALID_PARAMETER, FALSE);
  auto locale = nls::locale_arg(lcid);
  if (!locale) return FALSE;
  try {
    // One class per byte: a double-byte character's class goes to both of its bytes.
    win::UINT cp = nls::ansi_code_page_of(*locale, 0);
    std::size_t n = len < 0 ? std::strlen(src) + 1 : static_cast<std::size_t>(len);
    for (std::size_t i = 0; i < n;) {
      std::size_t width = nt::is_lead_byte(cp, static_cast<unsigned char>(src[i])) && i + 1 < n ? 2 : 1;
      std::u16string w = nt::to_utf16(cp, std::string_view(src + i, width));
      WORD t = 0;
      if (!w.empty() && !GetStringTypeW(type, w.data(), 1, &t)) return FALSE;
      for (std::size_t k = 0; k < width; ++k) types[i + k] = t;
      i += width;
    }
    return TRUE;
  } catch (...) {
    return fail_error(win::ERROR_OUTOFMEMORY, FALSE);
  }
}

BOOL WINAPI GetStringTypeExA(LCID lcid, DWORD type, LPCSTR src, int len, WORD* types) noexcept {
  return GetStringTypeA(lcid, type, src, len, types);
}

}  // namespace sill::kernel32
