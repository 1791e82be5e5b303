// <mbstring.h>: byte strings in the multibyte code page (_setmbcp; the ANSI code
// page until a program sets another, as msvcrt's start-up does), where a lead byte and its trail byte make one
// character. Counts named "nb" are in bytes, others in characters.
#include <cstring>

#include "ntdll/codepage.h"
#include "ntdll/nls_user_locale.h"
#include "win32/msvcrt/crt_locale.h"
#include "win32/msvcrt/msvcrt.h"
#include "win32/msvcrt/msvcrt_api.h"

namespace sill::msvcrt {

namespace {
int g_mbcp = -1;  // -1: not chosen yet (the ANSI code page); 0: _MB_CP_SBCS

int mbcp() {
  if (g_mbcp < 0) g_mbcp = static_cast<int>(nt::ansi_code_page());
  return g_mbcp;
}

using uchar = unsigned char;

bool lead(uchar b) { return mbcp() && nt::is_lead_byte(static_cast<win::UINT>(mbcp()), b); }
// The length of the character at s: 2 for a lead byte followed by a trail byte.
std::size_t length_at(const uchar* s) { return lead(s[0]) && s[1] ? 2 : 1; }
unsigned value_at(const uchar* s) { return length_at(s) == 2 ? (s[0] << 8) | s[1] : s[0]; }
unsigned fold(unsigned c) { return c >= 'A' && c <= 'Z' ? c + 32 : c; }

int compare(const uchar* a, const uchar* b, std::size_t max_bytes, bool ignore_case) {
  std::size_t done = 0;
  while (done < max_bytes) {
    unsigned x = value_at(a), y = value_at(b);
    if (ignore_case) {
      x = fold(x);
      y = fold(y);
    }
    if (x != y) return x < y ? -1 : 1;
    if (!x) return 0;
    std::size_t n = length_at(a);
    a += n;
    b += n;
    done += n;
  }
  return 0;
}
}  // namespace

int WINAPI _getmbcp() noexcept { return mbcp(); }

int WINAPI _setmbcp(int cp) noexcept {
  constexpr int MB_CP_SBCS = 0, MB_CP_OEM = -2, MB_CP_ANSI = -3, MB_CP_LOCALE = -4;
  switch (cp) {
    case MB_CP_SBCS: g_mbcp = 0; return 0;
    case MB_CP_OEM: cp = static_cast<int>(nt::oem_code_page()); break;
    case MB_CP_ANSI: cp = static_cast<int>(nt::ansi_code_page()); break;
    case MB_CP_LOCALE: cp = static_cast<int>(crt_locale::code_page()); break;
    default: break;
  }
  if (cp == 0) {
    g_mbcp = 0;
    return 0;
  }
  // Windows code pages only, and not the ones without a byte structure msvcrt knows.
  if (cp <= 3 || cp == 65000 || cp == 65001 || cp == 54936 || !nt::is_supported_code_page(static_cast<win::UINT>(cp))) {
    set_errno(err::einval);
    return -1;
  }
  g_mbcp = cp;
  return 0;
}

int WINAPI _ismbblead(unsigned c) noexcept { return c < 256 && lead(static_cast<uchar>(c)) ? 4 : 0; }

int WINAPI _ismbbtrail(unsigned c) noexcept {
  // Every DBCS page Windows has takes trail bytes 0x40-0xFE.
  return mbcp() && !nt::is_single_byte_code_page(static_cast<win::UINT>(mbcp())) && c >= 0x40 && c <= 0xFE && c != 0x7F
             ? 8
             : 0;
}

std::size_t WINAPI _mbslen(const unsigned char* s) noexcept {
  std::size_t n = 0;
  for (; *s; s += length_at(s)) ++n;
  return n;
}

unsigned char* WINAPI _mbsinc(const unsigned char* s) noexcept { return const_cast<uchar*>(s + length_at(s)); }

unsigned char* WINAPI _mbsdec(const unsigned char* start, const unsigned char* s) noexcept {
  if (!start || !s || s <= start) return nullptr;
  const uchar* p = start;
  while (p + length_at(p) < s) p += length_at(p);
  return const_cast<uchar*>(p);
}

unsigned WINAPI _mbsnextc(const unsigned char* s) noexcept { return value_at(s); }

unsigned char* WINAPI _mbschr(const unsigned char* s, unsigned c) noexcept {
  for (;; s += length_at(s)) {
    if (value_at(s) == c) return const_cast<uchar*>(s);
    if (!*s) return nullptr;
  }
}

unsigned char* WINAPI _mbsrchr(const unsigned char* s, unsigned c) noexcept {
  const uchar* found = nullptr;
  for (;; s += length_at(s)) {
    if (value_at(s) == c) found = s;
    if (!*s) return const_cast<uchar*>(found);
  }
}

int WINAPI _mbscmp(const unsigned char* a, const unsigned char* b) noexcept { return compare(a, b, SIZE_MAX, false); }
int WINAPI _mbsicmp(const unsigned char* a, const unsigned char* b) noexcept { return compare(a, b, SIZE_MAX, true); }
int WINAPI _mbsnbcmp(const unsigned char* a, const unsigned char* b, std::size_t n) noexcept {
  return compare(a, b, n, false);
}
int WINAPI _mbsnbicmp(const unsigned char* a, const unsigned char* b, std::size_t n) noexcept {
  return compare(a, b, n, true);
}

std::size_t WINAPI _mbsnbcnt(const unsigned char* s, std::size_t chars) noexcept {
  const uchar* p = s;
  for (; chars && *p; --chars) p += length_at(p);
  return static_cast<std::size_t>(p - s);
}

// Copies n bytes like strncpy; a lead byte whose trail byte would not fit becomes NUL.
unsigned char* WINAPI _mbsnbcpy(unsigned char* d, const unsigned char* s, std::size_t n) noexcept {
  std::size_t i = 0;
  while (i < n && s[i]) {
    std::size_t len = length_at(s + i);
    if (i + len > n) {
      d[i++] = 0;
      break;
    }
    std::memcpy(d + i, s + i, len);
    i += len;
  }
  for (; i < n; ++i) d[i] = 0;
  return d;
}

// Appends at most n bytes of s and a NUL, never half a character.
unsigned char* WINAPI _mbsnbcat(unsigned char* d, const unsigned char* s, std::size_t n) noexcept {
  uchar* end = d + std::strlen(reinterpret_cast<char*>(d));
  std::size_t i = 0;
  while (i < n && s[i]) {
    std::size_t len = length_at(s + i);
    if (i + len > n) break;
    std::memcpy(end + i, s + i, len);
    i += len;
  }
  end[i] = 0;
  return d;
}

}  // namespace sill::msvcrt
