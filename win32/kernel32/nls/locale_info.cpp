// GetLocaleInfoEx/W/A and GetCalendarInfoEx/W: modifier flags, the LOCALE_RETURN_NUMBER
// form and buffer rules here; the data in ntdll/nls_locale_data.cpp.
#include <cstring>

#include "base/debug.h"
#include "base/unicode.h"
#include "ntdll/codepage.h"
#include "ntdll/nls_locale_data.h"
#include "win32/kernel32/nls/nls_internal.h"

SILL_DEFAULT_DEBUG_CHANNEL(nls);

namespace sill::kernel32 {

namespace {
constexpr DWORD LOCALE_NOUSEROVERRIDE = 0x80000000, LOCALE_USE_CP_ACP = 0x40000000,
                LOCALE_RETURN_NUMBER = 0x20000000, LOCALE_RETURN_GENITIVE_NAMES = 0x10000000,
                LOCALE_ALLOW_NEUTRAL_NAMES = 0x08000000;
constexpr DWORD kModifiers = LOCALE_NOUSEROVERRIDE | LOCALE_USE_CP_ACP | LOCALE_RETURN_NUMBER |
                             LOCALE_RETURN_GENITIVE_NAMES | LOCALE_ALLOW_NEUTRAL_NAMES;
constexpr CALID CAL_GREGORIAN = 1;

bool is_month_name(DWORD t) {
  return (t >= nt::nls::lctype::SMONTHNAME1 && t < nt::nls::lctype::SMONTHNAME1 + 12) ||
         (t >= nt::nls::lctype::SABBREVMONTHNAME1 && t < nt::nls::lctype::SABBREVMONTHNAME1 + 12) ||
         t == nt::nls::lctype::SMONTHNAME13 || t == nt::nls::lctype::SABBREVMONTHNAME13;
}

// The value as text, or nullopt with the error set.
std::optional<std::u16string> lookup(const nt::nls::Locale& locale, LCTYPE type) {
  DWORD base = type & ~kModifiers;
  if ((type & LOCALE_RETURN_NUMBER) && !nt::nls::is_numeric_type(base)) {
    nt::set_last_error(win::ERROR_INVALID_FLAGS);
    return std::nullopt;
  }
  if ((type & LOCALE_RETURN_GENITIVE_NAMES) && !is_month_name(base)) {
    nt::set_last_error(win::ERROR_INVALID_FLAGS);
    return std::nullopt;
  }
  auto value = nt::nls::locale_info(locale, base, type & LOCALE_RETURN_GENITIVE_NAMES);
  if (!value) {
    FIXME("locale information %#x is not available\n", base);
    nt::set_last_error(win::ERROR_INVALID_FLAGS);
  }
  return value;
}

DWORD as_number(std::u16string_view s) {
  DWORD v = 0;
  for (char16_t c : s) {
    if (c < u'0' || c > u'9') break;
    v = v * 10 + (c - u'0');
  }
  return v;
}

int locale_info_w(const nt::nls::Locale& locale, LCTYPE type, LPWSTR data, int size) {
  if (size < 0 || (size && !data)) return fail_error(win::ERROR_INVALID_PARAMETER, 0);
  auto value = lookup(locale, type);
  if (!value) return 0;
  if (type & LOCALE_RETURN_NUMBER) {
    // The number in the buffer's first two WCHARs.
    DWORD base = type & ~kModifiers;
    bool hex = base == nt::nls::lctype::ILANGUAGE || base == nt::nls::lctype::IDEFAULTLANGUAGE;
    DWORD v = hex ? static_cast<DWORD>(std::stoul(std::string(value->begin(), value->end()), nullptr, 16))
                  : as_number(*value);
    if (size == 0) return 2;
    if (size < 2) return fail_error(win::ERROR_INSUFFICIENT_BUFFER, 0);
    std::memcpy(data, &v, sizeof v);
    return 2;
  }
  return nls::copy_result(std::u16string_view(*value), true, data, size);
}

// CALTYPE -> the LCTYPE holding the same Gregorian data.
std::optional<DWORD> calendar_to_locale_type(CALTYPE t) {
  using namespace nt::nls::lctype;
  if (t >= 7 && t <= 0xD) return SDAYNAME1 + (t - 7);
  if (t >= 0xE && t <= 0x14) return SABBREVDAYNAME1 + (t - 0xE);
  if (t >= 0x15 && t <= 0x20) return SMONTHNAME1 + (t - 0x15);
  if (t == 0x21) return SMONTHNAME13;
  if (t >= 0x22 && t <= 0x2D) return SABBREVMONTHNAME1 + (t - 0x22);
  if (t == 0x2E) return SABBREVMONTHNAME13;
  if (t >= 0x31 && t <= 0x37) return SSHORTESTDAYNAME1 + (t - 0x31);
  switch (t) {
    case 5: return SSHORTDATE;
    case 6: return SLONGDATE;
    case 0x2F: return SYEARMONTH;
    case 0x38: return SMONTHDAY;
    default: return std::nullopt;
  }
}

int calendar_info(const nt::nls::Locale& locale, CALID calendar, CALTYPE type, LPWSTR data, int size, DWORD* value) {
  constexpr DWORD CAL_RETURN_NUMBER = LOCALE_RETURN_NUMBER, CAL_RETURN_GENITIVE_NAMES = LOCALE_RETURN_GENITIVE_NAMES;
  if (calendar != CAL_GREGORIAN) {
    FIXME("calendar %u is not supported (Gregorian only)\n", calendar);
    return fail_error(win::ERROR_INVALID_PARAMETER, 0);
  }
  CALTYPE base = type & ~kModifiers;
  std::u16string text;
  bool numeric = false;
  DWORD number = 0;
  switch (base) {
    case 1: numeric = true; number = CAL_GREGORIAN; break;               // CAL_ICALINTVALUE
    case 0x30: numeric = true; number = 2049; break;                     // CAL_ITWODIGITYEARMAX
    case 2: text = u"Gregorian Calendar"; break;                          // CAL_SCALNAME
    case 3: text = u"0"; break;                                           // CAL_IYEAROFFSETRANGE
    case 4: case 0x3B: text = u"A.D."; break;                             // CAL_SERASTRING, CAL_SENGLISHERANAME
    case 0x39: case 0x3C: text = u"AD"; break;                            // the abbreviated era
    default: {
      auto lc = calendar_to_locale_type(base);
      if (!lc) {
        FIXME("calendar information %#x is not available\n", base);
        return fail_error(win::ERROR_INVALID_FLAGS, 0);
      }
      auto v = nt::nls::locale_info(locale, *lc, type & CAL_RETURN_GENITIVE_NAMES);
      if (!v) return fail_error(win::ERROR_INVALID_FLAGS, 0);
      text = *v;
    }
  }
  if (type & CAL_RETURN_NUMBER) {
    if (!numeric) return fail_error(win::ERROR_INVALID_FLAGS, 0);
    if (!value) return fail_error(win::ERROR_INVALID_PARAMETER, 0);
    *value = number;
    return 2;  // "the size of the integer retrieved in the lpValue buffer, that is, 2" (in WCHARs)
  }
  if (numeric) text = utf8_to_utf16(std::to_string(number));
  if (size < 0 || (size && !data)) return fail_error(win::ERROR_INVALID_PARAMETER, 0);
  return nls::copy_result(std::u16string_view(text), true, data, size);
}
}  // namespace

int WINAPI GetLocaleInfoEx(LPCWSTR name, LCTYPE type, LPWSTR data, int size) noexcept {
  return nls::with_locale(name, 0, [&](const nt::nls::Locale& l) { return locale_info_w(l, type, data, size); });
}

int WINAPI GetLocaleInfoW(LCID lcid, LCTYPE type, LPWSTR data, int size) noexcept {
  return nls::with_locale(lcid, 0, [&](const nt::nls::Locale& l) { return locale_info_w(l, type, data, size); });
}

int WINAPI GetLocaleInfoA(LCID lcid, LCTYPE type, LPSTR data, int size) noexcept {
  if (size < 0 || (size && !data)) return fail_error(win::ERROR_INVALID_PARAMETER, 0);
  auto locale = nls::locale_arg(lcid);
  if (!locale) return 0;
  try {
    if (type & LOCALE_RETURN_NUMBER) {
      WCHAR number[2];
      if (!locale_info_w(*locale, type, number, 2)) return 0;
      if (size == 0) return sizeof(DWORD);
      if (size < static_cast<int>(sizeof(DWORD))) return fail_error(win::ERROR_INSUFFICIENT_BUFFER, 0);
      std::memcpy(data, number, sizeof(DWORD));
      return sizeof(DWORD);
    }
    auto value = lookup(*locale, type);
    if (!value) return 0;
    std::string narrow = nt::from_utf16(nls::ansi_code_page_of(*locale, type), *value);
    return nls::copy_result(std::string_view(narrow), true, data, size);
  } catch (...) {
    return fail_error(win::ERROR_OUTOFMEMORY, 0);
  }
}

int WINAPI GetCalendarInfoEx(LPCWSTR name, CALID calendar, LPCWSTR reserved, CALTYPE type, LPWSTR data, int size,
                             DWORD* value) noexcept {
  return nls::with_locale(name, 0, [&](const nt::nls::Locale& l) {
    return calendar_info(l, calendar, type, data, size, value);
  });
}

int WINAPI GetCalendarInfoW(LCID lcid, CALID calendar, CALTYPE type, LPWSTR data, int size, DWORD* value) noexcept {
  return nls::with_locale(lcid, 0, [&](const nt::nls::Locale& l) {
    return calendar_info(l, calendar, type, data, size, value);
  });
}

}  // namespace sill::kernel32
