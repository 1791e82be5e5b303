// Number <-> text conversions of <stdlib.h>: strtol and friends (narrow and wide, with
// Windows' 32-bit long), strtod in the C locale, atoi, and _itoa and friends.
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <string>

#include "base/debug.h"
#include "win32/msvcrt/msvcrt.h"
#include "win32/msvcrt/msvcrt_api.h"

SILL_DEFAULT_DEBUG_CHANNEL(msvcrt);

namespace sill::msvcrt {
namespace {

template <class C>
bool space(C c) {
  return c == C(' ') || (c >= C('\t') && c <= C('\r'));
}

template <class C>
int digit_value(C c) {
  if (c >= C('0') && c <= C('9')) return c - C('0');
  if (c >= C('a') && c <= C('z')) return c - C('a') + 10;
  if (c >= C('A') && c <= C('Z')) return c - C('A') + 10;
  return 99;
}

// Parses an integer; `max_neg`/`max_pos` bound the signed result, or for unsigned
// conversions (is_unsigned) `max_pos` bounds the magnitude and a minus sign negates.
template <class C>
std::uint64_t parse_integer(const C* s, C** end, int base, bool is_unsigned, std::uint64_t max_pos,
                            std::uint64_t max_neg) {
  const C* p = s;
  if (end) *end = const_cast<C*>(s);
  if (!s || base < 0 || base == 1 || base > 36) {
    set_errno(err::einval);
    return 0;
  }
  while (space(*p)) ++p;
  bool negative = false;
  if (*p == C('+') || *p == C('-')) negative = *p++ == C('-');
  if ((base == 0 || base == 16) && p[0] == C('0') && (p[1] == C('x') || p[1] == C('X')) && digit_value(p[2]) < 16) {
    p += 2;
    base = 16;
  } else if (base == 0) {
    base = p[0] == C('0') ? 8 : 10;
  }
  const C* first = p;
  std::uint64_t value = 0;
  bool overflow = false;
  std::uint64_t limit = is_unsigned ? max_pos : (negative ? max_neg : max_pos);
  for (;; ++p) {
    int d = digit_value(*p);
    if (d >= base) break;
    if (value > (limit - static_cast<std::uint64_t>(d)) / static_cast<std::uint64_t>(base)) overflow = true;
    else value = value * static_cast<std::uint64_t>(base) + static_cast<std::uint64_t>(d);
  }
  if (p == first) return 0;  // no digits: *end stays at s
  if (end) *end = const_cast<C*>(p);
  if (overflow) {
    set_errno(err::erange);
    if (is_unsigned) return max_pos;
    return negative ? 0 - max_neg : max_pos;
  }
  return negative ? 0 - value : value;
}

// strtod in the C locale: decimal syntax only, as msvcrt.dll accepts it.
template <class C>
double parse_double(const C* s, C** end) {
  const C* p = s;
  if (end) *end = const_cast<C*>(s);
  if (!s) {
    set_errno(err::einval);
    return 0;
  }
  while (space(*p)) ++p;
  std::string text;
  if (*p == C('+') || *p == C('-')) text.push_back(static_cast<char>(*p++));
  std::size_t digits = 0;
  while (*p >= C('0') && *p <= C('9')) {
    text.push_back(static_cast<char>(*p++));
    ++digits;
  }
  if (*p == C('.')) {
    text.push_back('.');
    ++p;
    while (*p >= C('0') && *p <= C('9')) {
      text.push_back(static_cast<char>(*p++));
      ++digits;
    }
  }
  if (!digits) return 0;
  if (*p == C('e') || *p == C('E') || *p == C('d') || *p == C('D')) {
    const C* q = p + 1;
    std::string exp = "e";
    if (*q == C('+') || *q == C('-')) exp.push_back(static_cast<char>(*q++));
    if (*q >= C('0') && *q <= C('9')) {
      while (*q >= C('0') && *q <= C('9')) exp.push_back(static_cast<char>(*q++));
      text += exp;
      p = q;
    }
  }
  if (end) *end = const_cast<C*>(p);
  errno = 0;
  double v = std::strtod(text.c_str(), nullptr);
  if (errno == ERANGE) set_errno(err::erange);
  return v;
}

template <class C>
C* to_text(std::uint64_t mag, bool negative, C* buf, int radix) {
  if (radix < 2 || radix > 36) {
    set_errno(err::einval);
    if (buf) buf[0] = 0;
    return buf;
  }
  C tmp[72];
  int n = 0;
  do {
    int d = static_cast<int>(mag % static_cast<unsigned>(radix));
    tmp[n++] = static_cast<C>(d < 10 ? '0' + d : 'a' + d - 10);
    mag /= static_cast<unsigned>(radix);
  } while (mag);
  C* p = buf;
  if (negative) *p++ = C('-');
  while (n) *p++ = tmp[--n];
  *p = 0;
  return buf;
}

// _itoa: a minus sign only in base 10; other bases show the two's complement.
template <class C, class S, class U>
C* signed_to_text(S v, C* buf, int radix) {
  if (radix == 10 && v < 0) return to_text(0 - static_cast<std::uint64_t>(static_cast<std::int64_t>(v)), true, buf, radix);
  return to_text(static_cast<U>(v), false, buf, radix);
}

constexpr std::uint64_t kLongMax = 0x7FFFFFFF, kLongMinMag = 0x80000000, kULongMax = 0xFFFFFFFF;
constexpr std::uint64_t kI64Max = 0x7FFFFFFFFFFFFFFF, kI64MinMag = 0x8000000000000000, kU64Max = ~0ULL;

}  // namespace

crt_long WINAPI strtol(const char* s, char** end, int base) noexcept {
  return static_cast<crt_long>(parse_integer(s, end, base, false, kLongMax, kLongMinMag));
}
crt_ulong WINAPI strtoul(const char* s, char** end, int base) noexcept {
  return static_cast<crt_ulong>(parse_integer(s, end, base, true, kULongMax, 0));
}
std::int64_t WINAPI _strtoi64(const char* s, char** end, int base) noexcept {
  return static_cast<std::int64_t>(parse_integer(s, end, base, false, kI64Max, kI64MinMag));
}
std::uint64_t WINAPI _strtoui64(const char* s, char** end, int base) noexcept {
  return parse_integer(s, end, base, true, kU64Max, 0);
}
crt_long WINAPI wcstol(const wchar* s, wchar** end, int base) noexcept {
  return static_cast<crt_long>(parse_integer(s, end, base, false, kLongMax, kLongMinMag));
}
crt_ulong WINAPI wcstoul(const wchar* s, wchar** end, int base) noexcept {
  return static_cast<crt_ulong>(parse_integer(s, end, base, true, kULongMax, 0));
}
std::int64_t WINAPI _wcstoi64(const wchar* s, wchar** end, int base) noexcept {
  return static_cast<std::int64_t>(parse_integer(s, end, base, false, kI64Max, kI64MinMag));
}
std::uint64_t WINAPI _wcstoui64(const wchar* s, wchar** end, int base) noexcept {
  return parse_integer(s, end, base, true, kU64Max, 0);
}

double WINAPI strtod(const char* s, char** end) noexcept { return parse_double(s, end); }
double WINAPI wcstod(const wchar* s, wchar** end) noexcept { return parse_double(s, end); }
double WINAPI atof(const char* s) noexcept { return parse_double<char>(s, nullptr); }
double WINAPI _wtof(const wchar* s) noexcept { return parse_double<wchar>(s, nullptr); }

int WINAPI atoi(const char* s) noexcept { return static_cast<int>(strtol(s, nullptr, 10)); }
crt_long WINAPI atol(const char* s) noexcept { return strtol(s, nullptr, 10); }
std::int64_t WINAPI _atoi64(const char* s) noexcept { return _strtoi64(s, nullptr, 10); }
int WINAPI _wtoi(const wchar* s) noexcept { return static_cast<int>(wcstol(s, nullptr, 10)); }
crt_long WINAPI _wtol(const wchar* s) noexcept { return wcstol(s, nullptr, 10); }
std::int64_t WINAPI _wtoi64(const wchar* s) noexcept { return _wcstoi64(s, nullptr, 10); }

char* WINAPI _itoa(int v, char* buf, int radix) noexcept { return signed_to_text<char, int, unsigned>(v, buf, radix); }
char* WINAPI _ltoa(crt_long v, char* buf, int radix) noexcept {
  return signed_to_text<char, crt_long, crt_ulong>(v, buf, radix);
}
char* WINAPI _ultoa(crt_ulong v, char* buf, int radix) noexcept { return to_text<char>(v, false, buf, radix); }
char* WINAPI _i64toa(std::int64_t v, char* buf, int radix) noexcept {
  return signed_to_text<char, std::int64_t, std::uint64_t>(v, buf, radix);
}
char* WINAPI _ui64toa(std::uint64_t v, char* buf, int radix) noexcept { return to_text<char>(v, false, buf, radix); }
wchar* WINAPI _itow(int v, wchar* buf, int radix) noexcept { return signed_to_text<wchar, int, unsigned>(v, buf, radix); }
wchar* WINAPI _ltow(crt_long v, wchar* buf, int radix) noexcept {
  return signed_to_text<wchar, crt_long, crt_ulong>(v, buf, radix);
}
wchar* WINAPI _ultow(crt_ulong v, wchar* buf, int radix) noexcept { return to_text<wchar>(v, false, buf, radix); }
wchar* WINAPI _i64tow(std::int64_t v, wchar* buf, int radix) noexcept {
  return signed_to_text<wchar, std::int64_t, std::uint64_t>(v, buf, radix);
}
wchar* WINAPI _ui64tow(std::uint64_t v, wchar* buf, int radix) noexcept { return to_text<wchar>(v, false, buf, radix); }

}  // namespace sill::msvcrt
