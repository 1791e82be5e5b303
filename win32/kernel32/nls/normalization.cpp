// Unicode normalization (NormalizeString, IsNormalizedString), FoldString and
// internationalized domain names (IdnToAscii, IdnToUnicode: UTS #46 on ICU).
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/uidna.h>

#include <cstring>
#include <memory>

#include "ntdll/codepage.h"
#include "win32/kernel32/nls/nls_internal.h"

namespace sill::kernel32 {

namespace {
constexpr DWORD MAP_FOLDCZONE = 0x10, MAP_PRECOMPOSED = 0x20, MAP_COMPOSITE = 0x40, MAP_FOLDDIGITS = 0x80,
                MAP_EXPAND_LIGATURES = 0x2000;
constexpr int NormalizationC = 1, NormalizationD = 2, NormalizationKC = 5, NormalizationKD = 6;
constexpr DWORD IDN_ALLOW_UNASSIGNED = 1, IDN_USE_STD3_ASCII_RULES = 2, IDN_EMAIL_ADDRESS = 4,
                IDN_RAW_PUNYCODE = 8;

const icu::Normalizer2* normalizer(int form) {
  UErrorCode s = U_ZERO_ERROR;
  switch (form) {
    case NormalizationC: return icu::Normalizer2::getNFCInstance(s);
    case NormalizationD: return icu::Normalizer2::getNFDInstance(s);
    case NormalizationKC: return icu::Normalizer2::getNFKCInstance(s);
    case NormalizationKD: return icu::Normalizer2::getNFKDInstance(s);
    default: return nullptr;
  }
}

bool valid_utf16(std::u16string_view s) {
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] >= 0xD800 && s[i] <= 0xDBFF && i + 1 < s.size() && s[i + 1] >= 0xDC00 && s[i + 1] <= 0xDFFF) ++i;
    else if (s[i] >= 0xD800 && s[i] <= 0xDFFF) return false;
  }
  return true;
}

std::u16string normalize(const icu::Normalizer2* n, std::u16string_view s) {
  UErrorCode status = U_ZERO_ERROR;
  icu::UnicodeString in(false, s.data(), static_cast<int32_t>(s.size()));
  icu::UnicodeString out = n->normalize(in, status);
  return std::u16string(out.getBuffer(), static_cast<std::size_t>(out.length()));
}

// The ligatures MAP_EXPAND_LIGATURES spells out.
const char16_t* ligature(char16_t c) {
  switch (c) {
    case 0x00C6: return u"AE";
    case 0x00E6: return u"ae";
    case 0x0152: return u"OE";
    case 0x0153: return u"oe";
    case 0x00DF: return u"ss";
    case 0x0132: return u"IJ";
    case 0x0133: return u"ij";
    case 0xFB00: return u"ff";
    case 0xFB01: return u"fi";
    case 0xFB02: return u"fl";
    case 0xFB03: return u"ffi";
    case 0xFB04: return u"ffl";
    case 0xFB06: return u"st";
    default: return nullptr;
  }
}

std::u16string fold(DWORD flags, std::u16string_view s) {
  UErrorCode status = U_ZERO_ERROR;
  std::u16string out;
  for (char16_t c : s) {
    if (flags & MAP_EXPAND_LIGATURES) {
      if (const char16_t* l = ligature(c)) {
        out += l;
        continue;
      }
    }
    if ((flags & MAP_FOLDDIGITS) && u_charType(c) == U_DECIMAL_DIGIT_NUMBER) {
      out += static_cast<char16_t>(u'0' + u_charDigitValue(c));
      continue;
    }
    // The compatibility zone: CJK compatibility ideographs, presentation and
    // half/fullwidth forms become their plain characters.
    if ((flags & MAP_FOLDCZONE) && c >= 0xF900 && c <= 0xFFEF) {
      icu::UnicodeString d;
      if (icu::Normalizer2::getNFKCInstance(status)->getDecomposition(c, d)) {
        out.append(d.getBuffer(), static_cast<std::size_t>(d.length()));
        continue;
      }
    }
    out += c;
  }
  if (flags & MAP_PRECOMPOSED) out = normalize(icu::Normalizer2::getNFCInstance(status), out);
  if (flags & MAP_COMPOSITE) out = normalize(icu::Normalizer2::getNFDInstance(status), out);
  return out;
}

int idn(bool to_ascii, DWORD flags, LPCWSTR src, int src_len, LPWSTR dst, int dst_len) {
  if (!src || src_len == 0 || src_len < -1 || dst_len < 0 || (dst_len && !dst))
    return fail_error(win::ERROR_INVALID_PARAMETER, 0);
  if (flags & ~(IDN_ALLOW_UNASSIGNED | IDN_USE_STD3_ASCII_RULES | IDN_EMAIL_ADDRESS | IDN_RAW_PUNYCODE))
    return fail_error(win::ERROR_INVALID_FLAGS, 0);
  auto in = nls::input(src, src_len);
  uint32_t options = UIDNA_CHECK_BIDI | UIDNA_CHECK_CONTEXTJ | UIDNA_NONTRANSITIONAL_TO_ASCII |
                     UIDNA_NONTRANSITIONAL_TO_UNICODE;
  if (flags & IDN_USE_STD3_ASCII_RULES) options |= UIDNA_USE_STD3_RULES;
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<UIDNA, void (*)(UIDNA*)> idna(uidna_openUTS46(options, &status), uidna_close);
  if (U_FAILURE(status)) return fail_error(win::ERROR_OUTOFMEMORY, 0);
  std::u16string out(in->text.size() * 4 + 64, u'\0');
  UIDNAInfo info = UIDNA_INFO_INITIALIZER;
  auto run = to_ascii ? uidna_nameToASCII : uidna_nameToUnicode;
  int32_t n = run(idna.get(), in->text.data(), static_cast<int32_t>(in->text.size()), out.data(),
                  static_cast<int32_t>(out.size()), &info, &status);
  if (U_FAILURE(status) || info.errors) return fail_error(win::ERROR_INVALID_NAME, 0);
  out.resize(static_cast<std::size_t>(n));
  return nls::copy_result(std::u16string_view(out), in->terminated, dst, dst_len);
}
}  // namespace

int WINAPI NormalizeString(int form, LPCWSTR src, int src_len, LPWSTR dst, int dst_len) noexcept {
  const icu::Normalizer2* n = normalizer(form);
  if (!n || !src || src_len == 0 || src_len < -1 || dst_len < 0 || (dst_len && !dst))
    return fail_error(win::ERROR_INVALID_PARAMETER, 0);
  try {
    auto in = nls::input(src, src_len);
    if (!valid_utf16(in->text)) return fail_error(win::ERROR_NO_UNICODE_TRANSLATION, 0);
    std::u16string out = normalize(n, in->text);
    return nls::copy_result(std::u16string_view(out), in->terminated, dst, dst_len);
  } catch (...) {
    return fail_error(win::ERROR_OUTOFMEMORY, 0);
  }
}

BOOL WINAPI IsNormalizedString(int form, LPCWSTR src, int src_len) noexcept {
  const icu::Normalizer2* n = normalizer(form);
  if (!n || !src || src_len == 0 || src_len < -1) return fail_error(win::ERROR_INVALID_PARAMETER, FALSE);
  auto in = nls::input(src, src_len);
  if (!valid_utf16(in->text)) return fail_error(win::ERROR_NO_UNICODE_TRANSLATION, FALSE);
  UErrorCode status = U_ZERO_ERROR;
  icu::UnicodeString s(false, in->text.data(), static_cast<int32_t>(in->text.size()));
  bool yes = n->isNormalized(s, status);
  nt::set_last_error(win::ERROR_SUCCESS);
  return yes ? TRUE : FALSE;
}

int WINAPI FoldStringW(DWORD flags, LPCWSTR src, int src_len, LPWSTR dst, int dst_len) noexcept {
  if (!src || src_len == 0 || src_len < -1 || dst_len < 0 || (dst_len && !dst) ||
      static_cast<const void*>(src) == static_cast<const void*>(dst))
    return fail_error(win::ERROR_INVALID_PARAMETER, 0);
  DWORD all = MAP_FOLDCZONE | MAP_PRECOMPOSED | MAP_COMPOSITE | MAP_FOLDDIGITS | MAP_EXPAND_LIGATURES;
  if (!flags || (flags & ~all) || ((flags & MAP_PRECOMPOSED) && (flags & MAP_COMPOSITE)) ||
      ((flags & MAP_EXPAND_LIGATURES) && (flags & (MAP_PRECOMPOSED | MAP_COMPOSITE))))
    return fail_error(win::ERROR_INVALID_FLAGS, 0);
  try {
    auto in = nls::input(src, src_len);
    std::u16string out = fold(flags, in->text);
    return nls::copy_result(std::u16string_view(out), in->terminated, dst, dst_len);
  } catch (...) {
    return fail_error(win::ERROR_OUTOFMEMORY, 0);
  }
}

int WINAPI FoldStringA(DWORD flags, LPCSTR src, int src_len, LPSTR dst, int dst_len) noexcept {
  if (!src || src_len == 0 || src_len < -1 || dst_len < 0 || (dst_len && !dst))
    return fail_error(win::ERROR_INVALID_PARAMETER, 0);
  try {
    std::size_t n = src_len < 0 ? std::strlen(src) + 1 : static_cast<std::size_t>(src_len);
    std::u16string wide = nt::ansi_to_utf16(std::string_view(src, n));
    int len = FoldStringW(flags, wide.c_str(), static_cast<int>(wide.size()), nullptr, 0);
    if (!len) return 0;
    std::u16string folded(static_cast<std::size_t>(len), u'\0');
    FoldStringW(flags, wide.c_str(), static_cast<int>(wide.size()), folded.data(), len);
    std::string narrow = nt::utf16_to_ansi(folded);
    return nls::copy_result(std::string_view(narrow), false, dst, dst_len);
  } catch (...) {
    return fail_error(win::ERROR_OUTOFMEMORY, 0);
  }
}

int WINAPI IdnToAscii(DWORD flags, LPCWSTR src, int src_len, LPWSTR dst, int dst_len) noexcept {
  try {
    return idn(true, flags, src, src_len, dst, dst_len);
  } catch (...) {
    return fail_error(win::ERROR_OUTOFMEMORY, 0);
  }
}

int WINAPI IdnToUnicode(DWORD flags, LPCWSTR src, int src_len, LPWSTR dst, int dst_len) noexcept {
  try {
    return idn(false, flags, src, src_len, dst, dst_len);
  } catch (...) {
    return fail_error(win::ERROR_OUTOFMEMORY, 0);
  }
}

}  // namespace sill::kernel32
