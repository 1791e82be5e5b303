// Windows locales (names like "en-US", LCIDs like 0x0409) and the ICU locale
// each one stands for. The locales Sill knows are those ICU has data for.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/wintypes.h"

namespace sill::nt::nls {

inline constexpr win::DWORD LOCALE_INVARIANT = 0x7F, LOCALE_USER_DEFAULT = 0x400, LOCALE_SYSTEM_DEFAULT = 0x800,
                            LOCALE_CUSTOM_DEFAULT = 0xC00, LOCALE_CUSTOM_UNSPECIFIED = 0x1000,
                            LOCALE_CUSTOM_UI_DEFAULT = 0x1400, LOCALE_NEUTRAL = 0;

struct Locale {
  std::string name;  // Windows name: "en-US", "sr-Latn-RS", "" for the invariant locale
  std::string icu;   // ICU id: "en_US", "sr_Latn_RS", "en_US_POSIX" for the invariant locale
  win::DWORD lcid;   // 0x1000 (LOCALE_CUSTOM_UNSPECIFIED) for names without one
  bool neutral;      // a language without a country ("en")
};

// A locale name as the *Ex functions take it: nullptr is the user's locale, "" the
// invariant locale, "!x-sys-default-locale" the system's. nullopt when unknown.
std::optional<Locale> locale_from_name(const char16_t* name);
std::optional<Locale> locale_from_name(std::string_view name);
// An LCID, including LOCALE_USER_DEFAULT, LOCALE_SYSTEM_DEFAULT, LOCALE_INVARIANT and
// language-only ids that mean the language's main locale (0x09 -> en-US when
// `resolve_neutral`). nullopt when unknown.
std::optional<Locale> locale_from_lcid(win::DWORD lcid, bool resolve_neutral = true);

const Locale& user_locale();
// Every specific locale (and with `neutral`, every language) in name order.
std::vector<Locale> all_locales(bool neutral);

// Whether the locale uses Turkish casing for i (LCMAP_LINGUISTIC_CASING).
bool has_turkic_casing(const Locale& l);

}  // namespace sill::nt::nls
