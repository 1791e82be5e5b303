/* The Universal CRT's runtime beyond stdio: math with its errno and classification
 * helpers, <fenv.h>, time conversions, the onexit tables MSVC's start-up code keeps,
 * _beginthreadex, signals. Linked against ucrtbase.dll like ucrt.c. */
#include <errno.h>
#include <fenv.h>
#include <float.h>
#include <math.h>
#include <corecrt_startup.h>
#include <process.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <windows.h>

#include "tap.h"

/* The classification helpers behind the UCRT's fpclassify and signbit macros. */
short __cdecl _dclass(double x);
short __cdecl _fdclass(float x);
int __cdecl _dsign(double x);

static char order[8];
static int order_len;
static int __cdecl first(void) { order[order_len++] = '1'; return 0; }
static int __cdecl second(void) { order[order_len++] = '2'; return 0; }
static int __cdecl third(void) { order[order_len++] = '3'; return 0; }

static unsigned __stdcall thread_main(void *arg)
{
    *(int *)arg = 42;
    _endthreadex(7);
    return 0;
}

static volatile int raised;
static void __cdecl on_signal(int sig) { raised = sig; }

/* mingw-w64 links most of <math.h> and <fenv.h> from its own static library, so the UCRT's
 * functions are called through pointers from ucrtbase.dll itself: these checks are about the
 * DLL, whatever the compiler would inline or link. */
typedef double (*fn_d)(double);
typedef double (*fn_dd)(double, double);
typedef double (*fn_ddd)(double, double, double);
typedef float (*fn_f)(float);
typedef long (*fn_l)(double);
typedef long long (*fn_ll)(double);
typedef int (*fn_i)(int);
typedef int (*fn_v)(void);
typedef unsigned (*fn_u)(void);

static void *ucrt(const char *name)
{
    void *p = (void *)GetProcAddress(GetModuleHandleA("ucrtbase.dll"), name);
    if (!p) printf("# ucrtbase.dll has no %s\n", name);
    return p;
}
#define UCRT(type, name) ((type)ucrt(#name))

static void test_math(void)
{
    tap_ok(UCRT(fn_d, log2)(8.0) == 3.0 && UCRT(fn_d, trunc)(-2.7) == -2.0, "log2, trunc");
    tap_ok(UCRT(fn_d, round)(2.5) == 3.0 && UCRT(fn_d, round)(-2.5) == -3.0, "round: halves away from zero");
    tap_ok(UCRT(fn_f, truncf)(2.9f) == 2.0f && UCRT(fn_d, ceil)(1.2) == 2.0 && UCRT(fn_d, floor)(-1.2) == -2.0,
           "truncf, ceil, floor");
    tap_ok(UCRT(fn_l, lround)(-3.5) == -4 && UCRT(fn_ll, llround)(1e15 + 0.5) == 1000000000000001LL,
           "lround, llround");
    tap_ok(UCRT(fn_ddd, fma)(2.0, 3.0, 1.0) == 7.0 && UCRT(fn_dd, fmod)(7.5, 2.0) == 1.5 &&
           UCRT(fn_dd, pow)(2.0, 10.0) == 1024.0, "fma, fmod, pow");
    tap_ok(UCRT(fn_dd, hypot)(3.0, 4.0) == 5.0 && UCRT(fn_dd, _hypot)(5.0, 12.0) == 13.0, "hypot, _hypot");
    tap_ok(UCRT(fn_d, cbrt)(27.0) == 3.0 && UCRT(fn_d, cbrt)(-8.0) == -2.0 && UCRT(fn_f, cbrtf)(64.0f) == 4.0f,
           "cbrt, cbrtf of exact cubes are exact");
    tap_ok(UCRT(fn_d, exp2)(10.0) == 1024.0 && UCRT(fn_d, expm1)(0.0) == 0.0 && UCRT(fn_d, log1p)(0.0) == 0.0,
           "exp2, expm1, log1p");
    tap_ok(UCRT(fn_dd, fmax)(1.0, NAN) == 1.0 && UCRT(fn_dd, fmin)(-0.5, 2.0) == -0.5 &&
           UCRT(fn_dd, copysign)(3.0, -0.0) == -3.0, "fmax, fmin, copysign");

    errno = 0;
    double r = UCRT(fn_d, log)(-1.0);
    tap_ok(isnan(r) && errno == EDOM, "log(-1) is NaN with EDOM");
    errno = 0;
    r = UCRT(fn_d, sqrt)(-4.0);
    tap_ok(isnan(r) && errno == EDOM, "sqrt(-4) is NaN with EDOM");
    errno = 0;
    r = UCRT(fn_d, exp)(1000.0);
    tap_ok(r == HUGE_VAL && errno == ERANGE, "exp(1000) overflows with ERANGE");
    errno = 0;
    r = UCRT(fn_d, log)(0.0);
    tap_ok(r == -HUGE_VAL && errno == ERANGE, "log(0) is -inf with ERANGE");
    errno = 0;
    r = UCRT(fn_d, acos)(2.0);
    tap_ok(isnan(r) && errno == EDOM, "acos(2) is NaN with EDOM");

    /* The UCRT's FP_* numbers (corecrt_math.h), not mingw-w64's math.h ones. */
    tap_int(_dclass(1.0), -1, "_dclass of 1.0 is FP_NORMAL (-1)");
    tap_int(_dclass(0.0), 0, "_dclass of 0 is FP_ZERO (0)");
    tap_int(_dclass(INFINITY), 1, "_dclass of inf is FP_INFINITE (1)");
    tap_int(_dclass(NAN), 2, "_dclass of NaN is FP_NAN (2)");
    tap_int(_dclass(4.9e-324), -2, "_dclass of the smallest subnormal is FP_SUBNORMAL (-2)");
    tap_int(_fdclass(1e-40f), -2, "_fdclass of a float subnormal");
    tap_ok(_dsign(-0.0) != 0 && _dsign(0.0) == 0, "_dsign reads the sign bit");
    tap_int(_fpclass(-0.0), _FPCLASS_NZ, "_fpclass(-0.0)");
    tap_int(_fpclass(-INFINITY), _FPCLASS_NINF, "_fpclass(-inf)");
    tap_ok(_finite(1.0) && !_finite(INFINITY) && _isnan(NAN), "_finite, _isnan");
    typedef double (*fn_nan)(const char *);
    typedef double (*fn_ldexp)(double, int);
    typedef double (*fn_frexp)(double, int *);
    tap_ok(isnan(UCRT(fn_nan, nan)("")) && UCRT(fn_ldexp, ldexp)(1.0, 10) == 1024.0, "nan, ldexp");
    int e = 0;
    tap_ok(UCRT(fn_frexp, frexp)(8.0, &e) == 0.5 && e == 4, "frexp");

    /* <fenv.h> with the UCRT's numbers (its _RC_* and _SW_* bits): FE_TONEAREST 0, FE_UPWARD 0x200,
     * FE_DIVBYZERO 8, FE_ALL_EXCEPT 0x1f. */
    tap_int(UCRT(fn_v, fegetround)(), 0, "rounding starts to nearest");
    tap_int(UCRT(fn_i, fesetround)(0x200), 0, "fesetround(FE_UPWARD)");
    tap_ok(UCRT(fn_d, nearbyint)(2.1) == 3.0, "nearbyint follows the rounding mode");
    UCRT(fn_i, fesetround)(0);
    unsigned env[2];
    tap_int(((int (*)(unsigned *))ucrt("fegetenv"))(env), 0, "fegetenv");
    UCRT(fn_i, feclearexcept)(0x1f);
    volatile double zero = 0.0;
    volatile double q = 1.0 / zero;
    (void)q;
    tap_ok(UCRT(fn_i, fetestexcept)(0x1f) == 8, "division by zero raises FE_DIVBYZERO alone");
    tap_ok(UCRT(fn_u, _statusfp)() & 0x8 /* _SW_ZERODIVIDE */, "_statusfp sees it");
    UCRT(fn_u, _clearfp)();
    tap_int(UCRT(fn_i, fetestexcept)(0x1f), 0, "_clearfp clears it");
    unsigned cw = 0;
    tap_ok(((int (*)(unsigned *, unsigned, unsigned))ucrt("_controlfp_s"))(&cw, 0, 0) == 0 &&
           (cw & _MCW_EM) == _MCW_EM, "every exception masked at start");
}

static void test_time(void)
{
    __time64_t zero = 0;
    struct tm tm;
    tap_int(_gmtime64_s(&tm, &zero), 0, "_gmtime64_s(0)");
    tap_ok(tm.tm_year == 70 && tm.tm_mon == 0 && tm.tm_mday == 1 && tm.tm_wday == 4, "is Thursday 1970-01-01");
    __time64_t now = _time64(NULL);
    tap_ok(now > 1600000000, "_time64 is now");
    struct tm local;
    tap_int(_localtime64_s(&local, &now), 0, "_localtime64_s");
    tap_ok(_mktime64(&local) == now, "_mktime64 inverts _localtime64_s");
    struct tm fixed = {0};
    fixed.tm_year = 124;
    fixed.tm_mon = 1;
    fixed.tm_mday = 29;
    fixed.tm_hour = 13;
    fixed.tm_min = 5;
    char text[64];
    size_t n = strftime(text, sizeof text, "%Y-%m-%d %H:%M", &fixed);
    tap_ok(n == 16 && strcmp(text, "2024-02-29 13:05") == 0, "strftime");
    struct __timeb64 tb;
    _ftime64(&tb);
    tap_ok(tb.time >= now && tb.millitm < 1000, "_ftime64");
    errno = 0;
    tap_int(_gmtime64_s(NULL, &zero), EINVAL, "_gmtime64_s refuses a NULL result");
    struct { long long sec; long nsec; } ts = {0, -1};
    tap_ok(((int (*)(void *, int))ucrt("_timespec64_get"))(&ts, 1 /* TIME_UTC */) == 1 && ts.sec >= now &&
           ts.nsec >= 0 && ts.nsec < 1000000000, "timespec_get(TIME_UTC)");
}

static void test_onexit(void)
{
    _onexit_table_t table = {0};
    tap_int(_initialize_onexit_table(&table), 0, "_initialize_onexit_table");
    tap_int(_register_onexit_function(&table, first), 0, "register one");
    _register_onexit_function(&table, second);
    _register_onexit_function(&table, third);
    tap_int(_execute_onexit_table(&table), 0, "_execute_onexit_table");
    order[order_len] = 0;
    tap_str(order, "321", "onexit functions run newest first");
    tap_ok(table._first == NULL || table._first == table._last, "the table is empty after");
}

static void test_threads(void)
{
    int value = 0;
    unsigned id = 0;
    HANDLE h = (HANDLE)_beginthreadex(NULL, 0, thread_main, &value, 0, &id);
    tap_ok(h != NULL && id != 0, "_beginthreadex");
    tap_int(WaitForSingleObject(h, 5000), WAIT_OBJECT_0, "the thread ends");
    DWORD code = 0;
    GetExitCodeThread(h, &code);
    tap_ok(value == 42 && code == 7, "it ran and _endthreadex set its exit code");
    CloseHandle(h);
}

int main(void)
{
    test_math();
    test_time();
    test_onexit();
    test_threads();
    tap_ok(signal(SIGINT, on_signal) != SIG_ERR, "signal");
    tap_int(raise(SIGINT), 0, "raise");
    tap_int(raised, SIGINT, "the handler ran");
    return tap_done();
}
