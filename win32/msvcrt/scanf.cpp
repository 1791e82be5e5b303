// The scanf family, narrow and wide, over one engine: strings and streams are sources,
// directives follow msvcrt (%I64d, %S/%ls/%hs, %[...] sets, integers wrap instead of
// saturating).
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <string>

#include "base/debug.h"
#include "win32/msvcrt/msvcrt.h"
#include "win32/msvcrt/msvcrt_api.h"
#include "win32/msvcrt/scanf.h"

SILL_DEFAULT_DEBUG_CHANNEL(msvcrt);

namespace sill::msvcrt {
namespace {

using va = __builtin_ms_va_list;
constexpr int kEnd = -1;

template <class C>
struct Source {
  virtual int get() = 0;  // next character, or kEnd
  virtual void unget(int c) = 0;
  long long consumed = 0;

 protected:
  ~Source() = default;
};

template <class C>
struct StringSource final : Source<C> {
  const C* p;
  const C* end;  // null: up to the terminator
  StringSource(const C* s, const C* e) : p(s), end(e) {}
  int get() override {
    if ((end && p >= end) || !*p) return kEnd;
    ++this->consumed;
    return static_cast<int>(static_cast<std::make_unsigned_t<C>>(*p++));
  }
  void unget(int c) override {
    if (c == kEnd) return;
    --p;
    --this->consumed;
  }
};

struct StreamSource final : Source<char> {
  FILE* f;
  explicit StreamSource(FILE* file) : f(file) {}
  int get() override {
    int c = stdio::getc_nolock(f);
    if (c == CRT_EOF) return kEnd;
    ++consumed;
    return c;
  }
  void unget(int c) override {
    if (c == kEnd) return;
    ungetc(c, f);
    --consumed;
  }
};

struct WideStreamSource final : Source<wchar> {
  FILE* f;
  explicit WideStreamSource(FILE* file) : f(file) {}
  int get() override {
    wint_t c = _fgetwc_nolock(f);
    if (c == CRT_WEOF) return kEnd;
    ++consumed;
    return c;
  }
  void unget(int c) override {
    if (c == kEnd) return;
    ungetwc(static_cast<wint_t>(c), f);
    --consumed;
  }
};

bool is_space(int c) { return c == ' ' || (c >= '\t' && c <= '\r'); }

int digit_value(int c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'z') return c - 'a' + 10;
  if (c >= 'A' && c <= 'Z') return c - 'A' + 10;
  return 99;
}

enum class Size { Default, Char, Short, Long, LongLong, Ptr };

template <class C>
void store_integer(va& ap, Size size, std::uint64_t v) {
  void* p = __builtin_va_arg(ap, void*);
  switch (size) {
    case Size::Char: *static_cast<std::uint8_t*>(p) = static_cast<std::uint8_t>(v); break;
    case Size::Short: *static_cast<std::uint16_t*>(p) = static_cast<std::uint16_t>(v); break;
    case Size::LongLong:
    case Size::Ptr: *static_cast<std::uint64_t*>(p) = v; break;
    default: *static_cast<std::uint32_t*>(p) = static_cast<std::uint32_t>(v); break;
  }
}

// Reads the longest prefix of a decimal floating-point number, within width.
template <class C>
bool scan_float(Source<C>& in, int width, std::string& text) {
  int c = in.get();
  auto take = [&]() {
    text.push_back(static_cast<char>(c));
    --width;
    c = width > 0 ? in.get() : kEnd;
  };
  if (width > 0 && (c == '+' || c == '-')) take();
  int digits = 0;
  while (width > 0 && c >= '0' && c <= '9') {
    take();
    ++digits;
  }
  if (width > 0 && c == '.') {
    take();
    while (width > 0 && c >= '0' && c <= '9') {
      take();
      ++digits;
    }
  }
  if (digits && width > 0 && (c == 'e' || c == 'E')) {
    take();
    if (width > 0 && (c == '+' || c == '-')) take();
    while (width > 0 && c >= '0' && c <= '9') take();
  }
  if (width > 0 || c != kEnd) in.unget(c);
  return digits > 0;
}

template <class C>
int scan(Source<C>& in, const C* f, va& ap, const ScanOptions& options) {
  if (!f) {
    set_errno(err::einval);
    return CRT_EOF;
  }
  int assigned = 0;
  bool any_conversion = false;
  while (*f) {
    if (is_space(*f)) {
      while (is_space(*f)) ++f;
      int c;
      while ((c = in.get()) != kEnd && is_space(c)) {}
      in.unget(c);
      continue;
    }
    if (*f != C('%') || f[1] == C('%')) {
      if (*f == C('%')) ++f;
      int c = in.get();
      if (c == kEnd) return any_conversion || assigned ? assigned : CRT_EOF;
      if (c != static_cast<int>(static_cast<std::make_unsigned_t<C>>(*f))) {
        in.unget(c);
        return assigned;
      }
      ++f;
      continue;
    }
    ++f;
    bool suppress = false;
    if (*f == C('*')) {
      suppress = true;
      ++f;
    }
    int width = 0;
    while (*f >= C('0') && *f <= C('9')) width = width * 10 + (*f++ - C('0'));
    Size size = Size::Default;
    bool narrow = false, wide = false;
    for (bool more = true; more;) {
      switch (*f) {
        case 'h': size = size == Size::Short ? Size::Char : Size::Short; narrow = true; ++f; break;
        case 'l': size = size == Size::Long ? Size::LongLong : Size::Long; wide = true; ++f; break;
        case 'w': wide = true; ++f; break;
        case 'L': size = Size::LongLong; ++f; break;
        case 'z': case 'j': case 't': size = Size::Ptr; ++f; break;
        case 'I':
          if (f[1] == '6' && f[2] == '4') { size = Size::LongLong; f += 3; }
          else if (f[1] == '3' && f[2] == '2') { size = Size::Default; f += 3; }
          else { size = Size::Ptr; ++f; }
          break;
        default: more = false;
      }
    }
    C conv = *f;
    if (!conv) break;
    ++f;

    if (conv == C('n')) {
      if (!suppress) store_integer<C>(ap, size, static_cast<std::uint64_t>(in.consumed));
      continue;
    }
    // Everything but %c and %[ skips leading white space.
    int c;
    if (conv != C('c') && conv != C('[')) {
      while ((c = in.get()) != kEnd && is_space(c)) {}
      in.unget(c);
    }
    if (width <= 0) width = (conv == C('c') || conv == C('C')) ? 1 : 0x7FFFFFFF;

    switch (conv) {
      case 'd': case 'i': case 'u': case 'o': case 'x': case 'X': case 'p': {
        int base = conv == C('o') ? 8 : (conv == C('x') || conv == C('X') || conv == C('p')) ? 16
                 : conv == C('i') ? 0 : 10;
        if (conv == C('p')) size = Size::Ptr;
        c = in.get();
        bool negative = false;
        if (width > 0 && (c == '+' || c == '-')) {
          negative = c == '-';
          --width;
          c = width > 0 ? in.get() : kEnd;
        }
        int digits = 0;
        if (width > 0 && c == '0' && (base == 0 || base == 16)) {
          ++digits;  // a lone 0 is a valid number
          --width;
          c = width > 0 ? in.get() : kEnd;
          if (width > 0 && (c == 'x' || c == 'X')) {
            base = 16;
            digits = 0;
            --width;
            c = width > 0 ? in.get() : kEnd;
          } else if (base == 0) {
            base = 8;
          }
        }
        if (base == 0) base = 10;
        std::uint64_t v = 0;
        while (width > 0 && c != kEnd && digit_value(c) < base) {
          v = v * static_cast<unsigned>(base) + static_cast<unsigned>(digit_value(c));
          ++digits;
          --width;
          c = width > 0 ? in.get() : kEnd;
        }
        if (width > 0 || c != kEnd) in.unget(c);
        if (!digits) return any_conversion || assigned ? assigned : (c == kEnd ? CRT_EOF : assigned);
        if (negative) v = 0 - v;
        any_conversion = true;
        if (!suppress) {
          store_integer<C>(ap, size, v);
          ++assigned;
        }
        break;
      }
      case 'e': case 'E': case 'f': case 'g': case 'G': case 'a': case 'A': {
        std::string text;
        if (!scan_float(in, width, text)) {
          return any_conversion || assigned ? assigned : (text.empty() && in.get() == kEnd ? CRT_EOF : assigned);
        }
        any_conversion = true;
        if (!suppress) {
          double v = std::strtod(text.c_str(), nullptr);
          void* p = __builtin_va_arg(ap, void*);
          if (size == Size::Long || size == Size::LongLong) *static_cast<double*>(p) = v;
          else *static_cast<float*>(p) = static_cast<float>(v);
          ++assigned;
        }
        break;
      }
      case 'c': case 'C': case 's': case 'S': case '[': {
        bool wide_out = ((conv == C('C') || conv == C('S')) != (sizeof(C) == 2 && options.legacy_wide_specifiers));
        if (narrow) wide_out = false;
        if (wide) wide_out = true;
        // A %[ set: ^ negates, ] first is literal, a-b is a range.
        bool negate = false;
        std::u16string members;
        if (conv == C('[')) {
          if (*f == C('^')) {
            negate = true;
            ++f;
          }
          if (*f == C(']')) members.push_back(static_cast<char16_t>(*f++));
          while (*f && *f != C(']')) {
            if (f[1] == C('-') && f[2] && f[2] != C(']')) {
              for (unsigned x = static_cast<std::make_unsigned_t<C>>(f[0]); x <= static_cast<std::make_unsigned_t<C>>(f[2]); ++x)
                members.push_back(static_cast<char16_t>(x));
              f += 3;
            } else {
              members.push_back(static_cast<char16_t>(*f++));
            }
          }
          if (*f == C(']')) ++f;
        }
        auto accept = [&](int ch) {
          if (conv == C('[')) {
            bool in_set = members.find(static_cast<char16_t>(ch)) != std::u16string::npos;
            return in_set != negate;
          }
          if (conv == C('s') || conv == C('S')) return !is_space(ch);
          return true;
        };
        void* out = suppress ? nullptr : __builtin_va_arg(ap, void*);
        // The secure forms pass the buffer's size in characters after the pointer; text that
        // does not fit (with its terminator, except for %c) empties the buffer and ends the scan.
        std::size_t room = SIZE_MAX;
        if (out && options.secure) room = __builtin_va_arg(ap, unsigned);
        bool terminated = conv != C('c') && conv != C('C');
        int n = 0;
        c = in.get();
        while (width > 0 && c != kEnd && accept(c)) {
          if (out && static_cast<std::size_t>(n) + (terminated ? 1 : 0) >= room) {
            if (room) {
              if (wide_out) static_cast<wchar*>(out)[0] = 0;
              else static_cast<char*>(out)[0] = 0;
            }
            in.unget(c);
            return assigned;
          }
          if (out) {
            if (wide_out) static_cast<wchar*>(out)[n] = static_cast<wchar>(c);
            else static_cast<char*>(out)[n] = static_cast<char>(sizeof(C) == 2 && c > 255 ? '?' : c);
          }
          ++n;
          --width;
          c = width > 0 ? in.get() : kEnd;
        }
        if (width > 0 || c != kEnd) in.unget(c);
        if (!n) return any_conversion || assigned ? assigned : (c == kEnd ? CRT_EOF : assigned);
        any_conversion = true;
        if (out) {
          if (conv != C('c') && conv != C('C')) {
            if (wide_out) static_cast<wchar*>(out)[n] = 0;
            else static_cast<char*>(out)[n] = 0;
          }
          ++assigned;
        }
        break;
      }
      default:
        return assigned;  // an unknown directive ends the scan
    }
  }
  return assigned;
}

int stream_scan(FILE* f, const char* format, va& ap, const ScanOptions& options = {}) {
  if (!f) {
    set_errno(err::einval);
    return CRT_EOF;
  }
  stdio::Guard g(f);
  StreamSource in(f);
  return scan<char>(in, format, ap, options);
}

int stream_wscan(FILE* f, const wchar* format, va& ap, const ScanOptions& options = {}) {
  if (!f) {
    set_errno(err::einval);
    return CRT_EOF;
  }
  stdio::Guard g(f);
  WideStreamSource in(f);
  return scan<wchar>(in, format, ap, options);
}

template <class C>
int string_scan(const C* s, const C* end, const C* format, va& ap, const ScanOptions& options = {}) {
  if (!s || !format) {
    set_errno(err::einval);
    return CRT_EOF;
  }
  StringSource<C> in(s, end);
  return scan<C>(in, format, ap, options);
}

}  // namespace

int scan_string(const char* s, const char* end, const char* format, va& ap, const ScanOptions& options) {
  return string_scan<char>(s, end, format, ap, options);
}
int scan_string(const wchar* s, const wchar* end, const wchar* format, va& ap, const ScanOptions& options) {
  return string_scan<wchar>(s, end, format, ap, options);
}
int scan_stream(FILE* f, const char* format, va& ap, const ScanOptions& options) {
  return stream_scan(f, format, ap, options);
}
int scan_stream(FILE* f, const wchar* format, va& ap, const ScanOptions& options) {
  return stream_wscan(f, format, ap, options);
}

int WINAPI sscanf(const char* s, const char* format, ...) noexcept {
  va ap;
  __builtin_ms_va_start(ap, format);
  int r = string_scan<char>(s, nullptr, format, ap);
  __builtin_ms_va_end(ap);
  return r;
}

int WINAPI _snscanf(const char* s, std::size_t n, const char* format, ...) noexcept {
  va ap;
  __builtin_ms_va_start(ap, format);
  int r = string_scan<char>(s, s ? s + n : nullptr, format, ap);
  __builtin_ms_va_end(ap);
  return r;
}

int WINAPI vsscanf(const char* s, const char* format, va ap) noexcept { return string_scan<char>(s, nullptr, format, ap); }

int WINAPI fscanf(FILE* f, const char* format, ...) noexcept {
  va ap;
  __builtin_ms_va_start(ap, format);
  int r = stream_scan(f, format, ap);
  __builtin_ms_va_end(ap);
  return r;
}

int WINAPI vfscanf(FILE* f, const char* format, va ap) noexcept { return stream_scan(f, format, ap); }

int WINAPI scanf(const char* format, ...) noexcept {
  va ap;
  __builtin_ms_va_start(ap, format);
  int r = stream_scan(&iob[0], format, ap);
  __builtin_ms_va_end(ap);
  return r;
}

int WINAPI vscanf(const char* format, va ap) noexcept { return stream_scan(&iob[0], format, ap); }

int WINAPI swscanf(const wchar* s, const wchar* format, ...) noexcept {
  va ap;
  __builtin_ms_va_start(ap, format);
  int r = string_scan<wchar>(s, nullptr, format, ap);
  __builtin_ms_va_end(ap);
  return r;
}

int WINAPI vswscanf(const wchar* s, const wchar* format, va ap) noexcept { return string_scan<wchar>(s, nullptr, format, ap); }

int WINAPI fwscanf(FILE* f, const wchar* format, ...) noexcept {
  va ap;
  __builtin_ms_va_start(ap, format);
  int r = stream_wscan(f, format, ap);
  __builtin_ms_va_end(ap);
  return r;
}

int WINAPI wscanf(const wchar* format, ...) noexcept {
  va ap;
  __builtin_ms_va_start(ap, format);
  int r = stream_wscan(&iob[0], format, ap);
  __builtin_ms_va_end(ap);
  return r;
}

}  // namespace sill::msvcrt
