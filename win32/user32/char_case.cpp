// CharUpper/CharLower: in-place case mapping of a string, or of one character
// passed in the low word of the pointer. The mapping is Unicode's simple one
// for the BMP, from the host C library's C.UTF-8 locale; it is kept behind
// map_case() so it can move onto the shared case tables when those exist.
#include <locale.h>
#include <wctype.h>

#include <string>

#include "ntdll/codepage.h"
#include "win32/user32/user32.h"

namespace sill::user32 {
namespace {

char16_t map_case(char16_t c, bool upper) {
  static const locale_t utf8 = newlocale(LC_CTYPE_MASK, "C.UTF-8", static_cast<locale_t>(nullptr));
  if (c < 0x80) {
    if (upper && c >= u'a' && c <= u'z') return static_cast<char16_t>(c - 32);
    if (!upper && c >= u'A' && c <= u'Z') return static_cast<char16_t>(c + 32);
    return c;
  }
  if ((c >= 0xD800 && c <= 0xDFFF) || !utf8) return c;
  const wint_t m = upper ? towupper_l(c, utf8) : towlower_l(c, utf8);
  return m <= 0xFFFF ? static_cast<char16_t>(m) : c;  // a mapping out of the BMP keeps the character
}

bool is_single_character(const void* p) { return (reinterpret_cast<std::uintptr_t>(p) >> 16) == 0; }

DWORD map_buffer(LPWSTR s, DWORD length, bool upper) {
  if (!s) return 0;
  for (DWORD i = 0; i < length; ++i) s[i] = map_case(s[i], upper);
  return length;
}

LPWSTR map_wide(LPWSTR s, bool upper) {
  if (is_single_character(s))
    return reinterpret_cast<LPWSTR>(static_cast<std::uintptr_t>(map_case(static_cast<char16_t>(reinterpret_cast<std::uintptr_t>(s)), upper)));
  for (LPWSTR p = s; *p; ++p) *p = map_case(*p, upper);
  return s;
}

// ANSI text goes through UTF-16; a result of another length (multi-byte code pages) is not written back.
DWORD map_ansi_buffer(LPSTR s, DWORD length, bool upper) {
  if (!s) return 0;
  try {
    std::u16string w = nt::ansi_to_utf16(std::string_view(s, length));
    for (char16_t& c : w) c = map_case(c, upper);
    const std::string back = nt::utf16_to_ansi(w);
    if (back.size() == length) back.copy(s, length);
  } catch (...) {
  }
  return length;
}

LPSTR map_ansi(LPSTR s, bool upper) {
  if (is_single_character(s)) {
    char c = static_cast<char>(reinterpret_cast<std::uintptr_t>(s));
    map_ansi_buffer(&c, 1, upper);
    return reinterpret_cast<LPSTR>(static_cast<std::uintptr_t>(static_cast<unsigned char>(c)));
  }
  map_ansi_buffer(s, static_cast<DWORD>(std::char_traits<char>::length(s)), upper);
  return s;
}

}  // namespace

LPWSTR WINAPI CharUpperW(LPWSTR s) noexcept { return map_wide(s, true); }
LPWSTR WINAPI CharLowerW(LPWSTR s) noexcept { return map_wide(s, false); }
LPSTR WINAPI CharUpperA(LPSTR s) noexcept { return map_ansi(s, true); }
LPSTR WINAPI CharLowerA(LPSTR s) noexcept { return map_ansi(s, false); }
DWORD WINAPI CharUpperBuffW(LPWSTR s, DWORD length) noexcept { return map_buffer(s, length, true); }
DWORD WINAPI CharLowerBuffW(LPWSTR s, DWORD length) noexcept { return map_buffer(s, length, false); }
DWORD WINAPI CharUpperBuffA(LPSTR s, DWORD length) noexcept { return map_ansi_buffer(s, length, true); }
DWORD WINAPI CharLowerBuffA(LPSTR s, DWORD length) noexcept { return map_ansi_buffer(s, length, false); }

}  // namespace sill::user32
