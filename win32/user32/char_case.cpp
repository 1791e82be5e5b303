// CharUpper/CharLower: in-place case mapping of a string, or of one character
// passed in the low word of the pointer, with Windows' one-unit-at-a-time
// mapping (ntdll/nls_case.h).
#include <string>

#include "ntdll/codepage.h"
#include "ntdll/nls_case.h"
#include "win32/user32/user32.h"

namespace sill::user32 {
namespace {

char16_t map_case(char16_t c, bool upper) { return upper ? nt::nls::to_upper(c) : nt::nls::to_lower(c); }

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
