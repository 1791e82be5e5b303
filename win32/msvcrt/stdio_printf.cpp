// The printf family, narrow and wide: streams, buffers and counting, all over the one
// format engine in printf_format.cpp.
#include <cstring>

#include "base/debug.h"
#include "win32/msvcrt/msvcrt.h"
#include "win32/msvcrt/msvcrt_api.h"
#include "win32/msvcrt/printf_format.h"

SILL_DEFAULT_DEBUG_CHANNEL(msvcrt);

namespace sill::msvcrt {
namespace {

using va = __builtin_ms_va_list;

// Narrow output to a stream (the caller holds its lock).
struct StreamSink final : fmt::Sink<char> {
  FILE* f;
  explicit StreamSink(FILE* file) : f(file) {}
  bool put(const char* s, std::size_t n) override { return stdio::write_nolock(s, n, f) == n; }
  using fmt::Sink<char>::put;
};

// Wide output to a stream: text streams get the locale's bytes, binary ones UTF-16 units.
struct WideStreamSink final : fmt::Sink<wchar> {
  FILE* f;
  explicit WideStreamSink(FILE* file) : f(file) {}
  bool put(const wchar* s, std::size_t n) override {
    for (std::size_t i = 0; i < n; ++i) {
      if (fputwc_nolock_impl(s[i]) == CRT_WEOF) return false;
    }
    return true;
  }
  using fmt::Sink<wchar>::put;
  wint_t fputwc_nolock_impl(wchar c) { return _fputwc_nolock(c, f); }
};

}  // namespace

int stream_printf(FILE* f, const char* format, va& ap, const fmt::Options& options) {
  if (!f || !format) {
    set_errno(err::einval);
    return -1;
  }
  stdio::Guard g(f);
  StreamSink sink(f);
  int r = fmt::format(sink, format, ap, options);
  stdio::end_call(f);
  return r;
}

int stream_wprintf(FILE* f, const wchar* format, va& ap, const fmt::Options& options) {
  if (!f || !format) {
    set_errno(err::einval);
    return -1;
  }
  stdio::Guard g(f);
  WideStreamSink sink(f);
  int r = fmt::format(sink, format, ap, options);
  stdio::end_call(f);
  return r;
}

namespace {

// _vsnprintf: stores at most count characters; -1 when the output did not fit (and then
// no terminator is written), otherwise the length, terminated when there is room.
template <class C>
int bounded(C* buf, std::size_t count, const C* format, va& ap) {
  if (!format || (!buf && count)) {
    set_errno(err::einval);
    return -1;
  }
  fmt::BufferSink<C> sink(buf, count);
  int r = fmt::format(sink, format, ap);
  if (r < 0 || !buf) return r;  // no buffer and no room: the caller asks for the length
  if (sink.total < count) buf[sink.total] = 0;
  if (sink.total > count) return -1;
  return r;
}

// C99 snprintf: always terminated when count > 0; returns the full length.
template <class C>
int c99_bounded(C* buf, std::size_t count, const C* format, va& ap) {
  if (!format || (!buf && count)) {
    set_errno(err::einval);
    return -1;
  }
  fmt::BufferSink<C> sink(buf, count ? count - 1 : 0);
  int r = fmt::format(sink, format, ap);
  if (count) buf[sink.stored] = 0;
  return r;
}

template <class C>
int unbounded(C* buf, const C* format, va& ap) {
  if (!buf || !format) {
    set_errno(err::einval);
    return -1;
  }
  fmt::BufferSink<C> sink(buf, SIZE_MAX);
  int r = fmt::format(sink, format, ap);
  if (r >= 0) buf[sink.stored] = 0;
  return r;
}

// The _s forms: the result must fit with its terminator, or the buffer is emptied.
template <class C>
int secure(C* buf, std::size_t size, const C* format, va& ap) {
  if (!buf || !size || !format) {
    set_errno(err::einval);
    return -1;
  }
  fmt::BufferSink<C> sink(buf, size - 1);
  int r = fmt::format(sink, format, ap);
  if (r < 0 || sink.total >= size) {
    buf[0] = 0;
    set_errno(err::erange);
    return -1;
  }
  buf[sink.total] = 0;
  return r;
}

template <class C>
int count_only(const C* format, va& ap) {
  fmt::BufferSink<C> sink(nullptr, 0);
  return fmt::format(sink, format, ap);
}

}  // namespace

// ---- Narrow ----

int WINAPI vfprintf(FILE* f, const char* format, va ap) noexcept { return stream_printf(f, format, ap); }
int WINAPI vprintf(const char* format, va ap) noexcept { return stream_printf(&iob[1], format, ap); }

int WINAPI fprintf(FILE* f, const char* format, ...) noexcept {
  va ap;
  __builtin_ms_va_start(ap, format);
  int r = stream_printf(f, format, ap);
  __builtin_ms_va_end(ap);
  return r;
}

int WINAPI printf(const char* format, ...) noexcept {
  va ap;
  __builtin_ms_va_start(ap, format);
  int r = stream_printf(&iob[1], format, ap);
  __builtin_ms_va_end(ap);
  return r;
}

int WINAPI vsprintf(char* buf, const char* format, va ap) noexcept { return unbounded(buf, format, ap); }

int WINAPI sprintf(char* buf, const char* format, ...) noexcept {
  va ap;
  __builtin_ms_va_start(ap, format);
  int r = unbounded(buf, format, ap);
  __builtin_ms_va_end(ap);
  return r;
}

int WINAPI _vsnprintf(char* buf, std::size_t count, const char* format, va ap) noexcept {
  return bounded(buf, count, format, ap);
}

int WINAPI _snprintf(char* buf, std::size_t count, const char* format, ...) noexcept {
  va ap;
  __builtin_ms_va_start(ap, format);
  int r = bounded(buf, count, format, ap);
  __builtin_ms_va_end(ap);
  return r;
}

int WINAPI vsnprintf(char* buf, std::size_t count, const char* format, va ap) noexcept {
  return c99_bounded(buf, count, format, ap);
}

int WINAPI snprintf(char* buf, std::size_t count, const char* format, ...) noexcept {
  va ap;
  __builtin_ms_va_start(ap, format);
  int r = c99_bounded(buf, count, format, ap);
  __builtin_ms_va_end(ap);
  return r;
}

int WINAPI vsprintf_s(char* buf, std::size_t size, const char* format, va ap) noexcept {
  return secure(buf, size, format, ap);
}

int WINAPI sprintf_s(char* buf, std::size_t size, const char* format, ...) noexcept {
  va ap;
  __builtin_ms_va_start(ap, format);
  int r = secure(buf, size, format, ap);
  __builtin_ms_va_end(ap);
  return r;
}

int WINAPI _vscprintf(const char* format, va ap) noexcept { return count_only(format, ap); }

int WINAPI _scprintf(const char* format, ...) noexcept {
  va ap;
  __builtin_ms_va_start(ap, format);
  int r = count_only(format, ap);
  __builtin_ms_va_end(ap);
  return r;
}

// ---- Wide ----

int WINAPI vfwprintf(FILE* f, const wchar* format, va ap) noexcept { return stream_wprintf(f, format, ap); }
int WINAPI vwprintf(const wchar* format, va ap) noexcept { return stream_wprintf(&iob[1], format, ap); }

int WINAPI fwprintf(FILE* f, const wchar* format, ...) noexcept {
  va ap;
  __builtin_ms_va_start(ap, format);
  int r = stream_wprintf(f, format, ap);
  __builtin_ms_va_end(ap);
  return r;
}

int WINAPI wprintf(const wchar* format, ...) noexcept {
  va ap;
  __builtin_ms_va_start(ap, format);
  int r = stream_wprintf(&iob[1], format, ap);
  __builtin_ms_va_end(ap);
  return r;
}

// msvcrt.dll's "swprintf" and "vswprintf" are the old forms without a size.
int WINAPI vswprintf(wchar* buf, const wchar* format, va ap) noexcept { return unbounded(buf, format, ap); }

int WINAPI swprintf(wchar* buf, const wchar* format, ...) noexcept {
  va ap;
  __builtin_ms_va_start(ap, format);
  int r = unbounded(buf, format, ap);
  __builtin_ms_va_end(ap);
  return r;
}

int WINAPI _vsnwprintf(wchar* buf, std::size_t count, const wchar* format, va ap) noexcept {
  return bounded(buf, count, format, ap);
}

int WINAPI _snwprintf(wchar* buf, std::size_t count, const wchar* format, ...) noexcept {
  va ap;
  __builtin_ms_va_start(ap, format);
  int r = bounded(buf, count, format, ap);
  __builtin_ms_va_end(ap);
  return r;
}

int WINAPI vswprintf_s(wchar* buf, std::size_t size, const wchar* format, va ap) noexcept {
  return secure(buf, size, format, ap);
}

int WINAPI swprintf_s(wchar* buf, std::size_t size, const wchar* format, ...) noexcept {
  va ap;
  __builtin_ms_va_start(ap, format);
  int r = secure(buf, size, format, ap);
  __builtin_ms_va_end(ap);
  return r;
}

int WINAPI _vscwprintf(const wchar* format, va ap) noexcept { return count_only(format, ap); }

int WINAPI _scwprintf(const wchar* format, ...) noexcept {
  va ap;
  __builtin_ms_va_start(ap, format);
  int r = count_only(format, ap);
  __builtin_ms_va_end(ap);
  return r;
}

}  // namespace sill::msvcrt
