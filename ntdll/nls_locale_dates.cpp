// Calendar data for GetLocaleInfoEx from ICU date formats and symbols.
#include "ntdll/nls_locale_dates.h"

#include <unicode/ucal.h>
#include <unicode/udat.h>
#include <unicode/udatpg.h>

#include <memory>

#include "ntdll/nls_locale_data.h"

namespace sill::nt::nls {

namespace {

struct DateFormatCloser {
  void operator()(UDateFormat* f) const { udat_close(f); }
};
using DateFormat = std::unique_ptr<UDateFormat, DateFormatCloser>;

DateFormat open_format(const Locale& l, UDateFormatStyle time, UDateFormatStyle date) {
  UErrorCode s = U_ZERO_ERROR;
  DateFormat f(udat_open(time, date, l.icu.c_str(), nullptr, 0, nullptr, 0, &s));
  return U_SUCCESS(s) ? std::move(f) : nullptr;
}

std::u16string pattern_of(const Locale& l, UDateFormatStyle time, UDateFormatStyle date) {
  DateFormat f = open_format(l, time, date);
  if (!f) return {};
  UChar buf[128];
  UErrorCode s = U_ZERO_ERROR;
  int32_t n = udat_toPattern(f.get(), false, buf, 128, &s);
  return U_SUCCESS(s) ? windows_picture(std::u16string_view(buf, static_cast<std::size_t>(n))) : std::u16string();
}

std::u16string skeleton_pattern(const Locale& l, const char16_t* skeleton) {
  UErrorCode s = U_ZERO_ERROR;
  UDateTimePatternGenerator* g = udatpg_open(l.icu.c_str(), &s);
  if (U_FAILURE(s)) return {};
  UChar buf[128];
  int32_t n = udatpg_getBestPattern(g, skeleton, -1, buf, 128, &s);
  udatpg_close(g);
  return U_SUCCESS(s) ? windows_picture(std::u16string_view(buf, static_cast<std::size_t>(n))) : std::u16string();
}

std::u16string symbol(const Locale& l, UDateFormatSymbolType type, int32_t index) {
  DateFormat f = open_format(l, UDAT_DEFAULT, UDAT_DEFAULT);
  if (!f) return {};
  UChar buf[64];
  UErrorCode s = U_ZERO_ERROR;
  int32_t n = udat_getSymbols(f.get(), type, index, buf, 64, &s);
  return U_SUCCESS(s) ? std::u16string(buf, static_cast<std::size_t>(n)) : std::u16string();
}

std::u16string number(int v) {
  std::u16string s;
  std::string digits = std::to_string(v);
  s.assign(digits.begin(), digits.end());
  return s;
}

// The first separator after a field letter in a picture ("M/d/yyyy" -> "/").
std::u16string separator_in(std::u16string_view picture, std::u16string_view fields) {
  std::size_t i = picture.find_first_of(fields);
  if (i == std::u16string_view::npos) return {};
  i = picture.find_first_not_of(picture[i], i);
  if (i == std::u16string_view::npos) return {};
  std::size_t end = picture.find_first_of(u"dMyHhmst'", i);
  return std::u16string(picture.substr(i, end - i));
}

// 0 month-day-year, 1 day-month-year, 2 year-month-day.
int order_of(std::u16string_view picture) {
  std::size_t d = picture.find(u'd'), m = picture.find(u'M'), y = picture.find(u'y');
  if (y < m && y < d) return 2;
  if (d < m) return 1;
  return 0;
}

bool has_run(std::u16string_view picture, char16_t c, std::size_t len) {
  std::u16string run(len, c);
  std::size_t i = picture.find(run);
  return i != std::u16string_view::npos && (i + len >= picture.size() || picture[i + len] != c);
}

}  // namespace

std::u16string windows_picture(std::u16string_view p) {
  std::u16string out;
  for (std::size_t i = 0; i < p.size();) {
    char16_t c = p[i];
    if (c == u'\'') {  // quoted literal: copied with its quotes
      std::size_t end = p.find(u'\'', i + 1);
      if (end == std::u16string_view::npos) end = p.size() - 1;
      out.append(p.substr(i, end - i + 1));
      i = end + 1;
      continue;
    }
    std::size_t run = 1;
    while (i + run < p.size() && p[i + run] == c) ++run;
    i += run;
    switch (c) {
      case u'y':
      case u'Y':
      case u'u': out += u"yyyy"; break;  // Windows pictures show four-digit years
      case u'E':
      case u'c': out += run >= 4 ? u"dddd" : u"ddd"; break;
      case u'L': out.append(std::min<std::size_t>(run, 4), u'M'); break;
      case u'a':
      case u'b':
      case u'B': out += u"tt"; break;
      case u'G': out += u"gg"; break;
      case u'd':
      case u'M':
      case u'H':
      case u'h':
      case u'm':
      case u's': out.append(std::min<std::size_t>(run, 4), c); break;
      case u'K': out.append(std::min<std::size_t>(run, 2), u'h'); break;
      case u'k': out.append(std::min<std::size_t>(run, 2), u'H'); break;
      case 0x202F:
      case 0x00A0: out.append(run, u' '); break;  // Windows pictures use plain spaces
      default:
        if ((c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z')) break;  // fields Windows has no letter for
        out.append(run, c);
    }
  }
  // Dropped fields can leave separators at the ends ("h:mm a z" -> "h:mm tt ").
  while (!out.empty() && out.back() == u' ') out.pop_back();
  return out;
}

std::optional<std::u16string> date_info(const Locale& l, win::DWORD type, bool genitive) {
  using namespace lctype;
  if (type >= SDAYNAME1 && type < SDAYNAME1 + 7)
    return symbol(l, UDAT_STANDALONE_WEEKDAYS, (type - SDAYNAME1 + 1) % 7 + 1);
  if (type >= SABBREVDAYNAME1 && type < SABBREVDAYNAME1 + 7)
    return symbol(l, UDAT_STANDALONE_SHORT_WEEKDAYS, (type - SABBREVDAYNAME1 + 1) % 7 + 1);
  if (type >= SSHORTESTDAYNAME1 && type < SSHORTESTDAYNAME1 + 7)
    return symbol(l, UDAT_STANDALONE_SHORTER_WEEKDAYS, (type - SSHORTESTDAYNAME1 + 1) % 7 + 1);
  if (type >= SMONTHNAME1 && type < SMONTHNAME1 + 12)
    return symbol(l, genitive ? UDAT_MONTHS : UDAT_STANDALONE_MONTHS, static_cast<int32_t>(type - SMONTHNAME1));
  if (type >= SABBREVMONTHNAME1 && type < SABBREVMONTHNAME1 + 12)
    return symbol(l, genitive ? UDAT_SHORT_MONTHS : UDAT_STANDALONE_SHORT_MONTHS,
                  static_cast<int32_t>(type - SABBREVMONTHNAME1));
  switch (type) {
    case SMONTHNAME13:
    case SABBREVMONTHNAME13: return std::u16string();
    case SSHORTDATE: return pattern_of(l, UDAT_NONE, UDAT_SHORT);
    case SLONGDATE: return pattern_of(l, UDAT_NONE, UDAT_FULL);
    case STIMEFORMAT: return pattern_of(l, UDAT_MEDIUM, UDAT_NONE);
    case SSHORTTIME: return pattern_of(l, UDAT_SHORT, UDAT_NONE);
    case SYEARMONTH: return skeleton_pattern(l, u"yMMMM");
    case SMONTHDAY: return skeleton_pattern(l, u"MMMMd");
    case SDATE: return separator_in(pattern_of(l, UDAT_NONE, UDAT_SHORT), u"dMy");
    case STIME: return separator_in(pattern_of(l, UDAT_MEDIUM, UDAT_NONE), u"Hh");
    case IDATE: return number(order_of(pattern_of(l, UDAT_NONE, UDAT_SHORT)));
    case ILDATE: return number(order_of(pattern_of(l, UDAT_NONE, UDAT_FULL)));
    case ITIME: return number(pattern_of(l, UDAT_MEDIUM, UDAT_NONE).find(u'H') != std::u16string::npos);
    case ITLZERO: {
      std::u16string t = pattern_of(l, UDAT_MEDIUM, UDAT_NONE);
      return number(has_run(t, u'H', 2) || has_run(t, u'h', 2));
    }
    case ITIMEMARKPOSN: {
      std::u16string t = pattern_of(l, UDAT_MEDIUM, UDAT_NONE);
      std::size_t mark = t.find(u't');
      return number(mark != std::u16string::npos && mark < t.find_first_of(u"Hh"));
    }
    case ICENTURY: return number(1);
    case IDAYLZERO: return number(has_run(pattern_of(l, UDAT_NONE, UDAT_SHORT), u'd', 2));
    case IMONLZERO: return number(has_run(pattern_of(l, UDAT_NONE, UDAT_SHORT), u'M', 2));
    case S1159: return symbol(l, UDAT_AM_PMS, 0);
    case S2359: return symbol(l, UDAT_AM_PMS, 1);
    case ICALENDARTYPE:
    case IOPTIONALCALENDAR: return number(1);  // CAL_GREGORIAN
    case IFIRSTDAYOFWEEK:
    case IFIRSTWEEKOFYEAR: {
      UErrorCode s = U_ZERO_ERROR;
      UCalendar* cal = ucal_open(nullptr, 0, l.icu.c_str(), UCAL_GREGORIAN, &s);
      if (U_FAILURE(s)) return std::nullopt;
      int32_t first = ucal_getAttribute(cal, UCAL_FIRST_DAY_OF_WEEK);  // 1 = Sunday
      int32_t min_days = ucal_getAttribute(cal, UCAL_MINIMAL_DAYS_IN_FIRST_WEEK);
      ucal_close(cal);
      if (type == IFIRSTDAYOFWEEK) return number((first + 5) % 7);  // 0 = Monday
      return number(min_days >= 7 ? 1 : min_days >= 4 ? 2 : 0);
    }
    default: return std::nullopt;
  }
}

}  // namespace sill::nt::nls
