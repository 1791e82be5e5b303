// GetDateFormatEx and GetTimeFormatEx: Windows picture strings ("dddd, MMMM d,
// yyyy", "hh:mm:ss tt") expanded with the locale's names, the locale's default
// pictures for the DATE_* and TIME_* flags.
#include <vector>

#include "ntdll/codepage.h"
#include "ntdll/nls_locale_data.h"
#include "win32/kernel32/nls/nls_internal.h"

namespace sill::kernel32 {

namespace {
constexpr DWORD LOCALE_NOUSEROVERRIDE = 0x80000000, LOCALE_USE_CP_ACP = 0x40000000;
constexpr DWORD DATE_SHORTDATE = 0x1, DATE_LONGDATE = 0x2, DATE_USE_ALT_CALENDAR = 0x4, DATE_YEARMONTH = 0x8,
                DATE_LTRREADING = 0x10, DATE_RTLREADING = 0x20, DATE_AUTOLAYOUT = 0x40, DATE_MONTHDAY = 0x80;
constexpr DWORD TIME_NOMINUTESORSECONDS = 0x1, TIME_NOSECONDS = 0x2, TIME_NOTIMEMARKER = 0x4,
                TIME_FORCE24HOURFORMAT = 0x8;

struct Token {
  char16_t field;  // 0 for literal text
  std::size_t count;
  std::u16string text;
};

// Letters that are fields in a date or a time picture.
std::vector<Token> tokenize(std::u16string_view p, std::u16string_view fields) {
  std::vector<Token> out;
  for (std::size_t i = 0; i < p.size();) {
    char16_t c = p[i];
    if (c == u'\'') {
      std::u16string lit;
      for (++i; i < p.size(); ++i) {
        if (p[i] == u'\'') {
          if (i + 1 < p.size() && p[i + 1] == u'\'') {
            lit += u'\'';
            ++i;
          } else {
            ++i;
            break;
          }
        } else {
          lit += p[i];
        }
      }
      out.push_back({0, 0, lit});
      continue;
    }
    std::size_t run = 1;
    while (i + run < p.size() && p[i + run] == c) ++run;
    if (fields.find(c) != std::u16string_view::npos) out.push_back({c, run, {}});
    else out.push_back({0, 0, std::u16string(p.substr(i, run))});
    i += run;
  }
  return out;
}

std::u16string two_digits(int v, bool pad) {
  std::u16string s;
  if (pad && v < 10) s += u'0';
  for (char c : std::to_string(v)) s += static_cast<char16_t>(c);
  return s;
}

std::u16string info(const nt::nls::Locale& l, DWORD type, bool genitive = false) {
  return nt::nls::locale_info(l, type, genitive).value_or(u"");
}

bool valid_date(const SYSTEMTIME& t) {
  static constexpr int kDays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (t.wMonth < 1 || t.wMonth > 12 || t.wDay < 1 || t.wDay > kDays[t.wMonth - 1] || t.wYear < 1601) return false;
  bool leap = (t.wYear % 4 == 0 && t.wYear % 100 != 0) || t.wYear % 400 == 0;
  return t.wMonth != 2 || t.wDay <= 28 || leap;
}

int day_of_week(const SYSTEMTIME& t) {  // 0 = Sunday
  static constexpr int kOffsets[] = {0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4};
  int y = t.wYear - (t.wMonth < 3);
  return (y + y / 4 - y / 100 + y / 400 + kOffsets[t.wMonth - 1] + t.wDay) % 7;
}

std::u16string format_date(const nt::nls::Locale& l, std::u16string_view picture, const SYSTEMTIME& t) {
  using namespace nt::nls::lctype;
  std::vector<Token> tokens = tokenize(picture, u"dMyg");
  bool has_day = false;
  for (const Token& k : tokens) has_day |= k.field == u'd' && k.count <= 2;
  std::u16string out;
  int dow = (day_of_week(t) + 6) % 7;  // 0 = Monday, as SDAYNAME1 is
  for (const Token& k : tokens) {
    switch (k.field) {
      case 0: out += k.text; break;
      case u'd':
        if (k.count <= 2) out += two_digits(t.wDay, k.count == 2);
        else out += info(l, (k.count == 3 ? SABBREVDAYNAME1 : SDAYNAME1) + static_cast<DWORD>(dow));
        break;
      case u'M':
        if (k.count <= 2) out += two_digits(t.wMonth, k.count == 2);
        else out += info(l, (k.count == 3 ? SABBREVMONTHNAME1 : SMONTHNAME1) + t.wMonth - 1u, has_day);
        break;
      case u'y':
        if (k.count <= 2) out += two_digits(t.wYear % 100, k.count == 2);
        else out += two_digits(t.wYear, false);
        break;
      case u'g': out += u"A.D."; break;
    }
  }
  return out;
}

std::u16string format_time(const nt::nls::Locale& l, std::u16string_view picture, const SYSTEMTIME& t, DWORD flags) {
  using namespace nt::nls::lctype;
  std::vector<Token> tokens = tokenize(picture, u"hHmst");
  // Dropped fields take the separator before them along.
  auto dropped = [&](const Token& k) {
    if (k.field == u't') return (flags & TIME_NOTIMEMARKER) != 0;
    if (k.field == u's') return (flags & (TIME_NOSECONDS | TIME_NOMINUTESORSECONDS)) != 0;
    if (k.field == u'm') return (flags & TIME_NOMINUTESORSECONDS) != 0;
    return false;
  };
  std::vector<Token> kept;
  for (const Token& k : tokens) {
    if (k.field && dropped(k)) {
      if (!kept.empty() && kept.back().field == 0) kept.pop_back();
      continue;
    }
    kept.push_back(k);
  }
  while (!kept.empty() && kept.front().field == 0 && (flags & TIME_NOTIMEMARKER) && kept.front().text == u" ")
    kept.erase(kept.begin());
  std::u16string marker = info(l, t.wHour < 12 ? S1159 : S2359), out;
  for (const Token& k : kept) {
    int hour12 = t.wHour % 12 == 0 ? 12 : t.wHour % 12;
    switch (k.field) {
      case 0: out += k.text; break;
      case u'h':
        out += (flags & TIME_FORCE24HOURFORMAT) ? two_digits(t.wHour, k.count >= 2) : two_digits(hour12, k.count >= 2);
        break;
      case u'H': out += two_digits(t.wHour, k.count >= 2); break;
      case u'm': out += two_digits(t.wMinute, k.count >= 2); break;
      case u's': out += two_digits(t.wSecond, k.count >= 2); break;
      case u't':
        if (!(flags & TIME_FORCE24HOURFORMAT)) out += k.count == 1 ? marker.substr(0, 1) : marker;
        break;
    }
  }
  return out;
}

int date_format(const nt::nls::Locale& l, DWORD flags, const SYSTEMTIME* date, LPCWSTR picture, LPWSTR out,
                int size) {
  using namespace nt::nls::lctype;
  if (size < 0 || (size && !out)) return fail_error(win::ERROR_INVALID_PARAMETER, 0);
  DWORD kinds = flags & (DATE_SHORTDATE | DATE_LONGDATE | DATE_YEARMONTH | DATE_MONTHDAY);
  DWORD known = kinds | LOCALE_NOUSEROVERRIDE | DATE_USE_ALT_CALENDAR | DATE_LTRREADING | DATE_RTLREADING |
                DATE_AUTOLAYOUT | LOCALE_USE_CP_ACP;
  if ((flags & ~known) || (kinds & (kinds - 1)) || (picture && kinds) ||
      ((flags & DATE_LTRREADING) && (flags & DATE_RTLREADING)))
    return fail_error(win::ERROR_INVALID_FLAGS, 0);
  SYSTEMTIME t;
  if (date) {
    t = *date;
    if (!valid_date(t)) return fail_error(win::ERROR_INVALID_PARAMETER, 0);
  } else {
    GetLocalTime(&t);
  }
  std::u16string pic = picture ? std::u16string(picture)
                       : kinds == DATE_LONGDATE ? info(l, SLONGDATE)
                       : kinds == DATE_YEARMONTH ? info(l, SYEARMONTH)
                       : kinds == DATE_MONTHDAY ? info(l, SMONTHDAY)
                                                : info(l, SSHORTDATE);
  std::u16string s = format_date(l, pic, t);
  return nls::copy_result(std::u16string_view(s), true, out, size);
}

int time_format(const nt::nls::Locale& l, DWORD flags, const SYSTEMTIME* time, LPCWSTR picture, LPWSTR out,
                int size) {
  using namespace nt::nls::lctype;
  if (size < 0 || (size && !out)) return fail_error(win::ERROR_INVALID_PARAMETER, 0);
  DWORD known = TIME_NOMINUTESORSECONDS | TIME_NOSECONDS | TIME_NOTIMEMARKER | TIME_FORCE24HOURFORMAT |
                LOCALE_NOUSEROVERRIDE | LOCALE_USE_CP_ACP;
  if ((flags & ~known) || (picture && (flags & LOCALE_NOUSEROVERRIDE))) return fail_error(win::ERROR_INVALID_FLAGS, 0);
  SYSTEMTIME t;
  if (time) {
    t = *time;
    if (t.wHour > 23 || t.wMinute > 59 || t.wSecond > 59 || t.wMilliseconds > 999)
      return fail_error(win::ERROR_INVALID_PARAMETER, 0);
  } else {
    GetLocalTime(&t);
  }
  std::u16string pic = picture ? std::u16string(picture) : info(l, STIMEFORMAT);
  std::u16string s = format_time(l, pic, t, flags);
  return nls::copy_result(std::u16string_view(s), true, out, size);
}

// The A forms: the picture and the result in the locale's ANSI code page.
template <class F>
int narrow_format(LCID lcid, DWORD flags, const SYSTEMTIME* when, LPCSTR picture, LPSTR out, int size, F format) {
  if (size < 0 || (size && !out)) return fail_error(win::ERROR_INVALID_PARAMETER, 0);
  auto locale = nls::locale_arg(lcid);
  if (!locale) return 0;
  try {
    win::UINT cp = nls::ansi_code_page_of(*locale, flags);
    std::optional<std::u16string> wide_picture;
    if (picture) wide_picture = nt::to_utf16(cp, picture);
    int n = format(*locale, flags, when, wide_picture ? wide_picture->c_str() : nullptr, nullptr, 0);
    if (!n) return 0;
    std::u16string w(static_cast<std::size_t>(n), u'\0');
    format(*locale, flags, when, wide_picture ? wide_picture->c_str() : nullptr, w.data(), n);
    w.resize(static_cast<std::size_t>(n - 1));
    std::string narrow = nt::from_utf16(cp, w);
    return nls::copy_result(std::string_view(narrow), true, out, size);
  } catch (...) {
    return fail_error(win::ERROR_OUTOFMEMORY, 0);
  }
}
}  // namespace

int WINAPI GetDateFormatEx(LPCWSTR name, DWORD flags, const SYSTEMTIME* date, LPCWSTR picture, LPWSTR out, int size,
                           LPCWSTR calendar) noexcept {
  if (calendar) return fail_error(win::ERROR_INVALID_PARAMETER, 0);
  return nls::with_locale(name, 0, [&](const nt::nls::Locale& l) {
    return date_format(l, flags, date, picture, out, size);
  });
}

int WINAPI GetDateFormatW(LCID lcid, DWORD flags, const SYSTEMTIME* date, LPCWSTR picture, LPWSTR out,
                          int size) noexcept {
  return nls::with_locale(lcid, 0, [&](const nt::nls::Locale& l) {
    return date_format(l, flags, date, picture, out, size);
  });
}

int WINAPI GetDateFormatA(LCID lcid, DWORD flags, const SYSTEMTIME* date, LPCSTR picture, LPSTR out,
                          int size) noexcept {
  return narrow_format(lcid, flags, date, picture, out, size, date_format);
}

int WINAPI GetTimeFormatEx(LPCWSTR name, DWORD flags, const SYSTEMTIME* time, LPCWSTR picture, LPWSTR out,
                           int size) noexcept {
  return nls::with_locale(name, 0, [&](const nt::nls::Locale& l) {
    return time_format(l, flags, time, picture, out, size);
  });
}

int WINAPI GetTimeFormatW(LCID lcid, DWORD flags, const SYSTEMTIME* time, LPCWSTR picture, LPWSTR out,
                          int size) noexcept {
  return nls::with_locale(lcid, 0, [&](const nt::nls::Locale& l) {
    return time_format(l, flags, time, picture, out, size);
  });
}

int WINAPI GetTimeFormatA(LCID lcid, DWORD flags, const SYSTEMTIME* time, LPCSTR picture, LPSTR out,
                          int size) noexcept {
  return narrow_format(lcid, flags, time, picture, out, size, time_format);
}

}  // namespace sill::kernel32
