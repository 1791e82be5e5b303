// Windows time-zone rules from ICU's zones, and conversions under such a rule.
#include "ntdll/nls_timezone.h"

#include <unicode/basictz.h>
#include <unicode/strenum.h>
#include <unicode/tzrule.h>
#include <unicode/ucal.h>

#include <algorithm>
#include <ctime>
#include <memory>
#include <set>

#include "base/unicode.h"

namespace sill::nt::nls {

namespace {
constexpr std::int64_t kTicksPerMinute = 600000000LL, kTicksPerDay = 1440 * kTicksPerMinute;

// Days from 1601-01-01 to y-m-d (proleptic Gregorian), counted through 400-year eras.
std::int64_t days_since_1601(int y, int m, int d) {
  y -= m <= 2;
  std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  std::int64_t yoe = y - era * 400;
  std::int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  std::int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 584694;  // 584694: days from 0000-03-01 to 1601-01-01
}

int month_length(int y, int m) {
  static constexpr int kLen[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return kLen[m - 1] + (m == 2 && leap);
}

int year_of(std::int64_t ticks) {
  int y = 1601 + static_cast<int>(ticks / kTicksPerDay / 366);
  while (days_since_1601(y + 1, 1, 1) * kTicksPerDay <= ticks) ++y;
  return y;
}

// The local wall-clock instant of a transition in `year`.
std::int64_t transition_local(const TransitionDate& d, int year) {
  int day = d.day;
  if (d.year == 0) {
    int first = static_cast<int>((days_since_1601(year, d.month, 1) + 1) % 7);  // 1601-01-01 was a Monday
    day = 1 + (d.day_of_week - first + 7) % 7 + 7 * (d.day - 1);
    while (day > month_length(year, d.month)) day -= 7;
  }
  return days_since_1601(year, d.month, day) * kTicksPerDay +
         ((d.hour * 60LL + d.minute) * 60 + d.second) * 10000000LL + d.milliseconds * 10000LL;
}

TransitionDate from_icu_rule(const icu::AnnualTimeZoneRule& rule, bool to_daylight, int32_t raw_ms, int32_t dst_ms) {
  const icu::DateTimeRule* r = rule.getRule();
  TransitionDate t{};
  t.month = static_cast<win::WORD>(r->getRuleMonth() + 1);
  int dom = r->getRuleDayOfMonth();
  switch (r->getDateRuleType()) {
    case icu::DateTimeRule::DOM:
      t.day_of_week = 0;  // no weekday rule: Windows needs one; keep the week of that date
      t.day = static_cast<win::WORD>((dom - 1) / 7 + 1);
      break;
    case icu::DateTimeRule::DOW:
      t.day_of_week = static_cast<win::WORD>(r->getRuleDayOfWeek() - 1);
      t.day = static_cast<win::WORD>(r->getRuleWeekInMonth() < 0 ? 5 : r->getRuleWeekInMonth());
      break;
    case icu::DateTimeRule::DOW_GEQ_DOM:
      t.day_of_week = static_cast<win::WORD>(r->getRuleDayOfWeek() - 1);
      t.day = static_cast<win::WORD>(std::min(5, (dom - 1) / 7 + 1));
      break;
    case icu::DateTimeRule::DOW_LEQ_DOM:
      t.day_of_week = static_cast<win::WORD>(r->getRuleDayOfWeek() - 1);
      t.day = static_cast<win::WORD>(dom >= 28 ? 5 : dom / 7);
      break;
  }
  // Windows counts the time in the local time in force before the transition.
  int64_t ms = r->getRuleMillisInDay();
  switch (r->getTimeRuleType()) {
    case icu::DateTimeRule::UTC_TIME: ms += raw_ms + (to_daylight ? 0 : dst_ms); break;
    case icu::DateTimeRule::STANDARD_TIME: ms += to_daylight ? 0 : dst_ms; break;
    case icu::DateTimeRule::WALL_TIME: break;
  }
  ms = (ms % 86400000 + 86400000) % 86400000;
  t.hour = static_cast<win::WORD>(ms / 3600000);
  t.minute = static_cast<win::WORD>(ms / 60000 % 60);
  t.second = static_cast<win::WORD>(ms / 1000 % 60);
  t.milliseconds = static_cast<win::WORD>(ms % 1000);
  return t;
}

std::u16string windows_key(const std::string& iana) {
  UChar buf[128];
  UErrorCode s = U_ZERO_ERROR;
  std::u16string id = utf8_to_utf16(iana);
  int32_t n = ucal_getWindowsTimeZoneID(id.c_str(), static_cast<int32_t>(id.size()), buf, 128, &s);
  if (U_FAILURE(s) || n <= 0) return u"UTC";
  return std::u16string(buf, static_cast<std::size_t>(n));
}
}  // namespace

std::string host_zone_id() {
  std::unique_ptr<icu::TimeZone> tz(icu::TimeZone::detectHostTimeZone());
  icu::UnicodeString id;
  tz->getID(id);
  std::string out;
  id.toUTF8String(out);
  return out;
}

std::optional<ZoneRule> zone_rule(const std::string& iana_id, int year) {
  std::unique_ptr<icu::TimeZone> tz(icu::TimeZone::createTimeZone(icu::UnicodeString::fromUTF8(iana_id)));
  auto* basic = dynamic_cast<icu::BasicTimeZone*>(tz.get());
  if (!basic || *tz == icu::TimeZone::getUnknown()) return std::nullopt;
  if (year == 0) {
    std::time_t now = std::time(nullptr);
    std::tm t{};
    gmtime_r(&now, &t);
    year = t.tm_year + 1900;
  }
  // Mid-year of `year`, in ms since 1970.
  UDate when = (static_cast<double>(days_since_1601(year, 7, 1) - days_since_1601(1970, 1, 1))) * 86400000.0;
  icu::InitialTimeZoneRule* initial = nullptr;
  icu::AnnualTimeZoneRule *standard = nullptr, *daylight = nullptr;
  UErrorCode s = U_ZERO_ERROR;
  basic->getSimpleRulesNear(when, initial, standard, daylight, s);
  std::unique_ptr<icu::InitialTimeZoneRule> own_initial(initial);
  std::unique_ptr<icu::AnnualTimeZoneRule> own_standard(standard), own_daylight(daylight);
  if (U_FAILURE(s) || !initial) return std::nullopt;
  ZoneRule z{};
  int32_t raw = standard ? standard->getRawOffset() : initial->getRawOffset();
  z.bias = -raw / 60000;
  z.key_name = windows_key(iana_id);
  z.standard_name = z.key_name == u"UTC" ? u"Coordinated Universal Time" : z.key_name;
  z.daylight_name = z.standard_name;
  if (auto at = z.daylight_name.find(u"Standard"); at != std::u16string::npos)
    z.daylight_name.replace(at, 8, u"Daylight");
  if (standard && daylight) {
    int32_t dst = daylight->getDSTSavings();
    z.daylight_bias = -dst / 60000;
    z.daylight_date = from_icu_rule(*daylight, true, raw, dst);
    z.standard_date = from_icu_rule(*standard, false, raw, dst);
  }
  return z;
}

std::optional<std::string> iana_for_key_name(std::u16string_view key) {
  UChar buf[128];
  UErrorCode s = U_ZERO_ERROR;
  int32_t n = ucal_getTimeZoneIDForWindowsID(key.data(), static_cast<int32_t>(key.size()), "001", buf, 128, &s);
  if (U_FAILURE(s) || n <= 0) return std::nullopt;
  return utf16_to_utf8(std::u16string_view(buf, static_cast<std::size_t>(n)));
}

const std::vector<std::u16string>& all_key_names() {
  static const std::vector<std::u16string> names = [] {
    std::set<std::u16string> keys;
    UErrorCode s = U_ZERO_ERROR;
    std::unique_ptr<icu::StringEnumeration> ids(
        icu::TimeZone::createTimeZoneIDEnumeration(UCAL_ZONE_TYPE_CANONICAL_LOCATION, nullptr, nullptr, s));
    while (U_SUCCESS(s)) {
      const icu::UnicodeString* id = ids ? ids->snext(s) : nullptr;
      if (!id) break;
      UChar buf[128];
      UErrorCode e = U_ZERO_ERROR;
      int32_t n = ucal_getWindowsTimeZoneID(id->getBuffer(), id->length(), buf, 128, &e);
      if (U_SUCCESS(e) && n > 0) keys.insert(std::u16string(buf, static_cast<std::size_t>(n)));
    }
    keys.insert(u"UTC");
    return std::vector<std::u16string>(keys.begin(), keys.end());
  }();
  return names;
}

bool in_daylight(const ZoneRule& r, std::int64_t utc) {
  if (!r.daylight_date.month || !r.standard_date.month) return false;
  int year = year_of(utc - r.bias * kTicksPerMinute);
  if (r.daylight_date.year && r.daylight_date.year != year) return false;
  std::int64_t start = transition_local(r.daylight_date, year) + (r.bias + r.standard_bias) * kTicksPerMinute;
  std::int64_t end = transition_local(r.standard_date, year) + (r.bias + r.daylight_bias) * kTicksPerMinute;
  return start < end ? (utc >= start && utc < end) : (utc >= start || utc < end);
}

std::int64_t utc_to_local(const ZoneRule& r, std::int64_t utc) {
  return utc - (r.bias + (in_daylight(r, utc) ? r.daylight_bias : r.standard_bias)) * kTicksPerMinute;
}

std::int64_t local_to_utc(const ZoneRule& r, std::int64_t local) {
  std::int64_t as_standard = local + (r.bias + r.standard_bias) * kTicksPerMinute;
  if (!in_daylight(r, as_standard)) return as_standard;
  return local + (r.bias + r.daylight_bias) * kTicksPerMinute;
}

}  // namespace sill::nt::nls
