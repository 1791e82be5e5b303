// UTF-8 <-> UTF-16 as Windows does it: each maximal invalid subpart of the input
// becomes one U+FFFD (or fails with MB_ERR_INVALID_CHARS), lone surrogates become
// U+FFFD (or fail with WC_ERR_INVALID_CHARS). Hand-written rather than ICU's
// converter: it is the hottest path (every A function when the ACP is UTF-8,
// every file name on the way to Linux) and ASCII runs are copied eight at a time.
#include <cstring>

#include "ntdll/nls_convert.h"

namespace sill::nt::nls {

namespace {
// Decodes one non-ASCII sequence at s[i..n); returns the code point or -1 for an
// invalid maximal subpart, advancing i past what was consumed.
std::int32_t decode_sequence(const unsigned char* s, std::size_t n, std::size_t& i) {
  unsigned char c = s[i++];
  int len;
  std::int32_t cp;
  unsigned char lo = 0x80, hi = 0xBF;
  if (c >= 0xC2 && c <= 0xDF) {
    len = 1;
    cp = c & 0x1F;
  } else if (c >= 0xE0 && c <= 0xEF) {
    len = 2;
    cp = c & 0x0F;
    if (c == 0xE0) lo = 0xA0;
    if (c == 0xED) hi = 0x9F;  // no encoded surrogates
  } else if (c >= 0xF0 && c <= 0xF4) {
    len = 3;
    cp = c & 0x07;
    if (c == 0xF0) lo = 0x90;
    if (c == 0xF4) hi = 0x8F;
  } else {
    return -1;
  }
  for (int k = 0; k < len; ++k) {
    if (i >= n || s[i] < lo || s[i] > hi) return -1;
    cp = (cp << 6) | (s[i++] & 0x3F);
    lo = 0x80;
    hi = 0xBF;
  }
  return cp;
}

bool all_ascii(const unsigned char* s) {
  std::uint64_t v;
  std::memcpy(&v, s, 8);
  return (v & 0x8080808080808080ULL) == 0;
}
}  // namespace

Result utf8_to_utf16(const unsigned char* s, std::size_t n, win::DWORD flags, Sink<char16_t>& out) {
  std::size_t i = 0;
  while (i < n) {
    // ASCII runs: eight bytes at a time while they fit.
    if (i + 8 <= n && all_ascii(s + i)) {
      if (out.capacity) {
        if (out.size + 8 > out.capacity) {
          for (int k = 0; k < 8 && out.put(s[i]); ++k) ++i;
          return {0, win::ERROR_INSUFFICIENT_BUFFER};
        }
        char16_t* d = out.data + out.size;
        for (int k = 0; k < 8; ++k) d[k] = s[i + k];
      }
      out.size += 8;
      i += 8;
      continue;
    }
    std::int32_t c = s[i];
    if (c < 0x80) {
      ++i;
    } else {
      c = decode_sequence(s, n, i);
      if (c < 0) {
        if (flags & kMbErrInvalidChars) return {0, win::ERROR_NO_UNICODE_TRANSLATION};
        c = 0xFFFD;
      }
    }
    bool ok = c >= 0x10000 ? out.put(static_cast<char16_t>(0xD800 + ((c - 0x10000) >> 10))) &&
                                 out.put(static_cast<char16_t>(0xDC00 + ((c - 0x10000) & 0x3FF)))
                           : out.put(static_cast<char16_t>(c));
    if (!ok) return {0, win::ERROR_INSUFFICIENT_BUFFER};
  }
  return {out.size, 0};
}

Result utf16_to_utf8(const char16_t* src, std::size_t n, win::DWORD flags, Sink<char>& out) {
  for (std::size_t i = 0; i < n; ++i) {
    char32_t c = src[i];
    if (c >= 0xD800 && c <= 0xDBFF && i + 1 < n && src[i + 1] >= 0xDC00 && src[i + 1] <= 0xDFFF) {
      c = 0x10000 + ((c - 0xD800) << 10) + (src[++i] - 0xDC00);
    } else if (c >= 0xD800 && c <= 0xDFFF) {
      if (flags & kWcErrInvalidChars) return {0, win::ERROR_NO_UNICODE_TRANSLATION};
      c = 0xFFFD;
    }
    bool ok;
    if (c < 0x80) {
      ok = out.put(static_cast<char>(c));
    } else if (c < 0x800) {
      ok = out.put(static_cast<char>(0xC0 | (c >> 6))) && out.put(static_cast<char>(0x80 | (c & 0x3F)));
    } else if (c < 0x10000) {
      ok = out.put(static_cast<char>(0xE0 | (c >> 12))) && out.put(static_cast<char>(0x80 | ((c >> 6) & 0x3F))) &&
           out.put(static_cast<char>(0x80 | (c & 0x3F)));
    } else {
      ok = out.put(static_cast<char>(0xF0 | (c >> 18))) && out.put(static_cast<char>(0x80 | ((c >> 12) & 0x3F))) &&
           out.put(static_cast<char>(0x80 | ((c >> 6) & 0x3F))) && out.put(static_cast<char>(0x80 | (c & 0x3F)));
    }
    if (!ok) return {0, win::ERROR_INSUFFICIENT_BUFFER};
  }
  return {out.size, 0};
}

}  // namespace sill::nt::nls
