// GetNumberFormatEx and GetCurrencyFormatEx: Windows' own algorithm over a
// number given as text ("-1234.567"): round to the digits asked, group the
// integer part, place the sign and currency symbol by the format codes.
#include <vector>

#include "ntdll/nls_locale_data.h"
#include "win32/kernel32/nls/nls_internal.h"

namespace sill::kernel32 {

namespace {
constexpr DWORD LOCALE_NOUSEROVERRIDE = 0x80000000;

struct Number {
  bool negative = false;
  std::u16string integer, fraction;
};

// "-123.45" -> {true, "123", "45"}; nullopt for anything else (no spaces, no exponent).
std::optional<Number> parse(std::u16string_view s) {
  Number n;
  std::size_t i = 0;
  if (i < s.size() && s[i] == u'-') {
    n.negative = true;
    ++i;
  }
  for (; i < s.size() && s[i] >= u'0' && s[i] <= u'9'; ++i) n.integer += s[i];
  if (i < s.size() && s[i] == u'.') {
    for (++i; i < s.size() && s[i] >= u'0' && s[i] <= u'9'; ++i) n.fraction += s[i];
    if (n.fraction.empty() && n.integer.empty()) return std::nullopt;
  }
  if (i != s.size() || (n.integer.empty() && n.fraction.empty())) return std::nullopt;
  return n;
}

// Rounds half up to `digits` fraction digits.
void round_to(Number& n, std::size_t digits) {
  if (n.fraction.size() <= digits) {
    n.fraction.append(digits - n.fraction.size(), u'0');
    return;
  }
  bool up = n.fraction[digits] >= u'5';
  n.fraction.resize(digits);
  if (!up) return;
  std::u16string all = n.integer + n.fraction;
  int i = static_cast<int>(all.size()) - 1;
  for (; i >= 0; --i) {
    if (all[static_cast<std::size_t>(i)] == u'9') {
      all[static_cast<std::size_t>(i)] = u'0';
    } else {
      ++all[static_cast<std::size_t>(i)];
      break;
    }
  }
  if (i < 0) all.insert(all.begin(), u'1');
  n.integer = all.substr(0, all.size() - digits);
  n.fraction = all.substr(all.size() - digits);
}

// Grouping as NUMBERFMT holds it: 3 = "3;0", 32 = "3;2;0", 30 = "3" (the group does not repeat).
std::u16string group(std::u16string_view digits, UINT grouping, std::u16string_view sep) {
  if (grouping == 0) return std::u16string(digits);
  std::string code = std::to_string(grouping);
  bool repeat = code.back() != '0';
  if (!repeat) code.pop_back();
  std::vector<std::size_t> sizes;
  for (char c : code)
    if (c != '0') sizes.push_back(static_cast<std::size_t>(c - '0'));
  std::u16string out;
  std::size_t end = digits.size();
  for (std::size_t k = 0; end > 0; ++k) {
    std::size_t size = k < sizes.size() ? sizes[k] : repeat ? sizes.back() : end;
    std::size_t start = end > size ? end - size : 0;
    out.insert(0, digits.substr(start, end - start));
    if (start > 0) out.insert(0, sep);
    end = start;
  }
  return out;
}

UINT grouping_code(std::u16string_view s) {  // "3;2;0" -> 32, "3;0" -> 3, "3" -> 30
  UINT code = 0;
  bool trailing_zero = false;
  for (char16_t c : s) {
    if (c >= u'1' && c <= u'9') {
      code = code * 10 + (c - u'0');
      trailing_zero = false;
    } else if (c == u'0') {
      trailing_zero = true;
    }
  }
  return trailing_zero || s.empty() ? code : code * 10;
}

std::u16string info(const nt::nls::Locale& l, DWORD type) { return nt::nls::locale_info(l, type).value_or(u""); }
UINT info_number(const nt::nls::Locale& l, DWORD type) {
  std::u16string s = info(l, type);
  UINT v = 0;
  for (char16_t c : s) v = v * 10 + (c - u'0');
  return v;
}

std::u16string body(Number n, UINT digits, UINT leading_zero, UINT grouping, std::u16string_view decimal,
                    std::u16string_view thousand) {
  round_to(n, digits);
  std::size_t nz = n.integer.find_first_not_of(u'0');
  n.integer = nz == std::u16string::npos ? u"" : n.integer.substr(nz);
  if (n.integer.empty() && (leading_zero || digits == 0)) n.integer = u"0";
  std::u16string out = group(n.integer, grouping, thousand);
  if (digits) out += std::u16string(decimal) + n.fraction;
  return out;
}

bool is_zero(const std::u16string& s) { return s.find_first_of(u"123456789") == std::u16string::npos; }

int number_format(const nt::nls::Locale& l, DWORD flags, LPCWSTR value, const NUMBERFMTW* f, LPWSTR out, int size) {
  using namespace nt::nls::lctype;
  if (!value || size < 0 || (size && !out)) return fail_error(win::ERROR_INVALID_PARAMETER, 0);
  if ((flags & ~LOCALE_NOUSEROVERRIDE) || (f && flags)) return fail_error(win::ERROR_INVALID_FLAGS, 0);
  auto n = parse(value);
  if (!n || (f && (f->NegativeOrder > 4 || !f->lpDecimalSep || !f->lpThousandSep)))
    return fail_error(win::ERROR_INVALID_PARAMETER, 0);
  UINT digits = f ? f->NumDigits : info_number(l, IDIGITS);
  UINT lz = f ? f->LeadingZero : info_number(l, ILZERO);
  UINT grouping = f ? f->Grouping : grouping_code(info(l, SGROUPING));
  std::u16string decimal = f ? std::u16string(f->lpDecimalSep) : info(l, SDECIMAL);
  std::u16string thousand = f ? std::u16string(f->lpThousandSep) : info(l, STHOUSAND);
  UINT order = f ? f->NegativeOrder : info_number(l, INEGNUMBER);
  std::u16string b = body(*n, digits, lz, grouping, decimal, thousand);
  std::u16string minus = info(l, SNEGATIVESIGN);
  std::u16string s = b;
  if (n->negative && !is_zero(b)) {
    static constexpr const char16_t* kShapes[] = {u"(#)", u"-#", u"- #", u"#-", u"# -"};
    s.clear();
    for (const char16_t* p = kShapes[order]; *p; ++p) {
      if (*p == u'#') s += b;
      else if (*p == u'-') s += minus;
      else s += *p;
    }
  }
  return nls::copy_result(std::u16string_view(s), true, out, size);
}

int currency_format(const nt::nls::Locale& l, DWORD flags, LPCWSTR value, const CURRENCYFMTW* f, LPWSTR out,
                    int size) {
  using namespace nt::nls::lctype;
  if (!value || size < 0 || (size && !out)) return fail_error(win::ERROR_INVALID_PARAMETER, 0);
  if ((flags & ~LOCALE_NOUSEROVERRIDE) || (f && flags)) return fail_error(win::ERROR_INVALID_FLAGS, 0);
  auto n = parse(value);
  if (!n || (f && (f->NegativeOrder > 15 || f->PositiveOrder > 3 || !f->lpDecimalSep || !f->lpThousandSep ||
                   !f->lpCurrencySymbol)))
    return fail_error(win::ERROR_INVALID_PARAMETER, 0);
  UINT digits = f ? f->NumDigits : info_number(l, ICURRDIGITS);
  UINT lz = f ? f->LeadingZero : info_number(l, ILZERO);
  UINT grouping = f ? f->Grouping : grouping_code(info(l, SMONGROUPING));
  std::u16string decimal = f ? std::u16string(f->lpDecimalSep) : info(l, SMONDECIMALSEP);
  std::u16string thousand = f ? std::u16string(f->lpThousandSep) : info(l, SMONTHOUSANDSEP);
  std::u16string symbol = f ? std::u16string(f->lpCurrencySymbol) : info(l, SCURRENCY);
  UINT positive = f ? f->PositiveOrder : info_number(l, ICURRENCY);
  UINT negative = f ? f->NegativeOrder : info_number(l, INEGCURR);
  std::u16string b = body(*n, digits, lz, grouping, decimal, thousand);
  // $ = symbol, # = number, - = sign; Windows' ICURRENCY and INEGCURR codes.
  static constexpr const char16_t* kPositive[] = {u"$#", u"#$", u"$ #", u"# $"};
  static constexpr const char16_t* kNegative[] = {u"($#)", u"-$#",  u"$-#",  u"$#-",  u"(#$)",  u"-#$",
                                                  u"#-$",  u"#$-",  u"-# $", u"-$ #", u"# $-", u"$ #-",
                                                  u"$ -#", u"#- $", u"($ #)", u"(# $)"};
  const char16_t* shape = n->negative && !is_zero(b) ? kNegative[negative] : kPositive[positive];
  std::u16string minus = info(l, SNEGATIVESIGN), s;
  for (const char16_t* p = shape; *p; ++p) {
    if (*p == u'#') s += b;
    else if (*p == u'$') s += symbol;
    else if (*p == u'-') s += minus;
    else s += *p;
  }
  return nls::copy_result(std::u16string_view(s), true, out, size);
}
}  // namespace

int WINAPI GetNumberFormatEx(LPCWSTR name, DWORD flags, LPCWSTR value, const NUMBERFMTW* format, LPWSTR out,
                             int size) noexcept {
  return nls::with_locale(name, 0, [&](const nt::nls::Locale& l) {
    return number_format(l, flags, value, format, out, size);
  });
}

int WINAPI GetNumberFormatW(LCID lcid, DWORD flags, LPCWSTR value, const NUMBERFMTW* format, LPWSTR out,
                            int size) noexcept {
  return nls::with_locale(lcid, 0, [&](const nt::nls::Locale& l) {
    return number_format(l, flags, value, format, out, size);
  });
}

int WINAPI GetCurrencyFormatEx(LPCWSTR name, DWORD flags, LPCWSTR value, const CURRENCYFMTW* format, LPWSTR out,
                               int size) noexcept {
  return nls::with_locale(name, 0, [&](const nt::nls::Locale& l) {
    return currency_format(l, flags, value, format, out, size);
  });
}

int WINAPI GetCurrencyFormatW(LCID lcid, DWORD flags, LPCWSTR value, const CURRENCYFMTW* format, LPWSTR out,
                              int size) noexcept {
  return nls::with_locale(lcid, 0, [&](const nt::nls::Locale& l) {
    return currency_format(l, flags, value, format, out, size);
  });
}

}  // namespace sill::kernel32
