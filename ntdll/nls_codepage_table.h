// One Windows single- or double-byte code page as lookup tables, built from ICU's
// converter the first time the page is used and kept for the life of the process.
// Windows semantics sit on top of ICU's mapping data: the bytes Windows maps to the
// private use area, the Unicode default character of each page, best-fit mappings.
#pragma once
#include <cstdint>
#include <cstdlib>
#include <memory>

#include "base/wintypes.h"

namespace sill::nt::nls {

// What GetCPInfoEx reports about a page.
struct CodePageFacts {
  win::UINT code_page;
  win::UINT max_char_size;       // 1 or 2 for table pages, 4 for UTF-8, 5 for UTF-7
  char16_t unicode_default;      // what undecodable bytes become
  std::uint8_t lead_bytes[12];   // up to five ranges, two zeros at the end
  const char16_t* name;          // CPINFOEX.CodePageName
};

// The facts of any page Sill converts (table pages, UTF-7, UTF-8, GB18030), nullptr otherwise.
const CodePageFacts* code_page_facts(win::UINT cp);

// Whether a table page maps 0x00-0x7F to U+0000-U+007F and back. All do but the
// IBM-derived ones (the OEM pages and 932), which swap 0x1A, 0x1C and 0x7F; on the
// others pure ASCII text converts without building the table (nls_table_convert.cpp).
bool keeps_ascii(win::UINT cp);

class CodePageTable {
 public:
  // Encoded form of a character: the bytes in the low 16 bits (lead byte high),
  // the byte count in bits 16-17; 0 means "no mapping".
  using Encoding = std::uint32_t;
  static constexpr std::uint32_t kNoChar = 0xFFFFFFFF;

  // The table for a single- or double-byte page, nullptr for other pages.
  static const CodePageTable* get(win::UINT cp);

  const CodePageFacts& facts() const { return *facts_; }
  bool is_dbcs() const { return facts_->max_char_size == 2; }
  bool is_lead_byte(unsigned char b) const { return lead_[b]; }
  // A single byte (not a lead byte) as UTF-16; `undefined` says the byte is not
  // a character of the page (Windows still maps it, to the private use area).
  char16_t single(unsigned char b, bool* undefined) const;
  // The 256 single-byte mappings at once (for the fast path of pages without lead bytes).
  const char16_t* singles() const { return single_; }
  // A lead/trail pair, or kNoChar when the pair is not a character.
  std::uint32_t pair(unsigned char lead, unsigned char trail) const;
  // The bytes of `c` in this page: the exact mapping, or with `best_fit` Windows'
  // nearest lookalike (é -> e, fullwidth A -> A). 0 when there is none.
  Encoding encode(char16_t c, bool best_fit) const;

  ~CodePageTable();
  CodePageTable(const CodePageTable&) = delete;
  CodePageTable& operator=(const CodePageTable&) = delete;

 private:
  explicit CodePageTable(const CodePageFacts* facts);
  bool build();
  Encoding icu_encode(char16_t c, bool fallback) const;
  Encoding compute_best_fit(char16_t c) const;

  // The 65536-entry arrays come zeroed from calloc, which leaves fresh pages alone:
  // a page costs a fault only when an entry on it is written (a few for a SBCS page
  // instead of 128 at start-up).
  struct Free {
    void operator()(void* p) const { std::free(p); }
  };
  template <class T>
  using ZeroedArray = std::unique_ptr<T[], Free>;
  template <class T>
  static ZeroedArray<T> zeroed_array(std::size_t n);

  const CodePageFacts* facts_;
  void* converter_ = nullptr;  // UConverter*, used under mutex_ only for lazy best-fit lookups
  bool lead_[256] = {};
  char16_t single_[256] = {};
  bool single_undefined_[256] = {};
  std::unique_ptr<char16_t[]> pairs_;  // 65536 entries for DBCS pages, 0xFFFF = not a character
  ZeroedArray<Encoding> exact_;         // 65536 entries
  // Best fit is computed on first demand: 0 = not yet known, else Encoding | kKnown
  // (read and written through std::atomic_ref).
  ZeroedArray<std::uint32_t> best_fit_;
  static constexpr std::uint32_t kKnown = 0x80000000;
};

}  // namespace sill::nt::nls
