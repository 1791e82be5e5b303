// The CRT's locale state (setlocale): one locale per category, of which LC_CTYPE
// (code page, case, classification) and LC_COLLATE (strcoll) change behaviour
// here; the text engine underneath is kernel32's/ntdll's NLS code on ICU.
#pragma once
#include <optional>
#include <string>
#include <string_view>

#include "ntdll/nls_locale.h"

namespace sill::msvcrt::crt_locale {

inline constexpr int CAT_ALL = 0, CAT_COLLATE = 1, CAT_CTYPE = 2, CAT_MONETARY = 3, CAT_NUMERIC = 4, CAT_TIME = 5;

// What one category is set to.
struct Setting {
  std::optional<nt::nls::Locale> locale;  // empty: "C"
  unsigned code_page = 0;                 // LC_CTYPE's code page, 0 for "C"
  std::string name = "C";                 // as setlocale returns it
};
// A setlocale name ("German_Germany.1252", "de-DE", ".932", "", "C"); nullopt when msvcrt refuses it.
std::optional<Setting> resolve(std::string_view name);
// A copy of a category's setting (for _create_locale).
Setting current(int category);

// The locale of a category; nullptr while it is "C".
const nt::nls::Locale* of(int category);
// The same for a _locale_t from _create_locale (the global state for a null one).
const nt::nls::Locale* of(const void* handle, int category);
unsigned code_page(const void* handle);

// The LC_CTYPE code page (0 in "C"), and whether it has lead bytes.
unsigned code_page();
bool is_lead_byte(unsigned char b);

}  // namespace sill::msvcrt::crt_locale
