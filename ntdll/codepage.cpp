// Code-page conversion: Windows' argument and flag checks, then the engine for
// the page (nls_convert.h), then the MB_COMPOSITE/WC_COMPOSITECHECK passes.
#include "ntdll/codepage.h"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>

#include <string>

#include "base/debug.h"
#include "ntdll/nls_codepage_table.h"
#include "ntdll/nls_convert.h"
#include "ntdll/nls_user_locale.h"
#include "ntdll/winerror.h"

SILL_DEFAULT_DEBUG_CHANNEL(nls);

namespace sill::nt {

namespace {
constexpr win::UINT CP_GB18030 = 54936;
constexpr win::DWORD kMbFlags = MB_PRECOMPOSED | MB_COMPOSITE | MB_USEGLYPHCHARS | MB_ERR_INVALID_CHARS;
constexpr win::DWORD kWcFlags =
    WC_DISCARDNS | WC_SEPCHARS | WC_DEFAULTCHAR | WC_ERR_INVALID_CHARS | WC_COMPOSITECHECK | WC_NO_BEST_FIT_CHARS;

bool bad_buffers(const void* src, int src_len, const void* dst, int dst_len) {
  return !src || src_len == 0 || src_len < -1 || dst_len < 0 || (dst_len && !dst) || (dst && dst == src);
}

// Canonical decomposition of `s` (MB_COMPOSITE) or composition (WC_COMPOSITECHECK).
std::u16string normalize(std::u16string_view s, bool compose) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* n = compose ? icu::Normalizer2::getNFCInstance(status)
                                      : icu::Normalizer2::getNFDInstance(status);
  if (U_FAILURE(status)) return std::u16string(s);
  icu::UnicodeString in(false, s.data(), static_cast<int32_t>(s.size()));
  icu::UnicodeString out = n->normalize(in, status);
  if (U_FAILURE(status)) return std::u16string(s);
  return std::u16string(out.getBuffer(), static_cast<std::size_t>(out.length()));
}

// WC_COMPOSITECHECK: compose, then what is left of the nonspacing marks is dropped
// (WC_DISCARDNS), turned into the default character (WC_DEFAULTCHAR) or kept (WC_SEPCHARS).
std::u16string composite_check(std::u16string_view s, win::DWORD flags) {
  std::u16string composed = normalize(s, true);
  if (!(flags & (WC_DISCARDNS | WC_DEFAULTCHAR))) return composed;
  std::u16string out;
  for (std::size_t i = 0; i < composed.size(); ++i) {
    char16_t c = composed[i];
    bool mark = i > 0 && u_charType(c) == U_NON_SPACING_MARK;
    if (!mark) out += c;
    else if (flags & WC_DEFAULTCHAR) out += u'\xFFFF';  // never mappable: becomes the default character
  }
  return out;
}
}  // namespace

win::UINT ansi_code_page() { return nls::process_code_pages().ansi; }
win::UINT oem_code_page() { return nls::process_code_pages().oem; }

win::UINT resolve_code_page(win::UINT cp) {
  switch (cp) {
    case CP_ACP: case CP_THREAD_ACP: return ansi_code_page();
    case CP_OEMCP: return oem_code_page();
    case CP_MACCP: return 10000;
    default: return cp;
  }
}

bool is_supported_code_page(win::UINT cp) { return nls::code_page_facts(resolve_code_page(cp)) != nullptr; }

bool is_single_byte_code_page(win::UINT cp) {
  const nls::CodePageFacts* f = nls::code_page_facts(resolve_code_page(cp));
  return f && f->max_char_size == 1;
}

bool is_lead_byte(win::UINT cp, unsigned char b) {
  const nls::CodePageTable* t = nls::CodePageTable::get(resolve_code_page(cp));
  return t && t->is_lead_byte(b);
}

int multibyte_to_wide(win::UINT cp, win::DWORD flags, const char* src, int src_len, char16_t* dst, int dst_len,
                      win::DWORD* error) {
  cp = resolve_code_page(cp);
  if (bad_buffers(src, src_len, dst, dst_len) || !is_supported_code_page(cp)) {
    *error = win::ERROR_INVALID_PARAMETER;
    return 0;
  }
  bool flags_ok = !(flags & ~kMbFlags) && (flags & (MB_PRECOMPOSED | MB_COMPOSITE)) != (MB_PRECOMPOSED | MB_COMPOSITE);
  if (cp == CP_UTF8 || cp == CP_GB18030) flags_ok = !(flags & ~MB_ERR_INVALID_CHARS);
  if (cp == CP_UTF7) flags_ok = flags == 0;
  if (!flags_ok) {
    *error = win::ERROR_INVALID_FLAGS;
    return 0;
  }
  std::size_t n = src_len == -1 ? std::char_traits<char>::length(src) + 1 : static_cast<std::size_t>(src_len);
  const auto* s = reinterpret_cast<const unsigned char*>(src);
  if (flags & MB_COMPOSITE) {
    // Convert precomposed, decompose, then copy out.
    nls::Sink<char16_t> count{nullptr, 0};
    nls::Result r = nls::table_to_utf16(cp, s, n, flags & ~MB_COMPOSITE, count);
    if (r.error) {
      *error = r.error;
      return 0;
    }
    std::u16string wide(r.length, u'\0');
    nls::Sink<char16_t> fill{wide.data(), wide.size()};
    nls::table_to_utf16(cp, s, n, flags & ~MB_COMPOSITE, fill);
    std::u16string decomposed = normalize(wide, false);
    if (dst_len && decomposed.size() > static_cast<std::size_t>(dst_len)) {
      *error = win::ERROR_INSUFFICIENT_BUFFER;
      return 0;
    }
    if (dst_len) decomposed.copy(dst, decomposed.size());
    return static_cast<int>(decomposed.size());
  }
  nls::Sink<char16_t> out{dst, static_cast<std::size_t>(dst_len)};
  nls::Result r = cp == CP_UTF8                        ? nls::utf8_to_utf16(s, n, flags, out)
                  : cp == CP_UTF7 || cp == CP_GB18030 ? nls::icu_to_utf16(cp, s, n, flags, out)
                                                       : nls::table_to_utf16(cp, s, n, flags, out);
  if (r.error) {
    *error = r.error;
    return 0;
  }
  return static_cast<int>(r.length);
}

int wide_to_multibyte(win::UINT cp, win::DWORD flags, const char16_t* src, int src_len, char* dst, int dst_len,
                      const char* default_char, win::BOOL* used_default, win::DWORD* error) {
  cp = resolve_code_page(cp);
  if (bad_buffers(src, src_len, dst, dst_len) || !is_supported_code_page(cp) ||
      ((cp == CP_UTF8 || cp == CP_UTF7) && (default_char || used_default))) {
    *error = win::ERROR_INVALID_PARAMETER;
    return 0;
  }
  bool flags_ok = !(flags & ~(kWcFlags & ~WC_ERR_INVALID_CHARS));
  if (cp == CP_UTF8 || cp == CP_GB18030) flags_ok = !(flags & ~WC_ERR_INVALID_CHARS);
  if (cp == CP_UTF7) flags_ok = flags == 0;
  if (!flags_ok) {
    *error = win::ERROR_INVALID_FLAGS;
    return 0;
  }
  std::size_t n = src_len == -1 ? std::char_traits<char16_t>::length(src) + 1 : static_cast<std::size_t>(src_len);
  std::u16string checked;
  if (flags & WC_COMPOSITECHECK) {
    checked = composite_check(std::u16string_view(src, n), flags);
    src = checked.data();
    n = checked.size();
  }
  nls::Sink<char> out{dst, static_cast<std::size_t>(dst_len)};
  bool defaulted = false;
  nls::Result r = cp == CP_UTF8                        ? nls::utf16_to_utf8(src, n, flags, out)
                  : cp == CP_UTF7 || cp == CP_GB18030 ? nls::utf16_to_icu(cp, src, n, flags, out)
                                                       : nls::utf16_to_table(cp, src, n, flags, default_char,
                                                                             &defaulted, out);
  if (used_default) *used_default = defaulted ? win::TRUE : win::FALSE;
  if (r.error) {
    *error = r.error;
    return 0;
  }
  return static_cast<int>(r.length);
}

std::u16string to_utf16(win::UINT cp, std::string_view s) {
  if (s.empty()) return {};
  win::DWORD err;
  int n = multibyte_to_wide(cp, 0, s.data(), static_cast<int>(s.size()), nullptr, 0, &err);
  std::u16string out(static_cast<std::size_t>(n), u'\0');
  if (n) multibyte_to_wide(cp, 0, s.data(), static_cast<int>(s.size()), out.data(), n, &err);
  return out;
}

std::string from_utf16(win::UINT cp, std::u16string_view s) {
  if (s.empty()) return {};
  win::DWORD err;
  int n = wide_to_multibyte(cp, 0, s.data(), static_cast<int>(s.size()), nullptr, 0, nullptr, nullptr, &err);
  std::string out(static_cast<std::size_t>(n), '\0');
  if (n) wide_to_multibyte(cp, 0, s.data(), static_cast<int>(s.size()), out.data(), n, nullptr, nullptr, &err);
  return out;
}

}  // namespace sill::nt
