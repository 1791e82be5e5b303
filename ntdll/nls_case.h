// Windows case mapping and character classification of UTF-16 code units, from
// ICU's Unicode properties. Windows maps case one unit at a time and never
// changes a string's length (ß stays ß in upper case, unlike full Unicode
// casing); these functions follow it. user32's CharUpperW/CharLowerW family,
// kernel32's LCMapStringEx and GetStringTypeW and the CRT's towupper all use them.
#pragma once
#include <cstddef>

#include "base/wintypes.h"

namespace sill::nt::nls {

// Simple (one-to-one) case mapping. `turkic` gives the Turkish and Azerbaijani
// dotted/dotless i (LCMAP_LINGUISTIC_CASING in tr-TR, az-Latn-AZ).
char16_t to_upper(char16_t c, bool turkic = false);
char16_t to_lower(char16_t c, bool turkic = false);
// In place over s[0..n).
void to_upper(char16_t* s, std::size_t n, bool turkic = false);
void to_lower(char16_t* s, std::size_t n, bool turkic = false);

// GetStringTypeW's classes of one code unit (C1_*, C2_*, C3_* bits).
win::WORD ctype1(char16_t c);
win::WORD ctype2(char16_t c);
win::WORD ctype3(char16_t c);

inline constexpr win::WORD C1_UPPER = 0x1, C1_LOWER = 0x2, C1_DIGIT = 0x4, C1_SPACE = 0x8, C1_PUNCT = 0x10,
                           C1_CNTRL = 0x20, C1_BLANK = 0x40, C1_XDIGIT = 0x80, C1_ALPHA = 0x100,
                           C1_DEFINED = 0x200;

}  // namespace sill::nt::nls
