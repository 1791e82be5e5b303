// <string.h>: memory and narrow string functions, including Microsoft's _str* forms.
// Comparisons without a locale compare bytes as unsigned char, as the C locale does.
#include <cstdlib>
#include <cstring>

#include "base/debug.h"
#include "win32/msvcrt/msvcrt.h"
#include "win32/msvcrt/msvcrt_api.h"

SILL_DEFAULT_DEBUG_CHANNEL(msvcrt);

namespace sill::msvcrt {
namespace {

thread_local char* t_strtok_next = nullptr;

int lower(int c) { return c >= 'A' && c <= 'Z' ? c + 32 : c; }

}  // namespace

// ---- Memory ----

void* WINAPI memcpy(void* d, const void* s, std::size_t n) noexcept { return std::memmove(d, s, n); }
void* WINAPI memmove(void* d, const void* s, std::size_t n) noexcept { return std::memmove(d, s, n); }
void* WINAPI memset(void* d, int c, std::size_t n) noexcept { return std::memset(d, c, n); }
int WINAPI memcmp(const void* a, const void* b, std::size_t n) noexcept { return std::memcmp(a, b, n); }
void* WINAPI memchr(const void* s, int c, std::size_t n) noexcept { return const_cast<void*>(std::memchr(s, c, n)); }

int WINAPI _memicmp(const void* a, const void* b, std::size_t n) noexcept {
  auto* x = static_cast<const unsigned char*>(a);
  auto* y = static_cast<const unsigned char*>(b);
  for (std::size_t i = 0; i < n; ++i) {
    int d = lower(x[i]) - lower(y[i]);
    if (d) return d;
  }
  return 0;
}

void* WINAPI _memccpy(void* d, const void* s, int c, std::size_t n) noexcept {
  auto* dst = static_cast<unsigned char*>(d);
  auto* src = static_cast<const unsigned char*>(s);
  for (std::size_t i = 0; i < n; ++i) {
    dst[i] = src[i];
    if (src[i] == static_cast<unsigned char>(c)) return dst + i + 1;
  }
  return nullptr;
}

errno_t WINAPI memcpy_s(void* d, std::size_t size, const void* s, std::size_t n) noexcept {
  if (!n) return 0;
  if (!d) return err::einval;
  if (!s || size < n) {
    std::memset(d, 0, size);
    return !s ? err::einval : err::erange;
  }
  std::memmove(d, s, n);
  return 0;
}

errno_t WINAPI memmove_s(void* d, std::size_t size, const void* s, std::size_t n) noexcept {
  if (!n) return 0;
  if (!d || !s) return err::einval;
  if (size < n) return err::erange;
  std::memmove(d, s, n);
  return 0;
}

// ---- Strings ----

std::size_t WINAPI strlen(const char* s) noexcept { return std::strlen(s); }
std::size_t WINAPI strnlen(const char* s, std::size_t n) noexcept { return ::strnlen(s, n); }
char* WINAPI strcpy(char* d, const char* s) noexcept { return std::strcpy(d, s); }
char* WINAPI strncpy(char* d, const char* s, std::size_t n) noexcept { return std::strncpy(d, s, n); }
char* WINAPI strcat(char* d, const char* s) noexcept { return std::strcat(d, s); }
char* WINAPI strncat(char* d, const char* s, std::size_t n) noexcept { return std::strncat(d, s, n); }
int WINAPI strcmp(const char* a, const char* b) noexcept { return std::strcmp(a, b); }
int WINAPI strncmp(const char* a, const char* b, std::size_t n) noexcept { return std::strncmp(a, b, n); }
char* WINAPI strchr(const char* s, int c) noexcept { return const_cast<char*>(std::strchr(s, c)); }
char* WINAPI strrchr(const char* s, int c) noexcept { return const_cast<char*>(std::strrchr(s, c)); }
char* WINAPI strstr(const char* s, const char* t) noexcept { return const_cast<char*>(std::strstr(s, t)); }
char* WINAPI strpbrk(const char* s, const char* t) noexcept { return const_cast<char*>(std::strpbrk(s, t)); }
std::size_t WINAPI strspn(const char* s, const char* t) noexcept { return std::strspn(s, t); }
std::size_t WINAPI strcspn(const char* s, const char* t) noexcept { return std::strcspn(s, t); }

int WINAPI _stricmp(const char* a, const char* b) noexcept {
  for (;; ++a, ++b) {
    int x = lower(static_cast<unsigned char>(*a)), y = lower(static_cast<unsigned char>(*b));
    if (x != y || !x) return x - y;
  }
}

int WINAPI _strnicmp(const char* a, const char* b, std::size_t n) noexcept {
  for (std::size_t i = 0; i < n; ++i) {
    int x = lower(static_cast<unsigned char>(a[i])), y = lower(static_cast<unsigned char>(b[i]));
    if (x != y || !x) return x - y;
  }
  return 0;
}

char* WINAPI _strdup(const char* s) noexcept {
  if (!s) return nullptr;
  std::size_t n = std::strlen(s) + 1;
  char* p = static_cast<char*>(malloc(n));  // the program frees it with free()
  if (p) std::memcpy(p, s, n);
  return p;
}

char* WINAPI _strlwr(char* s) noexcept {
  for (char* p = s; p && *p; ++p) *p = static_cast<char>(lower(static_cast<unsigned char>(*p)));
  return s;
}

char* WINAPI _strupr(char* s) noexcept {
  for (char* p = s; p && *p; ++p) {
    if (*p >= 'a' && *p <= 'z') *p = static_cast<char>(*p - 32);
  }
  return s;
}

char* WINAPI _strrev(char* s) noexcept {
  if (!s) return s;
  for (std::size_t i = 0, j = std::strlen(s); i + 1 < j; ++i, --j) {
    char t = s[i];
    s[i] = s[j - 1];
    s[j - 1] = t;
  }
  return s;
}

char* WINAPI _strset(char* s, int c) noexcept {
  for (char* p = s; p && *p; ++p) *p = static_cast<char>(c);
  return s;
}

char* WINAPI _strnset(char* s, int c, std::size_t n) noexcept {
  for (std::size_t i = 0; s && i < n && s[i]; ++i) s[i] = static_cast<char>(c);
  return s;
}

char* WINAPI strtok(char* s, const char* delim) noexcept {
  if (!s) s = t_strtok_next;
  if (!s) return nullptr;
  s += std::strspn(s, delim);
  if (!*s) {
    t_strtok_next = nullptr;
    return nullptr;
  }
  char* end = s + std::strcspn(s, delim);
  if (*end) {
    *end = 0;
    t_strtok_next = end + 1;
  } else {
    t_strtok_next = nullptr;
  }
  return s;
}

char* WINAPI strtok_s(char* s, const char* delim, char** context) noexcept {
  if (!delim || !context || (!s && !*context)) {
    set_errno(err::einval);
    return nullptr;
  }
  if (!s) s = *context;
  s += std::strspn(s, delim);
  if (!*s) {
    *context = s;
    return nullptr;
  }
  char* end = s + std::strcspn(s, delim);
  if (*end) *end++ = 0;
  *context = end;
  return s;
}

errno_t WINAPI strcpy_s(char* d, std::size_t size, const char* s) noexcept {
  if (!d || !size) return err::einval;
  if (!s) {
    d[0] = 0;
    return err::einval;
  }
  std::size_t n = std::strlen(s);
  if (n >= size) {
    d[0] = 0;
    return err::erange;
  }
  std::memcpy(d, s, n + 1);
  return 0;
}

errno_t WINAPI strcat_s(char* d, std::size_t size, const char* s) noexcept {
  if (!d || !size) return err::einval;
  if (!s) {
    d[0] = 0;
    return err::einval;
  }
  std::size_t dl = ::strnlen(d, size);
  if (dl == size) {
    d[0] = 0;
    return err::einval;
  }
  std::size_t n = std::strlen(s);
  if (dl + n >= size) {
    d[0] = 0;
    return err::erange;
  }
  std::memcpy(d + dl, s, n + 1);
  return 0;
}

errno_t WINAPI strncpy_s(char* d, std::size_t size, const char* s, std::size_t count) noexcept {
  if (!d && !size && !count) return 0;
  if (!d || !size) return err::einval;
  if (!s) {
    d[0] = 0;
    return count ? err::einval : 0;
  }
  std::size_t n = ::strnlen(s, count);
  bool truncate = count == static_cast<std::size_t>(-1);  // _TRUNCATE
  if (n >= size) {
    if (!truncate) {
      d[0] = 0;
      return err::erange;
    }
    n = size - 1;
    std::memcpy(d, s, n);
    d[n] = 0;
    return err::struncate;
  }
  std::memcpy(d, s, n);
  d[n] = 0;
  return 0;
}

}  // namespace sill::msvcrt
