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

// Formats into out; returns the number of characters produced, or -1 when the sink
// failed or the format was invalid (errno EINVAL for a null format).
template <class C>
int format(Sink<C>& out, const C* format, __builtin_ms_va_list& ap);

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

// _set_output_format's setting: bit 0 (_TWO_DIGIT_EXPONENT) asks for C99 exponents.
extern unsigned output_format;

// Single conversions, exposed for tests and for the wide variants.
// conv is one of e E f F g G a A; prec < 0 means "not given".
// flags: '#' alternate form (the only one that changes the digits).
std::string format_double(double v, char conv, int prec, bool alternate);

}  // namespace sill::msvcrt::fmt
