// LCMapStringEx: case (simple, or Turkish with LCMAP_LINGUISTIC_CASING), title
// case, kana, width and Chinese script conversions, sort keys, byte reversal,
// and the NORM_* filters.
#include <unicode/translit.h>
#include <unicode/uchar.h>
#include <unicode/ustring.h>

#include <cstring>
#include <map>
#include <memory>
#include <string>

#include "base/debug.h"
#include "ntdll/codepage.h"
#include "ntdll/nls_case.h"
#include "ntdll/nls_collation.h"
#include "win32/kernel32/nls/nls_internal.h"

SILL_DEFAULT_DEBUG_CHANNEL(nls);

namespace sill::kernel32 {

namespace {
constexpr DWORD LCMAP_LOWERCASE = 0x100, LCMAP_UPPERCASE = 0x200, LCMAP_TITLECASE = 0x300, LCMAP_SORTKEY = 0x400,
                LCMAP_BYTEREV = 0x800, LCMAP_HASH = 0x40000, LCMAP_HIRAGANA = 0x100000, LCMAP_KATAKANA = 0x200000,
                LCMAP_HALFWIDTH = 0x400000, LCMAP_FULLWIDTH = 0x800000, LCMAP_LINGUISTIC_CASING = 0x1000000,
                LCMAP_SIMPLIFIED_CHINESE = 0x2000000, LCMAP_TRADITIONAL_CHINESE = 0x4000000;
constexpr DWORD kMapFlags = LCMAP_TITLECASE | LCMAP_BYTEREV | LCMAP_HIRAGANA | LCMAP_KATAKANA | LCMAP_HALFWIDTH |
                            LCMAP_FULLWIDTH | LCMAP_LINGUISTIC_CASING | LCMAP_SIMPLIFIED_CHINESE |
                            LCMAP_TRADITIONAL_CHINESE;
constexpr DWORD kFilterFlags = nt::nls::NORM_IGNORENONSPACE | nt::nls::NORM_IGNORESYMBOLS;

// ICU transliterators are not thread-safe: each thread clones its own.
void transliterate(const char* id, std::u16string& s) {
  thread_local std::map<std::string, std::unique_ptr<icu::Transliterator>> cache;
  auto& t = cache[id];
  if (!t) {
    UErrorCode status = U_ZERO_ERROR;
    t.reset(icu::Transliterator::createInstance(id, UTRANS_FORWARD, status));
    if (U_FAILURE(status)) {
      t.reset();
      ERR("ICU has no transliterator %s\n", id);
      return;
    }
  }
  icu::UnicodeString u(s.data(), static_cast<int32_t>(s.size()));
  t->transliterate(u);
  s.assign(u.getBuffer(), static_cast<std::size_t>(u.length()));
}

std::u16string title_case(std::u16string_view s, const std::string& icu_locale) {
  std::u16string out(s.size() * 3 + 1, u'\0');
  UErrorCode status = U_ZERO_ERROR;
  int32_t n = u_strToTitle(out.data(), static_cast<int32_t>(out.size()), s.data(), static_cast<int32_t>(s.size()),
                           nullptr, icu_locale.c_str(), &status);
  if (U_FAILURE(status)) return std::u16string(s);
  out.resize(static_cast<std::size_t>(n));
  return out;
}

// Everything except sort keys, on a copy of the string.
std::u16string map_string(const nt::nls::Locale& locale, DWORD flags, std::u16string_view src) {
  std::u16string s;
  s.reserve(src.size());
  for (char16_t c : src) {
    int8_t type = u_charType(c);
    if ((flags & nt::nls::NORM_IGNORENONSPACE) && type == U_NON_SPACING_MARK) continue;
    if ((flags & nt::nls::NORM_IGNORESYMBOLS) &&
        (u_ispunct(c) || u_isUWhiteSpace(c) || type == U_MATH_SYMBOL || type == U_CURRENCY_SYMBOL ||
         type == U_MODIFIER_SYMBOL || type == U_OTHER_SYMBOL))
      continue;
    s += c;
  }
  if (flags & LCMAP_HIRAGANA)
    for (char16_t& c : s)
      if (c >= 0x30A1 && c <= 0x30F6) c -= 0x60;
  if (flags & LCMAP_KATAKANA)
    for (char16_t& c : s)
      if (c >= 0x3041 && c <= 0x3096) c += 0x60;
  if (flags & LCMAP_HALFWIDTH) transliterate("Fullwidth-Halfwidth", s);
  if (flags & LCMAP_FULLWIDTH) transliterate("Halfwidth-Fullwidth", s);
  if (flags & LCMAP_SIMPLIFIED_CHINESE) transliterate("Hant-Hans", s);
  if (flags & LCMAP_TRADITIONAL_CHINESE) transliterate("Hans-Hant", s);
  bool turkic = (flags & LCMAP_LINGUISTIC_CASING) && nt::nls::has_turkic_casing(locale);
  switch (flags & LCMAP_TITLECASE) {
    case LCMAP_LOWERCASE: nt::nls::to_lower(s.data(), s.size(), turkic); break;
    case LCMAP_UPPERCASE: nt::nls::to_upper(s.data(), s.size(), turkic); break;
    case LCMAP_TITLECASE: s = title_case(s, locale.icu); break;
    default: break;
  }
  if (flags & LCMAP_BYTEREV)
    for (char16_t& c : s) c = static_cast<char16_t>((c >> 8) | (c << 8));
  return s;
}

int lcmap(const nt::nls::Locale& locale, DWORD flags, LPCWSTR src, int src_len, LPWSTR dst, int dst_len) {
  if (!src || src_len == 0 || src_len < -1 || dst_len < 0 || (dst_len && !dst))
    return fail_error(win::ERROR_INVALID_PARAMETER, 0);
  if (flags & LCMAP_HASH) {
    FIXME("LCMAP_HASH is not supported\n");
    return fail_error(win::ERROR_INVALID_FLAGS, 0);
  }
  DWORD map = flags & (kMapFlags | LCMAP_SORTKEY);
  bool bad = (flags & ~(kMapFlags | LCMAP_SORTKEY | nt::nls::kCompareFlags)) ||
             ((flags & LCMAP_HIRAGANA) && (flags & LCMAP_KATAKANA)) ||
             ((flags & LCMAP_HALFWIDTH) && (flags & LCMAP_FULLWIDTH)) ||
             ((flags & LCMAP_SIMPLIFIED_CHINESE) && (flags & LCMAP_TRADITIONAL_CHINESE)) ||
             ((flags & LCMAP_SORTKEY) && (map & ~(LCMAP_SORTKEY | LCMAP_BYTEREV))) ||
             (!(flags & LCMAP_SORTKEY) && (flags & nt::nls::kCompareFlags & ~kFilterFlags)) ||
             (!map && !(flags & kFilterFlags));
  if (bad) return fail_error(win::ERROR_INVALID_FLAGS, 0);
  // Only plain case mapping may work in place.
  bool in_place = dst && static_cast<const void*>(dst) == static_cast<const void*>(src);
  if (in_place && (flags & ~(LCMAP_LOWERCASE | LCMAP_UPPERCASE | LCMAP_LINGUISTIC_CASING)))
    return fail_error(win::ERROR_INVALID_FLAGS, 0);
  auto in = nls::input(src, src_len);
  if (flags & LCMAP_SORTKEY) {
    std::string key = nt::nls::sort_key(nls::collation_id(locale), flags & nt::nls::kCompareFlags, in->text);
    if (key.empty()) return fail_error(win::ERROR_OUTOFMEMORY, 0);
    // The result is bytes (dst_len counts bytes) and always ends with its 0.
    if (dst_len == 0) return static_cast<int>(key.size());
    if (key.size() > static_cast<std::size_t>(dst_len)) return fail_error(win::ERROR_INSUFFICIENT_BUFFER, 0);
    std::memcpy(dst, key.data(), key.size());
    return static_cast<int>(key.size());
  }
  std::u16string mapped = map_string(locale, flags, in->text);
  return nls::copy_result(std::u16string_view(mapped), in->terminated, dst, dst_len);
}
}  // namespace

int WINAPI LCMapStringEx(LPCWSTR locale_name, DWORD flags, LPCWSTR src, int src_len, LPWSTR dst, int dst_len,
                         void* version, void* reserved, LPARAM param) noexcept {
  if (reserved || param) return fail_error(win::ERROR_INVALID_PARAMETER, 0);
  return nls::with_locale(locale_name, 0,
                          [&](const nt::nls::Locale& l) { return lcmap(l, flags, src, src_len, dst, dst_len); });
}

int WINAPI LCMapStringW(LCID lcid, DWORD flags, LPCWSTR src, int src_len, LPWSTR dst, int dst_len) noexcept {
  return nls::with_locale(lcid, 0,
                          [&](const nt::nls::Locale& l) { return lcmap(l, flags, src, src_len, dst, dst_len); });
}

int WINAPI LCMapStringA(LCID lcid, DWORD flags, LPCSTR src, int src_len, LPSTR dst, int dst_len) noexcept {
  if (!src || src_len == 0 || src_len < -1 || dst_len < 0 || (dst_len && !dst))
    return fail_error(win::ERROR_INVALID_PARAMETER, 0);
  auto locale = nls::locale_arg(lcid);
  if (!locale) return 0;
  try {
    win::UINT cp = nls::ansi_code_page_of(*locale, flags);
    std::size_t n = src_len < 0 ? std::strlen(src) + 1 : static_cast<std::size_t>(src_len);
    std::u16string wide = nt::to_utf16(cp, std::string_view(src, n));
    flags &= ~0x40000000u;  // LOCALE_USE_CP_ACP
    if (flags & LCMAP_SORTKEY)
      return lcmap(*locale, flags, wide.c_str(), static_cast<int>(wide.size()), reinterpret_cast<LPWSTR>(dst), dst_len);
    int len = lcmap(*locale, flags, wide.c_str(), static_cast<int>(wide.size()), nullptr, 0);
    if (!len) return 0;
    std::u16string mapped(static_cast<std::size_t>(len), u'\0');
    lcmap(*locale, flags, wide.c_str(), static_cast<int>(wide.size()), mapped.data(), len);
    std::string narrow = nt::from_utf16(cp, mapped);
    return nls::copy_result(std::string_view(narrow), false, dst, dst_len);
  } catch (...) {
    return fail_error(win::ERROR_OUTOFMEMORY, 0);
  }
}

}  // namespace sill::kernel32
