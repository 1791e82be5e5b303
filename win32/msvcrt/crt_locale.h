// The CRT's locale state (setlocale): one locale per category, of which LC_CTYPE
// (code page, case, classification) and LC_COLLATE (strcoll) change behaviour
// here; the text engine underneath is kernel32's/ntdll's NLS code on ICU.
#pragma once
#include <string>

#include "ntdll/nls_locale.h"

namespace sill::msvcrt::crt_locale {

inline constexpr int CAT_ALL = 0, CAT_COLLATE = 1, CAT_CTYPE = 2, CAT_MONETARY = 3, CAT_NUMERIC = 4, CAT_TIME = 5;

// The locale of a category; nullptr while it is "C".
const nt::nls::Locale* of(int category);
// The LC_CTYPE code page (0 in "C"), and whether it has lead bytes.
unsigned code_page();
bool is_lead_byte(unsigned char b);

}  // namespace sill::msvcrt::crt_locale
