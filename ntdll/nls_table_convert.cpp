// Single- and double-byte code pages through their CodePageTable, with Windows'
// handling of what does not convert: a lead byte with no valid trail byte becomes
// the page's Unicode default character (one for the pair), a character with no
// mapping becomes the default character after best fit was tried.
#include "ntdll/nls_codepage_table.h"
#include "ntdll/nls_convert.h"

namespace sill::nt::nls {

namespace {
// What the OEM pages show for control bytes with MB_USEGLYPHCHARS: the IBM PC's
// pictures for 0x01-0x1F, then 0x7F (house).
constexpr char16_t kControlGlyphs[32] = {
    0x0000, 0x263A, 0x263B, 0x2665, 0x2666, 0x2663, 0x2660, 0x2022, 0x25D8, 0x25CB, 0x25D9,
    0x2642, 0x2640, 0x266A, 0x266B, 0x263C, 0x25BA, 0x25C4, 0x2195, 0x203C, 0x00B6, 0x00A7,
    0x25AC, 0x21A8, 0x2191, 0x2193, 0x2192, 0x2190, 0x221F, 0x2194, 0x25B2, 0x25BC,
};

// Pure ASCII on a page that keeps ASCII (keeps_ascii()) is copied unit for unit
// without the page's table, so what a program converts at start-up (the CRT's
// GetCommandLineA for argv) opens no ICU converter. Returns false, having written
// nothing, when the text or the page needs the table.
template <class From, class To>
bool copy_ascii(win::UINT cp, const From* s, std::size_t n, Sink<To>& out, Result& result) {
  if (!keeps_ascii(cp)) return false;
  for (std::size_t i = 0; i < n; ++i)
    if (static_cast<std::uint32_t>(s[i]) >= 0x80) return false;
  if (out.capacity && n > out.capacity) {
    result = {0, win::ERROR_INSUFFICIENT_BUFFER};
    return true;
  }
  if (out.capacity)
    for (std::size_t i = 0; i < n; ++i) out.data[i] = static_cast<To>(s[i]);
  result = {n, 0};
  return true;
}

bool is_oem_glyph_page(win::UINT cp) {
  switch (cp) {
    case 437: case 720: case 737: case 775: case 850: case 852: case 855: case 857: case 862: case 866:
      return true;
    default:
      return false;
  }
}
}  // namespace

Result table_to_utf16(win::UINT cp, const unsigned char* s, std::size_t n, win::DWORD flags,
                      Sink<char16_t>& out) {
  if (Result r{}; copy_ascii(cp, s, n, out, r)) return r;
  const CodePageTable* table = CodePageTable::get(cp);
  if (!table) return {0, win::ERROR_INVALID_PARAMETER};
  const bool strict = flags & kMbErrInvalidChars;
  const bool glyphs = (flags & kMbUseGlyphChars) && is_oem_glyph_page(cp);
  const char16_t fallback = table->facts().unicode_default;
  if (!table->is_dbcs() && !strict && !glyphs) {
    // One table lookup per byte.
    if (out.capacity && n > out.capacity) return {0, win::ERROR_INSUFFICIENT_BUFFER};
    if (out.capacity) {
      const char16_t* map = table->singles();
      for (std::size_t i = 0; i < n; ++i) out.data[i] = map[s[i]];
    }
    return {n, 0};
  }
  for (std::size_t i = 0; i < n;) {
    unsigned char b = s[i];
    char16_t c;
    if (table->is_lead_byte(b)) {
      if (i + 1 >= n || s[i + 1] == 0) {  // truncated: the lead byte alone
        if (strict) return {0, win::ERROR_NO_UNICODE_TRANSLATION};
        c = fallback;
        ++i;
      } else {
        std::uint32_t pair = table->pair(b, s[i + 1]);
        if (pair == CodePageTable::kNoChar) {
          if (strict) return {0, win::ERROR_NO_UNICODE_TRANSLATION};
          c = fallback;
        } else {
          c = static_cast<char16_t>(pair);
        }
        i += 2;
      }
    } else {
      bool undefined;
      c = table->single(b, &undefined);
      if (undefined && strict) return {0, win::ERROR_NO_UNICODE_TRANSLATION};
      if (glyphs && (b < 0x20 || b == 0x7F) && b != 0) c = b == 0x7F ? 0x2302 : kControlGlyphs[b];
      ++i;
    }
    if (!out.put(c)) return {0, win::ERROR_INSUFFICIENT_BUFFER};
  }
  return {out.size, 0};
}

Result utf16_to_table(win::UINT cp, const char16_t* src, std::size_t n, win::DWORD flags, const char* default_char,
                      bool* used_default, Sink<char>& out) {
  if (Result r{}; copy_ascii(cp, src, n, out, r)) return r;
  const CodePageTable* table = CodePageTable::get(cp);
  if (!table) return {0, win::ERROR_INVALID_PARAMETER};
  const bool best_fit = !(flags & kWcNoBestFitChars);
  // The replacement: the caller's character (two bytes when it starts with a lead
  // byte of a DBCS page) or the page's '?'.
  char replacement[2] = {'?', 0};
  std::size_t replacement_len = 1;
  if (default_char) {
    replacement[0] = default_char[0];
    if (table->is_lead_byte(static_cast<unsigned char>(default_char[0])) && default_char[1]) {
      replacement[1] = default_char[1];
      replacement_len = 2;
    }
  }
  for (std::size_t i = 0; i < n; ++i) {
    CodePageTable::Encoding e = table->encode(src[i], best_fit);
    bool ok;
    if (!e) {
      if (used_default) *used_default = true;
      ok = out.put(replacement[0]) && (replacement_len == 1 || out.put(replacement[1]));
    } else if ((e >> 16) == 2) {
      ok = out.put(static_cast<char>(e >> 8)) && out.put(static_cast<char>(e));
    } else {
      ok = out.put(static_cast<char>(e));
    }
    if (!ok) return {0, win::ERROR_INSUFFICIENT_BUFFER};
  }
  return {out.size, 0};
}

}  // namespace sill::nt::nls
