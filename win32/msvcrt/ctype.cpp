// Character classification: msvcrt's _ctype table of the "C" locale (which programs
// index directly through _pctype), the is*/to* functions and their wide forms. Bytes
// above 0x7F in another LC_CTYPE locale, and wide characters beyond Latin-1, are
// classified by Unicode as msvcrt does through GetStringTypeW (ntdll/nls_case.cpp).
#include "base/debug.h"
#include "ntdll/codepage.h"
#include "ntdll/nls_case.h"
#include "win32/msvcrt/crt_locale.h"
#include "win32/msvcrt/msvcrt.h"
#include "win32/msvcrt/msvcrt_api.h"

SILL_DEFAULT_DEBUG_CHANNEL(msvcrt);

namespace sill::msvcrt {
namespace {

constexpr std::uint16_t CTL = C_CONTROL, SPC = C_SPACE | C_CONTROL, BLK = C_SPACE | C_BLANK,
                        PCT = C_PUNCT, DIG = C_DIGIT | C_HEX, UPX = 0x100 | C_UPPER | C_HEX,
                        UPP = 0x100 | C_UPPER, LOX = 0x100 | C_LOWER | C_HEX, LOW = 0x100 | C_LOWER;

constexpr std::uint16_t ascii_class(int c) {
  std::uint16_t f = 0;
  if (c < 32 || c == 127) f = CTL;
  if (c >= 9 && c <= 13) f = SPC;
  if (c == 9) f = SPC | C_BLANK;
  if (c == ' ') f = BLK;
  if ((c >= 33 && c <= 47) || (c >= 58 && c <= 64) || (c >= 91 && c <= 96) || (c >= 123 && c <= 126)) f = PCT;
  if (c >= '0' && c <= '9') f = DIG;
  if (c >= 'A' && c <= 'Z') f = c <= 'F' ? UPX : UPP;
  if (c >= 'a' && c <= 'z') f = c <= 'f' ? LOX : LOW;
  return f;
}

// Latin-1 Supplement as Unicode classifies it.
constexpr std::uint16_t latin1_class(int c) {
  if (c < 0xA0) return CTL;
  if (c == 0xA0) return BLK;
  if (c == 0xAA || c == 0xB5 || c == 0xBA) return LOW;
  if (c < 0xC0 || c == 0xD7 || c == 0xF7) return PCT;
  if (c < 0xDF) return UPP;
  return LOW;
}

constexpr CtypeTable make_table(bool wide) {
  CtypeTable t{};
  for (int c = 0; c < 256; ++c) t.v[c + 1] = c < 128 ? ascii_class(c) : wide ? latin1_class(c) : 0;
  return t;
}

// Bytes 0x80-0xFF of a locale's code page are classified as their character is.
int classify(int c, int mask) {
  if (c < -1 || c > 255) return 0;
  if (c < 0x80 || !ctype_code_page) return ctype.v[c + 1] & mask;
  if (crt_locale::is_lead_byte(static_cast<unsigned char>(c))) return C_LEADBYTE & mask;
  return wctype_of(byte_to_wide(static_cast<unsigned char>(c))) & mask;
}

// A byte's case mapping in code page `cp` through its character, when the result is
// one byte again.
int map_byte(int c, unsigned cp, char16_t (*map)(char16_t, bool)) {
  if (!cp || c < 0x80 || c > 255 || nt::is_lead_byte(cp, static_cast<unsigned char>(c))) return c;
  char byte = static_cast<char>(c), out[2];
  char16_t w;
  win::DWORD err;
  if (nt::multibyte_to_wide(cp, nt::MB_ERR_INVALID_CHARS, &byte, 1, &w, 1, &err) != 1) return c;
  char16_t mapped = map(w, false);
  win::BOOL used = win::FALSE;
  int n = nt::wide_to_multibyte(cp, nt::WC_NO_BEST_FIT_CHARS, &mapped, 1, out, 2, nullptr, &used, &err);
  return n == 1 && !used ? static_cast<unsigned char>(out[0]) : c;
}

}  // namespace

const CtypeTable ctype = make_table(false);
const CtypeTable wctype = make_table(true);
const std::uint16_t* pctype = ctype.v + 1;
const std::uint16_t* pwctype = wctype.v + 1;

// Beyond Latin-1, GetStringTypeW's CT_CTYPE1 classes, whose bits are the CRT's.
std::uint16_t wctype_of(wchar c) {
  if (c < 256) return wctype.v[c + 1];
  return nt::nls::ctype1(c) & 0x1FF;
}

// ---- Exports: narrow ----

const std::uint16_t* WINAPI __pctype_func() noexcept { return pctype; }
const std::uint16_t* WINAPI __pwctype_func() noexcept { return pwctype; }
int WINAPI _isctype(int c, int mask) noexcept { return classify(c, mask); }
int WINAPI isalpha(int c) noexcept { return classify(c, C_ALPHA); }
int WINAPI isupper(int c) noexcept { return classify(c, C_UPPER); }
int WINAPI islower(int c) noexcept { return classify(c, C_LOWER); }
int WINAPI isdigit(int c) noexcept { return classify(c, C_DIGIT); }
int WINAPI isxdigit(int c) noexcept { return classify(c, C_HEX); }
int WINAPI isspace(int c) noexcept { return classify(c, C_SPACE); }
int WINAPI ispunct(int c) noexcept { return classify(c, C_PUNCT); }
int WINAPI isalnum(int c) noexcept { return classify(c, C_ALPHA | C_DIGIT); }
int WINAPI isprint(int c) noexcept { return classify(c, C_BLANK | C_PUNCT | C_ALPHA | C_DIGIT); }
int WINAPI isgraph(int c) noexcept { return classify(c, C_PUNCT | C_ALPHA | C_DIGIT); }
int WINAPI iscntrl(int c) noexcept { return classify(c, C_CONTROL); }
int WINAPI isblank(int c) noexcept { return c == '\t' ? C_BLANK : classify(c, C_BLANK); }
// glibc makes __isascii, __toascii, _toupper and _tolower macros: these names avoid them.
int WINAPI crt_isascii(int c) noexcept { return static_cast<unsigned>(c) < 0x80; }
int WINAPI crt_toascii(int c) noexcept { return c & 0x7F; }
int WINAPI __iscsym(int c) noexcept { return c == '_' || classify(c, C_ALPHA | C_DIGIT); }
int WINAPI __iscsymf(int c) noexcept { return c == '_' || classify(c, C_ALPHA); }
int WINAPI toupper(int c) noexcept {
  if (c >= 'a' && c <= 'z') return c - 32;
  return map_byte(c, ctype_code_page, nt::nls::to_upper);
}
int WINAPI tolower(int c) noexcept {
  if (c >= 'A' && c <= 'Z') return c + 32;
  return map_byte(c, ctype_code_page, nt::nls::to_lower);
}
int WINAPI crt_toupper_fast(int c) noexcept { return c - 'a' + 'A'; }
int WINAPI crt_tolower_fast(int c) noexcept { return c - 'A' + 'a'; }

// ---- Exports: wide ----

int WINAPI iswctype(wint_t c, std::uint16_t mask) noexcept {
  if (c == CRT_WEOF) return 0;
  return wctype_of(c) & mask;
}

int WINAPI is_wctype(wint_t c, std::uint16_t mask) noexcept { return iswctype(c, mask); }
int WINAPI iswalpha(wint_t c) noexcept { return iswctype(c, C_ALPHA); }
int WINAPI iswupper(wint_t c) noexcept { return iswctype(c, C_UPPER); }
int WINAPI iswlower(wint_t c) noexcept { return iswctype(c, C_LOWER); }
int WINAPI iswdigit(wint_t c) noexcept { return iswctype(c, C_DIGIT); }
int WINAPI iswxdigit(wint_t c) noexcept { return iswctype(c, C_HEX); }
int WINAPI iswspace(wint_t c) noexcept { return iswctype(c, C_SPACE); }
int WINAPI iswpunct(wint_t c) noexcept { return iswctype(c, C_PUNCT); }
int WINAPI iswalnum(wint_t c) noexcept { return iswctype(c, C_ALPHA | C_DIGIT); }
int WINAPI iswprint(wint_t c) noexcept { return iswctype(c, C_BLANK | C_PUNCT | C_ALPHA | C_DIGIT); }
int WINAPI iswgraph(wint_t c) noexcept { return iswctype(c, C_PUNCT | C_ALPHA | C_DIGIT); }
int WINAPI iswcntrl(wint_t c) noexcept { return iswctype(c, C_CONTROL); }
int WINAPI iswblank(wint_t c) noexcept { return c == u'\t' ? C_BLANK : iswctype(c, C_BLANK); }
int WINAPI iswascii(wint_t c) noexcept { return c < 0x80; }

// The _l forms: the case mapping of a _locale_t's LC_CTYPE.
int WINAPI _toupper_l(int c, void* locale) noexcept {
  return c >= 'a' && c <= 'z' ? c - 32 : map_byte(c, crt_locale::code_page(locale), nt::nls::to_upper);
}
int WINAPI _tolower_l(int c, void* locale) noexcept {
  return c >= 'A' && c <= 'Z' ? c + 32 : map_byte(c, crt_locale::code_page(locale), nt::nls::to_lower);
}
wint_t WINAPI _towupper_l(wint_t c, void* locale) noexcept {
  if (c >= u'a' && c <= u'z') return c - 32;
  return crt_locale::of(locale, crt_locale::CAT_CTYPE) ? nt::nls::to_upper(static_cast<char16_t>(c)) : c;
}
wint_t WINAPI _towlower_l(wint_t c, void* locale) noexcept {
  if (c >= u'A' && c <= u'Z') return c + 32;
  return crt_locale::of(locale, crt_locale::CAT_CTYPE) ? nt::nls::to_lower(static_cast<char16_t>(c)) : c;
}

// The C locale's case mapping changes only ASCII letters, as msvcrt's does; other
// locales map every character (Windows' simple one-to-one mapping).
wint_t WINAPI towupper(wint_t c) noexcept {
  if (c >= u'a' && c <= u'z') return c - 32;
  return ctype_code_page ? nt::nls::to_upper(static_cast<char16_t>(c)) : c;
}
wint_t WINAPI towlower(wint_t c) noexcept {
  if (c >= u'A' && c <= u'Z') return c + 32;
  return ctype_code_page ? nt::nls::to_lower(static_cast<char16_t>(c)) : c;
}

}  // namespace sill::msvcrt
