// <wchar.h> string functions on Windows' 16-bit wchar_t. Case-insensitive forms fold
// ASCII only, as msvcrt's C locale does.
#include <cstdlib>
#include <cstring>

#include "base/debug.h"
#include "win32/msvcrt/msvcrt.h"
#include "win32/msvcrt/msvcrt_api.h"

SILL_DEFAULT_DEBUG_CHANNEL(msvcrt);

namespace sill::msvcrt {
namespace {

thread_local wchar* t_wcstok_next = nullptr;

wchar lower(wchar c) { return c >= u'A' && c <= u'Z' ? static_cast<wchar>(c + 32) : c; }

bool in_set(wchar c, const wchar* set) {
  for (; *set; ++set) {
    if (*set == c) return true;
  }
  return false;
}

}  // namespace

std::size_t WINAPI wcslen(const wchar* s) noexcept { return wlen(s); }

std::size_t WINAPI wcsnlen(const wchar* s, std::size_t n) noexcept {
  std::size_t i = 0;
  while (i < n && s[i]) ++i;
  return i;
}

wchar* WINAPI wcscpy(wchar* d, const wchar* s) noexcept {
  std::memmove(d, s, (wlen(s) + 1) * sizeof(wchar));
  return d;
}

wchar* WINAPI wcsncpy(wchar* d, const wchar* s, std::size_t n) noexcept {
  std::size_t i = 0;
  for (; i < n && s[i]; ++i) d[i] = s[i];
  for (; i < n; ++i) d[i] = 0;
  return d;
}

wchar* WINAPI wcscat(wchar* d, const wchar* s) noexcept {
  wcscpy(d + wlen(d), s);
  return d;
}

wchar* WINAPI wcsncat(wchar* d, const wchar* s, std::size_t n) noexcept {
  wchar* p = d + wlen(d);
  std::size_t i = 0;
  for (; i < n && s[i]; ++i) p[i] = s[i];
  p[i] = 0;
  return d;
}

int WINAPI wcscmp(const wchar* a, const wchar* b) noexcept {
  for (;; ++a, ++b) {
    if (*a != *b) return *a < *b ? -1 : 1;
    if (!*a) return 0;
  }
}

int WINAPI wcsncmp(const wchar* a, const wchar* b, std::size_t n) noexcept {
  for (std::size_t i = 0; i < n; ++i) {
    if (a[i] != b[i]) return a[i] < b[i] ? -1 : 1;
    if (!a[i]) return 0;
  }
  return 0;
}

int WINAPI _wcsicmp(const wchar* a, const wchar* b) noexcept {
  for (;; ++a, ++b) {
    wchar x = lower(*a), y = lower(*b);
    if (x != y || !x) return static_cast<int>(x) - static_cast<int>(y);
  }
}

int WINAPI _wcsnicmp(const wchar* a, const wchar* b, std::size_t n) noexcept {
  for (std::size_t i = 0; i < n; ++i) {
    wchar x = lower(a[i]), y = lower(b[i]);
    if (x != y || !x) return static_cast<int>(x) - static_cast<int>(y);
  }
  return 0;
}

wchar* WINAPI wcschr(const wchar* s, wchar c) noexcept {
  for (;; ++s) {
    if (*s == c) return const_cast<wchar*>(s);
    if (!*s) return nullptr;
  }
}

wchar* WINAPI wcsrchr(const wchar* s, wchar c) noexcept {
  const wchar* last = nullptr;
  for (;; ++s) {
    if (*s == c) last = s;
    if (!*s) return const_cast<wchar*>(last);
  }
}

wchar* WINAPI wcsstr(const wchar* s, const wchar* t) noexcept {
  std::size_t n = wlen(t);
  if (!n) return const_cast<wchar*>(s);
  for (; *s; ++s) {
    if (*s == *t && wcsncmp(s, t, n) == 0) return const_cast<wchar*>(s);
  }
  return nullptr;
}

wchar* WINAPI wcspbrk(const wchar* s, const wchar* set) noexcept {
  for (; *s; ++s) {
    if (in_set(*s, set)) return const_cast<wchar*>(s);
  }
  return nullptr;
}

std::size_t WINAPI wcsspn(const wchar* s, const wchar* set) noexcept {
  std::size_t n = 0;
  while (s[n] && in_set(s[n], set)) ++n;
  return n;
}

std::size_t WINAPI wcscspn(const wchar* s, const wchar* set) noexcept {
  std::size_t n = 0;
  while (s[n] && !in_set(s[n], set)) ++n;
  return n;
}

// msvcrt.dll's wcstok takes no context argument (the ISO form is wcstok_s).
wchar* WINAPI wcstok(wchar* s, const wchar* delim) noexcept {
  if (!s) s = t_wcstok_next;
  if (!s) return nullptr;
  s += wcsspn(s, delim);
  if (!*s) {
    t_wcstok_next = nullptr;
    return nullptr;
  }
  wchar* end = s + wcscspn(s, delim);
  if (*end) {
    *end = 0;
    t_wcstok_next = end + 1;
  } else {
    t_wcstok_next = nullptr;
  }
  return s;
}

wchar* WINAPI wcstok_s(wchar* s, const wchar* delim, wchar** context) noexcept {
  if (!delim || !context || (!s && !*context)) {
    set_errno(err::einval);
    return nullptr;
  }
  if (!s) s = *context;
  s += wcsspn(s, delim);
  if (!*s) {
    *context = s;
    return nullptr;
  }
  wchar* end = s + wcscspn(s, delim);
  if (*end) *end++ = 0;
  *context = end;
  return s;
}

wchar* WINAPI _wcsdup(const wchar* s) noexcept {
  if (!s) return nullptr;
  std::size_t n = (wlen(s) + 1) * sizeof(wchar);
  auto* p = static_cast<wchar*>(malloc(n));  // the program frees it with free()
  if (p) std::memcpy(p, s, n);
  return p;
}

wchar* WINAPI _wcslwr(wchar* s) noexcept {
  for (wchar* p = s; p && *p; ++p) *p = lower(*p);
  return s;
}

wchar* WINAPI _wcsupr(wchar* s) noexcept {
  for (wchar* p = s; p && *p; ++p) {
    if (*p >= u'a' && *p <= u'z') *p = static_cast<wchar>(*p - 32);
  }
  return s;
}

wchar* WINAPI _wcsrev(wchar* s) noexcept {
  if (!s) return s;
  for (std::size_t i = 0, j = wlen(s); i + 1 < j; ++i, --j) {
    wchar t = s[i];
    s[i] = s[j - 1];
    s[j - 1] = t;
  }
  return s;
}

wchar* WINAPI _wcsset(wchar* s, wchar c) noexcept {
  for (wchar* p = s; p && *p; ++p) *p = c;
  return s;
}

wchar* WINAPI _wcsnset(wchar* s, wchar c, std::size_t n) noexcept {
  for (std::size_t i = 0; s && i < n && s[i]; ++i) s[i] = c;
  return s;
}

errno_t WINAPI wcscpy_s(wchar* d, std::size_t size, const wchar* s) noexcept {
  if (!d || !size) return err::einval;
  if (!s) {
    d[0] = 0;
    return err::einval;
  }
  std::size_t n = wlen(s);
  if (n >= size) {
    d[0] = 0;
    return err::erange;
  }
  std::memcpy(d, s, (n + 1) * sizeof(wchar));
  return 0;
}

errno_t WINAPI wcscat_s(wchar* d, std::size_t size, const wchar* s) noexcept {
  if (!d || !size) return err::einval;
  if (!s) {
    d[0] = 0;
    return err::einval;
  }
  std::size_t dl = wcsnlen(d, size);
  std::size_t n = wlen(s);
  if (dl == size || dl + n >= size) {
    d[0] = 0;
    return dl == size ? err::einval : err::erange;
  }
  std::memcpy(d + dl, s, (n + 1) * sizeof(wchar));
  return 0;
}

errno_t WINAPI wcsncpy_s(wchar* d, std::size_t size, const wchar* s, std::size_t count) noexcept {
  if (!d && !size && !count) return 0;
  if (!d || !size) return err::einval;
  if (!s) {
    d[0] = 0;
    return count ? err::einval : 0;
  }
  std::size_t n = wcsnlen(s, count);
  if (n >= size) {
    if (count != static_cast<std::size_t>(-1)) {
      d[0] = 0;
      return err::erange;
    }
    n = size - 1;
    std::memcpy(d, s, n * sizeof(wchar));
    d[n] = 0;
    return err::struncate;
  }
  std::memcpy(d, s, n * sizeof(wchar));
  d[n] = 0;
  return 0;
}

}  // namespace sill::msvcrt
