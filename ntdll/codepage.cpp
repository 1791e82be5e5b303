// Code-page conversion. Single-byte pages map bytes 0x80-0xFF through a table;
// the reverse direction uses a 64 KiB table built on first use.
#include "ntdll/codepage.h"

#include <array>
#include <cstdint>
#include <memory>
#include <mutex>

#include "base/debug.h"
#include "ntdll/winerror.h"

SILL_DEFAULT_DEBUG_CHANNEL(nls);

namespace sill::nt {

namespace {
// Bytes 0x80-0xFF of Windows-1252; the five unassigned bytes map to the same
// code point, as Windows does.
constexpr char16_t k1252[128] = {
    0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152,
    0x008D, 0x017D, 0x008F, 0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122,
    0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178, 0x00A0, 0x00A1, 0x00A2, 0x00A3, 0x00A4, 0x00A5, 0x00A6,
    0x00A7, 0x00A8, 0x00A9, 0x00AA, 0x00AB, 0x00AC, 0x00AD, 0x00AE, 0x00AF, 0x00B0, 0x00B1, 0x00B2, 0x00B3,
    0x00B4, 0x00B5, 0x00B6, 0x00B7, 0x00B8, 0x00B9, 0x00BA, 0x00BB, 0x00BC, 0x00BD, 0x00BE, 0x00BF, 0x00C0,
    0x00C1, 0x00C2, 0x00C3, 0x00C4, 0x00C5, 0x00C6, 0x00C7, 0x00C8, 0x00C9, 0x00CA, 0x00CB, 0x00CC, 0x00CD,
    0x00CE, 0x00CF, 0x00D0, 0x00D1, 0x00D2, 0x00D3, 0x00D4, 0x00D5, 0x00D6, 0x00D7, 0x00D8, 0x00D9, 0x00DA,
    0x00DB, 0x00DC, 0x00DD, 0x00DE, 0x00DF, 0x00E0, 0x00E1, 0x00E2, 0x00E3, 0x00E4, 0x00E5, 0x00E6, 0x00E7,
    0x00E8, 0x00E9, 0x00EA, 0x00EB, 0x00EC, 0x00ED, 0x00EE, 0x00EF, 0x00F0, 0x00F1, 0x00F2, 0x00F3, 0x00F4,
    0x00F5, 0x00F6, 0x00F7, 0x00F8, 0x00F9, 0x00FA, 0x00FB, 0x00FC, 0x00FD, 0x00FE, 0x00FF,
};
// Bytes 0x80-0xFF of OEM 437.
constexpr char16_t k437[128] = {
    0x00C7, 0x00FC, 0x00E9, 0x00E2, 0x00E4, 0x00E0, 0x00E5, 0x00E7, 0x00EA, 0x00EB, 0x00E8, 0x00EF, 0x00EE,
    0x00EC, 0x00C4, 0x00C5, 0x00C9, 0x00E6, 0x00C6, 0x00F4, 0x00F6, 0x00F2, 0x00FB, 0x00F9, 0x00FF, 0x00D6,
    0x00DC, 0x00A2, 0x00A3, 0x00A5, 0x20A7, 0x0192, 0x00E1, 0x00ED, 0x00F3, 0x00FA, 0x00F1, 0x00D1, 0x00AA,
    0x00BA, 0x00BF, 0x2310, 0x00AC, 0x00BD, 0x00BC, 0x00A1, 0x00AB, 0x00BB, 0x2591, 0x2592, 0x2593, 0x2502,
    0x2524, 0x2561, 0x2562, 0x2556, 0x2555, 0x2563, 0x2551, 0x2557, 0x255D, 0x255C, 0x255B, 0x2510, 0x2514,
    0x2534, 0x252C, 0x251C, 0x2500, 0x253C, 0x255E, 0x255F, 0x255A, 0x2554, 0x2569, 0x2566, 0x2560, 0x2550,
    0x256C, 0x2567, 0x2568, 0x2564, 0x2565, 0x2559, 0x2558, 0x2552, 0x2553, 0x256B, 0x256A, 0x2518, 0x250C,
    0x2588, 0x2584, 0x258C, 0x2590, 0x2580, 0x03B1, 0x00DF, 0x0393, 0x03C0, 0x03A3, 0x03C3, 0x00B5, 0x03C4,
    0x03A6, 0x0398, 0x03A9, 0x03B4, 0x221E, 0x03C6, 0x03B5, 0x2229, 0x2261, 0x00B1, 0x2265, 0x2264, 0x2320,
    0x2321, 0x00F7, 0x2248, 0x00B0, 0x2219, 0x00B7, 0x221A, 0x207F, 0x00B2, 0x25A0, 0x00A0,
};

const char16_t* high_table(win::UINT cp) {
  switch (cp) {
    case 1252: return k1252;
    case 437: return k437;
    default: return nullptr;  // 20127: ASCII only
  }
}

char16_t sbcs_to_wide(win::UINT cp, unsigned char b) {
  if (b < 0x80) return b;
  if (const char16_t* t = high_table(cp)) return t[b - 0x80];
  return b & 0x7F;  // US-ASCII folds the high bit away
}

// Reverse table: 0 = not representable (U+0000 is handled before lookup).
const std::uint8_t* reverse_table(win::UINT cp) {
  static std::once_flag once;
  static std::unique_ptr<std::array<std::uint8_t, 65536>> r1252, r437, rascii;
  std::call_once(once, [] {
    r1252 = std::make_unique<std::array<std::uint8_t, 65536>>();
    r437 = std::make_unique<std::array<std::uint8_t, 65536>>();
    rascii = std::make_unique<std::array<std::uint8_t, 65536>>();
    for (unsigned b = 1; b < 0x80; ++b) (*r1252)[b] = (*r437)[b] = (*rascii)[b] = static_cast<std::uint8_t>(b);
    for (unsigned b = 0x80; b < 0x100; ++b) {
      (*r1252)[k1252[b - 0x80]] = static_cast<std::uint8_t>(b);
      (*r437)[k437[b - 0x80]] = static_cast<std::uint8_t>(b);
    }
  });
  switch (cp) {
    case 1252: return r1252->data();
    case 437: return r437->data();
    default: return rascii->data();
  }
}

// Decodes one UTF-8 sequence at s[i..n); returns the code point or -1 for an
// invalid maximal subpart, advancing i past what was consumed.
std::int32_t decode_utf8(const unsigned char* s, std::size_t n, std::size_t& i) {
  unsigned char c = s[i++];
  if (c < 0x80) return c;
  int len;
  std::int32_t cp;
  unsigned char lo = 0x80, hi = 0xBF;
  if (c >= 0xC2 && c <= 0xDF) { len = 1; cp = c & 0x1F; }
  else if (c >= 0xE0 && c <= 0xEF) {
    len = 2; cp = c & 0x0F;
    if (c == 0xE0) lo = 0xA0;
    if (c == 0xED) hi = 0x9F;  // no encoded surrogates
  } else if (c >= 0xF0 && c <= 0xF4) {
    len = 3; cp = c & 0x07;
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
}  // namespace

win::UINT ansi_code_page() { return 1252; }
win::UINT oem_code_page() { return 437; }

win::UINT resolve_code_page(win::UINT cp) {
  switch (cp) {
    case CP_ACP: case CP_THREAD_ACP: return ansi_code_page();
    case CP_OEMCP: return oem_code_page();
    case CP_MACCP: return 10000;
    default: return cp;
  }
}

bool is_supported_code_page(win::UINT cp) {
  cp = resolve_code_page(cp);
  return cp == CP_UTF8 || cp == 1252 || cp == 437 || cp == 20127;
}
bool is_single_byte_code_page(win::UINT cp) {
  cp = resolve_code_page(cp);
  return cp == 1252 || cp == 437 || cp == 20127;
}

int multibyte_to_wide(win::UINT cp, win::DWORD flags, const char* src, int src_len, char16_t* dst, int dst_len,
                      win::DWORD* error) {
  cp = resolve_code_page(cp);
  if (!src || src_len == 0 || src_len < -1 || dst_len < 0 || (dst_len && !dst) ||
      (dst && static_cast<const void*>(dst) == static_cast<const void*>(src))) {
    *error = win::ERROR_INVALID_PARAMETER;
    return 0;
  }
  if (!is_supported_code_page(cp)) {
    FIXME("code page %u is not supported", cp);
    *error = win::ERROR_INVALID_PARAMETER;
    return 0;
  }
  if (cp == CP_UTF8 && (flags & ~MB_ERR_INVALID_CHARS)) {
    *error = win::ERROR_INVALID_FLAGS;
    return 0;
  }
  std::size_t n = src_len == -1 ? std::char_traits<char>::length(src) + 1 : static_cast<std::size_t>(src_len);
  const auto* s = reinterpret_cast<const unsigned char*>(src);
  std::size_t out = 0;
  auto put = [&](char16_t c) -> bool {
    if (dst_len) {
      if (out >= static_cast<std::size_t>(dst_len)) return false;
      dst[out] = c;
    }
    ++out;
    return true;
  };
  for (std::size_t i = 0; i < n;) {
    if (cp == CP_UTF8) {
      std::int32_t c = decode_utf8(s, n, i);
      if (c < 0) {
        if (flags & MB_ERR_INVALID_CHARS) {
          *error = win::ERROR_NO_UNICODE_TRANSLATION;
          return 0;
        }
        c = 0xFFFD;
      }
      bool ok = c >= 0x10000 ? put(static_cast<char16_t>(0xD800 + ((c - 0x10000) >> 10))) &&
                                   put(static_cast<char16_t>(0xDC00 + ((c - 0x10000) & 0x3FF)))
                             : put(static_cast<char16_t>(c));
      if (!ok) {
        *error = win::ERROR_INSUFFICIENT_BUFFER;
        return 0;
      }
    } else {
      if (!put(sbcs_to_wide(cp, s[i++]))) {
        *error = win::ERROR_INSUFFICIENT_BUFFER;
        return 0;
      }
    }
  }
  if (flags & (MB_COMPOSITE | MB_USEGLYPHCHARS)) FIXME_ONCE("flags %#x ignored", flags);
  return static_cast<int>(out);
}

int wide_to_multibyte(win::UINT cp, win::DWORD flags, const char16_t* src, int src_len, char* dst, int dst_len,
                      const char* default_char, win::BOOL* used_default, win::DWORD* error) {
  cp = resolve_code_page(cp);
  if (!src || src_len == 0 || src_len < -1 || dst_len < 0 || (dst_len && !dst) ||
      (dst && static_cast<const void*>(dst) == static_cast<const void*>(src))) {
    *error = win::ERROR_INVALID_PARAMETER;
    return 0;
  }
  if (!is_supported_code_page(cp)) {
    FIXME("code page %u is not supported", cp);
    *error = win::ERROR_INVALID_PARAMETER;
    return 0;
  }
  if (cp == CP_UTF8) {
    if (default_char || used_default) {
      *error = win::ERROR_INVALID_PARAMETER;
      return 0;
    }
    if (flags & ~WC_ERR_INVALID_CHARS) {
      *error = win::ERROR_INVALID_FLAGS;
      return 0;
    }
  }
  std::size_t n = src_len == -1 ? std::char_traits<char16_t>::length(src) + 1 : static_cast<std::size_t>(src_len);
  std::size_t out = 0;
  auto put = [&](char c) -> bool {
    if (dst_len) {
      if (out >= static_cast<std::size_t>(dst_len)) return false;
      dst[out] = c;
    }
    ++out;
    return true;
  };
  if (used_default) *used_default = win::FALSE;
  const std::uint8_t* rev = cp == CP_UTF8 ? nullptr : reverse_table(cp);
  char def = default_char ? *default_char : '?';
  for (std::size_t i = 0; i < n; ++i) {
    char32_t c = src[i];
    bool ok = true;
    if (cp == CP_UTF8) {
      if (c >= 0xD800 && c <= 0xDBFF && i + 1 < n && src[i + 1] >= 0xDC00 && src[i + 1] <= 0xDFFF) {
        c = 0x10000 + ((c - 0xD800) << 10) + (src[++i] - 0xDC00);
      } else if (c >= 0xD800 && c <= 0xDFFF) {
        if (flags & WC_ERR_INVALID_CHARS) {
          *error = win::ERROR_NO_UNICODE_TRANSLATION;
          return 0;
        }
        c = 0xFFFD;
      }
      if (c < 0x80) ok = put(static_cast<char>(c));
      else if (c < 0x800) ok = put(static_cast<char>(0xC0 | (c >> 6))) && put(static_cast<char>(0x80 | (c & 0x3F)));
      else if (c < 0x10000)
        ok = put(static_cast<char>(0xE0 | (c >> 12))) && put(static_cast<char>(0x80 | ((c >> 6) & 0x3F))) &&
             put(static_cast<char>(0x80 | (c & 0x3F)));
      else
        ok = put(static_cast<char>(0xF0 | (c >> 18))) && put(static_cast<char>(0x80 | ((c >> 12) & 0x3F))) &&
             put(static_cast<char>(0x80 | ((c >> 6) & 0x3F))) && put(static_cast<char>(0x80 | (c & 0x3F)));
    } else if (c == 0) {
      ok = put('\0');
    } else if (std::uint8_t b = rev[c]) {
      ok = put(static_cast<char>(b));
    } else {
      if (!(flags & WC_NO_BEST_FIT_CHARS)) FIXME_ONCE("best-fit mapping is not done (U+%04X)", static_cast<unsigned>(c));
      if (used_default) *used_default = win::TRUE;
      // A surrogate pair is one character: one default char for both halves.
      if (c >= 0xD800 && c <= 0xDBFF && i + 1 < n && src[i + 1] >= 0xDC00 && src[i + 1] <= 0xDFFF) ++i;
      ok = put(def);
    }
    if (!ok) {
      *error = win::ERROR_INSUFFICIENT_BUFFER;
      return 0;
    }
  }
  return static_cast<int>(out);
}

std::u16string to_utf16(win::UINT cp, std::string_view s) {
  if (s.empty()) return {};
  win::DWORD err;
  int n = multibyte_to_wide(cp, 0, s.data(), static_cast<int>(s.size()), nullptr, 0, &err);
  std::u16string out(static_cast<std::size_t>(n), u'\0');
  multibyte_to_wide(cp, 0, s.data(), static_cast<int>(s.size()), out.data(), n, &err);
  return out;
}

std::string from_utf16(win::UINT cp, std::u16string_view s) {
  if (s.empty()) return {};
  win::DWORD err;
  int n = wide_to_multibyte(cp, 0, s.data(), static_cast<int>(s.size()), nullptr, 0, nullptr, nullptr, &err);
  std::string out(static_cast<std::size_t>(n), '\0');
  wide_to_multibyte(cp, 0, s.data(), static_cast<int>(s.size()), out.data(), n, nullptr, nullptr, &err);
  return out;
}

}  // namespace sill::nt
