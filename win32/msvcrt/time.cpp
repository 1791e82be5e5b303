// <time.h>: time, localtime/gmtime/mktime (64-bit time_t), clock, strftime/wcsftime in
// the C locale, _ftime, and the _timezone/_daylight/_tzname globals. The host's time
// zone database answers local time.
#include <sys/time.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <string>
#include <type_traits>

#include "base/debug.h"
#include "win32/msvcrt/msvcrt.h"
#include "win32/msvcrt/msvcrt_api.h"

SILL_DEFAULT_DEBUG_CHANNEL(msvcrt);

namespace sill::msvcrt {

crt_long timezone_value = 0;
int daylight_value = 0;
char* tzname_value[2] = {nullptr, nullptr};

namespace {

thread_local TM t_tm;
thread_local char t_asctime[96];
const auto g_start = std::chrono::steady_clock::now();

const char* const kDays[] = {"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"};
const char* const kMonths[] = {"January", "February", "March",     "April",   "May",      "June",
                               "July",    "August",   "September", "October", "November", "December"};

void from_host(const std::tm& h, TM* t) {
  t->tm_sec = h.tm_sec;
  t->tm_min = h.tm_min;
  t->tm_hour = h.tm_hour;
  t->tm_mday = h.tm_mday;
  t->tm_mon = h.tm_mon;
  t->tm_year = h.tm_year;
  t->tm_wday = h.tm_wday;
  t->tm_yday = h.tm_yday;
  t->tm_isdst = h.tm_isdst;
}

std::tm to_host(const TM* t) {
  std::tm h{};
  h.tm_sec = t->tm_sec;
  h.tm_min = t->tm_min;
  h.tm_hour = t->tm_hour;
  h.tm_mday = t->tm_mday;
  h.tm_mon = t->tm_mon;
  h.tm_year = t->tm_year;
  h.tm_wday = t->tm_wday;
  h.tm_yday = t->tm_yday;
  h.tm_isdst = t->tm_isdst;
  return h;
}

// msvcrt accepts times from 1970 up to 3000-12-31 23:59:59 UTC.
constexpr time64_t kMaxTime = 32535215999LL;

bool convert(const time64_t* t, TM* out, bool local) {
  if (!t || *t < 0 || *t > kMaxTime) {
    set_errno(err::einval);
    return false;
  }
  std::time_t v = static_cast<std::time_t>(*t);
  std::tm h{};
  if (!(local ? localtime_r(&v, &h) : gmtime_r(&v, &h))) {
    set_errno(err::einval);
    return false;
  }
  from_host(h, out);
  return true;
}

int week_number(const TM* t, int first_weekday) {  // %U (Sunday) / %W (Monday)
  int wday = (t->tm_wday + 7 - first_weekday) % 7;
  return (t->tm_yday + 7 - wday) / 7;
}

// Appends one conversion; false for an unknown one.
bool expand(std::string& out, char c, bool alt, const TM* t) {
  char buf[64];
  auto num = [&](int v, int width) {
    if (alt) std::snprintf(buf, sizeof buf, "%d", v);
    else std::snprintf(buf, sizeof buf, "%0*d", width, v);
    out += buf;
  };
  switch (c) {
    case 'a': out.append(kDays[static_cast<unsigned>(t->tm_wday) % 7], 3); break;
    case 'A': out += kDays[static_cast<unsigned>(t->tm_wday) % 7]; break;
    case 'b':
    case 'h': out.append(kMonths[static_cast<unsigned>(t->tm_mon) % 12], 3); break;
    case 'B': out += kMonths[static_cast<unsigned>(t->tm_mon) % 12]; break;
    case 'c':
      if (alt) {
        expand(out, 'A', false, t);
        out += ", ";
        expand(out, 'B', false, t);
        out += ' ';
        num(t->tm_mday, 2);
        out += ", ";
        num(t->tm_year + 1900, 4);
        out += ' ';
        expand(out, 'X', false, t);
      } else {
        expand(out, 'x', false, t);
        out += ' ';
        expand(out, 'X', false, t);
      }
      break;
    case 'd': num(t->tm_mday, 2); break;
    case 'e':
      std::snprintf(buf, sizeof buf, "%2d", t->tm_mday);
      out += buf;
      break;
    case 'D':
    case 'x':
      num(t->tm_mon + 1, 2);
      out += '/';
      num(t->tm_mday, 2);
      out += '/';
      num(t->tm_year % 100, 2);
      break;
    case 'F':
      num(t->tm_year + 1900, 4);
      out += '-';
      num(t->tm_mon + 1, 2);
      out += '-';
      num(t->tm_mday, 2);
      break;
    case 'H': num(t->tm_hour, 2); break;
    case 'I': num(t->tm_hour % 12 == 0 ? 12 : t->tm_hour % 12, 2); break;
    case 'j': num(t->tm_yday + 1, 3); break;
    case 'm': num(t->tm_mon + 1, 2); break;
    case 'M': num(t->tm_min, 2); break;
    case 'n': out += '\n'; break;
    case 't': out += '\t'; break;
    case 'p': out += t->tm_hour < 12 ? "AM" : "PM"; break;
    case 'R':
      num(t->tm_hour, 2);
      out += ':';
      num(t->tm_min, 2);
      break;
    case 'S': num(t->tm_sec, 2); break;
    case 'T':
    case 'X':
      num(t->tm_hour, 2);
      out += ':';
      num(t->tm_min, 2);
      out += ':';
      num(t->tm_sec, 2);
      break;
    case 'u': num(t->tm_wday == 0 ? 7 : t->tm_wday, 1); break;
    case 'U': num(week_number(t, 0), 2); break;
    case 'w': num(t->tm_wday, 1); break;
    case 'W': num(week_number(t, 1), 2); break;
    case 'y': num(t->tm_year % 100, 2); break;
    case 'Y': num(t->tm_year + 1900, 4); break;
    case 'C': num((t->tm_year + 1900) / 100, 2); break;
    case 'z': {
      _tzset();
      crt_long west = timezone_value - (t->tm_isdst > 0 ? 3600 : 0);
      std::snprintf(buf, sizeof buf, "%c%02d%02d", west > 0 ? '-' : '+', std::abs(west) / 3600,
                    std::abs(west) / 60 % 60);
      out += buf;
      break;
    }
    case 'Z':
      _tzset();
      if (tzname_value[t->tm_isdst > 0 ? 1 : 0]) out += tzname_value[t->tm_isdst > 0 ? 1 : 0];
      break;
    case '%': out += '%'; break;
    default: return false;
  }
  return true;
}

template <class C>
bool is_ascii(C c) {
  return static_cast<std::uint32_t>(static_cast<std::make_unsigned_t<C>>(c)) < 0x80;
}

template <class C>
std::size_t format_time(C* dst, std::size_t max, const C* f, const TM* t) {
  if (!dst || !f || !t) {
    set_errno(err::einval);
    if (dst && max) dst[0] = 0;
    return 0;
  }
  std::string out;
  for (; *f; ++f) {
    if (*f != C('%')) {
      if constexpr (sizeof(C) == 1) {
        out.push_back(*f);
      } else {
        // Keep wide characters intact: mark them and re-expand below.
        out.push_back('\x01');
        out.append(reinterpret_cast<const char*>(f), 2);
      }
      continue;
    }
    ++f;
    bool alt = false;
    if (*f == C('#')) {
      alt = true;
      ++f;
    }
    if (!*f || !is_ascii(*f) || !expand(out, static_cast<char>(*f), alt, t)) {
      set_errno(err::einval);
      if (max) dst[0] = 0;
      return 0;
    }
  }
  std::size_t n = 0;
  for (std::size_t i = 0; i < out.size(); ++i) {
    if (n + 1 >= max + (max == 0)) {
      if (max) dst[0] = 0;
      set_errno(err::erange);
      return 0;
    }
    if constexpr (sizeof(C) == 1) {
      dst[n++] = out[i];
    } else if (out[i] == '\x01') {
      C c;
      std::memcpy(&c, out.data() + i + 1, 2);
      dst[n++] = c;
      i += 2;
    } else {
      dst[n++] = static_cast<unsigned char>(out[i]);
    }
  }
  if (n >= max) {
    if (max) dst[0] = 0;
    return 0;
  }
  dst[n] = 0;
  return n;
}

}  // namespace

// ---- Exports ----

time64_t WINAPI _time64(time64_t* out) noexcept {
  time64_t now = static_cast<time64_t>(std::time(nullptr));
  if (out) *out = now;
  return now;
}

std::int32_t WINAPI _time32(std::int32_t* out) noexcept {
  auto now = static_cast<std::int32_t>(std::time(nullptr));
  if (out) *out = now;
  return now;
}

TM* WINAPI _localtime64(const time64_t* t) noexcept { return convert(t, &t_tm, true) ? &t_tm : nullptr; }
TM* WINAPI _gmtime64(const time64_t* t) noexcept { return convert(t, &t_tm, false) ? &t_tm : nullptr; }

errno_t WINAPI _localtime64_s(TM* out, const time64_t* t) noexcept {
  if (!out) return err::einval;
  return convert(t, out, true) ? 0 : err::einval;
}

errno_t WINAPI _gmtime64_s(TM* out, const time64_t* t) noexcept {
  if (!out) return err::einval;
  return convert(t, out, false) ? 0 : err::einval;
}

TM* WINAPI _localtime32(const std::int32_t* t) noexcept {
  if (!t) return nullptr;
  time64_t v = *t;
  return _localtime64(&v);
}

TM* WINAPI _gmtime32(const std::int32_t* t) noexcept {
  if (!t) return nullptr;
  time64_t v = *t;
  return _gmtime64(&v);
}

time64_t WINAPI _mktime64(TM* t) noexcept {
  if (!t) {
    set_errno(err::einval);
    return -1;
  }
  std::tm h = to_host(t);
  std::time_t v = std::mktime(&h);
  if (v == -1 || v < 0 || v > kMaxTime) return -1;
  from_host(h, t);  // mktime normalizes the fields
  return v;
}

time64_t WINAPI _mkgmtime64(TM* t) noexcept {
  if (!t) {
    set_errno(err::einval);
    return -1;
  }
  std::tm h = to_host(t);
  std::time_t v = timegm(&h);
  if (v < 0 || v > kMaxTime) return -1;
  from_host(h, t);
  return v;
}

double WINAPI _difftime64(time64_t a, time64_t b) noexcept { return static_cast<double>(a - b); }

crt_long WINAPI clock() noexcept {
  auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - g_start);
  return static_cast<crt_long>(ms.count());
}

void WINAPI _tzset() noexcept {
  ::tzset();
  timezone_value = static_cast<crt_long>(::timezone);
  daylight_value = ::daylight;
  tzname_value[0] = ::tzname[0];
  tzname_value[1] = ::tzname[1];
}

crt_long* WINAPI __p__timezone() noexcept { return &timezone_value; }
int* WINAPI __p__daylight() noexcept { return &daylight_value; }
char** WINAPI __p__tzname() noexcept { return tzname_value; }

std::size_t WINAPI strftime(char* dst, std::size_t max, const char* f, const TM* t) noexcept {
  try {
    return format_time(dst, max, f, t);
  } catch (...) {
    set_errno(err::enomem);
    return 0;
  }
}

std::size_t WINAPI wcsftime(wchar* dst, std::size_t max, const wchar* f, const TM* t) noexcept {
  try {
    return format_time(dst, max, f, t);
  } catch (...) {
    set_errno(err::enomem);
    return 0;
  }
}

char* WINAPI asctime(const TM* t) noexcept {
  if (!t) {
    set_errno(err::einval);
    return nullptr;
  }
  std::snprintf(t_asctime, sizeof t_asctime, "%.3s %.3s %02d %02d:%02d:%02d %4d\n",
                kDays[static_cast<unsigned>(t->tm_wday) % 7], kMonths[static_cast<unsigned>(t->tm_mon) % 12],
                t->tm_mday, t->tm_hour, t->tm_min, t->tm_sec, t->tm_year + 1900);
  return t_asctime;
}

char* WINAPI _ctime64(const time64_t* t) noexcept {
  TM* tm = _localtime64(t);
  return tm ? asctime(tm) : nullptr;
}

char* WINAPI _ctime32(const std::int32_t* t) noexcept {
  TM* tm = _localtime32(t);
  return tm ? asctime(tm) : nullptr;
}

void WINAPI _ftime64(TIMEB* tb) noexcept {
  if (!tb) return;
  struct timeval tv;
  gettimeofday(&tv, nullptr);
  _tzset();
  tb->time = tv.tv_sec;
  tb->millitm = static_cast<std::uint16_t>(tv.tv_usec / 1000);
  tb->timezone = static_cast<std::int16_t>(timezone_value / 60);
  std::time_t now = tv.tv_sec;
  std::tm h{};
  localtime_r(&now, &h);
  tb->dstflag = static_cast<std::int16_t>(h.tm_isdst > 0);
}

char* WINAPI _strdate(char* buf) noexcept {
  time64_t now = _time64(nullptr);
  TM t;
  if (!buf || !convert(&now, &t, true)) return buf;
  char text[48];
  std::snprintf(text, sizeof text, "%02d/%02d/%02d", t.tm_mon + 1, t.tm_mday, t.tm_year % 100);
  std::memcpy(buf, text, 9);
  return buf;
}

char* WINAPI _strtime(char* buf) noexcept {
  time64_t now = _time64(nullptr);
  TM t;
  if (!buf || !convert(&now, &t, true)) return buf;
  char text[48];
  std::snprintf(text, sizeof text, "%02d:%02d:%02d", t.tm_hour, t.tm_min, t.tm_sec);
  std::memcpy(buf, text, 9);
  return buf;
}

}  // namespace sill::msvcrt
