// The C99 <math.h> functions the UCRT exports beyond msvcrt.dll's set (math.cpp).
#pragma once
#include <cstdint>

#include "win32/msvcrt/msvcrt.h"

namespace sill::ucrtbase {

using namespace sill::win;

double WINAPI acosh(double x) noexcept;
double WINAPI asinh(double x) noexcept;
double WINAPI atanh(double x) noexcept;
double WINAPI cbrt(double x) noexcept;
double WINAPI erf(double x) noexcept;
double WINAPI erfc(double x) noexcept;
double WINAPI exp2(double x) noexcept;
double WINAPI expm1(double x) noexcept;
double WINAPI log1p(double x) noexcept;
double WINAPI log2(double x) noexcept;
double WINAPI logb(double x) noexcept;
double WINAPI nearbyint(double x) noexcept;
double WINAPI rint(double x) noexcept;
double WINAPI round(double x) noexcept;
double WINAPI trunc(double x) noexcept;
double WINAPI tgamma(double x) noexcept;
double WINAPI lgamma(double x) noexcept;
float WINAPI acoshf(float x) noexcept;
float WINAPI asinhf(float x) noexcept;
float WINAPI atanhf(float x) noexcept;
float WINAPI cbrtf(float x) noexcept;
float WINAPI erff(float x) noexcept;
float WINAPI erfcf(float x) noexcept;
float WINAPI exp2f(float x) noexcept;
float WINAPI expm1f(float x) noexcept;
float WINAPI log1pf(float x) noexcept;
float WINAPI log2f(float x) noexcept;
float WINAPI logbf(float x) noexcept;
float WINAPI nearbyintf(float x) noexcept;
float WINAPI rintf(float x) noexcept;
float WINAPI roundf(float x) noexcept;
float WINAPI truncf(float x) noexcept;
float WINAPI tgammaf(float x) noexcept;
float WINAPI lgammaf(float x) noexcept;
float WINAPI fabsf(float x) noexcept;
double WINAPI fdim(double x, double y) noexcept;
double WINAPI fmax(double x, double y) noexcept;
double WINAPI fmin(double x, double y) noexcept;
double WINAPI remainder(double x, double y) noexcept;
double WINAPI nextafter(double x, double y) noexcept;
double WINAPI hypot(double x, double y) noexcept;
float WINAPI fdimf(float x, float y) noexcept;
float WINAPI fmaxf(float x, float y) noexcept;
float WINAPI fminf(float x, float y) noexcept;
float WINAPI remainderf(float x, float y) noexcept;
float WINAPI nextafterf(float x, float y) noexcept;
float WINAPI hypotf(float x, float y) noexcept;msvcrt::crt_long WINAPI lround(double x) noexcept;
msvcrt::crt_long WINAPI lroundf(float x) noexcept;
msvcrt::crt_long WINAPI lrint(double x) noexcept;
msvcrt::crt_long WINAPI lrintf(float x) noexcept;
std::int64_t WINAPI llround(double x) noexcept;
std::int64_t WINAPI llroundf(float x) noexcept;
std::int64_t WINAPI llrint(double x) noexcept;
std::int64_t WINAPI llrintf(float x) noexcept;
int WINAPI ilogb(double x) noexcept;
int WINAPI ilogbf(float x) noexcept;
double WINAPI scalbn(double x, int e) noexcept;
float WINAPI scalbnf(float x, int e) noexcept;
double WINAPI scalbln(double x, msvcrt::crt_long e) noexcept;
float WINAPI scalblnf(float x, msvcrt::crt_long e) noexcept;
float WINAPI ldexpf(float x, int e) noexcept;
float WINAPI frexpf(float x, int* e) noexcept;
double WINAPI remquo(double x, double y, int* q) noexcept;
float WINAPI remquof(float x, float y, int* q) noexcept;
double WINAPI fma(double x, double y, double z) noexcept;
float WINAPI fmaf(float x, float y, float z) noexcept;
double WINAPI copysign(double x, double y) noexcept;
float WINAPI copysignf(float x, float y) noexcept;
double WINAPI nan(const char* tag) noexcept;
float WINAPI nanf(const char* tag) noexcept;
int WINAPI _dpcomp(double x, double y) noexcept;
float WINAPI _chgsignf(float x) noexcept;
float WINAPI _logbf(float x) noexcept;
float WINAPI _nextafterf(float x, float y) noexcept;
float WINAPI _scalbf(float x, msvcrt::crt_long e) noexcept;
int WINAPI _fpclassf(float x) noexcept;
double WINAPI _j0(double x) noexcept;
double WINAPI _j1(double x) noexcept;
double WINAPI _jn(int n, double x) noexcept;
double WINAPI _y0(double x) noexcept;
double WINAPI _y1(double x) noexcept;
double WINAPI _yn(int n, double x) noexcept;
int WINAPI __fpe_flt_rounds() noexcept;
void WINAPI _set_controlfp(unsigned value, unsigned mask) noexcept;
int WINAPI _fdpcomp(float x, float y) noexcept;

}  // namespace sill::ucrtbase
