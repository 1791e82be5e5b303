// timezoneapi.h's zone functions over ntdll/nls_timezone: the host's zone under
// its Windows name, any Windows zone by key name, conversions under a given rule.
#include <cstring>

#include "base/debug.h"
#include "ntdll/nls_timezone.h"
#include "win32/kernel32/nls/nls_internal.h"

SILL_DEFAULT_DEBUG_CHANNEL(time);

namespace sill::kernel32 {

namespace {
constexpr DWORD TIME_ZONE_ID_UNKNOWN = 0, TIME_ZONE_ID_STANDARD = 1, TIME_ZONE_ID_DAYLIGHT = 2,
                TIME_ZONE_ID_INVALID = 0xFFFFFFFF;

void put_name(WCHAR* dst, std::size_t capacity, std::u16string_view s) {
  std::size_t n = std::min(s.size(), capacity - 1);
  std::memset(dst, 0, capacity * sizeof(WCHAR));
  std::memcpy(dst, s.data(), n * sizeof(WCHAR));
}

SYSTEMTIME to_systemtime(const nt::nls::TransitionDate& d) {
  return {d.year, d.month, d.day_of_week, d.day, d.hour, d.minute, d.second, d.milliseconds};
}
nt::nls::TransitionDate from_systemtime(const SYSTEMTIME& s) {
  return {s.wYear, s.wMonth, s.wDayOfWeek, s.wDay, s.wHour, s.wMinute, s.wSecond, s.wMilliseconds};
}

void fill(const nt::nls::ZoneRule& z, TIME_ZONE_INFORMATION* tz) {
  std::memset(tz, 0, sizeof *tz);
  tz->Bias = z.bias;
  tz->StandardBias = z.standard_bias;
  tz->DaylightBias = z.daylight_bias;
  tz->StandardDate = to_systemtime(z.standard_date);
  tz->DaylightDate = to_systemtime(z.daylight_date);
  put_name(tz->StandardName, 32, z.standard_name);
  put_name(tz->DaylightName, 32, z.daylight_name);
}

nt::nls::ZoneRule rule_of(const TIME_ZONE_INFORMATION& tz) {
  nt::nls::ZoneRule z{};
  z.bias = tz.Bias;
  z.standard_bias = tz.StandardBias;
  z.daylight_bias = tz.DaylightBias;
  z.standard_date = from_systemtime(tz.StandardDate);
  z.daylight_date = from_systemtime(tz.DaylightDate);
  return z;
}

std::optional<nt::nls::ZoneRule> host_rule(int year) {
  auto z = nt::nls::zone_rule(nt::nls::host_zone_id(), year);
  if (!z) z = nt::nls::zone_rule("Etc/UTC", year);
  return z;
}

std::int64_t ticks_of(const SYSTEMTIME& st, bool* ok) {
  FILETIME ft;
  *ok = SystemTimeToFileTime(&st, &ft);
  return static_cast<std::int64_t>((static_cast<std::uint64_t>(ft.dwHighDateTime) << 32) | ft.dwLowDateTime);
}
void systemtime_of(std::int64_t ticks, SYSTEMTIME* st) {
  FILETIME ft{static_cast<DWORD>(ticks), static_cast<DWORD>(static_cast<std::uint64_t>(ticks) >> 32)};
  FileTimeToSystemTime(&ft, st);
}

DWORD zone_id(const nt::nls::ZoneRule& z) {
  if (!z.daylight_date.month) return TIME_ZONE_ID_UNKNOWN;
  FILETIME now;
  GetSystemTimeAsFileTime(&now);
  std::int64_t t =
      static_cast<std::int64_t>((static_cast<std::uint64_t>(now.dwHighDateTime) << 32) | now.dwLowDateTime);
  return nt::nls::in_daylight(z, t) ? TIME_ZONE_ID_DAYLIGHT : TIME_ZONE_ID_STANDARD;
}

template <class Convert>
BOOL convert(const TIME_ZONE_INFORMATION* tz, const SYSTEMTIME* in, SYSTEMTIME* out, Convert fn) {
  if (!in || !out) return fail_error(win::ERROR_INVALID_PARAMETER, FALSE);
  std::optional<nt::nls::ZoneRule> z;
  if (tz)
    z = rule_of(*tz);
  else
    z = host_rule(in->wYear);
  if (!z) return fail_error(win::ERROR_INVALID_PARAMETER, FALSE);
  bool ok;
  std::int64_t t = ticks_of(*in, &ok);
  if (!ok) return FALSE;
  systemtime_of(fn(*z, t), out);
  return TRUE;
}

std::optional<nt::nls::ZoneRule> dynamic_rule(const DYNAMIC_TIME_ZONE_INFORMATION* d, int year) {
  if (!d) return host_rule(year);
  auto iana = nt::nls::iana_for_key_name(d->TimeZoneKeyName);
  if (!iana) return std::nullopt;
  auto z = nt::nls::zone_rule(*iana, year);
  if (z && d->DynamicDaylightTimeDisabled) {
    z->daylight_date = {};
    z->standard_date = {};
    z->daylight_bias = 0;
  }
  return z;
}
// The *Ex conversions: the rule of a zone named by key, for the year converted.
BOOL convert_dynamic(const DYNAMIC_TIME_ZONE_INFORMATION* tz, const SYSTEMTIME* in, SYSTEMTIME* out,
                     BOOL(WINAPI* fn)(const TIME_ZONE_INFORMATION*, const SYSTEMTIME*, SYSTEMTIME*) noexcept) {
  if (!in) return fail_error(win::ERROR_INVALID_PARAMETER, FALSE);
  try {
    auto z = dynamic_rule(tz, in->wYear);
    if (!z) return fail_error(win::ERROR_INVALID_PARAMETER, FALSE);
    TIME_ZONE_INFORMATION tzi;
    fill(*z, &tzi);
    return fn(&tzi, in, out);
  } catch (...) {
    return fail_error(win::ERROR_OUTOFMEMORY, FALSE);
  }
}
}  // namespace

DWORD WINAPI GetTimeZoneInformation(TIME_ZONE_INFORMATION* tz) noexcept {
  if (!tz) return fail_error(win::ERROR_INVALID_PARAMETER, TIME_ZONE_ID_INVALID);
  try {
    auto z = host_rule(0);
    if (!z) return fail_error(win::ERROR_INVALID_PARAMETER, TIME_ZONE_ID_INVALID);
    fill(*z, tz);
    return zone_id(*z);
  } catch (...) {
    return fail_error(win::ERROR_OUTOFMEMORY, TIME_ZONE_ID_INVALID);
  }
}

DWORD WINAPI GetDynamicTimeZoneInformation(DYNAMIC_TIME_ZONE_INFORMATION* tz) noexcept {
  if (!tz) return fail_error(win::ERROR_INVALID_PARAMETER, TIME_ZONE_ID_INVALID);
  try {
    auto z = host_rule(0);
    if (!z) return fail_error(win::ERROR_INVALID_PARAMETER, TIME_ZONE_ID_INVALID);
    std::memset(tz, 0, sizeof *tz);
    fill(*z, &tz->tzi);
    put_name(tz->TimeZoneKeyName, 128, z->key_name);
    return zone_id(*z);
  } catch (...) {
    return fail_error(win::ERROR_OUTOFMEMORY, TIME_ZONE_ID_INVALID);
  }
}

BOOL WINAPI GetTimeZoneInformationForYear(USHORT year, DYNAMIC_TIME_ZONE_INFORMATION* zone,
                                          TIME_ZONE_INFORMATION* tz) noexcept {
  if (!tz) return fail_error(win::ERROR_INVALID_PARAMETER, FALSE);
  try {
    auto z = dynamic_rule(zone, year);
    if (!z) return fail_error(win::ERROR_FILE_NOT_FOUND, FALSE);  // no such key in the zone database
    fill(*z, tz);
    return TRUE;
  } catch (...) {
    return fail_error(win::ERROR_OUTOFMEMORY, FALSE);
  }
}

DWORD WINAPI EnumDynamicTimeZoneInformation(DWORD index, DYNAMIC_TIME_ZONE_INFORMATION* tz) noexcept {
  if (!tz) return win::ERROR_INVALID_PARAMETER;
  try {
    const auto& keys = nt::nls::all_key_names();
    if (index >= keys.size()) return win::ERROR_NO_MORE_ITEMS;
    auto iana = nt::nls::iana_for_key_name(keys[index]);
    auto z = iana ? nt::nls::zone_rule(*iana, 0) : std::nullopt;
    if (!z) return win::ERROR_NO_MORE_ITEMS;
    std::memset(tz, 0, sizeof *tz);
    fill(*z, &tz->tzi);
    put_name(tz->TimeZoneKeyName, 128, keys[index]);
    return win::ERROR_SUCCESS;
  } catch (...) {
    return win::ERROR_OUTOFMEMORY;
  }
}

BOOL WINAPI SystemTimeToTzSpecificLocalTime(const TIME_ZONE_INFORMATION* tz, const SYSTEMTIME* utc,
                                            SYSTEMTIME* local) noexcept {
  try {
    return convert(tz, utc, local, nt::nls::utc_to_local);
  } catch (...) {
    return fail_error(win::ERROR_OUTOFMEMORY, FALSE);
  }
}

BOOL WINAPI TzSpecificLocalTimeToSystemTime(const TIME_ZONE_INFORMATION* tz, const SYSTEMTIME* local,
                                            SYSTEMTIME* utc) noexcept {
  try {
    return convert(tz, local, utc, nt::nls::local_to_utc);
  } catch (...) {
    return fail_error(win::ERROR_OUTOFMEMORY, FALSE);
  }
}

BOOL WINAPI SystemTimeToTzSpecificLocalTimeEx(const DYNAMIC_TIME_ZONE_INFORMATION* tz, const SYSTEMTIME* utc,
                                              SYSTEMTIME* local) noexcept {
  return convert_dynamic(tz, utc, local, SystemTimeToTzSpecificLocalTime);
}

BOOL WINAPI TzSpecificLocalTimeToSystemTimeEx(const DYNAMIC_TIME_ZONE_INFORMATION* tz, const SYSTEMTIME* local,
                                              SYSTEMTIME* utc) noexcept {
  return convert_dynamic(tz, local, utc, TzSpecificLocalTimeToSystemTime);
}

}  // namespace sill::kernel32
