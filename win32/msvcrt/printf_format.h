// The printf format engine shared by every narrow and wide printf variant: it turns
// directives and ms_abi variable arguments into characters, with msvcrt's semantics
// (%I64d, %ls/%S/%hs, 3-digit exponents, "1.#INF", %p as 16 upper-case hex digits).
#pragma once
#include <cstddef>
#include <string>

#include "win32/msvcrt/msvcrt.h"

namespace sill::msvcrt::fmt {

// Where formatted characters go. put() returns false to stop formatting with an error.
template <class C>
struct Sink {
  virtual bool put(const C* s, std::size_t n) = 0;
  bool put(C c) { return put(&c, 1); }

 protected:
  ~Sink() = default;
};

// What a call asks of the engine. The defaults are msvcrt.dll's behaviour; the Universal
// CRT's __stdio_common_* entry points choose theirs with _CRT_INTERNAL_PRINTF_* option bits.
struct Options {
  bool ucrt = false;                   // exact decimal digits, "inf"/"nan(ind)", 2-digit exponents
  bool three_digit_exponents = false;  // UCRT's LEGACY_THREE_DIGIT_EXPONENTS
  bool legacy_wide_specifiers = true;  // %s/%c in a wide function take wide text
  bool count_output = true;            // %n stores (the UCRT refuses it unless enabled)
  void (*invalid_parameter)() = nullptr;  // called when %n is refused (the UCRT's handler path)
};

// Formats into out; returns the number of characters produced, or -1 when the sink
// failed or the format was invalid (errno EINVAL for a null format or a refused %n).
template <class C>
int format(Sink<C>& out, const C* format, __builtin_ms_va_list& ap, const Options& options = {});

// A sink that counts and stores into a bounded buffer (the sprintf family).
template <class C>
struct BufferSink final : Sink<C> {
  C* buf;
  std::size_t cap;     // characters that may be stored (SIZE_MAX: unbounded)
  std::size_t stored = 0;
  std::size_t total = 0;
  BufferSink(C* b, std::size_t c) : buf(b), cap(c) {}
  bool put(const C* s, std::size_t n) override {
    for (std::size_t i = 0; i < n; ++i) {
      if (stored < cap) buf[stored++] = s[i];
    }
    total += n;
    return true;
  }
  using Sink<C>::put;
};

}  // namespace sill::msvcrt::fmt

namespace sill::msvcrt {
// Formatted output to a stream under its lock (stdio_printf.cpp), for both CRTs.
int stream_printf(FILE* f, const char* format, __builtin_ms_va_list& ap, const fmt::Options& options = {});
int stream_wprintf(FILE* f, const wchar* format, __builtin_ms_va_list& ap, const fmt::Options& options = {});
}  // namespace sill::msvcrt

namespace sill::msvcrt::fmt {

// _set_output_format's setting: bit 0 (_TWO_DIGIT_EXPONENT) asks for C99 exponents.
extern unsigned output_format;

// Single conversions, exposed for tests and for the wide variants.
// conv is one of e E f F g G a A; prec < 0 means "not given".
// flags: '#' alternate form (the only one that changes the digits).
std::string format_double(double v, char conv, int prec, bool alternate, const Options& options = {});
// %a/%A of a finite value: 13 hex digits unless a precision is given (both CRTs).
std::string format_hex_float(double v, int prec, bool upper);
// The UCRT's conversions (printf_ucrt_float.cpp): exact decimal expansions rounded to
// nearest-even (Windows 10 2004 and later), "inf", "nan", "nan(ind)", "nan(snan)" (upper case
// for E F G A), exponents of at least two digits (three with the legacy option).
std::string format_double_ucrt(double v, char conv, int prec, bool alternate, bool three_digit_exponents);

}  // namespace sill::msvcrt::fmt
