// <math.h> and <fenv.h> as the Universal CRT exports them: the C99 functions msvcrt.dll
// never had (log2, trunc, round, fma, ...), float forms, and the classification helpers
// behind the UCRT's fpclassify/isnan/signbit macros (_dclass, _fdtest, _dsign). The host's
// libm computes (IEEE results either way); errno is carried over as msvcrt's math does.
#include <cfenv>
#include <cmath>
#include <cstring>

#include "base/debug.h"
#include "win32/msvcrt/math_errno.h"
#include "win32/msvcrt/msvcrt_api.h"
#include "win32/ucrtbase/ucrtbase.h"
#include "win32/ucrtbase/ucrt_math.h"

SILL_DEFAULT_DEBUG_CHANNEL(msvcrt);

namespace sill::ucrtbase {

namespace {
// glibc's cbrt is off by an ulp on exact cubes (cbrt(27.0) is 3.0000000000000004); the UCRT
// gives 3. One Newton step in long double on the host's result, then rounding to double,
// lands on the correctly rounded cube root.
double refined_cbrt(double x) {
  double r = std::cbrt(x);
  if (!std::isfinite(r) || r == 0.0) return r;
  long double l = r;
  l -= (l * l * l - x) / (3.0L * l * l);
  return static_cast<double>(l);
}
}  // namespace

// ---- One- and two-argument functions straight from libm ----
double WINAPI acosh(double x) noexcept { return msvcrt::checked_math([](double v) { return std::acosh(v); }, x); }
double WINAPI asinh(double x) noexcept { return msvcrt::checked_math([](double v) { return std::asinh(v); }, x); }
double WINAPI atanh(double x) noexcept { return msvcrt::checked_math([](double v) { return std::atanh(v); }, x); }
double WINAPI cbrt(double x) noexcept { return msvcrt::checked_math(refined_cbrt, x); }
double WINAPI erf(double x) noexcept { return msvcrt::checked_math([](double v) { return std::erf(v); }, x); }
double WINAPI erfc(double x) noexcept { return msvcrt::checked_math([](double v) { return std::erfc(v); }, x); }
double WINAPI exp2(double x) noexcept { return msvcrt::checked_math([](double v) { return std::exp2(v); }, x); }
double WINAPI expm1(double x) noexcept { return msvcrt::checked_math([](double v) { return std::expm1(v); }, x); }
double WINAPI log1p(double x) noexcept { return msvcrt::checked_math([](double v) { return std::log1p(v); }, x); }
double WINAPI log2(double x) noexcept { return msvcrt::checked_math([](double v) { return std::log2(v); }, x); }
double WINAPI logb(double x) noexcept { return msvcrt::checked_math([](double v) { return std::logb(v); }, x); }
double WINAPI nearbyint(double x) noexcept { return msvcrt::checked_math([](double v) { return std::nearbyint(v); }, x); }
double WINAPI rint(double x) noexcept { return msvcrt::checked_math([](double v) { return std::rint(v); }, x); }
double WINAPI round(double x) noexcept { return msvcrt::checked_math([](double v) { return std::round(v); }, x); }
double WINAPI trunc(double x) noexcept { return msvcrt::checked_math([](double v) { return std::trunc(v); }, x); }
double WINAPI tgamma(double x) noexcept { return msvcrt::checked_math([](double v) { return std::tgamma(v); }, x); }
double WINAPI lgamma(double x) noexcept { return msvcrt::checked_math([](double v) { return std::lgamma(v); }, x); }
float WINAPI acoshf(float x) noexcept { return msvcrt::checked_math([](float v) { return std::acosh(v); }, x); }
float WINAPI asinhf(float x) noexcept { return msvcrt::checked_math([](float v) { return std::asinh(v); }, x); }
float WINAPI atanhf(float x) noexcept { return msvcrt::checked_math([](float v) { return std::atanh(v); }, x); }
float WINAPI cbrtf(float x) noexcept {
  return msvcrt::checked_math([](float v) { return static_cast<float>(refined_cbrt(v)); }, x);
}
float WINAPI erff(float x) noexcept { return msvcrt::checked_math([](float v) { return std::erf(v); }, x); }
float WINAPI erfcf(float x) noexcept { return msvcrt::checked_math([](float v) { return std::erfc(v); }, x); }
float WINAPI exp2f(float x) noexcept { return msvcrt::checked_math([](float v) { return std::exp2(v); }, x); }
float WINAPI expm1f(float x) noexcept { return msvcrt::checked_math([](float v) { return std::expm1(v); }, x); }
float WINAPI log1pf(float x) noexcept { return msvcrt::checked_math([](float v) { return std::log1p(v); }, x); }
float WINAPI log2f(float x) noexcept { return msvcrt::checked_math([](float v) { return std::log2(v); }, x); }
float WINAPI logbf(float x) noexcept { return msvcrt::checked_math([](float v) { return std::logb(v); }, x); }
float WINAPI nearbyintf(float x) noexcept { return msvcrt::checked_math([](float v) { return std::nearbyint(v); }, x); }
float WINAPI rintf(float x) noexcept { return msvcrt::checked_math([](float v) { return std::rint(v); }, x); }
float WINAPI roundf(float x) noexcept { return msvcrt::checked_math([](float v) { return std::round(v); }, x); }
float WINAPI truncf(float x) noexcept { return msvcrt::checked_math([](float v) { return std::trunc(v); }, x); }
float WINAPI tgammaf(float x) noexcept { return msvcrt::checked_math([](float v) { return std::tgamma(v); }, x); }
float WINAPI lgammaf(float x) noexcept { return msvcrt::checked_math([](float v) { return std::lgamma(v); }, x); }
float WINAPI fabsf(float x) noexcept { return msvcrt::checked_math([](float v) { return std::fabs(v); }, x); }
double WINAPI fdim(double x, double y) noexcept { return msvcrt::checked_math([](double a, double b) { return std::fdim(a, b); }, x, y); }
double WINAPI fmax(double x, double y) noexcept { return msvcrt::checked_math([](double a, double b) { return std::fmax(a, b); }, x, y); }
double WINAPI fmin(double x, double y) noexcept { return msvcrt::checked_math([](double a, double b) { return std::fmin(a, b); }, x, y); }
double WINAPI remainder(double x, double y) noexcept { return msvcrt::checked_math([](double a, double b) { return std::remainder(a, b); }, x, y); }
double WINAPI nextafter(double x, double y) noexcept { return msvcrt::checked_math([](double a, double b) { return std::nextafter(a, b); }, x, y); }
double WINAPI hypot(double x, double y) noexcept { return msvcrt::checked_math([](double a, double b) { return std::hypot(a, b); }, x, y); }
float WINAPI fdimf(float x, float y) noexcept { return msvcrt::checked_math([](float a, float b) { return std::fdim(a, b); }, x, y); }
float WINAPI fmaxf(float x, float y) noexcept { return msvcrt::checked_math([](float a, float b) { return std::fmax(a, b); }, x, y); }
float WINAPI fminf(float x, float y) noexcept { return msvcrt::checked_math([](float a, float b) { return std::fmin(a, b); }, x, y); }
float WINAPI remainderf(float x, float y) noexcept { return msvcrt::checked_math([](float a, float b) { return std::remainder(a, b); }, x, y); }
float WINAPI nextafterf(float x, float y) noexcept { return msvcrt::checked_math([](float a, float b) { return std::nextafter(a, b); }, x, y); }
float WINAPI hypotf(float x, float y) noexcept { return msvcrt::checked_math([](float a, float b) { return std::hypot(a, b); }, x, y); }
// ---- Functions with integer arguments or results (Windows' long is 32 bits) ----
msvcrt::crt_long WINAPI lround(double x) noexcept { return static_cast<msvcrt::crt_long>(msvcrt::checked_math([](double v) { return std::lround(v); }, x)); }
msvcrt::crt_long WINAPI lroundf(float x) noexcept { return static_cast<msvcrt::crt_long>(msvcrt::checked_math([](float v) { return std::lround(v); }, x)); }
msvcrt::crt_long WINAPI lrint(double x) noexcept { return static_cast<msvcrt::crt_long>(msvcrt::checked_math([](double v) { return std::lrint(v); }, x)); }
msvcrt::crt_long WINAPI lrintf(float x) noexcept { return static_cast<msvcrt::crt_long>(msvcrt::checked_math([](float v) { return std::lrint(v); }, x)); }
std::int64_t WINAPI llround(double x) noexcept { return msvcrt::checked_math([](double v) { return std::llround(v); }, x); }
std::int64_t WINAPI llroundf(float x) noexcept { return msvcrt::checked_math([](float v) { return std::llround(v); }, x); }
std::int64_t WINAPI llrint(double x) noexcept { return msvcrt::checked_math([](double v) { return std::llrint(v); }, x); }
std::int64_t WINAPI llrintf(float x) noexcept { return msvcrt::checked_math([](float v) { return std::llrint(v); }, x); }
int WINAPI ilogb(double x) noexcept { return msvcrt::checked_math([](double v) { return std::ilogb(v); }, x); }
int WINAPI ilogbf(float x) noexcept { return msvcrt::checked_math([](float v) { return std::ilogb(v); }, x); }
double WINAPI scalbn(double x, int e) noexcept { return msvcrt::checked_math([](double v, int n) { return std::scalbn(v, n); }, x, e); }
float WINAPI scalbnf(float x, int e) noexcept { return msvcrt::checked_math([](float v, int n) { return std::scalbn(v, n); }, x, e); }
double WINAPI scalbln(double x, msvcrt::crt_long e) noexcept { return scalbn(x, e); }
float WINAPI scalblnf(float x, msvcrt::crt_long e) noexcept { return scalbnf(x, e); }
float WINAPI ldexpf(float x, int e) noexcept { return scalbnf(x, e); }
float WINAPI frexpf(float x, int* e) noexcept { return std::frexp(x, e); }
double WINAPI remquo(double x, double y, int* q) noexcept { return msvcrt::checked_math([](double a, double b, int* c) { return std::remquo(a, b, c); }, x, y, q); }
float WINAPI remquof(float x, float y, int* q) noexcept { return msvcrt::checked_math([](float a, float b, int* c) { return std::remquo(a, b, c); }, x, y, q); }
double WINAPI fma(double x, double y, double z) noexcept { return msvcrt::checked_math([](double a, double b, double c) { return std::fma(a, b, c); }, x, y, z); }
float WINAPI fmaf(float x, float y, float z) noexcept { return msvcrt::checked_math([](float a, float b, float c) { return std::fma(a, b, c); }, x, y, z); }
double WINAPI copysign(double x, double y) noexcept { return std::copysign(x, y); }
float WINAPI copysignf(float x, float y) noexcept { return std::copysign(x, y); }
double WINAPI nan(const char* tag) noexcept { return std::nan(tag ? tag : ""); }
float WINAPI nanf(const char* tag) noexcept { return std::nanf(tag ? tag : ""); }

float WINAPI _chgsignf(float x) noexcept { return -x; }
float WINAPI _logbf(float x) noexcept { return msvcrt::checked_math([](float v) { return std::logb(v); }, x); }
float WINAPI _nextafterf(float x, float y) noexcept { return std::nextafter(x, y); }
float WINAPI _scalbf(float x, msvcrt::crt_long e) noexcept { return scalbnf(x, e); }
int WINAPI _fpclassf(float x) noexcept { return msvcrt::_fpclass(x); }
// Bessel functions of the first and second kind (POSIX's j0 & co under Microsoft's names).
double WINAPI _j0(double x) noexcept { return msvcrt::checked_math([](double v) { return ::j0(v); }, x); }
double WINAPI _j1(double x) noexcept { return msvcrt::checked_math([](double v) { return ::j1(v); }, x); }
double WINAPI _jn(int n, double x) noexcept { return msvcrt::checked_math([](int k, double v) { return ::jn(k, v); }, n, x); }
double WINAPI _y0(double x) noexcept { return msvcrt::checked_math([](double v) { return ::y0(v); }, x); }
double WINAPI _y1(double x) noexcept { return msvcrt::checked_math([](double v) { return ::y1(v); }, x); }
double WINAPI _yn(int n, double x) noexcept { return msvcrt::checked_math([](int k, double v) { return ::yn(k, v); }, n, x); }

// ---- Classification (corecrt_math.h): FP_INFINITE 1, FP_NAN 2, FP_NORMAL -1, FP_SUBNORMAL -2, FP_ZERO 0 ----
namespace {
short classify(int host_class) {
  switch (host_class) {
    case FP_INFINITE: return 1;
    case FP_NAN: return 2;
    case FP_NORMAL: return -1;
    case FP_SUBNORMAL: return -2;
    default: return 0;
  }
}
}  // namespace

short WINAPI _dclass(double x) noexcept { return classify(std::fpclassify(x)); }
short WINAPI _fdclass(float x) noexcept { return classify(std::fpclassify(x)); }
short WINAPI _dtest(double* x) noexcept { return x ? _dclass(*x) : 0; }
short WINAPI _fdtest(float* x) noexcept { return x ? _fdclass(*x) : 0; }
// The sign bit, as the UCRT's signbit macro reads it: 0x8000 when set (non-zero is all C asks).
int WINAPI _dsign(double x) noexcept { return std::signbit(x) ? 0x8000 : 0; }
int WINAPI _fdsign(float x) noexcept { return std::signbit(x) ? 0x8000 : 0; }
int WINAPI _dpcomp(double x, double y) noexcept {
  // Bits: 1 less, 2 equal, 4 greater; 0 when unordered (the UCRT's isless & co).
  if (std::isnan(x) || std::isnan(y)) return 0;
  return x < y ? 1 : x == y ? 2 : 4;
}
int WINAPI _fdpcomp(float x, float y) noexcept { return _dpcomp(x, y); }

// ---- <fenv.h>: the SSE unit's status and rounding, which is what x64 code uses ----
namespace {
// Windows' FE_* exception bits are its _SW_* status bits (fenv.h): inexact 0x01, underflow
// 0x02, overflow 0x04, divbyzero 0x08, invalid 0x10 — not glibc's numbers.
struct ExceptBit {
  int windows, host;
};
constexpr ExceptBit kExceptions[] = {
    {0x10, FE_INVALID}, {0x08, FE_DIVBYZERO}, {0x04, FE_OVERFLOW}, {0x02, FE_UNDERFLOW}, {0x01, FE_INEXACT}};
int to_host_excepts(int w) {
  int h = 0;
  for (auto b : kExceptions) h |= (w & b.windows) ? b.host : 0;
  return h;
}
int to_windows_excepts(int h) {
  int w = 0;
  for (auto b : kExceptions) w |= (h & b.host) ? b.windows : 0;
  return w;
}
// Windows' rounding constants are its _RC_* bits: FE_TONEAREST 0, FE_DOWNWARD 0x100,
// FE_UPWARD 0x200, FE_TOWARDZERO 0x300.
struct RoundMode {
  int windows, host;
};
constexpr RoundMode kRounding[] = {
    {0x000, FE_TONEAREST}, {0x100, FE_DOWNWARD}, {0x200, FE_UPWARD}, {0x300, FE_TOWARDZERO}};
}  // namespace

int WINAPI fegetround() noexcept {
  int h = std::fegetround();
  for (auto r : kRounding) {
    if (r.host == h) return r.windows;
  }
  return 0;
}

int WINAPI fesetround(int mode) noexcept {
  for (auto r : kRounding) {
    if (r.windows == mode) return std::fesetround(r.host) == 0 ? 0 : 1;
  }
  return 1;
}

// FLT_ROUNDS: 0 toward zero, 1 to nearest, 2 upward, 3 downward.
int WINAPI __fpe_flt_rounds() noexcept {
  switch (std::fegetround()) {
    case FE_TOWARDZERO: return 0;
    case FE_UPWARD: return 2;
    case FE_DOWNWARD: return 3;
    default: return 1;
  }
}

void WINAPI _set_controlfp(unsigned value, unsigned mask) noexcept { msvcrt::_controlfp(value, mask); }

int WINAPI feclearexcept(int excepts) noexcept { return std::feclearexcept(to_host_excepts(excepts)) == 0 ? 0 : 1; }
int WINAPI fetestexcept(int excepts) noexcept { return to_windows_excepts(std::fetestexcept(to_host_excepts(excepts))); }

// fenv_t is two unsigned longs in the UCRT: the control word and the status word, in the
// CRT's abstract bits. Sill keeps the status and rounding; masks stay Windows' default.
int WINAPI fegetenv(std::uint32_t* env) noexcept {
  if (!env) return 1;
  env[0] = static_cast<std::uint32_t>(fegetround());
  env[1] = static_cast<std::uint32_t>(to_windows_excepts(std::fetestexcept(FE_ALL_EXCEPT)));
  return 0;
}

int WINAPI fesetenv(const std::uint32_t* env) noexcept {
  if (!env) return 1;
  if (fesetround(static_cast<int>(env[0] & 0x300))) return 1;
  std::feclearexcept(FE_ALL_EXCEPT);
  int raise = to_host_excepts(static_cast<int>(env[1]));
  if (raise) std::feraiseexcept(raise);
  return 0;
}

}  // namespace sill::ucrtbase
