// GetLocaleInfoEx's answers: names and codes from ICU's locale functions, number
// and currency conventions from its number formats, dates in nls_locale_dates.cpp.
#include "ntdll/nls_locale_data.h"

#include <unicode/ucurr.h>
#include <unicode/uloc.h>
#include <unicode/ulocdata.h>
#include <unicode/unum.h>

#include <cstdio>
#include <memory>

#include "base/unicode.h"
#include "ntdll/nls_locale_dates.h"
#include "ntdll/nls_user_locale.h"

namespace sill::nt::nls {

namespace {

using DisplayFn = int32_t (*)(const char*, const char*, UChar*, int32_t, UErrorCode*);

std::u16string display(DisplayFn fn, const std::string& icu, const char* in_locale) {
  UChar buf[256];
  UErrorCode s = U_ZERO_ERROR;
  int32_t n = fn(icu.c_str(), in_locale, buf, 256, &s);
  return U_SUCCESS(s) ? std::u16string(buf, static_cast<std::size_t>(n)) : std::u16string();
}

std::u16string ascii(std::string_view s) { return std::u16string(s.begin(), s.end()); }
std::u16string number(long v) { return ascii(std::to_string(v)); }

struct NumberFormatCloser {
  void operator()(UNumberFormat* f) const { unum_close(f); }
};
using NumberFormat = std::unique_ptr<UNumberFormat, NumberFormatCloser>;

NumberFormat open_number(const Locale& l, UNumberFormatStyle style) {
  UErrorCode s = U_ZERO_ERROR;
  NumberFormat f(unum_open(style, nullptr, 0, l.icu.c_str(), nullptr, &s));
  return U_SUCCESS(s) ? std::move(f) : nullptr;
}

std::u16string number_symbol(const Locale& l, UNumberFormatSymbol which) {
  NumberFormat f = open_number(l, UNUM_DECIMAL);
  if (!f) return {};
  UChar buf[32];
  UErrorCode s = U_ZERO_ERROR;
  int32_t n = unum_getSymbol(f.get(), which, buf, 32, &s);
  std::u16string out = U_SUCCESS(s) ? std::u16string(buf, static_cast<std::size_t>(n)) : std::u16string();
  // Windows writes the plain minus sign and separators without bidi marks.
  std::erase_if(out, [](char16_t c) { return c == 0x200E || c == 0x200F || c == 0x061C; });
  if (out == u"\u2212") out = u"-";
  return out;
}

// "3;0" for groups of three, "3;2;0" for the Indian 12,34,567.
std::u16string grouping(const Locale& l) {
  NumberFormat f = open_number(l, UNUM_DECIMAL);
  if (!f) return u"3;0";
  int32_t primary = unum_getAttribute(f.get(), UNUM_GROUPING_SIZE);
  int32_t secondary = unum_getAttribute(f.get(), UNUM_SECONDARY_GROUPING_SIZE);
  if (primary <= 0) return u"0";
  if (secondary > 0 && secondary != primary) return number(primary) + u";" + number(secondary) + u";0";
  return number(primary) + u";0";
}

std::u16string currency_code(const Locale& l) {
  UChar code[4] = {};
  UErrorCode s = U_ZERO_ERROR;
  ucurr_forLocale(l.icu.c_str(), code, 4, &s);
  return U_SUCCESS(s) ? std::u16string(code, 3) : std::u16string(u"XDR");
}

std::u16string currency_name(const Locale& l, const char* in_locale, UCurrNameStyle style) {
  std::u16string code = currency_code(l);
  UBool is_choice = false;
  int32_t len = 0;
  UErrorCode s = U_ZERO_ERROR;
  const UChar* name = ucurr_getName(code.c_str(), in_locale, style, &is_choice, &len, &s);
  return U_SUCCESS(s) && name ? std::u16string(name, static_cast<std::size_t>(len)) : code;
}

// Where the currency symbol goes: 0 "$1.1", 1 "1.1$", 2 "$ 1.1", 3 "1.1 $".
int currency_position(const Locale& l) {
  NumberFormat f = open_number(l, UNUM_CURRENCY);
  if (!f) return 0;
  UChar buf[64];
  UErrorCode s = U_ZERO_ERROR;
  int32_t n = unum_toPattern(f.get(), false, buf, 64, &s);
  std::u16string_view p(buf, static_cast<std::size_t>(U_SUCCESS(s) ? n : 0));
  p = p.substr(0, p.find(u';'));
  std::size_t sym = p.find(u'\u00A4'), digit = p.find_first_of(u"#0");
  if (sym == std::u16string_view::npos || digit == std::u16string_view::npos) return 0;
  auto spaced = [](char16_t c) { return c == u' ' || c == 0xA0 || c == 0x202F; };
  if (sym < digit) return sym + 1 < p.size() && spaced(p[sym + 1]) ? 2 : 0;
  return sym > 0 && spaced(p[sym - 1]) ? 3 : 1;
}

// The negative currency format that goes with the position (Windows' INEGCURR codes).
int negative_currency(int position) {
  switch (position) {
    case 1: return 5;   // -1.1$
    case 2: return 12;  // $ -1.1
    case 3: return 8;   // -1.1 $
    default: return 1;  // -$1.1
  }
}

std::string language_of(const Locale& l) { return l.name.empty() ? "en" : l.name.substr(0, l.name.find('-')); }

}  // namespace

bool is_numeric_type(win::DWORD type) {
  using namespace lctype;
  switch (type) {
    case ILANGUAGE: case ICOUNTRY: case IDEFAULTLANGUAGE: case IDEFAULTCOUNTRY: case IDEFAULTCODEPAGE:
    case IMEASURE: case IDIGITS: case ILZERO: case ICURRDIGITS: case IINTLCURRDIGITS: case ICURRENCY:
    case INEGCURR: case IDATE: case ILDATE: case ITIME: case ICENTURY: case ITLZERO: case IDAYLZERO:
    case IMONLZERO: case IPOSSIGNPOSN: case INEGSIGNPOSN: case IPOSSYMPRECEDES: case IPOSSEPBYSPACE:
    case INEGSYMPRECEDES: case INEGSEPBYSPACE: case IREADINGLAYOUT: case INEUTRAL: case INEGATIVEPERCENT:
    case IPOSITIVEPERCENT: case IDEFAULTANSICODEPAGE: case IDEFAULTMACCODEPAGE: case ITIMEMARKPOSN:
    case ICALENDARTYPE: case IPAPERSIZE: case IOPTIONALCALENDAR: case IFIRSTDAYOFWEEK: case IFIRSTWEEKOFYEAR:
    case INEGNUMBER: case IDIGITSUBSTITUTION:
      return true;
    default:
      return false;
  }
}

std::optional<std::u16string> locale_info(const Locale& l, win::DWORD type, bool genitive) {
  using namespace lctype;
  if (auto d = date_info(l, type, genitive)) return d;
  const std::string& icu = l.icu;
  char buf[64];
  UErrorCode s = U_ZERO_ERROR;
  switch (type) {
    case SNAME: return utf8_to_utf16(l.name);
    case ILANGUAGE: std::snprintf(buf, sizeof buf, "%04x", l.lcid & 0xFFFF); return ascii(buf);
    case IDEFAULTLANGUAGE: std::snprintf(buf, sizeof buf, "%04x", l.lcid & 0xFFFF); return ascii(buf);
    case SENGLISHDISPLAYNAME: return display(uloc_getDisplayName, icu, "en");
    case SNATIVEDISPLAYNAME: return display(uloc_getDisplayName, icu, icu.c_str());
    case SLOCALIZEDDISPLAYNAME: return display(uloc_getDisplayName, icu, "en");
    case SENGLISHLANGUAGENAME: return display(uloc_getDisplayLanguage, icu, "en");
    case SNATIVELANGUAGENAME: return display(uloc_getDisplayLanguage, icu, icu.c_str());
    case SLOCALIZEDLANGUAGENAME: return display(uloc_getDisplayLanguage, icu, "en");
    case SENGLISHCOUNTRYNAME: return display(uloc_getDisplayCountry, icu, "en");
    case SNATIVECOUNTRYNAME: return display(uloc_getDisplayCountry, icu, icu.c_str());
    case SLOCALIZEDCOUNTRYNAME: return display(uloc_getDisplayCountry, icu, "en");
    case SISO639LANGNAME: return ascii(language_of(l));
    case SISO639LANGNAME2: return ascii(uloc_getISO3Language(icu.c_str()));
    case SISO3166CTRYNAME: {
      int32_t n = uloc_getCountry(icu.c_str(), buf, sizeof buf, &s);
      return ascii(std::string_view(buf, static_cast<std::size_t>(U_SUCCESS(s) ? n : 0)));
    }
    case SISO3166CTRYNAME2: return ascii(uloc_getISO3Country(icu.c_str()));
    case SPARENT: return l.neutral || l.name.empty() ? std::u16string() : ascii(language_of(l));
    case SCONSOLEFALLBACKNAME: case SSORTLOCALE: return utf8_to_utf16(l.name);
    case SOPENTYPELANGUAGETAG: return std::nullopt;
    case SSCRIPTS: {
      char maximized[ULOC_FULLNAME_CAPACITY];
      uloc_addLikelySubtags(icu.c_str(), maximized, sizeof maximized, &s);
      int32_t n = uloc_getScript(maximized, buf, sizeof buf, &s);
      return ascii(std::string_view(buf, static_cast<std::size_t>(U_SUCCESS(s) ? n : 0))) + u";";
    }
    case INEUTRAL: return number(l.neutral);
    case IREADINGLAYOUT: return number(uloc_isRightToLeft(icu.c_str()) ? 1 : 0);
    case IDEFAULTANSICODEPAGE: return number(default_code_pages(l.name.empty() ? "en-US" : l.name).ansi);
    case IDEFAULTCODEPAGE: return number(default_code_pages(l.name.empty() ? "en-US" : l.name).oem);
    case IDEFAULTMACCODEPAGE: return number(10000);
    case SLIST: return number_symbol(l, UNUM_DECIMAL_SEPARATOR_SYMBOL) == u"," ? u";" : u",";
    case IMEASURE: return number(ulocdata_getMeasurementSystem(icu.c_str(), &s) == UMS_US ? 1 : 0);
    case IPAPERSIZE: {
      int32_t height = 0, width = 0;
      ulocdata_getPaperSize(icu.c_str(), &height, &width, &s);
      return number(height == 279 ? 1 : 9);  // DMPAPER_LETTER or DMPAPER_A4
    }
    case SDECIMAL: case SMONDECIMALSEP: return number_symbol(l, UNUM_DECIMAL_SEPARATOR_SYMBOL);
    case STHOUSAND: case SMONTHOUSANDSEP: return number_symbol(l, UNUM_GROUPING_SEPARATOR_SYMBOL);
    case SGROUPING: case SMONGROUPING: return grouping(l);
    case IDIGITS: return number(2);
    case ILZERO: return number(1);
    case INEGNUMBER: return number(1);  // -1.1
    case SNATIVEDIGITS: {
      std::u16string digits;
      for (int d = 0; d < 10; ++d) {
        std::u16string sym = number_symbol(l, d == 0 ? UNUM_ZERO_DIGIT_SYMBOL
                                                     : static_cast<UNumberFormatSymbol>(UNUM_ONE_DIGIT_SYMBOL + d - 1));
        digits += sym.empty() ? static_cast<char16_t>(u'0' + d) : sym[0];
      }
      return digits;
    }
    case IDIGITSUBSTITUTION: return number(1);
    case SPOSITIVESIGN: return std::u16string();
    case SNEGATIVESIGN: return number_symbol(l, UNUM_MINUS_SIGN_SYMBOL);
    case SPERCENT: return number_symbol(l, UNUM_PERCENT_SYMBOL);
    case SPERMILLE: return number_symbol(l, UNUM_PERMILL_SYMBOL);
    case SNAN: return number_symbol(l, UNUM_NAN_SYMBOL);
    case SPOSINFINITY: return number_symbol(l, UNUM_INFINITY_SYMBOL);
    case SNEGINFINITY: return number_symbol(l, UNUM_MINUS_SIGN_SYMBOL) + number_symbol(l, UNUM_INFINITY_SYMBOL);
    case INEGATIVEPERCENT: return number(0);  // -# %
    case IPOSITIVEPERCENT: return number(0);  // # %
    case SCURRENCY: return currency_name(l, icu.c_str(), UCURR_SYMBOL_NAME);
    case SINTLSYMBOL: return currency_code(l);
    case SENGCURRNAME: return currency_name(l, "en", UCURR_LONG_NAME);
    case SNATIVECURRNAME: return currency_name(l, icu.c_str(), UCURR_LONG_NAME);
    case ICURRDIGITS: case IINTLCURRDIGITS: return number(ucurr_getDefaultFractionDigits(currency_code(l).c_str(), &s));
    case ICURRENCY: return number(currency_position(l));
    case INEGCURR: return number(negative_currency(currency_position(l)));
    case IPOSSYMPRECEDES: return number(currency_position(l) % 2 == 0);
    case IPOSSEPBYSPACE: return number(currency_position(l) >= 2);
    case INEGSYMPRECEDES: return number(currency_position(l) % 2 == 0);
    case INEGSEPBYSPACE: return number(currency_position(l) >= 2);
    case IPOSSIGNPOSN: return number(3);
    case INEGSIGNPOSN: return number(currency_position(l) % 2 == 0 ? 3 : 1);
    default: return std::nullopt;
  }
}

}  // namespace sill::nt::nls
