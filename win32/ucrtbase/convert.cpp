// The UCRT's string -> floating-point conversions, which follow C99 where msvcrt.dll's do
// not: hexadecimal floats ("0x1.8p1"), "inf"/"infinity", "nan" and "nan(...)", no 'd'
// exponent. glibc's strtod has exactly that grammar; it runs in a "C" locale object so the
// host's locale can never change the decimal point. Also the secure integer-to-text forms
// (_itoa_s & co) and _byteswap_*.
#include <locale.h>

#include <cerrno>
#include <cstdlib>
#include <string>

#include "win32/msvcrt/msvcrt.h"
#include "win32/msvcrt/msvcrt_api.h"
#include "win32/ucrtbase/ucrtbase.h"

namespace sill::ucrtbase {

namespace {

::locale_t c_locale() {
  static ::locale_t c = newlocale(LC_ALL_MASK, "C", nullptr);
  return c;
}

template <class T>
T parse(const char* s, char** end) {
  if (!s) {
    if (end) *end = nullptr;
    msvcrt::set_errno(msvcrt::err::einval);
    _invalid_parameter_noinfo();
    return 0;
  }
  errno = 0;
  T v;
  if constexpr (sizeof(T) == sizeof(float)) v = strtof_l(s, end, c_locale());
  else v = strtod_l(s, end, c_locale());
  if (errno == ERANGE) msvcrt::set_errno(msvcrt::err::erange);
  return v;
}

// Wide text: a number is ASCII, so the ASCII prefix is parsed narrow and the end mapped back
// one character for one.
template <class T>
T parse(const wchar* s, wchar** end) {
  if (!s) return parse<T>(static_cast<const char*>(nullptr), reinterpret_cast<char**>(end));
  std::string narrow;
  for (const wchar* p = s; *p && *p < 0x80; ++p) narrow.push_back(static_cast<char>(*p));
  char* stop = nullptr;
  T v = parse<T>(narrow.c_str(), &stop);
  if (end) *end = const_cast<wchar*>(s) + (stop - narrow.c_str());
  return v;
}

}  // namespace

double WINAPI strtod(const char* s, char** end) noexcept { return parse<double>(s, end); }
float WINAPI strtof(const char* s, char** end) noexcept { return parse<float>(s, end); }
double WINAPI wcstod(const wchar* s, wchar** end) noexcept { return parse<double>(s, end); }
float WINAPI wcstof(const wchar* s, wchar** end) noexcept { return parse<float>(s, end); }
double WINAPI atof(const char* s) noexcept { return parse<double>(s, nullptr); }
double WINAPI _wtof(const wchar* s) noexcept { return parse<double>(s, nullptr); }

}  // namespace sill::ucrtbase

// ---- Integer to text, the secure forms: the text and its terminator must fit ----

namespace sill::ucrtbase {

namespace {

template <class C, class T, class Convert>
errno_t to_text_s(T value, C* buffer, std::size_t size, int radix, Convert convert) {
  if (!buffer || !size) {
    msvcrt::set_errno(msvcrt::err::einval);
    _invalid_parameter_noinfo();
    return msvcrt::err::einval;
  }
  buffer[0] = 0;
  if (radix < 2 || radix > 36) {
    msvcrt::set_errno(msvcrt::err::einval);
    _invalid_parameter_noinfo();
    return msvcrt::err::einval;
  }
  C text[72];  // 64 binary digits, a sign and the terminator
  convert(value, text, radix);
  std::size_t n = 0;
  while (text[n]) ++n;
  if (n + 1 > size) {
    msvcrt::set_errno(msvcrt::err::erange);
    _invalid_parameter_noinfo();
    return msvcrt::err::erange;
  }
  for (std::size_t i = 0; i <= n; ++i) buffer[i] = text[i];
  return 0;
}

}  // namespace

errno_t WINAPI _itoa_s(int v, char* b, std::size_t n, int r) noexcept { return to_text_s(v, b, n, r, msvcrt::_itoa); }
errno_t WINAPI _ltoa_s(msvcrt::crt_long v, char* b, std::size_t n, int r) noexcept { return to_text_s(v, b, n, r, msvcrt::_ltoa); }
errno_t WINAPI _ultoa_s(msvcrt::crt_ulong v, char* b, std::size_t n, int r) noexcept { return to_text_s(v, b, n, r, msvcrt::_ultoa); }
errno_t WINAPI _i64toa_s(std::int64_t v, char* b, std::size_t n, int r) noexcept { return to_text_s(v, b, n, r, msvcrt::_i64toa); }
errno_t WINAPI _ui64toa_s(std::uint64_t v, char* b, std::size_t n, int r) noexcept { return to_text_s(v, b, n, r, msvcrt::_ui64toa); }
errno_t WINAPI _itow_s(int v, wchar* b, std::size_t n, int r) noexcept { return to_text_s(v, b, n, r, msvcrt::_itow); }
errno_t WINAPI _ltow_s(msvcrt::crt_long v, wchar* b, std::size_t n, int r) noexcept { return to_text_s(v, b, n, r, msvcrt::_ltow); }
errno_t WINAPI _ultow_s(msvcrt::crt_ulong v, wchar* b, std::size_t n, int r) noexcept { return to_text_s(v, b, n, r, msvcrt::_ultow); }
errno_t WINAPI _i64tow_s(std::int64_t v, wchar* b, std::size_t n, int r) noexcept { return to_text_s(v, b, n, r, msvcrt::_i64tow); }
errno_t WINAPI _ui64tow_s(std::uint64_t v, wchar* b, std::size_t n, int r) noexcept { return to_text_s(v, b, n, r, msvcrt::_ui64tow); }

std::uint16_t WINAPI _byteswap_ushort(std::uint16_t v) noexcept { return __builtin_bswap16(v); }
msvcrt::crt_ulong WINAPI _byteswap_ulong(msvcrt::crt_ulong v) noexcept { return __builtin_bswap32(v); }
std::uint64_t WINAPI _byteswap_uint64(std::uint64_t v) noexcept { return __builtin_bswap64(v); }

}  // namespace sill::ucrtbase
