// Floating-point conversions the Universal CRT's way. The host is asked for the exact
// decimal expansion of one double with a format this file builds (never a program's format
// string); glibc's round-to-nearest-even on the exact binary value is what the UCRT does
// since Windows 10 2004 ("%.0f" of 2.5 is "2"). Infinities and NaNs are spelled the UCRT
// way, and the legacy option widens exponents to three digits.
#include <cmath>
#include <cstdio>
#include <cstring>
#include <string>

#include "win32/msvcrt/printf_format.h"

namespace sill::msvcrt::fmt {
namespace {

// "inf", "nan", "nan(ind)" (the default NaN the x64 FPU produces, sign bit set) and
// "nan(snan)"; the sign comes from the caller.
std::string special(double v, bool upper) {
  std::uint64_t bits;
  std::memcpy(&bits, &v, 8);
  std::string s;
  if (std::isinf(v)) {
    s = "inf";
  } else if (bits == 0xFFF8000000000000ULL) {
    s = "nan(ind)";
  } else if (!(bits & (1ULL << 51))) {
    s = "nan(snan)";
  } else {
    s = "nan";
  }
  if (upper) {
    for (char& c : s) c = static_cast<char>(c >= 'a' && c <= 'z' ? c - 32 : c);
  }
  return s;
}

// "1.5e+07" -> "1.5e+007" for the legacy option.
void widen_exponent(std::string& s) {
  std::size_t e = s.find_first_of("eE");
  if (e == std::string::npos || e + 2 > s.size()) return;
  std::size_t digits = s.size() - (e + 2);
  if (digits < 3) s.insert(e + 2, 3 - digits, '0');
}

}  // namespace

std::string format_double_ucrt(double v, char conv, int prec, bool alternate, bool three_digit_exponents) {
  bool upper = conv == 'E' || conv == 'F' || conv == 'G' || conv == 'A';
  if (!std::isfinite(v)) return special(v, upper);
  char lower = static_cast<char>(conv | 0x20);
  if (lower == 'a') return format_hex_float(std::fabs(v), prec, upper);
  if (prec < 0) prec = 6;
  // Precision beyond what a double can hold still expands exactly (%.40f is all digits).
  if (prec > 1100) prec = 1100;
  char spec[8];
  char* p = spec;
  *p++ = '%';
  if (alternate) *p++ = '#';
  *p++ = '.';
  *p++ = '*';
  *p++ = conv == 'F' ? 'f' : conv;
  *p = 0;
  int n = std::snprintf(nullptr, 0, spec, prec, std::fabs(v));
  if (n < 0) return {};
  std::string s(static_cast<std::size_t>(n) + 1, '\0');
  std::snprintf(s.data(), s.size(), spec, prec, std::fabs(v));
  s.resize(static_cast<std::size_t>(n));
  if (three_digit_exponents && lower != 'f') widen_exponent(s);
  return s;
}

}  // namespace sill::msvcrt::fmt
