// The user's locale and the process code pages from the Linux locale variables.
#include "ntdll/nls_user_locale.h"

#include <unicode/uloc.h>

#include <cstdlib>
#include <cstring>

#include "base/debug.h"
#include "ntdll/nls_codepage_table.h"

SILL_DEFAULT_DEBUG_CHANNEL(nls);

namespace sill::nt::nls {

namespace {

const char* first_set(std::initializer_list<const char*> names) {
  for (const char* n : names)
    if (const char* v = std::getenv(n); v && *v) return v;
  return "";
}

// Windows' default ANSI/OEM pages by language (LOCALE_IDEFAULTANSICODEPAGE and
// LOCALE_IDEFAULTCODEPAGE). Languages not listed use the Western pages.
struct LanguagePages {
  const char* language;
  CodePages pages;
};
constexpr LanguagePages kLanguages[] = {
    {"ar", {1256, 720}}, {"az", {1254, 857}}, {"be", {1251, 866}}, {"bg", {1251, 866}},  {"bs", {1250, 852}},
    {"cs", {1250, 852}}, {"el", {1253, 737}}, {"et", {1257, 775}}, {"fa", {1256, 720}},  {"he", {1255, 862}},
    {"hr", {1250, 852}}, {"hu", {1250, 852}}, {"ja", {932, 932}},  {"kk", {1251, 866}},  {"ko", {949, 949}},
    {"ky", {1251, 866}}, {"lt", {1257, 775}}, {"lv", {1257, 775}}, {"mk", {1251, 866}},  {"mn", {1251, 866}},
    {"pl", {1250, 852}}, {"ro", {1250, 852}}, {"ru", {1251, 866}}, {"sk", {1250, 852}},  {"sl", {1250, 852}},
    {"sq", {1250, 852}}, {"sr", {1251, 855}}, {"th", {874, 874}},  {"tr", {1254, 857}},  {"tt", {1251, 866}},
    {"uk", {1251, 866}}, {"ur", {1256, 720}}, {"uz", {1254, 857}}, {"vi", {1258, 1258}},
};

// Languages whose Windows names carry the script (sr-Latn-RS): written in several.
bool names_script(std::string_view language) {
  return language == "sr" || language == "uz" || language == "az" || language == "bs";
}

// "ll_CC" (how glibc names most locales, en_US among them): ICU's likely subtags
// keep a language and a country that are given and add only the script, which the
// Windows name leaves out here, so the answer is "ll-CC" without asking ICU. Its
// first likely-subtags call loads that data (~0.1 ms and ~20 page faults, at every
// start under a usual desktop LANG, since the ANSI code page comes from the locale).
bool is_language_and_country(std::string_view base) {
  std::size_t underscore = base.find('_');
  if (underscore != 2 && underscore != 3) return false;
  if (base.size() != underscore + 3) return false;
  for (std::size_t i = 0; i < underscore; ++i)
    if (base[i] < 'a' || base[i] > 'z') return false;
  for (std::size_t i = underscore + 1; i < base.size(); ++i)
    if (base[i] < 'A' || base[i] > 'Z') return false;
  std::string_view language = base.substr(0, underscore);
  return language != "und" && !names_script(language);  // und: ICU picks the language
}

}  // namespace

std::string windows_locale_name_from_posix(std::string_view posix) {
  std::string_view base = posix.substr(0, posix.find_first_of(".@"));
  if (base.empty() || base == "C" || base == "POSIX") return "en-US";
  if (is_language_and_country(base)) {
    std::string name(base);
    name[base.find('_')] = '-';
    return name;
  }
  std::string icu_id(base);
  UErrorCode status = U_ZERO_ERROR;
  char maximized[ULOC_FULLNAME_CAPACITY];
  uloc_addLikelySubtags(icu_id.c_str(), maximized, sizeof maximized, &status);
  // A bare language ("de") gets its likely country, as Windows' neutral locales resolve.
  char language[ULOC_LANG_CAPACITY], script[ULOC_SCRIPT_CAPACITY], country[ULOC_COUNTRY_CAPACITY];
  uloc_getLanguage(maximized, language, sizeof language, &status);
  uloc_getScript(maximized, script, sizeof script, &status);
  uloc_getCountry(maximized, country, sizeof country, &status);
  if (U_FAILURE(status) || !*language) return "en-US";
  std::string name = language;
  // zh is named by country alone (names_script()).
  std::string_view lang = language;
  if (*script && names_script(lang)) {
    if (posix.find("@latin") != std::string_view::npos) std::strcpy(script, "Latn");
    name += '-';
    name += script;
  }
  if (*country) {
    name += '-';
    name += country;
  }
  return name;
}

CodePages default_code_pages(std::string_view locale) {
  std::string_view lang = locale.substr(0, locale.find('-'));
  if (lang == "zh") {
    bool traditional = locale.find("-Hant") != std::string_view::npos || locale.ends_with("-TW") ||
                       locale.ends_with("-HK") || locale.ends_with("-MO");
    return traditional ? CodePages{950, 950} : CodePages{936, 936};
  }
  if (lang == "sr" || lang == "bs" || lang == "az" || lang == "uz") {
    bool latin = locale.find("-Latn") != std::string_view::npos;
    if (lang == "sr" || lang == "bs") return latin ? CodePages{1250, 852} : CodePages{1251, 855};
    return latin ? CodePages{1254, 857} : CodePages{1251, 866};
  }
  for (const LanguagePages& l : kLanguages)
    if (lang == l.language) return l.pages;
  if (locale == "en-US") return {1252, 437};
  return {1252, 850};
}

CodePages parse_code_pages(std::string_view spec) {
  auto number = [](std::string_view s) -> win::UINT {
    if (s.empty() || s.size() > 5) return 0;
    win::UINT v = 0;
    for (char c : s) {
      if (c < '0' || c > '9') return 0;
      v = v * 10 + static_cast<win::UINT>(c - '0');
    }
    return code_page_facts(v) ? v : 0;
  };
  std::size_t comma = spec.find(',');
  win::UINT ansi = number(spec.substr(0, comma));
  win::UINT oem = comma == std::string_view::npos ? ansi : number(spec.substr(comma + 1));
  if (!ansi || !oem) return {0, 0};
  return {ansi, oem};
}

const std::string& user_locale_name() {
  static const std::string name = [] {
    if (const char* forced = std::getenv("SILL_LOCALE"); forced && *forced) {
      std::string posix(forced);
      for (char& c : posix)
        if (c == '-') c = '_';
      return windows_locale_name_from_posix(posix);
    }
    return windows_locale_name_from_posix(first_set({"LC_ALL", "LC_MESSAGES", "LANG"}));
  }();
  return name;
}

CodePages process_code_pages() {
  static const CodePages pages = [] {
    if (const char* forced = std::getenv("SILL_CODEPAGES"); forced && *forced) {
      CodePages p = parse_code_pages(forced);
      if (p.ansi) return p;
      ERR("SILL_CODEPAGES=%s is not ACP[,OEMCP] with code pages Sill knows; using the locale's\n", forced);
    }
    if (const char* forced = std::getenv("SILL_LOCALE"); forced && *forced)
      return default_code_pages(user_locale_name());
    return default_code_pages(windows_locale_name_from_posix(first_set({"LC_ALL", "LC_CTYPE", "LANG"})));
  }();
  return pages;
}

}  // namespace sill::nt::nls
