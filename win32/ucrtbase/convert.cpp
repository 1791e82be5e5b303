// The UCRT's string -> floating-point conversions, which follow C99 where msvcrt.dll's do
// not: hexadecimal floats ("0x1.8p1"), "inf"/"infinity", "nan" and "nan(...)", no 'd'
// exponent. glibc's strtod has exactly that grammar; it runs in a "C" locale object so the
// host's locale can never change the decimal point.
#include <locale.h>

#include <cerrno>
#include <cstdlib>
#include <string>

#include "win32/msvcrt/msvcrt.h"
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
