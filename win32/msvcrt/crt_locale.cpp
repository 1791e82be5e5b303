// setlocale and the queries on the CRT's locale. Names are msvcrt's:
// "English_United States.1252" (language and country in English, then the code
// page), also accepted as "en-US", "en_US.1252", ".932" (the user's language with
// that page), ".ACP", ".OCP" and "" (the user's locale).
#include "win32/msvcrt/crt_locale.h"

#include <unicode/uloc.h>

#include <array>
#include <memory>
#include <cstring>
#include <mutex>
#include <optional>

#include "base/debug.h"
#include "base/unicode.h"
#include "ntdll/codepage.h"
#include "ntdll/nls_codepage_table.h"
#include "ntdll/nls_user_locale.h"
#include "win32/msvcrt/msvcrt.h"
#include "win32/msvcrt/msvcrt_api.h"

SILL_DEFAULT_DEBUG_CHANNEL(msvcrt);

namespace sill::msvcrt {

unsigned ctype_code_page = 0;
int mb_cur_max = 1;

namespace {

using Category = crt_locale::Setting;

std::mutex g_mutex;
std::array<Category, 6> g_categories;  // index 0 unused (LC_ALL)
char g_result[1024];
wchar g_wresult[1024];

std::string english(const std::string& icu, bool country) {
  UChar buf[128];
  UErrorCode s = U_ZERO_ERROR;
  int32_t n = country ? uloc_getDisplayCountry(icu.c_str(), "en", buf, 128, &s)
                      : uloc_getDisplayLanguage(icu.c_str(), "en", buf, 128, &s);
  return U_SUCCESS(s) ? utf16_to_utf8(std::u16string_view(buf, static_cast<std::size_t>(n))) : std::string();
}

bool same_text(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i]))) return false;
  return true;
}

// "German" / "German_Germany" / "de-DE" / "de_DE" -> a specific locale.
std::optional<nt::nls::Locale> find_locale(std::string_view spec) {
  if (spec.empty()) return nt::nls::user_locale();
  std::string tag(spec);
  for (char& c : tag)
    if (c == '_') c = '-';
  if (auto l = nt::nls::locale_from_name(std::string_view(tag)); l && !l->name.empty()) {
    if (l->neutral) l = nt::nls::locale_from_lcid(l->lcid & 0x3FF, true);
    return l;
  }
  std::size_t sep = spec.find('_');
  std::string_view language = spec.substr(0, sep);
  std::string_view country = sep == std::string_view::npos ? std::string_view() : spec.substr(sep + 1);
  std::optional<nt::nls::Locale> first_of_language;
  for (const nt::nls::Locale& l : nt::nls::all_locales(true)) {
    if (!same_text(english(l.icu, false), language)) continue;
    if (country.empty()) {
      if (l.neutral) return nt::nls::locale_from_lcid(l.lcid & 0x3FF, true);
      if (!first_of_language) first_of_language = l;
    } else if (!l.neutral && same_text(english(l.icu, true), country)) {
      return l;
    }
  }
  if (country.empty()) return first_of_language;
  return std::nullopt;
}

}  // namespace

// A locale name and the code page it asks for; nullopt for what msvcrt refuses.
std::optional<crt_locale::Setting> crt_locale::resolve(std::string_view name) {
  Category c;
  if (name == "C" || name == "POSIX") return c;
  std::size_t dot = name.find('.');
  auto locale = find_locale(name.substr(0, dot));
  if (!locale) return std::nullopt;
  nt::nls::CodePages pages = locale->name == nt::nls::user_locale().name ? nt::nls::process_code_pages()
                                                                         : nt::nls::default_code_pages(locale->name);
  unsigned cp = pages.ansi;
  if (dot != std::string_view::npos) {
    std::string_view page = name.substr(dot + 1);
    if (same_text(page, "ACP"))
      cp = pages.ansi;
    else if (same_text(page, "OCP"))
      cp = pages.oem;
    else {
      cp = 0;
      for (char ch : page) {
        if (ch < '0' || ch > '9' || cp > 100000) return std::nullopt;
        cp = cp * 10 + static_cast<unsigned>(ch - '0');
      }
    }
  }
  const nt::nls::CodePageFacts* facts = nt::nls::code_page_facts(cp);
  if (!facts || facts->max_char_size > 2) return std::nullopt;  // msvcrt has no UTF-8 locales
  c.locale = locale;
  c.code_page = cp;
  c.name = english(locale->icu, false) + "_" + english(locale->icu, true) + "." + std::to_string(cp);
  return c;
}

namespace {

void apply(int category, const Category& c) {
  g_categories[static_cast<std::size_t>(category)] = c;
  if (category == crt_locale::CAT_CTYPE) {
    ctype_code_page = c.code_page;
    const nt::nls::CodePageFacts* f = nt::nls::code_page_facts(c.code_page);
    mb_cur_max = f ? static_cast<int>(f->max_char_size) : 1;
  }
}

// setlocale(LC_ALL, nullptr): one name when the categories agree, else msvcrt's list.
std::string all_names() {
  bool same = true;
  for (int i = 2; i <= 5; ++i) same &= g_categories[static_cast<std::size_t>(i)].name == g_categories[1].name;
  if (same) return g_categories[1].name;
  static const char* const kNames[] = {"", "LC_COLLATE", "LC_CTYPE", "LC_MONETARY", "LC_NUMERIC", "LC_TIME"};
  std::string out;
  for (int i = 1; i <= 5; ++i) {
    if (i > 1) out += ';';
    out += std::string(kNames[i]) + "=" + g_categories[static_cast<std::size_t>(i)].name;
  }
  return out;
}

const char* set(int category, const char* name) {
  std::lock_guard lock(g_mutex);
  if (name) {
    auto c = crt_locale::resolve(name);
    if (!c) return nullptr;
    if (category == crt_locale::CAT_ALL) {
      for (int i = 1; i <= 5; ++i) apply(i, *c);
    } else {
      apply(category, *c);
    }
  }
  std::string result =
      category == crt_locale::CAT_ALL ? all_names() : g_categories[static_cast<std::size_t>(category)].name;
  std::size_t n = std::min(result.size(), sizeof g_result - 1);
  std::memcpy(g_result, result.data(), n);
  g_result[n] = 0;
  return g_result;
}

}  // namespace

crt_locale::Setting crt_locale::current(int category) {
  std::lock_guard lock(g_mutex);
  return g_categories[static_cast<std::size_t>(category)];
}

const nt::nls::Locale* crt_locale::of(int category) {
  const auto& c = g_categories[static_cast<std::size_t>(category)];
  return c.locale ? &*c.locale : nullptr;
}
unsigned crt_locale::code_page() { return ctype_code_page; }
bool crt_locale::is_lead_byte(unsigned char b) { return ctype_code_page && nt::is_lead_byte(ctype_code_page, b); }

wchar locale_byte_to_wide(unsigned char c) {
  char b = static_cast<char>(c);
  std::u16string w = nt::to_utf16(ctype_code_page, std::string_view(&b, 1));
  return w.empty() ? c : w[0];
}

int locale_wide_to_byte(wchar c) {
  char out[4];
  win::DWORD err;
  win::BOOL used = win::FALSE;
  int n = nt::wide_to_multibyte(ctype_code_page, nt::WC_NO_BEST_FIT_CHARS, &c, 1, out, 4, nullptr, &used, &err);
  return n == 1 && !used ? static_cast<unsigned char>(out[0]) : -1;
}

char* WINAPI setlocale(int category, const char* name) noexcept {
  if (category < 0 || category > 5) {
    set_errno(err::einval);
    return nullptr;
  }
  try {
    const char* r = set(category, name);
    if (!r) TRACE("locale \"%s\" is not available\n", name);
    return const_cast<char*>(r);
  } catch (...) {
    return nullptr;
  }
}

wchar* WINAPI _wsetlocale(int category, const wchar* name) noexcept {
  if (category < 0 || category > 5) {
    set_errno(err::einval);
    return nullptr;
  }
  try {
    std::string narrow = name ? utf16_to_utf8(std::u16string_view(name)) : std::string();
    const char* r = set(category, name ? narrow.c_str() : nullptr);
    if (!r) return nullptr;
    std::u16string w = utf8_to_utf16(r);
    std::size_t n = std::min<std::size_t>(w.size(), 1023);
    std::memcpy(g_wresult, w.data(), n * sizeof(wchar));
    g_wresult[n] = 0;
    return g_wresult;
  } catch (...) {
    return nullptr;
  }
}

// ---- _locale_t objects ----

namespace {
struct LocaleInfo {
  std::array<crt_locale::Setting, 6> categories;
};
// _locale_tstruct: the thread-locale and multibyte-info pointers. Sill keeps its own
// data behind the first; FIXME: programs that read msvcrt's threadlocinfo fields see none.
struct LocaleHandle {
  LocaleInfo* locinfo;
  void* mbcinfo;
};
static_assert(sizeof(LocaleHandle) == 16);
}  // namespace

const nt::nls::Locale* crt_locale::of(const void* handle, int category) {
  if (!handle) return of(category);
  const auto& c = static_cast<const LocaleHandle*>(handle)->locinfo->categories[static_cast<std::size_t>(category)];
  return c.locale ? &*c.locale : nullptr;
}

unsigned crt_locale::code_page(const void* handle) {
  if (!handle) return ctype_code_page;
  return static_cast<const LocaleHandle*>(handle)->locinfo->categories[crt_locale::CAT_CTYPE].code_page;
}

void* WINAPI _create_locale(int category, const char* name) noexcept {
  if (category < 0 || category > 5 || !name) {
    set_errno(err::einval);
    return nullptr;
  }
  try {
    auto setting = crt_locale::resolve(name);
    if (!setting) return nullptr;
    auto info = std::make_unique<LocaleInfo>();
    for (int i = 1; i <= 5; ++i)
      info->categories[static_cast<std::size_t>(i)] =
          category == crt_locale::CAT_ALL || category == i ? *setting : crt_locale::current(i);
    return new LocaleHandle{info.release(), nullptr};
  } catch (...) {
    set_errno(err::enomem);
    return nullptr;
  }
}

void* WINAPI _wcreate_locale(int category, const wchar* name) noexcept {
  if (!name) return _create_locale(category, nullptr);
  try {
    return _create_locale(category, utf16_to_utf8(std::u16string_view(name)).c_str());
  } catch (...) {
    set_errno(err::enomem);
    return nullptr;
  }
}

void WINAPI _free_locale(void* locale) noexcept {
  if (!locale) return;
  auto* handle = static_cast<LocaleHandle*>(locale);
  delete handle->locinfo;
  delete handle;
}

UINT WINAPI ___lc_codepage_func() noexcept { return ctype_code_page; }
UINT WINAPI ___lc_collate_cp_func() noexcept { return g_categories[crt_locale::CAT_COLLATE].code_page; }
int WINAPI ___mb_cur_max_func() noexcept { return mb_cur_max; }
int* WINAPI __p___mb_cur_max() noexcept { return &mb_cur_max; }

}  // namespace sill::msvcrt
