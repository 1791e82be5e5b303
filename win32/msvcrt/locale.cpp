// localeconv, the multibyte conversions of the LC_CTYPE locale (bytes are U+0000-U+00FF
// in "C", else characters of its code page), and the process-code-page helpers for names
// that cross into the OS (file names, the environment). setlocale: crt_locale.cpp.
#include <climits>
#include <cstring>
#include <string>

#include "base/debug.h"
#include "ntdll/codepage.h"
#include "win32/msvcrt/crt_locale.h"
#include "win32/kernel32/kernel32.h"
#include "win32/msvcrt/msvcrt.h"
#include "win32/msvcrt/msvcrt_api.h"

SILL_DEFAULT_DEBUG_CHANNEL(msvcrt);

namespace sill::msvcrt {

namespace k32 = sill::kernel32;

namespace {

char kDot[] = ".";
char kEmpty[] = "";
LCONV g_lconv = {kDot,   kEmpty, kEmpty,   kEmpty,   kEmpty,   kEmpty,   kEmpty,   kEmpty,   kEmpty,
                 kEmpty, CHAR_MAX, CHAR_MAX, CHAR_MAX, CHAR_MAX, CHAR_MAX, CHAR_MAX, CHAR_MAX, CHAR_MAX};
unsigned long g_lc_handle[6] = {};

}  // namespace

std::size_t wlen(const wchar* s) {
  std::size_t n = 0;
  while (s[n]) ++n;
  return n;
}

std::u16string ansi_to_wide(const char* s) {
  if (!s || !*s) return {};
  int n = k32::MultiByteToWideChar(0 /* CP_ACP */, 0, s, -1, nullptr, 0);
  if (n <= 0) return {};
  std::u16string w(static_cast<std::size_t>(n), u'\0');
  k32::MultiByteToWideChar(0, 0, s, -1, w.data(), n);
  w.resize(static_cast<std::size_t>(n - 1));
  return w;
}

std::string wide_to_ansi(const wchar* s) {
  if (!s || !*s) return {};
  int n = k32::WideCharToMultiByte(0 /* CP_ACP */, 0, s, -1, nullptr, 0, nullptr, nullptr);
  if (n <= 0) return {};
  std::string a(static_cast<std::size_t>(n), '\0');
  k32::WideCharToMultiByte(0, 0, s, -1, a.data(), n, nullptr, nullptr);
  a.resize(static_cast<std::size_t>(n - 1));
  return a;
}

// ---- Exports ----

LCONV* WINAPI localeconv() noexcept { return &g_lconv; }
unsigned long* WINAPI ___lc_handle_func() noexcept { return g_lc_handle; }
int WINAPI __lconv_init() noexcept { return 0; }

int WINAPI _configthreadlocale(int type) noexcept {
  if (type != 0 && type != 1 && type != 2 && type != -1) return -1;
  return 2;  // _DISABLE_PER_THREAD_LOCALE: one "C" locale for every thread
}

// ---- Multibyte conversions: bytes as U+0000-U+00FF in "C", else the LC_CTYPE code page ----

namespace {
// The length of the character at s (1 or 2), 0 at the NUL, -1 for a lead byte
// without its trail byte within n.
int char_length(const char* s, std::size_t n) {
  if (!*s) return 0;
  if (!crt_locale::is_lead_byte(static_cast<unsigned char>(*s))) return 1;
  return n >= 2 && s[1] ? 2 : -1;
}

// One character of 1 or 2 bytes as UTF-16 (-1 when the page has no such character).
int decode(const char* s, int len) {
  if (!ctype_code_page) return static_cast<unsigned char>(*s);
  wchar w;
  win::DWORD err;
  if (nt::multibyte_to_wide(ctype_code_page, nt::MB_ERR_INVALID_CHARS, s, len, &w, 1, &err) != 1) return -1;
  return w;
}

// The bytes of c (1 or 2) or -1 when the page cannot represent it exactly.
int encode(wchar c, char* out) {
  if (!ctype_code_page) {
    int b = wide_to_byte(c);
    if (b >= 0) *out = static_cast<char>(b);
    return b < 0 ? -1 : 1;
  }
  win::DWORD err;
  win::BOOL used = win::FALSE;
  int n = nt::wide_to_multibyte(ctype_code_page, nt::WC_NO_BEST_FIT_CHARS, &c, 1, out, 2, nullptr, &used, &err);
  return n > 0 && !used ? n : -1;
}

std::size_t eilseq() {
  set_errno(err::eilseq);
  return static_cast<std::size_t>(-1);
}
}  // namespace

int WINAPI isleadbyte(int c) noexcept {
  return c >= 0 && c < 256 && crt_locale::is_lead_byte(static_cast<unsigned char>(c)) ? C_LEADBYTE : 0;
}

int WINAPI mblen(const char* s, std::size_t n) noexcept {
  if (!s || !n) return 0;
  return char_length(s, n);
}

int WINAPI mbtowc(wchar* out, const char* s, std::size_t n) noexcept {
  if (!s) return 0;
  if (!n) return -1;
  int len = char_length(s, n);
  if (len == 0) {
    if (out) *out = 0;
    return 0;
  }
  int c = len < 0 ? -1 : decode(s, len);
  if (c < 0) {
    set_errno(err::eilseq);
    return -1;
  }
  if (out) *out = static_cast<wchar>(c);
  return len;
}

int WINAPI wctomb(char* out, wchar c) noexcept {
  if (!out) return 0;
  int n = encode(c, out);
  if (n < 0) set_errno(err::eilseq);
  return n;
}

std::size_t WINAPI mbstowcs(wchar* out, const char* s, std::size_t n) noexcept {
  if (!s) {
    set_errno(err::einval);
    return static_cast<std::size_t>(-1);
  }
  std::size_t count = 0;
  for (std::size_t i = 0; s[i] && (!out || count < n); ++count) {
    int len = char_length(s + i, 2);
    int c = len < 0 ? -1 : decode(s + i, len);
    if (c < 0) return eilseq();
    if (out) out[count] = static_cast<wchar>(c);
    i += static_cast<std::size_t>(len);
  }
  if (out && count < n) out[count] = 0;
  return count;
}

std::size_t WINAPI wcstombs(char* out, const wchar* s, std::size_t n) noexcept {
  if (!s) {
    set_errno(err::einval);
    return static_cast<std::size_t>(-1);
  }
  std::size_t count = 0;
  for (std::size_t i = 0; s[i]; ++i) {
    char bytes[2];
    int len = encode(s[i], bytes);
    if (len < 0) return eilseq();
    if (out) {
      if (count + static_cast<std::size_t>(len) > n) break;  // no half characters
      std::memcpy(out + count, bytes, static_cast<std::size_t>(len));
    }
    count += static_cast<std::size_t>(len);
  }
  if (out && count < n) out[count] = 0;
  return count;
}

int WINAPI btowc(int c) noexcept {
  if (c < 0 || c > 255) return CRT_WEOF;
  char b = static_cast<char>(c);
  if (crt_locale::is_lead_byte(static_cast<unsigned char>(b))) return CRT_WEOF;
  int w = decode(&b, 1);
  return w < 0 ? CRT_WEOF : w;
}

int WINAPI wctob(wint_t c) noexcept {
  char bytes[2];
  return encode(static_cast<wchar>(c), bytes) == 1 ? static_cast<unsigned char>(bytes[0]) : -1;
}

std::size_t WINAPI mbrtowc(wchar* out, const char* s, std::size_t n, void*) noexcept {
  if (!s) return 0;
  if (!n) return static_cast<std::size_t>(-2);
  if (crt_locale::is_lead_byte(static_cast<unsigned char>(*s)) && n < 2) return static_cast<std::size_t>(-2);
  int r = mbtowc(out, s, n);
  return r < 0 ? static_cast<std::size_t>(-1) : static_cast<std::size_t>(r);
}

std::size_t WINAPI wcrtomb(char* out, wchar c, void*) noexcept {
  if (!out) return 1;
  int n = wctomb(out, c);
  return n < 0 ? static_cast<std::size_t>(-1) : static_cast<std::size_t>(n);
}

std::size_t WINAPI mbrlen(const char* s, std::size_t n, void*) noexcept {
  if (!s || !*s) return 0;
  if (!n) return static_cast<std::size_t>(-2);
  int len = char_length(s, n);
  if (len < 0) return crt_locale::is_lead_byte(static_cast<unsigned char>(*s)) && n < 2 ? static_cast<std::size_t>(-2)
                                                                                       : static_cast<std::size_t>(-1);
  return static_cast<std::size_t>(len);
}

int WINAPI mbsinit(const void*) noexcept { return 1; }

}  // namespace sill::msvcrt
