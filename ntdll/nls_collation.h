// Linguistic comparison the way CompareStringEx, LCMapStringEx(LCMAP_SORTKEY) and
// FindNLSStringEx do it, on ICU collators with Windows' flags mapped onto
// collator attributes and, where ICU has no attribute, onto a preparation of the
// strings (case folding, kana and width folding, Windows' word sort).
#pragma once
#include <cstdint>
#include <string>
#include <string_view>

#include "base/wintypes.h"

namespace sill::nt::nls {

inline constexpr win::DWORD NORM_IGNORECASE = 0x1, NORM_IGNORENONSPACE = 0x2, NORM_IGNORESYMBOLS = 0x4,
                            SORT_DIGITSASNUMBERS = 0x8, LINGUISTIC_IGNORECASE = 0x10,
                            LINGUISTIC_IGNOREDIACRITIC = 0x20, SORT_STRINGSORT = 0x1000,
                            NORM_IGNOREKANATYPE = 0x10000, NORM_IGNOREWIDTH = 0x20000,
                            NORM_LINGUISTIC_CASING = 0x8000000;
// Every flag that changes how strings compare.
inline constexpr win::DWORD kCompareFlags = NORM_IGNORECASE | NORM_IGNORENONSPACE | NORM_IGNORESYMBOLS |
                                            SORT_DIGITSASNUMBERS | LINGUISTIC_IGNORECASE |
                                            LINGUISTIC_IGNOREDIACRITIC | SORT_STRINGSORT | NORM_IGNOREKANATYPE |
                                            NORM_IGNOREWIDTH | NORM_LINGUISTIC_CASING;

// -1, 0 or 1; `icu_locale` is an ICU id ("en_US", "" for the root order).
// Returns 2 when ICU has no collator (out of memory).
int compare(const std::string& icu_locale, win::DWORD flags, std::u16string_view a, std::u16string_view b);

// The sort key of `s`: memcmp of two keys orders like compare(). Empty on failure.
std::string sort_key(const std::string& icu_locale, win::DWORD flags, std::u16string_view s);

// FindNLSStringEx: where `value` occurs in `source` (-1 when it does not), with the
// matched length in *found_length. `from_end` searches backwards; `anchored_start`
// and `anchored_end` give FIND_STARTSWITH/FIND_ENDSWITH.
int find(const std::string& icu_locale, win::DWORD flags, std::u16string_view source, std::u16string_view value,
         bool from_end, bool anchored_start, bool anchored_end, int* found_length);

}  // namespace sill::nt::nls
