// The UCRT's stdio entry points. Its headers inline printf, sprintf, scanf and friends
// into calls of __stdio_common_v*, passing option bits (_CRT_INTERNAL_PRINTF_*,
// _CRT_INTERNAL_SCANF_*) that choose the behaviour; the formatting itself is msvcrt's
// engine, told which CRT is asking. Streams are msvcrt's: __acrt_iob_func hands out its _iob.
#include <cstdint>

#include "base/debug.h"
#include "win32/msvcrt/msvcrt.h"
#include "win32/msvcrt/printf_format.h"
#include "win32/msvcrt/scanf.h"
#include "win32/ucrtbase/ucrtbase.h"

SILL_DEFAULT_DEBUG_CHANNEL(msvcrt);

namespace sill::ucrtbase {

namespace {

using msvcrt::err::einval;
using msvcrt::err::erange;
using va = va_list_t;

// corecrt_stdio_config.h
constexpr std::uint64_t kPrintfLegacyVsprintfNullTermination = 0x1;
constexpr std::uint64_t kPrintfStandardSnprintfBehavior = 0x2;
constexpr std::uint64_t kPrintfLegacyWideSpecifiers = 0x4;
constexpr std::uint64_t kPrintfLegacyMsvcrtCompatibility = 0x8;
constexpr std::uint64_t kPrintfLegacyThreeDigitExponents = 0x10;
constexpr std::uint64_t kScanfSecureCrt = 0x1;
constexpr std::uint64_t kScanfLegacyWideSpecifiers = 0x2;
constexpr std::size_t kTruncate = SIZE_MAX;  // _TRUNCATE

msvcrt::fmt::Options printf_options(std::uint64_t bits) {
  msvcrt::fmt::Options o;
  o.ucrt = !(bits & kPrintfLegacyMsvcrtCompatibility);
  o.three_digit_exponents = bits & kPrintfLegacyThreeDigitExponents;
  o.legacy_wide_specifiers = bits & kPrintfLegacyWideSpecifiers;
  o.count_output = _get_printf_count_output() != 0;
  o.invalid_parameter = [] { _invalid_parameter_noinfo(); };
  return o;
}

msvcrt::ScanOptions scan_options(std::uint64_t bits) {
  msvcrt::ScanOptions o;
  o.secure = bits & kScanfSecureCrt;
  o.legacy_wide_specifiers = bits & kScanfLegacyWideSpecifiers;
  return o;
}

// A bad argument: errno, then the invalid-parameter handler (which ends the process unless
// the program installed one), then the error value.
int invalid(int e) {
  msvcrt::set_errno(e);
  _invalid_parameter_noinfo();
  return -1;
}

// __stdio_common_vs(w)printf: one entry for sprintf, _snprintf, snprintf and vswprintf,
// told apart by the option bits.
template <class C>
int common_vsprintf(std::uint64_t bits, C* buf, std::size_t count, const C* format, va& ap) {
  if (!format || (!buf && count)) return invalid(einval);
  msvcrt::fmt::BufferSink<C> sink(buf, buf ? count : 0);
  int r = msvcrt::fmt::format(sink, format, ap, printf_options(bits));
  if (!buf) return r;  // a length query
  std::size_t len = sink.total;
  if (bits & kPrintfStandardSnprintfBehavior) {
    // C99 snprintf: terminated within count, the full length returned.
    if (count) buf[r < 0 ? 0 : (len < count ? len : count - 1)] = 0;
    return r;
  }
  if (bits & kPrintfLegacyVsprintfNullTermination) {
    // _vsnprintf: exactly full is not terminated; too long is -1 with the buffer filled.
    if (r < 0 || len > count) return -1;
    if (len < count) buf[len] = 0;
    return r;
  }
  // The standard's vswprintf: always terminated; too long is a negative result (-2).
  if (r < 0) {
    if (count) buf[0] = 0;
    return -1;
  }
  if (len >= count) {
    if (count) buf[count - 1] = 0;
    return -2;
  }
  buf[len] = 0;
  return r;
}

// sprintf_s: the text and its terminator must fit, or the buffer is emptied and the
// invalid-parameter path taken (ERANGE).
template <class C>
int common_vsprintf_s(std::uint64_t bits, C* buf, std::size_t size, const C* format, va& ap) {
  if (!format || !buf || !size) return invalid(einval);
  msvcrt::fmt::BufferSink<C> sink(buf, size - 1);
  int r = msvcrt::fmt::format(sink, format, ap, printf_options(bits));
  if (r < 0) {
    buf[0] = 0;
    return -1;
  }
  if (sink.total >= size) {
    buf[0] = 0;
    return invalid(erange);
  }
  buf[sink.total] = 0;
  return r;
}

// _snprintf_s: at most count characters (_TRUNCATE: whatever fits), always terminated;
// truncation returns -1 (errno STRUNCATE under _TRUNCATE); overflowing size without
// _TRUNCATE is the invalid-parameter path.
template <class C>
int common_vsnprintf_s(std::uint64_t bits, C* buf, std::size_t size, std::size_t count, const C* format, va& ap) {
  if (!format || !buf || !size) {
    if (buf && size) buf[0] = 0;
    return invalid(einval);
  }
  std::size_t limit = count == kTruncate ? size - 1 : (count < size ? count : size - 1);
  msvcrt::fmt::BufferSink<C> sink(buf, limit);
  int r = msvcrt::fmt::format(sink, format, ap, printf_options(bits));
  if (r < 0) {
    buf[0] = 0;
    return -1;
  }
  std::size_t len = sink.total;
  if (len <= limit) {
    buf[len] = 0;
    return r;
  }
  if (count == kTruncate) {
    buf[limit] = 0;
    msvcrt::set_errno(msvcrt::err::struncate);
    return -1;
  }
  if (count < size) {  // asked for fewer than fit: cut at count, no error
    buf[limit] = 0;
    return -1;
  }
  buf[0] = 0;
  return invalid(erange);
}

template <class C>
int common_vsscanf(std::uint64_t bits, const C* buf, std::size_t count, const C* format, va& ap) {
  if (!buf || !format) {
    invalid(einval);
    return msvcrt::CRT_EOF;
  }
  const C* end = count == SIZE_MAX ? nullptr : buf + count;
  return msvcrt::scan_string(buf, end, format, ap, scan_options(bits));
}

}  // namespace

// The three standard streams and whatever else _iob holds, by index.
FILE* WINAPI __acrt_iob_func(unsigned index) noexcept {
  if (index >= static_cast<unsigned>(msvcrt::IOB_ENTRIES)) return nullptr;
  return &msvcrt::iob[index];
}

// The options word a module's inline printf functions read (the UCRT keeps one per process).
std::uint64_t* WINAPI __local_stdio_printf_options() noexcept {
  static std::uint64_t options = kPrintfLegacyWideSpecifiers;
  return &options;
}

// The MSVC STL's basic_filebuf reads and moves a stream's buffer itself through these.
errno_t WINAPI _get_stream_buffer_pointers(FILE* f, char*** base, char*** ptr, int** count) noexcept {
  if (!f) {
    invalid(einval);
    return einval;
  }
  if (base) *base = &f->_base;
  if (ptr) *ptr = &f->_ptr;
  if (count) *count = &f->_cnt;
  return 0;
}

int WINAPI __stdio_common_vfprintf(std::uint64_t options, FILE* f, const char* format, locale_t, va ap) noexcept {
  if (!f || !format) return invalid(einval);
  return msvcrt::stream_printf(f, format, ap, printf_options(options));
}

int WINAPI __stdio_common_vfprintf_s(std::uint64_t options, FILE* f, const char* format, locale_t, va ap) noexcept {
  return __stdio_common_vfprintf(options, f, format, nullptr, ap);
}

int WINAPI __stdio_common_vfwprintf(std::uint64_t options, FILE* f, const wchar* format, locale_t, va ap) noexcept {
  if (!f || !format) return invalid(einval);
  return msvcrt::stream_wprintf(f, format, ap, printf_options(options));
}

int WINAPI __stdio_common_vfwprintf_s(std::uint64_t options, FILE* f, const wchar* format, locale_t, va ap) noexcept {
  return __stdio_common_vfwprintf(options, f, format, nullptr, ap);
}

int WINAPI __stdio_common_vsprintf(std::uint64_t options, char* buf, std::size_t count, const char* format, locale_t,
                                   va ap) noexcept {
  return common_vsprintf(options, buf, count, format, ap);
}

int WINAPI __stdio_common_vswprintf(std::uint64_t options, wchar* buf, std::size_t count, const wchar* format,
                                    locale_t, va ap) noexcept {
  return common_vsprintf(options, buf, count, format, ap);
}

int WINAPI __stdio_common_vsprintf_s(std::uint64_t options, char* buf, std::size_t size, const char* format, locale_t,
                                     va ap) noexcept {
  return common_vsprintf_s(options, buf, size, format, ap);
}

int WINAPI __stdio_common_vswprintf_s(std::uint64_t options, wchar* buf, std::size_t size, const wchar* format,
                                      locale_t, va ap) noexcept {
  return common_vsprintf_s(options, buf, size, format, ap);
}

int WINAPI __stdio_common_vsnprintf_s(std::uint64_t options, char* buf, std::size_t size, std::size_t count,
                                      const char* format, locale_t, va ap) noexcept {
  return common_vsnprintf_s(options, buf, size, count, format, ap);
}

int WINAPI __stdio_common_vsnwprintf_s(std::uint64_t options, wchar* buf, std::size_t size, std::size_t count,
                                       const wchar* format, locale_t, va ap) noexcept {
  return common_vsnprintf_s(options, buf, size, count, format, ap);
}

int WINAPI __stdio_common_vsscanf(std::uint64_t options, const char* buf, std::size_t count, const char* format,
                                  locale_t, va ap) noexcept {
  return common_vsscanf(options, buf, count, format, ap);
}

int WINAPI __stdio_common_vswscanf(std::uint64_t options, const wchar* buf, std::size_t count, const wchar* format,
                                   locale_t, va ap) noexcept {
  return common_vsscanf(options, buf, count, format, ap);
}

int WINAPI __stdio_common_vfscanf(std::uint64_t options, FILE* f, const char* format, locale_t, va ap) noexcept {
  if (!f || !format) {
    invalid(einval);
    return msvcrt::CRT_EOF;
  }
  return msvcrt::scan_stream(f, format, ap, scan_options(options));
}

int WINAPI __stdio_common_vfwscanf(std::uint64_t options, FILE* f, const wchar* format, locale_t, va ap) noexcept {
  if (!f || !format) {
    invalid(einval);
    return msvcrt::CRT_EOF;
  }
  return msvcrt::scan_stream(f, format, ap, scan_options(options));
}

}  // namespace sill::ucrtbase
