// Code-page tables from ICU converters. Decoding tables are filled eagerly (256
// single bytes, and every lead/trail pair of a DBCS page: ~32 000 ICU calls, a few
// milliseconds once per page); the exact reverse mapping is the inverse of what was
// decoded, confirmed by ICU so that pages with duplicate byte sequences (932's NEC
// and IBM extensions) encode the way Windows does; best fit is computed on demand.
#include "ntdll/nls_codepage_table.h"

#include <unicode/normalizer2.h>
#include <unicode/ucnv.h>
#include <unicode/uchar.h>

#include <atomic>
#include <map>
#include <mutex>
#include <new>

#include "base/debug.h"

SILL_DEFAULT_DEBUG_CHANNEL(nls);

namespace sill::nt::nls {

namespace {

struct PageSource {
  CodePageFacts facts;
  const char* icu_name;
  bool keeps_ascii = true;  // false: ICU's IBM table swaps 0x1A, 0x1C and 0x7F (see keeps_ascii())
};

// Names as Windows' GetCPInfoEx reports them; lead-byte ranges and default
// characters as Windows documents them for each page.
const PageSource kPages[] = {
    {{437, 1, u'?', {}, u"437   (OEM - United States)"}, "ibm-437_P100-1995", false},
    {{720, 1, u'?', {}, u"720   (Arabic - Transparent ASMO)"}, "ibm-720_P100-1997", false},
    {{737, 1, u'?', {}, u"737   (OEM - Greek 437G)"}, "ibm-737_P100-1997", false},
    {{775, 1, u'?', {}, u"775   (OEM - Baltic)"}, "ibm-775_P100-1996", false},
    {{850, 1, u'?', {}, u"850   (OEM - Multilingual Latin I)"}, "ibm-850_P100-1995", false},
    {{852, 1, u'?', {}, u"852   (OEM - Latin II)"}, "ibm-852_P100-1995", false},
    {{855, 1, u'?', {}, u"855   (OEM - Cyrillic)"}, "ibm-855_P100-1995", false},
    {{857, 1, u'?', {}, u"857   (OEM - Turkish)"}, "ibm-857_P100-1995", false},
    {{862, 1, u'?', {}, u"862   (OEM - Hebrew)"}, "ibm-862_P100-1995", false},
    {{866, 1, u'?', {}, u"866   (OEM - Russian)"}, "ibm-866_P100-1995", false},
    {{874, 1, u'?', {}, u"874   (ANSI/OEM - Thai)"}, "windows-874-2000"},
    {{932, 2, 0x30FB, {0x81, 0x9F, 0xE0, 0xFC}, u"932   (ANSI/OEM - Japanese Shift-JIS)"}, "ibm-943_P15A-2003", false},
    {{936, 2, u'?', {0x81, 0xFE}, u"936   (ANSI/OEM - Simplified Chinese GBK)"}, "windows-936-2000"},
    {{949, 2, u'?', {0x81, 0xFE}, u"949   (ANSI/OEM - Korean)"}, "windows-949-2000"},
    {{950, 2, u'?', {0x81, 0xFE}, u"950   (ANSI/OEM - Traditional Chinese Big5)"}, "windows-950-2000"},
    {{1250, 1, u'?', {}, u"1250  (ANSI - Central Europe)"}, "windows-1250"},
    {{1251, 1, u'?', {}, u"1251  (ANSI - Cyrillic)"}, "windows-1251"},
    {{1252, 1, u'?', {}, u"1252  (ANSI - Latin I)"}, "windows-1252"},
    {{1253, 1, u'?', {}, u"1253  (ANSI - Greek)"}, "windows-1253"},
    {{1254, 1, u'?', {}, u"1254  (ANSI - Turkish)"}, "windows-1254"},
    {{1255, 1, u'?', {}, u"1255  (ANSI - Hebrew)"}, "windows-1255"},
    {{1256, 1, u'?', {}, u"1256  (ANSI - Arabic)"}, "windows-1256"},
    {{1257, 1, u'?', {}, u"1257  (ANSI - Baltic)"}, "windows-1257"},
    {{1258, 1, u'?', {}, u"1258  (ANSI/OEM - Viet Nam)"}, "windows-1258"},
    {{10000, 1, u'?', {}, u"10000 (MAC - Roman)"}, "macos-0_2-10.2"},
    {{20127, 1, u'?', {}, u"20127 (US-ASCII)"}, "US-ASCII"},
};

// Pages converted by algorithm rather than by table.
const CodePageFacts kAlgorithmic[] = {
    {54936, 4, u'?', {}, u"54936 (GB18030 Simplified Chinese)"},
    {65000, 5, 0xFFFD, {}, u"65000 (UTF-7)"},
    {65001, 4, 0xFFFD, {}, u"65001 (UTF-8)"},
};

// Bytes that are no character of their page but that Windows still decodes, to the
// private use area (MB_ERR_INVALID_CHARS rejects them) or, for the DBCS pages' 0x80,
// to U+0080.
struct ByteFixup {
  win::UINT cp;
  unsigned char byte;
  char16_t to;
  bool undefined;
};
const ByteFixup kFixups[] = {
    {874, 0xDB, 0xF8C1, true},  {874, 0xDC, 0xF8C2, true},  {874, 0xDD, 0xF8C3, true},
    {874, 0xDE, 0xF8C4, true},  {874, 0xFC, 0xF8C5, true},  {874, 0xFD, 0xF8C6, true},
    {874, 0xFE, 0xF8C7, true},  {874, 0xFF, 0xF8C8, true},  {932, 0x80, 0x0080, false},
    {932, 0xA0, 0xF8F0, true},  {932, 0xFD, 0xF8F1, true},  {932, 0xFE, 0xF8F2, true},
    {932, 0xFF, 0xF8F3, true},  {936, 0xFF, 0xF8F5, true},  {949, 0x80, 0x0080, false},
    {949, 0xFF, 0xF8F7, true},  {950, 0x80, 0x0080, false}, {950, 0xFF, 0xF8F8, true},
    {1253, 0xAA, 0xF8F9, true}, {1253, 0xD2, 0xF8FA, true}, {1253, 0xFF, 0xF8FB, true},
    {1255, 0xD9, 0xF88D, true}, {1255, 0xDA, 0xF88E, true}, {1255, 0xDB, 0xF88F, true},
    {1255, 0xDC, 0xF890, true}, {1255, 0xDD, 0xF891, true}, {1255, 0xDE, 0xF892, true},
    {1255, 0xDF, 0xF893, true}, {1255, 0xFB, 0xF894, true}, {1255, 0xFC, 0xF895, true},
    {1255, 0xFF, 0xF896, true}, {1257, 0xA1, 0xF8FC, true}, {1257, 0xA5, 0xF8FD, true},
};

const PageSource* page_source(win::UINT cp) {
  for (const PageSource& p : kPages)
    if (p.facts.code_page == cp) return &p;
  return nullptr;
}

CodePageTable::Encoding make_encoding(const char* bytes, int n) {
  if (n == 1) return (1u << 16) | static_cast<unsigned char>(bytes[0]);
  if (n == 2) return (2u << 16) | (static_cast<unsigned>(static_cast<unsigned char>(bytes[0])) << 8) |
                     static_cast<unsigned char>(bytes[1]);
  return 0;
}

}  // namespace

const CodePageFacts* code_page_facts(win::UINT cp) {
  if (const PageSource* p = page_source(cp)) return &p->facts;
  for (const CodePageFacts& f : kAlgorithmic)
    if (f.code_page == cp) return &f;
  return nullptr;
}

bool keeps_ascii(win::UINT cp) {
  const PageSource* p = page_source(cp);
  return p && p->keeps_ascii;
}

template <class T>
CodePageTable::ZeroedArray<T> CodePageTable::zeroed_array(std::size_t n) {
  void* p = std::calloc(n, sizeof(T));
  if (!p) throw std::bad_alloc();
  return ZeroedArray<T>(static_cast<T*>(p));
}

CodePageTable::CodePageTable(const CodePageFacts* facts) : facts_(facts) {}

CodePageTable::~CodePageTable() {
  if (converter_) ucnv_close(static_cast<UConverter*>(converter_));
}

const CodePageTable* CodePageTable::get(win::UINT cp) {
  // Tables live as long as the process: each thread keeps the last one it used
  // and skips the lock on the usual path (one page, many calls).
  thread_local win::UINT last_cp = 0;
  thread_local const CodePageTable* last = nullptr;
  if (last && last_cp == cp) return last;
  const PageSource* source = page_source(cp);
  if (!source) return nullptr;
  static std::mutex mutex;
  static std::map<win::UINT, std::unique_ptr<CodePageTable>> tables;
  std::lock_guard lock(mutex);
  if (auto it = tables.find(cp); it != tables.end()) {
    last = it->second.get();
    last_cp = cp;
    return last;
  }
  std::unique_ptr<CodePageTable> table(new CodePageTable(&source->facts));
  if (!table->build()) {
    ERR("ICU has no converter %s for code page %u\n", source->icu_name, cp);
    table.reset();
  }
  last = (tables[cp] = std::move(table)).get();
  last_cp = cp;
  return last;
}

bool CodePageTable::build() {
  UErrorCode status = U_ZERO_ERROR;
  auto* conv = ucnv_open(page_source(facts_->code_page)->icu_name, &status);
  if (U_FAILURE(status)) return false;
  converter_ = conv;
  ucnv_setToUCallBack(conv, UCNV_TO_U_CALLBACK_STOP, nullptr, nullptr, nullptr, &status);
  ucnv_setFromUCallBack(conv, UCNV_FROM_U_CALLBACK_STOP, nullptr, nullptr, nullptr, &status);
  for (int r = 0; r < 12 && facts_->lead_bytes[r]; r += 2)
    for (int b = facts_->lead_bytes[r]; b <= facts_->lead_bytes[r + 1]; ++b) lead_[b] = true;

  auto decode = [&](const char* bytes, int n) -> std::int32_t {
    UChar out[4];
    UErrorCode e = U_ZERO_ERROR;
    ucnv_resetToUnicode(conv);
    int len = ucnv_toUChars(conv, out, 4, bytes, n, &e);
    return U_SUCCESS(e) && len == 1 ? out[0] : -1;
  };

  exact_ = zeroed_array<Encoding>(65536);
  for (int b = 0; b < 256; ++b) {
    if (lead_[b]) continue;
    char byte = static_cast<char>(b);
    std::int32_t c = decode(&byte, 1);
    bool undefined = c < 0;
    if (undefined) {
      // US-ASCII (20127) folds the high bit away, as Windows' table does.
      c = facts_->code_page == 20127 ? (b & 0x7F) : facts_->unicode_default;
    }
    for (const ByteFixup& f : kFixups) {
      if (f.cp == facts_->code_page && f.byte == b) {
        c = f.to;
        undefined = f.undefined;
      }
    }
    // A byte that decodes to the default character is only valid if it is that character.
    if (c == facts_->unicode_default && b != facts_->unicode_default) undefined = true;
    single_[b] = static_cast<char16_t>(c);
    single_undefined_[b] = undefined;
    if (!exact_[c]) {
      Encoding e = icu_encode(static_cast<char16_t>(c), false);
      exact_[c] = e ? e : (undefined && c == facts_->unicode_default) ? 0 : make_encoding(&byte, 1);
    }
  }
  if (is_dbcs()) {
    pairs_ = std::make_unique<char16_t[]>(65536);
    std::fill_n(pairs_.get(), 65536, char16_t{0xFFFF});
    for (int lead = 0; lead < 256; ++lead) {
      if (!lead_[lead]) continue;
      for (int trail = 0x20; trail < 256; ++trail) {
        char bytes[2] = {static_cast<char>(lead), static_cast<char>(trail)};
        std::int32_t c = decode(bytes, 2);
        if (c < 0) continue;
        pairs_[(lead << 8) | trail] = static_cast<char16_t>(c);
        if (!exact_[c]) exact_[c] = icu_encode(static_cast<char16_t>(c), false);
      }
    }
  }
  best_fit_ = zeroed_array<std::uint32_t>(65536);
  return true;
}

char16_t CodePageTable::single(unsigned char b, bool* undefined) const {
  *undefined = single_undefined_[b];
  return single_[b];
}

std::uint32_t CodePageTable::pair(unsigned char lead, unsigned char trail) const {
  if (!pairs_) return kNoChar;
  char16_t c = pairs_[(lead << 8) | trail];
  return c == 0xFFFF ? kNoChar : c;
}

CodePageTable::Encoding CodePageTable::icu_encode(char16_t c, bool fallback) const {
  if (c >= 0xD800 && c <= 0xDFFF) return 0;
  auto* conv = static_cast<UConverter*>(converter_);
  ucnv_resetFromUnicode(conv);
  ucnv_setFallback(conv, fallback);
  char out[8];
  UErrorCode e = U_ZERO_ERROR;
  UChar in = c;
  int n = ucnv_fromUChars(conv, out, sizeof out, &in, 1, &e);
  ucnv_setFallback(conv, false);
  return U_SUCCESS(e) ? make_encoding(out, n) : 0;
}

// Windows' best-fit tables send characters to a lookalike: accented letters to the
// base letter, compatibility forms (fullwidth, circled, ligature parts) to their
// plain form. ICU's fallback mappings and Unicode decompositions give the same
// answer for most of them.
CodePageTable::Encoding CodePageTable::compute_best_fit(char16_t c) const {
  static std::mutex mutex;  // the converter is shared
  std::lock_guard lock(mutex);
  if (Encoding e = icu_encode(c, true)) return e;
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfkd = icu::Normalizer2::getNFKDInstance(status);
  if (U_FAILURE(status)) return 0;
  icu::UnicodeString decomposed;
  if (!nfkd->getDecomposition(c, decomposed) || decomposed.isEmpty()) return 0;
  UChar32 base = decomposed.char32At(0);
  for (int32_t i = U16_LENGTH(base); i < decomposed.length(); ++i)
    if (u_getCombiningClass(decomposed.charAt(i)) == 0) return 0;  // more than one letter
  if (base > 0xFFFF || base == c) return 0;
  return exact_[base];
}

CodePageTable::Encoding CodePageTable::encode(char16_t c, bool best_fit) const {
  if (Encoding e = exact_[c]; e || !best_fit) return e;
  std::atomic_ref<std::uint32_t> slot(best_fit_[c]);
  std::uint32_t known = slot.load(std::memory_order_relaxed);
  if (!known) {
    known = compute_best_fit(c) | kKnown;
    slot.store(known, std::memory_order_relaxed);
  }
  return known & ~kKnown;
}

}  // namespace sill::nt::nls
