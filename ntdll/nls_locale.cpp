// Windows locale names and LCIDs over ICU's locale ids. Windows writes a script
// only for languages written in several (sr-Latn-RS, uz-Cyrl-UZ) and names
// Chinese by country (zh-CN, zh-TW); ICU's available list says which exist.
#include "ntdll/nls_locale.h"

#include <unicode/uloc.h>

#include <algorithm>
#include <set>

#include "base/unicode.h"
#include "ntdll/nls_user_locale.h"

namespace sill::nt::nls {

namespace {

bool script_in_name(std::string_view lang) {
  return lang == "sr" || lang == "uz" || lang == "az" || lang == "bs" || lang == "ha" || lang == "mn" ||
         lang == "pa" || lang == "sd" || lang == "ff" || lang == "vai" || lang == "shi";
}

struct Parts {
  std::string language, script, country, variant;
};

Parts parts_of(const std::string& icu) {
  Parts p;
  char buf[ULOC_FULLNAME_CAPACITY];
  UErrorCode s = U_ZERO_ERROR;
  p.language.assign(buf, static_cast<std::size_t>(std::max(0, uloc_getLanguage(icu.c_str(), buf, sizeof buf, &s))));
  p.script.assign(buf, static_cast<std::size_t>(std::max(0, uloc_getScript(icu.c_str(), buf, sizeof buf, &s))));
  p.country.assign(buf, static_cast<std::size_t>(std::max(0, uloc_getCountry(icu.c_str(), buf, sizeof buf, &s))));
  p.variant.assign(buf, static_cast<std::size_t>(std::max(0, uloc_getVariant(icu.c_str(), buf, sizeof buf, &s))));
  if (U_FAILURE(s)) return {};
  return p;
}

std::string maximize(const std::string& icu) {
  char buf[ULOC_FULLNAME_CAPACITY];
  UErrorCode s = U_ZERO_ERROR;
  int32_t n = uloc_addLikelySubtags(icu.c_str(), buf, sizeof buf, &s);
  return U_SUCCESS(s) ? std::string(buf, static_cast<std::size_t>(n)) : icu;
}

// Maximized ids of every locale ICU has data for: the locales that exist.
const std::set<std::string>& known() {
  static const std::set<std::string> ids = [] {
    std::set<std::string> s;
    for (int32_t i = 0, n = uloc_countAvailable(); i < n; ++i) {
      std::string id = uloc_getAvailable(i);
      s.insert(maximize(id));
      s.insert(maximize(parts_of(id).language));
    }
    return s;
  }();
  return ids;
}

Locale make(const Parts& p) {
  Locale l;
  l.neutral = p.country.empty();
  l.name = p.language;
  bool keep_script = !p.script.empty() && (script_in_name(p.language) || (p.language == "zh" && l.neutral));
  if (keep_script) l.name += "-" + p.script;
  if (!p.country.empty()) l.name += "-" + p.country;
  l.icu = p.language;
  if (keep_script) l.icu += "_" + p.script;
  if (!p.country.empty()) l.icu += "_" + p.country;
  l.lcid = uloc_getLCID(l.icu.c_str());
  if (!l.lcid) l.lcid = LOCALE_CUSTOM_UNSPECIFIED;
  return l;
}

Locale invariant() { return Locale{"", "en_US_POSIX", LOCALE_INVARIANT, false}; }

}  // namespace

std::optional<Locale> locale_from_name(std::string_view name) {
  if (name.empty()) return invariant();
  if (name == "!x-sys-default-locale") return user_locale();
  if (name.size() > 84) return std::nullopt;  // LOCALE_NAME_MAX_LENGTH
  for (char c : name)
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_'))
      return std::nullopt;
  std::string tag(name);
  std::replace(tag.begin(), tag.end(), '_', '-');
  char buf[ULOC_FULLNAME_CAPACITY];
  UErrorCode s = U_ZERO_ERROR;
  int32_t parsed = 0;
  int32_t n = uloc_forLanguageTag(tag.c_str(), buf, sizeof buf, &parsed, &s);
  if (U_FAILURE(s) || parsed != static_cast<int32_t>(tag.size()) || n <= 0) return std::nullopt;
  std::string icu(buf, static_cast<std::size_t>(n));
  Parts p = parts_of(icu);
  if (p.language.empty() || !p.variant.empty()) return std::nullopt;
  if (!known().count(maximize(icu))) return std::nullopt;
  return make(p);
}

std::optional<Locale> locale_from_name(const char16_t* name) {
  if (!name) return user_locale();
  // Programs pass the same name over and over (a sort calls CompareStringEx per
  // pair): each thread remembers the last one it resolved.
  thread_local std::u16string last_name;
  thread_local std::optional<Locale> last;
  thread_local bool valid = false;
  if (valid && last_name == name) return last;
  last = locale_from_name(utf16_to_utf8(name));
  last_name = name;
  valid = true;
  return last;
}

std::optional<Locale> locale_from_lcid(win::DWORD lcid, bool resolve_neutral) {
  switch (lcid) {
    case LOCALE_USER_DEFAULT: case LOCALE_SYSTEM_DEFAULT: case LOCALE_CUSTOM_DEFAULT: case LOCALE_NEUTRAL:
    case LOCALE_CUSTOM_UI_DEFAULT:
      return user_locale();
    case LOCALE_INVARIANT:
      return invariant();
    default:
      break;
  }
  if (lcid == user_locale().lcid) return user_locale();
  lcid &= 0xFFFF;  // the sort id (bits 16-19) picks an alternative sort: not supported
  char buf[ULOC_FULLNAME_CAPACITY];
  UErrorCode s = U_ZERO_ERROR;
  int32_t n = uloc_getLocaleForLCID(lcid, buf, sizeof buf, &s);
  if (U_FAILURE(s) || n <= 0) return std::nullopt;
  std::string icu(buf, static_cast<std::size_t>(n));
  if ((lcid >> 10) == 0 && resolve_neutral) icu = maximize(icu);  // SUBLANG_NEUTRAL: the main country
  Parts p = parts_of(icu);
  if (p.language.empty() || !known().count(maximize(icu))) return std::nullopt;
  if (p.language == "zh" && !p.country.empty()) p.script.clear();
  return make(p);
}

const Locale& user_locale() {
  static const Locale l = [] {
    auto found = locale_from_name(std::string_view(user_locale_name()));
    return found ? *found : *locale_from_name(std::string_view("en-US"));
  }();
  return l;
}

std::vector<Locale> all_locales(bool neutral) {
  std::vector<Locale> out;
  std::set<std::string> seen;
  for (int32_t i = 0, n = uloc_countAvailable(); i < n; ++i) {
    Parts p = parts_of(uloc_getAvailable(i));
    if (!p.variant.empty() || (p.country.empty() && !neutral)) continue;
    if (p.language == "zh" && !p.country.empty()) p.script.clear();
    Locale l = make(p);
    if (seen.insert(l.name).second) out.push_back(std::move(l));
  }
  std::sort(out.begin(), out.end(), [](const Locale& a, const Locale& b) { return a.name < b.name; });
  return out;
}

bool has_turkic_casing(const Locale& l) {
  std::string_view lang = std::string_view(l.name).substr(0, l.name.find('-'));
  return lang == "tr" || lang == "az";
}

}  // namespace sill::nt::nls
