// <math.h> and <float.h>: the host's libm does the arithmetic (the results are IEEE
// double either way); errno (EDOM/ERANGE, the same numbers on both systems) is carried
// over to the program's errno.
#include <cerrno>
#include <cfenv>
#include <cmath>

#include "base/debug.h"
#include "win32/msvcrt/msvcrt.h"
#include "win32/msvcrt/math_errno.h"
#include "win32/msvcrt/msvcrt_api.h"

SILL_DEFAULT_DEBUG_CHANNEL(msvcrt);

namespace sill::msvcrt {
namespace {

template <class F, class... A>
auto checked(F f, A... a) {
  return checked_math(f, a...);
}

}  // namespace

#define SILL_MATH1(name)                                                                \
  double WINAPI name(double x) noexcept { return checked([](double v) { return std::name(v); }, x); }
#define SILL_MATH2(name)                                                                \
  double WINAPI name(double x, double y) noexcept {                                    \
    return checked([](double a, double b) { return std::name(a, b); }, x, y);           \
  }
#define SILL_MATHF1(name, host)                                                         \
  float WINAPI name(float x) noexcept { return checked([](float v) { return std::host(v); }, x); }
#define SILL_MATHF2(name, host)                                                         \
  float WINAPI name(float x, float y) noexcept {                                       \
    return checked([](float a, float b) { return std::host(a, b); }, x, y);             \
  }

SILL_MATH1(sin)
SILL_MATH1(cos)
SILL_MATH1(tan)
SILL_MATH1(asin)
SILL_MATH1(acos)
SILL_MATH1(atan)
SILL_MATH1(sinh)
SILL_MATH1(cosh)
SILL_MATH1(tanh)
SILL_MATH1(exp)
SILL_MATH1(log)
SILL_MATH1(log10)
SILL_MATH1(sqrt)
SILL_MATH1(floor)
SILL_MATH1(ceil)
SILL_MATH1(fabs)
SILL_MATH2(atan2)
SILL_MATH2(pow)
SILL_MATH2(fmod)
SILL_MATHF1(sinf, sin)
SILL_MATHF1(cosf, cos)
SILL_MATHF1(tanf, tan)
SILL_MATHF1(asinf, asin)
SILL_MATHF1(acosf, acos)
SILL_MATHF1(atanf, atan)
SILL_MATHF1(sinhf, sinh)
SILL_MATHF1(coshf, cosh)
SILL_MATHF1(tanhf, tanh)
SILL_MATHF1(expf, exp)
SILL_MATHF1(logf, log)
SILL_MATHF1(log10f, log10)
SILL_MATHF1(sqrtf, sqrt)
SILL_MATHF1(floorf, floor)
SILL_MATHF1(ceilf, ceil)
SILL_MATHF2(atan2f, atan2)
SILL_MATHF2(powf, pow)
SILL_MATHF2(fmodf, fmod)

double WINAPI _hypot(double x, double y) noexcept { return checked([](double a, double b) { return std::hypot(a, b); }, x, y); }
float WINAPI _hypotf(float x, float y) noexcept { return checked([](float a, float b) { return std::hypot(a, b); }, x, y); }
double WINAPI ldexp(double x, int e) noexcept { return checked([](double a, int b) { return std::ldexp(a, b); }, x, e); }
double WINAPI frexp(double x, int* e) noexcept { return std::frexp(x, e); }
double WINAPI modf(double x, double* i) noexcept { return std::modf(x, i); }
float WINAPI modff(float x, float* i) noexcept { return std::modf(x, i); }
double WINAPI _copysign(double x, double y) noexcept { return std::copysign(x, y); }
float WINAPI _copysignf(float x, float y) noexcept { return std::copysign(x, y); }
double WINAPI _chgsign(double x) noexcept { return -x; }
double WINAPI _logb(double x) noexcept { return checked([](double a) { return std::logb(a); }, x); }
double WINAPI _nextafter(double x, double y) noexcept { return std::nextafter(x, y); }
double WINAPI _scalb(double x, crt_long e) noexcept { return checked([](double a, long b) { return std::scalbln(a, b); }, x, static_cast<long>(e)); }
int WINAPI _finite(double x) noexcept { return std::isfinite(x) ? 1 : 0; }
int WINAPI _isnan(double x) noexcept { return std::isnan(x) ? 1 : 0; }
int WINAPI _finitef(float x) noexcept { return std::isfinite(x) ? 1 : 0; }
int WINAPI _isnanf(float x) noexcept { return std::isnan(x) ? 1 : 0; }

// _fpclass: Microsoft's classification bits.
int WINAPI _fpclass(double x) noexcept {
  bool neg = std::signbit(x);
  switch (std::fpclassify(x)) {
    case FP_NAN: return 0x0002;  // _FPCLASS_QNAN (signalling NaNs are not told apart)
    case FP_INFINITE: return neg ? 0x0004 : 0x0200;
    case FP_ZERO: return neg ? 0x0020 : 0x0040;
    case FP_SUBNORMAL: return neg ? 0x0010 : 0x0080;
    default: return neg ? 0x0008 : 0x0100;
  }
}

// The x64 floating-point control word Windows starts with: all exceptions masked,
// round to nearest, 53-bit precision. Changes are not applied to the SSE unit.
unsigned WINAPI _controlfp(unsigned value, unsigned mask) noexcept {
  static unsigned word = 0x0009001F;
  if (mask) {
    FIXME_ONCE("control word changes (%#x, mask %#x) are recorded, not applied\n", value, mask);
    word = (word & ~mask) | (value & mask);
  }
  return word;
}

unsigned WINAPI _control87(unsigned value, unsigned mask) noexcept { return _controlfp(value, mask); }

errno_t WINAPI _controlfp_s(unsigned* current, unsigned value, unsigned mask) noexcept {
  unsigned w = _controlfp(value, mask);
  if (current) *current = w;
  return 0;
}

unsigned WINAPI _clearfp() noexcept {
  unsigned status = _statusfp();
  std::feclearexcept(FE_ALL_EXCEPT);
  return status;
}

unsigned WINAPI _statusfp() noexcept {
  int e = std::fetestexcept(FE_ALL_EXCEPT);
  unsigned s = 0;
  if (e & FE_INEXACT) s |= 0x01;
  if (e & FE_UNDERFLOW) s |= 0x02;
  if (e & FE_OVERFLOW) s |= 0x04;
  if (e & FE_DIVBYZERO) s |= 0x08;
  if (e & FE_INVALID) s |= 0x10;
  return s;
}

void WINAPI _fpreset() noexcept { std::feclearexcept(FE_ALL_EXCEPT); }

}  // namespace sill::msvcrt
