// Case mapping and classification from ICU's character properties, one UTF-16
// unit at a time as Windows does it (a surrogate is never changed).
#include "ntdll/nls_case.h"

#include <unicode/uchar.h>
#include <unicode/uscript.h>

namespace sill::nt::nls {

char16_t to_upper(char16_t c, bool turkic) {
  if (c < 0x80) return c >= u'a' && c <= u'z' ? (turkic && c == u'i' ? 0x130 : c - 32) : c;
  if (turkic && c == 0x131) return u'I';
  UChar32 u = u_toupper(c);
  return u > 0xFFFF ? c : static_cast<char16_t>(u);
}

char16_t to_lower(char16_t c, bool turkic) {
  if (c < 0x80) return c >= u'A' && c <= u'Z' ? (turkic && c == u'I' ? 0x131 : c + 32) : c;
  if (turkic && c == 0x130) return u'i';
  UChar32 u = u_tolower(c);
  return u > 0xFFFF ? c : static_cast<char16_t>(u);
}

void to_upper(char16_t* s, std::size_t n, bool turkic) {
  for (std::size_t i = 0; i < n; ++i) s[i] = to_upper(s[i], turkic);
}
void to_lower(char16_t* s, std::size_t n, bool turkic) {
  for (std::size_t i = 0; i < n; ++i) s[i] = to_lower(s[i], turkic);
}

win::WORD ctype1(char16_t c) {
  int8_t type = u_charType(c);
  if (type == U_UNASSIGNED) return 0;
  win::WORD t = C1_DEFINED;
  if (type == U_UPPERCASE_LETTER) t |= C1_UPPER;
  if (type == U_LOWERCASE_LETTER) t |= C1_LOWER;
  if (type == U_DECIMAL_DIGIT_NUMBER) t |= C1_DIGIT;
  if (u_isUWhiteSpace(c)) t |= C1_SPACE;
  if (u_ispunct(c) || type == U_MATH_SYMBOL || type == U_CURRENCY_SYMBOL || type == U_MODIFIER_SYMBOL ||
      type == U_OTHER_SYMBOL)
    t |= C1_PUNCT;
  if (type == U_CONTROL_CHAR) t |= C1_CNTRL;
  if (c == u'\t' || type == U_SPACE_SEPARATOR) t |= C1_BLANK;
  if ((c >= u'0' && c <= u'9') || (c >= u'a' && c <= u'f') || (c >= u'A' && c <= u'F')) t |= C1_XDIGIT;
  if (u_hasBinaryProperty(c, UCHAR_ALPHABETIC)) t |= C1_ALPHA;
  // Latin-1 as Windows classifies it: superscript digits are digits and punctuation,
  // the ordinal indicators lower-case letters and punctuation.
  if (c == 0xB2 || c == 0xB3 || c == 0xB9) t |= C1_DIGIT | C1_PUNCT;
  if (c == 0xAA || c == 0xBA) t |= C1_LOWER | C1_PUNCT;
  return t;
}

win::WORD ctype2(char16_t c) {
  // C2_LEFTTORIGHT 1 ... C2_OTHERNEUTRAL 11, C2_NOTAPPLICABLE 0.
  switch (u_charDirection(c)) {
    case U_LEFT_TO_RIGHT: return 1;
    case U_RIGHT_TO_LEFT: case U_RIGHT_TO_LEFT_ARABIC: return 2;
    case U_EUROPEAN_NUMBER: return 3;
    case U_EUROPEAN_NUMBER_SEPARATOR: return 4;
    case U_EUROPEAN_NUMBER_TERMINATOR: return 5;
    case U_ARABIC_NUMBER: return 6;
    case U_COMMON_NUMBER_SEPARATOR: return 7;
    case U_BLOCK_SEPARATOR: return 8;
    case U_SEGMENT_SEPARATOR: return 9;
    case U_WHITE_SPACE_NEUTRAL: return 10;
    case U_OTHER_NEUTRAL: return 11;
    default: return 0;
  }
}

win::WORD ctype3(char16_t c) {
  constexpr win::WORD C3_NONSPACING = 0x1, C3_DIACRITIC = 0x2, C3_VOWELMARK = 0x4, C3_SYMBOL = 0x8,
                      C3_KATAKANA = 0x10, C3_HIRAGANA = 0x20, C3_HALFWIDTH = 0x40, C3_FULLWIDTH = 0x80,
                      C3_IDEOGRAPH = 0x100, C3_KASHIDA = 0x200, C3_HIGHSURROGATE = 0x800,
                      C3_LOWSURROGATE = 0x1000, C3_ALPHA = 0x8000;
  int8_t type = u_charType(c);
  win::WORD t = 0;
  if (type == U_NON_SPACING_MARK || type == U_ENCLOSING_MARK) t |= C3_NONSPACING;
  if (u_hasBinaryProperty(c, UCHAR_DIACRITIC)) t |= C3_DIACRITIC;
  if (type == U_COMBINING_SPACING_MARK || (type == U_NON_SPACING_MARK && u_hasBinaryProperty(c, UCHAR_ALPHABETIC)))
    t |= C3_VOWELMARK;
  if (type == U_MATH_SYMBOL || type == U_CURRENCY_SYMBOL || type == U_MODIFIER_SYMBOL || type == U_OTHER_SYMBOL)
    t |= C3_SYMBOL;
  UScriptCode script = static_cast<UScriptCode>(u_getIntPropertyValue(c, UCHAR_SCRIPT));
  if (script == USCRIPT_KATAKANA || c == 0x30FC) t |= C3_KATAKANA;
  if (script == USCRIPT_HIRAGANA) t |= C3_HIRAGANA;
  int width = u_getIntPropertyValue(c, UCHAR_EAST_ASIAN_WIDTH);
  if (width == U_EA_HALFWIDTH || width == U_EA_NARROW) t |= C3_HALFWIDTH;
  if (width == U_EA_FULLWIDTH || width == U_EA_WIDE) t |= C3_FULLWIDTH;
  if (u_hasBinaryProperty(c, UCHAR_IDEOGRAPHIC)) t |= C3_IDEOGRAPH;
  if (c == 0x0640) t |= C3_KASHIDA;
  if (c >= 0xD800 && c <= 0xDBFF) t |= C3_HIGHSURROGATE;
  if (c >= 0xDC00 && c <= 0xDFFF) t |= C3_LOWSURROGATE;
  if (u_hasBinaryProperty(c, UCHAR_ALPHABETIC) || t & (C3_KATAKANA | C3_HIRAGANA | C3_IDEOGRAPH)) t |= C3_ALPHA;
  return t;
}

}  // namespace sill::nt::nls
