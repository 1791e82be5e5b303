// CharNext/CharPrev: one character forward or back in a string. UTF-16 strings
// move one code unit, as Windows' do (surrogate pairs are two steps); ANSI
// strings step over UTF-8 sequences when the code page is UTF-8 (every other
// supported page is single-byte).
#include "ntdll/codepage.h"
#include "win32/user32/user32.h"

namespace sill::user32 {
namespace {

bool is_utf8_continuation(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

LPSTR next_in(UINT cp, LPCSTR s) {
  if (!s || !*s) return const_cast<LPSTR>(s);
  ++s;
  if (nt::resolve_code_page(cp) == nt::CP_UTF8)
    while (*s && is_utf8_continuation(*s)) ++s;
  return const_cast<LPSTR>(s);
}

LPSTR prev_in(UINT cp, LPCSTR start, LPCSTR s) {
  if (!s || s <= start) return const_cast<LPSTR>(start);
  --s;
  if (nt::resolve_code_page(cp) == nt::CP_UTF8)
    while (s > start && is_utf8_continuation(*s)) --s;
  return const_cast<LPSTR>(s);
}

}  // namespace

LPWSTR WINAPI CharNextW(LPCWSTR s) noexcept {
  if (!s || !*s) return const_cast<LPWSTR>(s);
  return const_cast<LPWSTR>(s + 1);
}

LPWSTR WINAPI CharPrevW(LPCWSTR start, LPCWSTR s) noexcept {
  if (!s || s <= start) return const_cast<LPWSTR>(start);
  return const_cast<LPWSTR>(s - 1);
}

LPSTR WINAPI CharNextA(LPCSTR s) noexcept { return next_in(nt::CP_ACP, s); }
LPSTR WINAPI CharPrevA(LPCSTR start, LPCSTR s) noexcept { return prev_in(nt::CP_ACP, start, s); }
LPSTR WINAPI CharNextExA(WORD code_page, LPCSTR s, DWORD flags) noexcept { return next_in(code_page, s); }
LPSTR WINAPI CharPrevExA(WORD code_page, LPCSTR start, LPCSTR s, DWORD flags) noexcept {
  return prev_in(code_page, start, s);
}

}  // namespace sill::user32
