// The printf format engine (see printf_format.h). Floating point is converted by
// asking the host for the 17 significant digits of one double (never with a program's
// format string) and laying them out the way msvcrt.dll does: digits beyond the 17th
// print as zeros, ties round away from zero, exponents have three digits.
#include "win32/msvcrt/printf_format.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

#include "base/debug.h"
#include "win32/msvcrt/msvcrt_api.h"

SILL_DEFAULT_DEBUG_CHANNEL(msvcrt);

namespace sill::msvcrt::fmt {
namespace {

constexpr int kSigDigits = 17;

// Decimal digits of |v|: value = 0.d1d2d3... * 10^point.
struct Decimal {
  std::string digits;  // significant digits, no leading zeros except for zero itself
  int point = 0;
};

Decimal decompose(double v) {
  Decimal d;
  if (v == 0) {
    d.digits = "0";
    d.point = 1;
    return d;
  }
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*e", kSigDigits - 1, std::fabs(v));
  // buf: D.DDDDDDDDDDDDDDDDe[+-]XX
  d.digits.push_back(buf[0]);
  const char* p = buf + 2;
  while (*p >= '0' && *p <= '9') d.digits.push_back(*p++);
  int exp10 = std::atoi(p + 1);
  d.point = exp10 + 1;
  return d;
}

// Keeps n significant digits (n may exceed what we have: zeros follow), rounding ties up.
void round_digits(Decimal& d, int n) {
  if (n < 0) {
    d.digits = "0";
    d.point = 1;
    return;
  }
  if (n >= static_cast<int>(d.digits.size())) return;
  bool up = d.digits[n] >= '5';
  d.digits.resize(n);
  if (up) {
    int i = n - 1;
    while (i >= 0 && d.digits[i] == '9') d.digits[i--] = '0';
    if (i < 0) {
      d.digits.insert(d.digits.begin(), '1');
      d.point += 1;
    } else {
      d.digits[i] += 1;
    }
  }
  if (d.digits.empty()) {  // everything rounded away
    d.digits = "0";
    d.point = 1;
  }
}

char digit_at(const Decimal& d, int i) {  // i-th significant digit, zero beyond the end
  return i >= 0 && i < static_cast<int>(d.digits.size()) ? d.digits[i] : '0';
}

bool is_zero(const Decimal& d) { return d.digits.find_first_not_of('0') == std::string::npos; }

std::string fixed(double v, int prec, bool alternate) {
  Decimal d = decompose(v);
  round_digits(d, d.point + prec);
  std::string s;
  if (is_zero(d)) d.point = 1;
  if (d.point <= 0) {
    s = "0";
  } else {
    for (int i = 0; i < d.point; ++i) s.push_back(digit_at(d, i));
  }
  if (prec > 0 || alternate) s.push_back('.');
  for (int i = 0; i < prec; ++i) s.push_back(digit_at(d, d.point + i));
  return s;
}

void append_exponent(std::string& s, char e, int exp10) {
  s.push_back(e);
  s.push_back(exp10 < 0 ? '-' : '+');
  char buf[16];
  bool two_digits = output_format & 1;  // _TWO_DIGIT_EXPONENT
  std::snprintf(buf, sizeof buf, two_digits ? "%02d" : "%03d", exp10 < 0 ? -exp10 : exp10);
  s += buf;
}

std::string scientific(double v, int prec, bool alternate, char e) {
  Decimal d = decompose(v);
  round_digits(d, prec + 1);
  int exp10 = is_zero(d) ? 0 : d.point - 1;
  std::string s(1, digit_at(d, 0));
  if (prec > 0 || alternate) s.push_back('.');
  for (int i = 1; i <= prec; ++i) s.push_back(digit_at(d, i));
  append_exponent(s, e, exp10);
  return s;
}

void strip_trailing_zeros(std::string& s) {
  std::size_t dot = s.find('.');
  if (dot == std::string::npos) return;
  std::size_t e = s.find_first_of("eE", dot);
  std::string tail = e == std::string::npos ? std::string() : s.substr(e);
  std::string body = s.substr(0, e == std::string::npos ? s.size() : e);
  while (!body.empty() && body.back() == '0') body.pop_back();
  if (!body.empty() && body.back() == '.') body.pop_back();
  s = body + tail;
}

std::string general(double v, int prec, bool alternate, char e) {
  if (prec == 0) prec = 1;
  Decimal d = decompose(v);
  round_digits(d, prec);
  int exp10 = is_zero(d) ? 0 : d.point - 1;
  std::string s;
  if (exp10 < -4 || exp10 >= prec) {
    s = scientific(v, prec - 1, alternate, e);
  } else {
    s = fixed(v, prec - 1 - exp10, alternate);
  }
  if (!alternate) strip_trailing_zeros(s);
  return s;
}

std::string hex_float(double v, int prec, bool upper) {
  std::uint64_t bits;
  std::memcpy(&bits, &v, 8);
  int biased = static_cast<int>((bits >> 52) & 0x7FF);
  std::uint64_t mant = bits & ((1ULL << 52) - 1);
  int lead = biased == 0 ? 0 : 1;
  int exp2 = biased == 0 ? (mant == 0 ? 0 : -1022) : biased - 1023;
  if (prec >= 0 && prec < 13) {
    int drop = (13 - prec) * 4;
    std::uint64_t half = 1ULL << (drop - 1);
    std::uint64_t rest = mant & ((1ULL << drop) - 1);
    mant >>= drop;
    if (rest >= half) {
      mant += 1;
      if (mant >> (prec * 4)) {  // carried into the leading digit
        mant &= (1ULL << (prec * 4)) - 1;
        lead += 1;
      }
    }
  } else {
    prec = prec < 0 ? 13 : prec;
  }
  const char* hex = upper ? "0123456789ABCDEF" : "0123456789abcdef";
  std::string s = upper ? "0X" : "0x";
  s.push_back(static_cast<char>('0' + lead));
  if (prec > 0) s.push_back('.');
  int shown = prec < 13 ? prec : 13;
  for (int i = shown - 1; i >= 0; --i) s.push_back(hex[(mant >> (i * 4)) & 0xF]);
  for (int i = shown; i < prec; ++i) s.push_back('0');
  s.push_back(upper ? 'P' : 'p');
  s.push_back(exp2 < 0 ? '-' : '+');
  s += std::to_string(exp2 < 0 ? -exp2 : exp2);
  return s;
}

// msvcrt prints infinities and NaNs as "1.#INF", "1.#QNAN", "1.#SNAN" and "1.#IND",
// treating the text after "1." as digits: precision pads with zeros or cuts with
// rounding ("%.2f" of infinity is "1.#J"). Programs and tests observe exactly this.
std::string special(double v, char conv, int prec, bool alternate) {
  std::uint64_t bits;
  std::memcpy(&bits, &v, 8);
  std::string tail;
  if (std::isinf(v)) {
    tail = "#INF";
  } else if (bits == 0xFFF8000000000000ULL) {
    tail = "#IND";
  } else if (bits & (1ULL << 51)) {
    tail = "#QNAN";
  } else {
    tail = "#SNAN";
  }
  char lower = static_cast<char>(conv | 0x20);
  if (prec < 0) prec = 6;
  if (lower == 'a') prec = 13;
  int keep = prec;
  if (lower == 'g') {
    keep = prec == 0 ? 0 : prec - 1;
  }
  std::string frac = tail;
  if (keep < static_cast<int>(frac.size())) {
    bool up = frac[keep] >= '5';
    frac.resize(keep);
    if (up && keep > 0) frac[keep - 1] += 1;
  } else if (lower != 'g') {
    frac.append(keep - frac.size(), '0');
  }
  std::string s = "1";
  if (!frac.empty() || alternate) s += "." + frac;
  if (lower == 'e') append_exponent(s, conv, 0);
  return s;
}

}  // namespace

unsigned output_format = 0;

std::string format_hex_float(double v, int prec, bool upper) { return hex_float(v, prec, upper); }

std::string format_double(double v, char conv, int prec, bool alternate, const Options& options) {
  if (options.ucrt) return format_double_ucrt(v, conv, prec, alternate, options.three_digit_exponents);
  if (!std::isfinite(v)) return special(v, conv, prec, alternate);
  switch (conv) {
    case 'f':
    case 'F':
      return fixed(v, prec < 0 ? 6 : prec, alternate);
    case 'e':
    case 'E':
      return scientific(v, prec < 0 ? 6 : prec, alternate, conv);
    case 'g':
    case 'G':
      return general(v, prec < 0 ? 6 : prec, alternate, conv == 'G' ? 'E' : 'e');
    case 'a':
    case 'A':
      return hex_float(v, prec, conv == 'A');
  }
  return {};
}

namespace {

enum class Size { Default, Char, Short, Long, LongLong, Int32, Int64, Ptr, LongDouble, Wide };

struct Spec {
  bool left = false, plus = false, space = false, alt = false, zero = false;
  int width = 0;
  int prec = -1;
  Size size = Size::Default;
  bool narrow_str = false;  // 'h' on s/c
  bool wide_str = false;    // 'l'/'w' on s/c
};

template <class C>
struct Writer {
  Sink<C>& out;
  long long count = 0;
  bool ok = true;

  void raw(const C* s, std::size_t n) {
    if (!ok || n == 0) return;
    if (!out.put(s, n)) ok = false;
    count += static_cast<long long>(n);
  }
  void repeat(C c, int n) {
    C buf[64];
    for (auto& b : buf) b = c;
    while (n > 0) {
      int k = n < 64 ? n : 64;
      raw(buf, k);
      n -= k;
    }
  }
  void narrow(const char* s, std::size_t n) {
    if constexpr (sizeof(C) == 1) {
      raw(s, n);
    } else {
      C buf[128];
      while (n > 0) {
        std::size_t k = n < 128 ? n : 128;
        for (std::size_t i = 0; i < k; ++i) buf[i] = byte_to_wide(static_cast<unsigned char>(s[i]));
        raw(buf, k);
        s += k;
        n -= k;
      }
    }
  }
  void wide(const wchar* s, std::size_t n) {
    if constexpr (sizeof(C) == 2) {
      raw(s, n);
    } else {
      char buf[128];
      while (n > 0) {
        std::size_t k = n < 128 ? n : 128;
        for (std::size_t i = 0; i < k; ++i) {
          int b = wide_to_byte(s[i]);
          if (b < 0) FIXME_ONCE("character U+%04X has no single-byte form in the C locale\n", s[i]);
          buf[i] = static_cast<char>(b < 0 ? '?' : b);
        }
        raw(buf, k);
        s += k;
        n -= k;
      }
    }
  }
  // Pads a body of `len` characters (after an optional prefix such as a sign).
  template <class Emit>
  void padded(const Spec& sp, std::size_t len, const char* prefix, bool zero_ok, Emit emit) {
    std::size_t plen = std::strlen(prefix);
    int pad = sp.width - static_cast<int>(len + plen);
    if (pad < 0) pad = 0;
    bool zeros = sp.zero && !sp.left && zero_ok;
    if (!sp.left && !zeros) repeat(C(' '), pad);
    narrow(prefix, plen);
    if (zeros) repeat(C('0'), pad);
    emit();
    if (sp.left) repeat(C(' '), pad);
  }
};

template <class C>
void emit_integer(Writer<C>& w, const Spec& sp, C conv, std::uint64_t mag, bool negative) {
  char digits[72];
  int n = 0;
  unsigned base = 10;
  const char* set = "0123456789abcdef";
  if (conv == 'o') base = 8;
  if (conv == 'x') base = 16;
  if (conv == 'X' || conv == 'p') {
    base = 16;
    set = "0123456789ABCDEF";
  }
  std::uint64_t m = mag;
  while (m) {
    digits[n++] = set[m % base];
    m /= base;
  }
  int prec = sp.prec;
  if (conv == 'p') prec = 16;
  int zeros = prec > n ? prec - n : 0;
  if (prec < 0 && n == 0) zeros = 1;  // "0"
  char prefix[4] = {};
  int pl = 0;
  if (conv == 'd' || conv == 'i') {
    if (negative) prefix[pl++] = '-';
    else if (sp.plus) prefix[pl++] = '+';
    else if (sp.space) prefix[pl++] = ' ';
  }
  if (sp.alt && mag != 0 && (conv == 'x' || conv == 'X')) {
    prefix[pl++] = '0';
    prefix[pl++] = static_cast<char>(conv);
  }
  if (sp.alt && conv == 'o' && zeros == 0) zeros = 1;
  std::size_t len = static_cast<std::size_t>(zeros + n);
  w.padded(sp, len, prefix, sp.prec < 0, [&] {
    w.repeat(C('0'), zeros);
    char rev[72];
    for (int i = 0; i < n; ++i) rev[i] = digits[n - 1 - i];
    w.narrow(rev, n);
  });
}

template <class C>
void emit_double(Writer<C>& w, const Spec& sp, C conv, double v, const Options& options) {
  std::string body = format_double(v, static_cast<char>(conv), sp.prec, sp.alt, options);
  const char* prefix = std::signbit(v) ? "-" : sp.plus ? "+" : sp.space ? " " : "";
  // The UCRT pads "inf" and "nan" with spaces even under the '0' flag.
  bool zero_ok = !options.ucrt || std::isfinite(v);
  w.padded(sp, body.size(), prefix, zero_ok, [&] { w.narrow(body.data(), body.size()); });
}

const char16_t kNullW[] = u"(null)";

}  // namespace

template <class C>
int format(Sink<C>& out, const C* f, __builtin_ms_va_list& ap, const Options& options) {
  if (!f) {
    set_errno(err::einval);
    return -1;
  }
  Writer<C> w{out};
  while (*f && w.ok) {
    if (*f != C('%')) {
      const C* start = f;
      while (*f && *f != C('%')) ++f;
      w.raw(start, static_cast<std::size_t>(f - start));
      continue;
    }
    const C* directive = f++;
    Spec sp;
    for (;; ++f) {
      if (*f == C('-')) sp.left = true;
      else if (*f == C('+')) sp.plus = true;
      else if (*f == C(' ')) sp.space = true;
      else if (*f == C('#')) sp.alt = true;
      else if (*f == C('0')) sp.zero = true;
      else break;
    }
    if (*f == C('*')) {
      sp.width = __builtin_va_arg(ap, int);
      if (sp.width < 0) {
        sp.left = true;
        sp.width = -sp.width;
      }
      ++f;
    } else {
      while (*f >= C('0') && *f <= C('9')) sp.width = sp.width * 10 + (*f++ - C('0'));
    }
    if (*f == C('.')) {
      ++f;
      sp.prec = 0;
      if (*f == C('*')) {
        sp.prec = __builtin_va_arg(ap, int);
        if (sp.prec < 0) sp.prec = -1;
        ++f;
      } else {
        while (*f >= C('0') && *f <= C('9')) sp.prec = sp.prec * 10 + (*f++ - C('0'));
      }
    }
    // Size prefixes, including Microsoft's I, I32, I64 and w.
    for (bool more = true; more;) {
      switch (*f) {
        case 'h':
          sp.size = sp.size == Size::Short ? Size::Char : Size::Short;
          sp.narrow_str = true;
          ++f;
          break;
        case 'l':
          sp.size = sp.size == Size::Long ? Size::LongLong : Size::Long;
          sp.wide_str = true;
          ++f;
          break;
        case 'w':
          sp.wide_str = true;
          sp.size = Size::Wide;
          ++f;
          break;
        case 'L':
        case 'q':
          sp.size = *f == 'L' ? Size::LongDouble : Size::LongLong;
          ++f;
          break;
        case 'z':
        case 'j':
        case 't':
          sp.size = Size::Ptr;
          ++f;
          break;
        case 'I':
          if (f[1] == '6' && f[2] == '4') {
            sp.size = Size::Int64;
            f += 3;
          } else if (f[1] == '3' && f[2] == '2') {
            sp.size = Size::Int32;
            f += 3;
          } else {
            sp.size = Size::Ptr;
            ++f;
          }
          break;
        default:
          more = false;
      }
    }
    C conv = *f;
    if (!conv) {
      w.raw(directive, static_cast<std::size_t>(f - directive));  // trailing incomplete directive
      break;
    }
    ++f;
    switch (conv) {
      case 'd':
      case 'i': {
        long long v;
        switch (sp.size) {
          case Size::LongLong:
          case Size::Int64:
          case Size::Ptr: v = __builtin_va_arg(ap, long long); break;
          case Size::Short: v = static_cast<short>(__builtin_va_arg(ap, int)); break;
          case Size::Char: v = static_cast<signed char>(__builtin_va_arg(ap, int)); break;
          default: v = __builtin_va_arg(ap, int); break;
        }
        std::uint64_t mag = v < 0 ? 0 - static_cast<std::uint64_t>(v) : static_cast<std::uint64_t>(v);
        emit_integer(w, sp, conv, mag, v < 0);
        break;
      }
      case 'u':
      case 'o':
      case 'x':
      case 'X': {
        std::uint64_t v;
        switch (sp.size) {
          case Size::LongLong:
          case Size::Int64:
          case Size::Ptr: v = __builtin_va_arg(ap, unsigned long long); break;
          case Size::Short: v = static_cast<unsigned short>(__builtin_va_arg(ap, unsigned)); break;
          case Size::Char: v = static_cast<unsigned char>(__builtin_va_arg(ap, unsigned)); break;
          default: v = __builtin_va_arg(ap, unsigned); break;
        }
        emit_integer(w, sp, conv, v, false);
        break;
      }
      case 'p': {
        Spec p = sp;
        p.prec = -1;
        emit_integer(w, p, conv, reinterpret_cast<std::uintptr_t>(__builtin_va_arg(ap, void*)), false);
        break;
      }
      case 'e':
      case 'E':
      case 'f':
      case 'F':
      case 'g':
      case 'G':
      case 'a':
      case 'A':
        // long double is double on Windows x64.
        emit_double(w, sp, conv, __builtin_va_arg(ap, double), options);
        break;
      case 'c':
      case 'C': {
        // %c is the variant's own width, %C the other; h/l/w force narrow/wide. Without
        // legacy wide specifiers (UCRT, ISO mode) a wide function's %c is narrow too.
        bool wide_arg = (conv == 'C') != (sizeof(C) == 2 && options.legacy_wide_specifiers);
        if (sp.narrow_str) wide_arg = false;
        if (sp.wide_str) wide_arg = true;
        unsigned v = __builtin_va_arg(ap, unsigned);
        Spec s = sp;
        s.zero = sp.zero;
        w.padded(s, 1, "", true, [&] {
          if (wide_arg) {
            wchar c = static_cast<wchar>(v);
            w.wide(&c, 1);
          } else {
            char c = static_cast<char>(v);
            w.narrow(&c, 1);
          }
        });
        break;
      }
      case 's':
      case 'S': {
        bool wide_arg = (conv == 'S') != (sizeof(C) == 2 && options.legacy_wide_specifiers);
        if (sp.narrow_str) wide_arg = false;
        if (sp.wide_str) wide_arg = true;
        const void* p = __builtin_va_arg(ap, const void*);
        if (wide_arg) {
          const wchar* s = p ? static_cast<const wchar*>(p) : kNullW;
          std::size_t n = 0;
          while ((sp.prec < 0 || n < static_cast<std::size_t>(sp.prec)) && s[n]) ++n;
          w.padded(sp, n, "", true, [&] { w.wide(s, n); });
        } else {
          const char* s = p ? static_cast<const char*>(p) : "(null)";
          std::size_t n = 0;
          while ((sp.prec < 0 || n < static_cast<std::size_t>(sp.prec)) && s[n]) ++n;
          w.padded(sp, n, "", true, [&] { w.narrow(s, n); });
        }
        break;
      }
      case 'Z': {
        // ANSI_STRING / UNICODE_STRING: Length in bytes, then the buffer.
        const auto* str = __builtin_va_arg(ap, const ANSI_STRING*);
        bool wide_arg = sp.wide_str;
        if (!str || !str->Buffer) {
          w.padded(sp, 6, "", true, [&] { w.narrow("(null)", 6); });
        } else if (wide_arg) {
          std::size_t n = str->Length / 2;
          w.padded(sp, n, "", true, [&] { w.wide(reinterpret_cast<const wchar*>(str->Buffer), n); });
        } else {
          std::size_t n = str->Length;
          w.padded(sp, n, "", true, [&] { w.narrow(str->Buffer, n); });
        }
        break;
      }
      case 'n': {
        if (!options.count_output) {  // the UCRT's invalid-parameter path: nothing more is written
          set_errno(err::einval);
          if (options.invalid_parameter) options.invalid_parameter();
          return -1;
        }
        void* p = __builtin_va_arg(ap, void*);
        if (!p) break;
        switch (sp.size) {
          case Size::Short: *static_cast<short*>(p) = static_cast<short>(w.count); break;
          case Size::Char: *static_cast<signed char*>(p) = static_cast<signed char>(w.count); break;
          case Size::LongLong:
          case Size::Int64:
          case Size::Ptr: *static_cast<long long*>(p) = w.count; break;
          default: *static_cast<int*>(p) = static_cast<int>(w.count); break;
        }
        break;
      }
      default: {
        // "%%" and unknown conversions print the character itself, padded.
        C c = conv;
        w.padded(sp, 1, "", true, [&] { w.raw(&c, 1); });
        break;
      }
    }
  }
  if (!w.ok) return -1;
  return w.count > 0x7FFFFFFF ? -1 : static_cast<int>(w.count);
}

}  // namespace sill::msvcrt::fmt

namespace sill::msvcrt {

// _set_output_format(_TWO_DIGIT_EXPONENT) switches %e/%g to C99's two-digit exponents.
unsigned WINAPI _set_output_format(unsigned format) noexcept {
  unsigned old = fmt::output_format;
  fmt::output_format = format & 1;
  return old;
}

unsigned WINAPI _get_output_format() noexcept { return fmt::output_format; }

}  // namespace sill::msvcrt

namespace sill::msvcrt::fmt {

template int format<char>(Sink<char>&, const char*, __builtin_ms_va_list&, const Options&);
template int format<char16_t>(Sink<char16_t>&, const char16_t*, __builtin_ms_va_list&, const Options&);

}  // namespace sill::msvcrt::fmt
