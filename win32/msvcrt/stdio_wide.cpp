// Wide-character stream I/O. As in msvcrt, a text-mode stream carries the locale's
// bytes (each wchar_t converted like wctomb), a binary stream raw UTF-16 units.
#include "base/debug.h"
#include "win32/msvcrt/msvcrt.h"
#include "win32/msvcrt/msvcrt_api.h"

SILL_DEFAULT_DEBUG_CHANNEL(msvcrt);

namespace sill::msvcrt {

namespace {

// In the Unicode text modes "\n" becomes "\r\n" here, since the descriptor writes bytes as given.
bool put_unicode(wchar c, FILE* f, lowio::WideMode mode) {
  if (c == u'\n' && !put_unicode(u'\r', f, mode)) return false;
  if (mode == lowio::WideMode::Utf16)
    return stdio::putc_nolock(c & 0xFF, f) != CRT_EOF && stdio::putc_nolock(c >> 8, f) != CRT_EOF;
  // UTF-8: a high surrogate waits (per thread) for its low half to form one code point.
  thread_local FILE* pending_file = nullptr;
  thread_local wchar pending_high = 0;
  std::uint32_t cp = c;
  if (c >= 0xD800 && c < 0xDC00) {
    pending_file = f;
    pending_high = c;
    return true;
  }
  if (c >= 0xDC00 && c < 0xE000 && pending_file == f && pending_high) {
    cp = 0x10000 + ((static_cast<std::uint32_t>(pending_high) - 0xD800) << 10) + (c - 0xDC00);
  }
  pending_file = nullptr;
  pending_high = 0;
  unsigned char b[4];
  int n;
  if (cp < 0x80) {
    b[0] = static_cast<unsigned char>(cp);
    n = 1;
  } else if (cp < 0x800) {
    b[0] = static_cast<unsigned char>(0xC0 | (cp >> 6));
    b[1] = static_cast<unsigned char>(0x80 | (cp & 0x3F));
    n = 2;
  } else if (cp < 0x10000) {
    b[0] = static_cast<unsigned char>(0xE0 | (cp >> 12));
    b[1] = static_cast<unsigned char>(0x80 | ((cp >> 6) & 0x3F));
    b[2] = static_cast<unsigned char>(0x80 | (cp & 0x3F));
    n = 3;
  } else {
    b[0] = static_cast<unsigned char>(0xF0 | (cp >> 18));
    b[1] = static_cast<unsigned char>(0x80 | ((cp >> 12) & 0x3F));
    b[2] = static_cast<unsigned char>(0x80 | ((cp >> 6) & 0x3F));
    b[3] = static_cast<unsigned char>(0x80 | (cp & 0x3F));
    n = 4;
  }
  for (int i = 0; i < n; ++i) {
    if (stdio::putc_nolock(b[i], f) == CRT_EOF) return false;
  }
  return true;
}

}  // namespace

wint_t WINAPI _fputwc_nolock(wchar c, FILE* f) noexcept {
  lowio::WideMode mode = lowio::wide_mode(f->_file);
  if (mode != lowio::WideMode::None) return put_unicode(c, f, mode) ? c : CRT_WEOF;
  if (lowio::is_text(f->_file)) {
    int b = wide_to_byte(c);
    if (b < 0) {
      set_errno(err::eilseq);
      return CRT_WEOF;
    }
    return stdio::putc_nolock(b, f) == CRT_EOF ? CRT_WEOF : c;
  }
  if (stdio::putc_nolock(c & 0xFF, f) == CRT_EOF || stdio::putc_nolock(c >> 8, f) == CRT_EOF) return CRT_WEOF;
  return c;
}

wint_t WINAPI fputwc(wchar c, FILE* f) noexcept {
  if (!f) {
    set_errno(err::einval);
    return CRT_WEOF;
  }
  stdio::Guard g(f);
  wint_t r = _fputwc_nolock(c, f);
  stdio::end_call(f);
  return r;
}

wint_t WINAPI putwc(wchar c, FILE* f) noexcept { return fputwc(c, f); }
wint_t WINAPI putwchar(wchar c) noexcept { return fputwc(c, &iob[1]); }
wint_t WINAPI _fputwchar(wchar c) noexcept { return fputwc(c, &iob[1]); }

wint_t WINAPI _fgetwc_nolock(FILE* f) noexcept {
  if (lowio::is_text(f->_file)) {
    int c = stdio::getc_nolock(f);
    return c == CRT_EOF ? CRT_WEOF : byte_to_wide(static_cast<unsigned char>(c));
  }
  int lo = stdio::getc_nolock(f);
  if (lo == CRT_EOF) return CRT_WEOF;
  int hi = stdio::getc_nolock(f);
  if (hi == CRT_EOF) return CRT_WEOF;
  return static_cast<wint_t>(lo | (hi << 8));
}

wint_t WINAPI fgetwc(FILE* f) noexcept {
  if (!f) {
    set_errno(err::einval);
    return CRT_WEOF;
  }
  stdio::Guard g(f);
  return _fgetwc_nolock(f);
}

wint_t WINAPI getwc(FILE* f) noexcept { return fgetwc(f); }
wint_t WINAPI getwchar() noexcept { return fgetwc(&iob[0]); }
wint_t WINAPI _fgetwchar() noexcept { return fgetwc(&iob[0]); }

wint_t WINAPI ungetwc(wint_t c, FILE* f) noexcept {
  if (!f || c == CRT_WEOF) return CRT_WEOF;
  stdio::Guard g(f);
  if (lowio::is_text(f->_file)) {
    int b = wide_to_byte(c);
    if (b < 0 || ungetc(b, f) == CRT_EOF) return CRT_WEOF;
    return c;
  }
  if (ungetc(c >> 8, f) == CRT_EOF) return CRT_WEOF;
  if (ungetc(c & 0xFF, f) == CRT_EOF) return CRT_WEOF;
  return c;
}

int WINAPI fputws(const wchar* s, FILE* f) noexcept {
  if (!s || !f) {
    set_errno(err::einval);
    return CRT_EOF;
  }
  stdio::Guard g(f);
  int r = 0;
  for (; *s; ++s) {
    if (_fputwc_nolock(*s, f) == CRT_WEOF) {
      r = CRT_EOF;
      break;
    }
  }
  stdio::end_call(f);
  return r;
}

int WINAPI _putws(const wchar* s) noexcept {
  FILE* f = &iob[1];
  stdio::Guard g(f);
  int r = fputws(s, f);
  if (r != CRT_EOF && _fputwc_nolock(u'\n', f) == CRT_WEOF) r = CRT_EOF;
  stdio::end_call(f);
  return r;
}

wchar* WINAPI fgetws(wchar* s, int n, FILE* f) noexcept {
  if (!s || n <= 0 || !f) {
    set_errno(err::einval);
    return nullptr;
  }
  stdio::Guard g(f);
  int i = 0;
  while (i < n - 1) {
    wint_t c = _fgetwc_nolock(f);
    if (c == CRT_WEOF) break;
    s[i++] = static_cast<wchar>(c);
    if (c == u'\n') break;
  }
  if (i == 0 && n > 1) return nullptr;
  s[i] = 0;
  return s;
}

}  // namespace sill::msvcrt
