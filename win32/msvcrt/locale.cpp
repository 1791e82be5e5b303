// Locales: Sill's msvcrt provides the "C" locale only (setlocale, localeconv, the code
// page queries), and the C locale's multibyte conversions, where bytes are U+0000-U+00FF.
// Names that cross into the OS (file names, the environment) use the process code page.
#include <climits>
#include <cstring>
#include <string>

#include "base/debug.h"
#include "win32/kernel32/kernel32.h"
#include "win32/msvcrt/msvcrt.h"
#include "win32/msvcrt/msvcrt_api.h"

SILL_DEFAULT_DEBUG_CHANNEL(msvcrt);

namespace sill::msvcrt {

namespace k32 = sill::kernel32;

int mb_cur_max = 1;

namespace {

char kC[] = "C";
wchar kWC[] = u"C";
char kDot[] = ".";
char kEmpty[] = "";
LCONV g_lconv = {kDot,   kEmpty, kEmpty,   kEmpty,   kEmpty,   kEmpty,   kEmpty,   kEmpty,   kEmpty,
                 kEmpty, CHAR_MAX, CHAR_MAX, CHAR_MAX, CHAR_MAX, CHAR_MAX, CHAR_MAX, CHAR_MAX, CHAR_MAX};
unsigned long g_lc_handle[6] = {};

template <class C>
bool is_c_locale(const C* name) {
  if (!name) return true;
  if (name[0] == 0) return true;
  return name[0] == C('C') && name[1] == 0;
}

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

char* WINAPI setlocale(int category, const char* name) noexcept {
  if (category < 0 || category > 5) {
    set_errno(err::einval);
    return nullptr;
  }
  if (!is_c_locale(name)) {
    FIXME("locale \"%s\" is not available; only \"C\" is\n", name);
    return nullptr;
  }
  if (name && !*name) FIXME_ONCE("the user's default locale is given as \"C\"\n");
  return kC;
}

wchar* WINAPI _wsetlocale(int category, const wchar* name) noexcept {
  if (category < 0 || category > 5) {
    set_errno(err::einval);
    return nullptr;
  }
  if (!is_c_locale(name)) {
    FIXME_ONCE("only the \"C\" locale is available\n");
    return nullptr;
  }
  return kWC;
}

LCONV* WINAPI localeconv() noexcept { return &g_lconv; }
UINT WINAPI ___lc_codepage_func() noexcept { return 0; }  // the C locale has no ANSI code page
UINT WINAPI ___lc_collate_cp_func() noexcept { return 0; }
unsigned long* WINAPI ___lc_handle_func() noexcept { return g_lc_handle; }
int WINAPI ___mb_cur_max_func() noexcept { return mb_cur_max; }
int* WINAPI __p___mb_cur_max() noexcept { return &mb_cur_max; }
int WINAPI _getmbcp() noexcept { return 0; }
int WINAPI __lconv_init() noexcept { return 0; }

int WINAPI _configthreadlocale(int type) noexcept {
  if (type != 0 && type != 1 && type != 2 && type != -1) return -1;
  return 2;  // _DISABLE_PER_THREAD_LOCALE: one "C" locale for every thread
}

// ---- Multibyte conversions of the C locale ----

int WINAPI mblen(const char* s, std::size_t n) noexcept {
  if (!s || !*s || !n) return 0;
  return 1;
}

int WINAPI mbtowc(wchar* out, const char* s, std::size_t n) noexcept {
  if (!s) return 0;
  if (!n) return -1;
  if (out) *out = byte_to_wide(static_cast<unsigned char>(*s));
  return *s ? 1 : 0;
}

int WINAPI wctomb(char* out, wchar c) noexcept {
  if (!out) return 0;
  int b = wide_to_byte(c);
  if (b < 0) {
    set_errno(err::eilseq);
    return -1;
  }
  *out = static_cast<char>(b);
  return 1;
}

std::size_t WINAPI mbstowcs(wchar* out, const char* s, std::size_t n) noexcept {
  if (!s) {
    set_errno(err::einval);
    return static_cast<std::size_t>(-1);
  }
  std::size_t len = std::strlen(s);
  if (!out) return len;
  std::size_t i = 0;
  for (; i < n && i < len; ++i) out[i] = byte_to_wide(static_cast<unsigned char>(s[i]));
  if (i < n) out[i] = 0;
  return i;
}

std::size_t WINAPI wcstombs(char* out, const wchar* s, std::size_t n) noexcept {
  if (!s) {
    set_errno(err::einval);
    return static_cast<std::size_t>(-1);
  }
  std::size_t len = wlen(s);
  for (std::size_t i = 0; i < len; ++i) {
    if (wide_to_byte(s[i]) < 0) {
      set_errno(err::eilseq);
      return static_cast<std::size_t>(-1);
    }
  }
  if (!out) return len;
  std::size_t i = 0;
  for (; i < n && i < len; ++i) out[i] = static_cast<char>(s[i]);
  if (i < n) out[i] = 0;
  return i;
}

int WINAPI btowc(int c) noexcept { return c < 0 || c > 255 ? CRT_WEOF : c; }

int WINAPI wctob(wint_t c) noexcept {
  int b = wide_to_byte(c);
  return b < 0 ? -1 : b;
}

std::size_t WINAPI mbrtowc(wchar* out, const char* s, std::size_t n, void*) noexcept {
  if (!s) return 0;
  if (!n) return static_cast<std::size_t>(-2);
  if (out) *out = byte_to_wide(static_cast<unsigned char>(*s));
  return *s ? 1 : 0;
}

std::size_t WINAPI wcrtomb(char* out, wchar c, void*) noexcept {
  if (!out) return 1;
  int b = wide_to_byte(c);
  if (b < 0) {
    set_errno(err::eilseq);
    return static_cast<std::size_t>(-1);
  }
  *out = static_cast<char>(b);
  return 1;
}

std::size_t WINAPI mbrlen(const char* s, std::size_t n, void*) noexcept {
  if (!s || !*s) return 0;
  return n ? 1 : static_cast<std::size_t>(-2);
}

int WINAPI mbsinit(const void*) noexcept { return 1; }

}  // namespace sill::msvcrt
