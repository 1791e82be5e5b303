// Time zones the Windows way: a zone is a key name ("W. Europe Standard Time")
// with one yearly rule (bias, standard and daylight dates as "the last Sunday of
// March at 2:00"). The host's IANA zone (TZ, /etc/localtime) and its rules come
// from ICU, as does the IANA <-> Windows name mapping (CLDR's windowsZones).
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "base/wintypes.h"

namespace sill::nt::nls {

// SYSTEMTIME's fields, for the transition dates (wYear 0: a yearly rule where wDay
// is the week of the month, 5 = the last).
struct TransitionDate {
  win::WORD year, month, day_of_week, day, hour, minute, second, milliseconds;
};

struct ZoneRule {
  win::LONG bias;           // minutes, UTC = local + bias
  win::LONG standard_bias;  // 0
  win::LONG daylight_bias;  // -60 for most zones, 0 without daylight time
  TransitionDate standard_date, daylight_date;  // all zero without daylight time
  std::u16string key_name, standard_name, daylight_name;
};

// The host's zone: its IANA id, and its rule for `year` (0: this year).
std::string host_zone_id();
std::optional<ZoneRule> zone_rule(const std::string& iana_id, int year);
// A Windows key name's IANA zone ("Pacific Standard Time" -> "America/Los_Angeles").
std::optional<std::string> iana_for_key_name(std::u16string_view key);
// Every Windows key name, sorted.
const std::vector<std::u16string>& all_key_names();

// Local time from UTC and back under a rule, in 100 ns ticks since 1601.
std::int64_t utc_to_local(const ZoneRule& rule, std::int64_t utc);
std::int64_t local_to_utc(const ZoneRule& rule, std::int64_t local);
// Whether `utc` falls in daylight time under the rule.
bool in_daylight(const ZoneRule& rule, std::int64_t utc);

}  // namespace sill::nt::nls
