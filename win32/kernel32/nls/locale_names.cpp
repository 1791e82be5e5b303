// Locale names and LCIDs: the user's and system's locale (both the Linux
// locale's, nls_user_locale.cpp), conversions between names and LCIDs, validity,
// enumeration. The UI language is the user locale's language.
#include <cstdio>

#include "base/unicode.h"
#include "loader/callback.h"
#include "win32/kernel32/nls/nls_internal.h"

namespace sill::kernel32 {

namespace {
constexpr DWORD LOCALE_ALLOW_NEUTRAL_NAMES = 0x08000000;
constexpr DWORD LOCALE_WINDOWS = 0x1, LOCALE_SUPPLEMENTAL = 0x2, LOCALE_ALTERNATE_SORTS = 0x4, LOCALE_REPLACEMENT = 0x8,
                LOCALE_NEUTRALDATA = 0x10, LOCALE_SPECIFICDATA = 0x20;
constexpr DWORD LCID_INSTALLED = 1, LCID_SUPPORTED = 2, LCID_ALTERNATE_SORTS = 4;

thread_local LCID t_thread_locale = 0;  // 0: the user's

int copy_name(const std::string& name, LPWSTR out, int size) {
  std::u16string w = utf8_to_utf16(name);
  if (size < 0 || (size && !out)) return fail_error(win::ERROR_INVALID_PARAMETER, 0);
  return nls::copy_result(std::u16string_view(w), true, out, size);
}
}  // namespace

int WINAPI GetUserDefaultLocaleName(LPWSTR name, int size) noexcept {
  if (!name || size <= 0) return fail_error(win::ERROR_INSUFFICIENT_BUFFER, 0);
  return copy_name(nt::nls::user_locale().name, name, size);
}
int WINAPI GetSystemDefaultLocaleName(LPWSTR name, int size) noexcept { return GetUserDefaultLocaleName(name, size); }

LCID WINAPI GetUserDefaultLCID() noexcept { return nt::nls::user_locale().lcid; }
LCID WINAPI GetSystemDefaultLCID() noexcept { return nt::nls::user_locale().lcid; }
LANGID WINAPI GetUserDefaultLangID() noexcept { return static_cast<LANGID>(GetUserDefaultLCID()); }
LANGID WINAPI GetSystemDefaultLangID() noexcept { return static_cast<LANGID>(GetSystemDefaultLCID()); }
LANGID WINAPI GetUserDefaultUILanguage() noexcept { return GetUserDefaultLangID(); }
LANGID WINAPI GetSystemDefaultUILanguage() noexcept { return GetUserDefaultLangID(); }
LANGID WINAPI GetThreadUILanguage() noexcept { return GetUserDefaultLangID(); }

LCID WINAPI GetThreadLocale() noexcept { return t_thread_locale ? t_thread_locale : GetUserDefaultLCID(); }

BOOL WINAPI SetThreadLocale(LCID lcid) noexcept {
  auto l = nt::nls::locale_from_lcid(lcid);
  if (!l || l->name.empty()) return fail_error(win::ERROR_INVALID_PARAMETER, FALSE);
  t_thread_locale = l->lcid;
  return TRUE;
}

LCID WINAPI LocaleNameToLCID(LPCWSTR name, DWORD flags) noexcept {
  if (flags & ~LOCALE_ALLOW_NEUTRAL_NAMES) return fail_error(win::ERROR_INVALID_FLAGS, 0);
  try {
    auto l = nt::nls::locale_from_name(name);
    if (!l) return fail_error(win::ERROR_INVALID_PARAMETER, 0);
    if (l->neutral && !(flags & LOCALE_ALLOW_NEUTRAL_NAMES)) {
      // A language alone stands for its main locale.
      if (auto specific = nt::nls::locale_from_lcid(l->lcid & 0x3FF, true)) return specific->lcid;
    }
    return l->lcid;
  } catch (...) {
    return fail_error(win::ERROR_OUTOFMEMORY, 0);
  }
}

int WINAPI LCIDToLocaleName(LCID lcid, LPWSTR name, int size, DWORD flags) noexcept {
  if (flags & ~LOCALE_ALLOW_NEUTRAL_NAMES) return fail_error(win::ERROR_INVALID_FLAGS, 0);
  try {
    auto l = nt::nls::locale_from_lcid(lcid, !(flags & LOCALE_ALLOW_NEUTRAL_NAMES));
    if (!l) return fail_error(win::ERROR_INVALID_PARAMETER, 0);
    return copy_name(l->name, name, size);
  } catch (...) {
    return fail_error(win::ERROR_OUTOFMEMORY, 0);
  }
}

BOOL WINAPI IsValidLocaleName(LPCWSTR name) noexcept {
  if (!name) return FALSE;
  try {
    return nt::nls::locale_from_name(name) ? TRUE : FALSE;
  } catch (...) {
    return FALSE;
  }
}

BOOL WINAPI IsValidLocale(LCID lcid, DWORD flags) noexcept {
  if (flags & ~(LCID_INSTALLED | LCID_SUPPORTED | LCID_ALTERNATE_SORTS)) return FALSE;
  try {
    return nt::nls::locale_from_lcid(lcid) ? TRUE : FALSE;
  } catch (...) {
    return FALSE;
  }
}

int WINAPI ResolveLocaleName(LPCWSTR name, LPWSTR resolved, int size) noexcept {
  try {
    auto l = nt::nls::locale_from_name(name);
    if (l && l->neutral) l = nt::nls::locale_from_lcid(l->lcid & 0x3FF, true);
    return copy_name(l ? l->name : std::string(), resolved, size);
  } catch (...) {
    return fail_error(win::ERROR_OUTOFMEMORY, 0);
  }
}

BOOL WINAPI EnumSystemLocalesEx(LOCALE_ENUMPROCEX proc, DWORD flags, LPARAM param, void* reserved) noexcept {
  if (!proc || reserved) return fail_error(win::ERROR_INVALID_PARAMETER, FALSE);
  DWORD known = LOCALE_WINDOWS | LOCALE_SUPPLEMENTAL | LOCALE_ALTERNATE_SORTS | LOCALE_REPLACEMENT |
                LOCALE_NEUTRALDATA | LOCALE_SPECIFICDATA;
  if (flags & ~known) return fail_error(win::ERROR_INVALID_FLAGS, FALSE);
  if (flags == LOCALE_ALTERNATE_SORTS) return TRUE;  // Sill has no alternate sorts
  bool want_neutral = !(flags & (LOCALE_NEUTRALDATA | LOCALE_SPECIFICDATA)) || (flags & LOCALE_NEUTRALDATA);
  bool want_specific = !(flags & (LOCALE_NEUTRALDATA | LOCALE_SPECIFICDATA)) || (flags & LOCALE_SPECIFICDATA);
  try {
    for (const nt::nls::Locale& l : nt::nls::all_locales(want_neutral)) {
      if (!l.neutral && !want_specific) continue;
      std::u16string name = utf8_to_utf16(l.name);
      DWORD kind = LOCALE_WINDOWS | (l.neutral ? LOCALE_NEUTRALDATA : LOCALE_SPECIFICDATA);
      if (!loader::call_program("EnumSystemLocalesEx callback", proc, name.data(), kind, param)) break;
    }
    return TRUE;
  } catch (...) {
    return fail_error(win::ERROR_OUTOFMEMORY, FALSE);
  }
}

template <class Proc, class Char>
BOOL enum_lcids(Proc proc, DWORD flags) {
  if (!proc) return fail_error(win::ERROR_INVALID_PARAMETER, FALSE);
  if (flags & ~(LCID_INSTALLED | LCID_SUPPORTED | LCID_ALTERNATE_SORTS))
    return fail_error(win::ERROR_INVALID_FLAGS, FALSE);
  try {
    for (const nt::nls::Locale& l : nt::nls::all_locales(false)) {
      if (l.lcid == nt::nls::LOCALE_CUSTOM_UNSPECIFIED) continue;
      char hex[16];
      std::snprintf(hex, sizeof hex, "%08X", l.lcid);
      std::basic_string<Char> s(hex, hex + 8);
      if (!loader::call_program("EnumSystemLocales callback", proc, s.data())) break;
    }
    return TRUE;
  } catch (...) {
    return fail_error(win::ERROR_OUTOFMEMORY, FALSE);
  }
}

BOOL WINAPI EnumSystemLocalesW(LOCALE_ENUMPROCW proc, DWORD flags) noexcept {
  return enum_lcids<LOCALE_ENUMPROCW, char16_t>(proc, flags);
}
BOOL WINAPI EnumSystemLocalesA(LOCALE_ENUMPROCA proc, DWORD flags) noexcept {
  return enum_lcids<LOCALE_ENUMPROCA, char>(proc, flags);
}

}  // namespace sill::kernel32
