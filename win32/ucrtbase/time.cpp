// The UCRT's additions to <time.h>: timespec_get (C11) and the _get_timezone family, over
// msvcrt's time zone state (_tzset fills it).
#include <time.h>

#include <cstring>

#include "win32/msvcrt/msvcrt_api.h"
#include "win32/ucrtbase/ucrtbase.h"

namespace sill::ucrtbase {

namespace {
constexpr int kTimeUtc = 1;  // TIME_UTC

errno_t invalid_argument() {
  msvcrt::set_errno(msvcrt::err::einval);
  _invalid_parameter_noinfo();
  return msvcrt::err::einval;
}
}  // namespace

int WINAPI _timespec64_get(Timespec64* ts, int base) noexcept {
  if (!ts) {
    invalid_argument();
    return 0;
  }
  if (base != kTimeUtc) return 0;
  timespec now;
  if (clock_gettime(CLOCK_REALTIME, &now) != 0) return 0;
  ts->tv_sec = now.tv_sec;
  ts->tv_nsec = static_cast<msvcrt::crt_long>(now.tv_nsec);
  return base;
}

errno_t WINAPI _get_timezone(msvcrt::crt_long* seconds) noexcept {
  if (!seconds) return invalid_argument();
  *seconds = *msvcrt::__p__timezone();
  return 0;
}

errno_t WINAPI _get_daylight(int* hours) noexcept {
  if (!hours) return invalid_argument();
  *hours = *msvcrt::__p__daylight();
  return 0;
}

// The name (standard time: index 0, daylight time: 1) and its size with the terminator.
errno_t WINAPI _get_tzname(std::size_t* size, char* buffer, std::size_t buffer_size, int index) noexcept {
  if (!size || (index != 0 && index != 1) || (!buffer && buffer_size)) return invalid_argument();
  const char* name = msvcrt::__p__tzname()[index];
  std::size_t n = name ? std::strlen(name) + 1 : 1;
  *size = n;
  if (!buffer) return 0;
  if (buffer_size < n) {
    if (buffer_size) buffer[0] = 0;
    return msvcrt::err::erange;
  }
  std::memcpy(buffer, name ? name : "", n);
  return 0;
}

}  // namespace sill::ucrtbase
