// Collation on ICU. Each thread keeps its own collators (a UCollator is not
// thread-safe), one per locale and flag set, opened on first use.
#include "ntdll/nls_collation.h"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/ucol.h>
#include <unicode/usearch.h>

#include <map>
#include <memory>
#include <utility>

namespace sill::nt::nls {

namespace {

struct CollatorCloser {
  void operator()(UCollator* c) const { ucol_close(c); }
};
using Collator = std::unique_ptr<UCollator, CollatorCloser>;

UCollator* collator(const std::string& locale, win::DWORD flags) {
  thread_local std::map<std::pair<std::string, win::DWORD>, Collator> cache;
  // Flags the string preparation handles do not change the collator.
  win::DWORD key_flags = flags & (NORM_IGNORECASE | LINGUISTIC_IGNORECASE | NORM_IGNORENONSPACE |
                                  LINGUISTIC_IGNOREDIACRITIC | NORM_IGNORESYMBOLS | SORT_DIGITSASNUMBERS);
  thread_local std::string last_locale;
  thread_local win::DWORD last_flags = 0;
  thread_local UCollator* last = nullptr;
  if (last && last_flags == key_flags && last_locale == locale) return last;
  auto key = std::make_pair(locale, key_flags);
  if (auto it = cache.find(key); it != cache.end()) {
    last = it->second.get();
    last_locale = locale;
    last_flags = key_flags;
    return last;
  }
  UErrorCode status = U_ZERO_ERROR;
  Collator c(ucol_open(locale.c_str(), &status));
  if (U_FAILURE(status)) return nullptr;
  bool ignore_case = flags & (NORM_IGNORECASE | LINGUISTIC_IGNORECASE);
  if (flags & (NORM_IGNORENONSPACE | LINGUISTIC_IGNOREDIACRITIC)) {
    // Primary strength drops accents (and case); the case level brings case back.
    ucol_setStrength(c.get(), UCOL_PRIMARY);
    if (!ignore_case) ucol_setAttribute(c.get(), UCOL_CASE_LEVEL, UCOL_ON, &status);
  } else {
    ucol_setStrength(c.get(), UCOL_TERTIARY);
  }
  if (flags & NORM_IGNORESYMBOLS) {
    // Spaces, punctuation and symbols become ignorable (no quaternary level: fully).
    ucol_setAttribute(c.get(), UCOL_ALTERNATE_HANDLING, UCOL_SHIFTED, &status);
    ucol_setMaxVariable(c.get(), UCOL_REORDER_CODE_CURRENCY, &status);
  }
  if (flags & SORT_DIGITSASNUMBERS) ucol_setAttribute(c.get(), UCOL_NUMERIC_COLLATION, UCOL_ON, &status);
  UCollator* raw = c.get();
  cache.emplace(std::move(key), std::move(c));
  return raw;
}

// The folds ICU has no attribute for, one unit for one unit so offsets survive:
// case (the tertiary level would also drop width and kana differences, which
// NORM_IGNORECASE keeps), kana type (hiragana to katakana) and width.
std::u16string prepare(std::u16string_view s, win::DWORD flags) {
  std::u16string out(s);
  bool fold_case = flags & (NORM_IGNORECASE | LINGUISTIC_IGNORECASE);
  for (char16_t& c : out) {
    if (flags & NORM_IGNOREWIDTH) {
      int dt = u_getIntPropertyValue(c, UCHAR_DECOMPOSITION_TYPE);
      if (dt == U_DT_WIDE || dt == U_DT_NARROW) {
        UErrorCode status = U_ZERO_ERROR;
        icu::UnicodeString d;
        if (icu::Normalizer2::getNFKDInstance(status)->getDecomposition(c, d) && d.length() == 1) c = d.charAt(0);
      }
    }
    if ((flags & NORM_IGNOREKANATYPE) && c >= 0x3041 && c <= 0x3096) c += 0x60;
    if (fold_case) {
      UChar32 f = u_foldCase(c, U_FOLD_CASE_DEFAULT);
      if (f <= 0xFFFF) c = static_cast<char16_t>(f);
    }
  }
  return out;
}

// Word sort (the default): hyphens and apostrophes weigh nothing at first, so
// "co-op" sorts with "coop"; they only break ties.
std::u16string without_word_marks(std::u16string_view s) {
  std::u16string out;
  out.reserve(s.size());
  for (char16_t c : s)
    if (c != u'-' && c != u'\'' && c != 0x2019 && c != 0x2010 && c != 0x2011) out += c;
  return out;
}

int strcoll(UCollator* c, std::u16string_view a, std::u16string_view b) {
  UCollationResult r = ucol_strcoll(c, a.data(), static_cast<int32_t>(a.size()), b.data(),
                                    static_cast<int32_t>(b.size()));
  return r == UCOL_LESS ? -1 : r == UCOL_GREATER ? 1 : 0;
}

std::string key_of(UCollator* c, std::u16string_view s) {
  std::string key(s.size() * 4 + 32, '\0');
  auto get = [&] {
    return ucol_getSortKey(c, s.data(), static_cast<int32_t>(s.size()), reinterpret_cast<uint8_t*>(key.data()),
                           static_cast<int32_t>(key.size()));
  };
  int32_t n = get();
  if (n > static_cast<int32_t>(key.size())) {
    key.resize(static_cast<std::size_t>(n));
    n = get();
  }
  key.resize(static_cast<std::size_t>(n));
  return key;  // ends with ICU's terminating 0
}

bool has_word_marks(std::u16string_view s) {
  for (char16_t c : s)
    if (c == u'-' || c == u'\'' || c == 0x2019 || c == 0x2010 || c == 0x2011) return true;
  return false;
}

constexpr win::DWORD kPreparedFlags = NORM_IGNORECASE | LINGUISTIC_IGNORECASE | NORM_IGNOREKANATYPE | NORM_IGNOREWIDTH;

int compare_prepared(UCollator* c, win::DWORD flags, std::u16string_view a, std::u16string_view b) {
  if (!(flags & SORT_STRINGSORT) && (has_word_marks(a) || has_word_marks(b))) {
    if (int r = strcoll(c, without_word_marks(a), without_word_marks(b))) return r;
  }
  return strcoll(c, a, b);
}
}  // namespace

int compare(const std::string& icu_locale, win::DWORD flags, std::u16string_view a, std::u16string_view b) {
  UCollator* c = collator(icu_locale, flags);
  if (!c) return 2;
  if (!(flags & kPreparedFlags)) return compare_prepared(c, flags, a, b);
  return compare_prepared(c, flags, prepare(a, flags), prepare(b, flags));
}

std::string sort_key(const std::string& icu_locale, win::DWORD flags, std::u16string_view s) {
  UCollator* c = collator(icu_locale, flags);
  if (!c) return {};
  std::u16string p = prepare(s, flags);
  if (flags & SORT_STRINGSORT) return key_of(c, p);
  // Word sort: the key without hyphens and apostrophes, then the full key as tie-break.
  std::string key = key_of(c, without_word_marks(p));
  if (!key.empty()) key.back() = '\x01';
  return key + key_of(c, p);
}

int find(const std::string& icu_locale, win::DWORD flags, std::u16string_view source, std::u16string_view value,
         bool from_end, bool anchored_start, bool anchored_end, int* found_length) {
  UCollator* c = collator(icu_locale, flags | SORT_STRINGSORT);
  if (!c || value.empty() || source.empty()) return -1;
  std::u16string ps = prepare(source, flags), pv = prepare(value, flags);
  UErrorCode status = U_ZERO_ERROR;
  UStringSearch* search = usearch_openFromCollator(pv.data(), static_cast<int32_t>(pv.size()), ps.data(),
                                                   static_cast<int32_t>(ps.size()), c, nullptr, &status);
  if (U_FAILURE(status)) return -1;
  int result = -1;
  int32_t pos = from_end ? usearch_last(search, &status) : usearch_first(search, &status);
  while (U_SUCCESS(status) && pos != USEARCH_DONE) {
    int32_t len = usearch_getMatchedLength(search);
    bool ok = (!anchored_start || pos == 0) && (!anchored_end || pos + len == static_cast<int32_t>(ps.size()));
    if (ok) {
      result = pos;
      if (found_length) *found_length = len;
      break;
    }
    if (anchored_start && !from_end) break;
    pos = from_end ? usearch_previous(search, &status) : usearch_next(search, &status);
  }
  usearch_close(search);
  return result;
}

}  // namespace sill::nt::nls
