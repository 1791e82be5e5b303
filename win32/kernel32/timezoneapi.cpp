// timezoneapi.h and the sysinfoapi.h clock readers: FILETIME <-> SYSTEMTIME,
// local time (the zone itself: nls/timezone.cpp).
#include <time.h>

#include <algorithm>
#include <cstring>

#include "base/debug.h"
#include "base/unicode.h"
#include "ntdll/time.h"
#include "win32/kernel32/kernel32.h"
#include "win32/kernel32/kernel32_internal.h"

SILL_DEFAULT_DEBUG_CHANNEL(time);

namespace sill::kernel32 {

namespace {
constexpr std::int64_t kTicksPerDay = 864000000000LL;

// Days since 1601-01-01 for a proleptic Gregorian date, and back. 1601 starts a
// 400-year cycle, which keeps the arithmetic simple.
std::int64_t days_from_date(int y, int m, int d) {
  static constexpr int kCum[] = {0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334};
  std::int64_t yy = y - 1601;
  std::int64_t days = yy * 365 + yy / 4 - yy / 100 + yy / 400 + kCum[m - 1] + d - 1;
  bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  if (leap && m > 2) ++days;
  return days;
}
void date_from_days(std::int64_t days, int* y, int* m, int* d) {
  std::int64_t cycles = days / 146097, rem = days % 146097;
  std::int64_t centuries = std::min<std::int64_t>(rem / 36524, 3);
  rem -= centuries * 36524;
  std::int64_t quads = rem / 1461;
  rem -= quads * 1461;
  std::int64_t years = std::min<std::int64_t>(rem / 365, 3);
  rem -= years * 365;
  int year = static_cast<int>(1601 + cycles * 400 + centuries * 100 + quads * 4 + years);
  bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  static constexpr int kLen[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  int month = 0;
  while (true) {
    int len = kLen[month] + (month == 1 && leap ? 1 : 0);
    if (rem < len) break;
    rem -= len;
    ++month;
  }
  *y = year;
  *m = month + 1;
  *d = static_cast<int>(rem) + 1;
}

std::int64_t ft_value(const FILETIME* ft) {
  return static_cast<std::int64_t>((static_cast<std::uint64_t>(ft->dwHighDateTime) << 32) | ft->dwLowDateTime);
}
void set_ft(FILETIME* ft, std::int64_t v) {
  ft->dwLowDateTime = static_cast<DWORD>(v);
  ft->dwHighDateTime = static_cast<DWORD>(static_cast<std::uint64_t>(v) >> 32);
}

void to_systemtime(std::int64_t t, SYSTEMTIME* st) {
  std::int64_t days = t / kTicksPerDay, rem = t % kTicksPerDay;
  int y, m, d;
  date_from_days(days, &y, &m, &d);
  st->wYear = static_cast<WORD>(y);
  st->wMonth = static_cast<WORD>(m);
  st->wDay = static_cast<WORD>(d);
  st->wDayOfWeek = static_cast<WORD>((days + 1) % 7);  // 1601-01-01 was a Monday
  st->wHour = static_cast<WORD>(rem / 36000000000LL);
  st->wMinute = static_cast<WORD>(rem / 600000000LL % 60);
  st->wSecond = static_cast<WORD>(rem / 10000000LL % 60);
  st->wMilliseconds = static_cast<WORD>(rem / 10000LL % 1000);
}

std::int64_t local_bias_ticks() { return static_cast<std::int64_t>(nt::timezone_bias_minutes()) * 600000000LL; }
}  // namespace

BOOL WINAPI FileTimeToSystemTime(const FILETIME* ft, SYSTEMTIME* st) noexcept {
  std::int64_t t = ft_value(ft);
  if (t < 0) return fail_error(win::ERROR_INVALID_PARAMETER, FALSE);
  to_systemtime(t, st);
  return TRUE;
}

BOOL WINAPI SystemTimeToFileTime(const SYSTEMTIME* st, FILETIME* ft) noexcept {
  static constexpr int kLen[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (st->wYear < 1601 || st->wYear > 30827 || st->wMonth < 1 || st->wMonth > 12 || st->wDay < 1 ||
      st->wHour > 23 || st->wMinute > 59 || st->wSecond > 59 || st->wMilliseconds > 999)
    return fail_error(win::ERROR_INVALID_PARAMETER, FALSE);
  bool leap = (st->wYear % 4 == 0 && st->wYear % 100 != 0) || st->wYear % 400 == 0;
  if (st->wDay > kLen[st->wMonth - 1] + (st->wMonth == 2 && leap ? 1 : 0))
    return fail_error(win::ERROR_INVALID_PARAMETER, FALSE);
  std::int64_t t = days_from_date(st->wYear, st->wMonth, st->wDay) * kTicksPerDay +
                   ((st->wHour * 60LL + st->wMinute) * 60 + st->wSecond) * 10000000LL + st->wMilliseconds * 10000LL;
  set_ft(ft, t);
  return TRUE;
}

void WINAPI GetSystemTime(SYSTEMTIME* st) noexcept { to_systemtime(nt::system_time_now(), st); }
void WINAPI GetLocalTime(SYSTEMTIME* st) noexcept { to_systemtime(nt::system_time_now() - local_bias_ticks(), st); }

BOOL WINAPI FileTimeToLocalFileTime(const FILETIME* ft, FILETIME* local) noexcept {
  set_ft(local, ft_value(ft) - local_bias_ticks());
  return TRUE;
}
BOOL WINAPI LocalFileTimeToFileTime(const FILETIME* local, FILETIME* ft) noexcept {
  set_ft(ft, ft_value(local) + local_bias_ticks());
  return TRUE;
}

}  // namespace sill::kernel32
