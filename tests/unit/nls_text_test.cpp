// Code-page tables built from ICU, case mapping and collation.
#include <gtest/gtest.h>

#include "ntdll/codepage.h"
#include "ntdll/nls_case.h"
#include "ntdll/nls_codepage_table.h"
#include "ntdll/nls_collation.h"

using namespace sill;
using namespace sill::nt::nls;

TEST(NlsCodePageTable, ShiftJisBothWays) {
  const CodePageTable* t = CodePageTable::get(932);
  ASSERT_NE(t, nullptr);
  EXPECT_TRUE(t->is_dbcs());
  EXPECT_TRUE(t->is_lead_byte(0x82));
  EXPECT_FALSE(t->is_lead_byte(0xA0));
  EXPECT_EQ(t->pair(0x82, 0xA0), 0x3042u);
  EXPECT_EQ(t->pair(0x82, 0x20), CodePageTable::kNoChar);
  EXPECT_EQ(t->encode(0x3042, false), (2u << 16) | 0x82A0u);
  EXPECT_EQ(t->encode(0x00E9, false), 0u);
  EXPECT_EQ(t->encode(0x00E9, true), (1u << 16) | 'e');  // best fit
}

TEST(NlsCodePageTable, EveryPageBuilds) {
  for (win::UINT cp : {437u, 720u, 737u, 775u, 850u, 852u, 855u, 857u, 862u, 866u, 874u, 932u, 936u, 949u, 950u,
                       1250u, 1251u, 1252u, 1253u, 1254u, 1255u, 1256u, 1257u, 1258u, 10000u, 20127u}) {
    const CodePageTable* t = CodePageTable::get(cp);
    ASSERT_NE(t, nullptr) << cp;
    bool undefined;
    EXPECT_EQ(t->single('A', &undefined), u'A') << cp;
    EXPECT_EQ(t->encode(u'A', false), (1u << 16) | 'A') << cp;
  }
  EXPECT_EQ(CodePageTable::get(65001), nullptr);
}

TEST(NlsCodePageTable, UndefinedBytesGoToThePrivateUseArea) {
  const CodePageTable* t = CodePageTable::get(1253);
  bool undefined = false;
  EXPECT_EQ(t->single(0xAA, &undefined), 0xF8F9);
  EXPECT_TRUE(undefined);
  EXPECT_EQ(t->encode(0xF8F9, false), (1u << 16) | 0xAAu);
}

TEST(NlsConversion, Gb18030AndUtf7) {
  win::DWORD err = 0;
  char16_t w[8];
  EXPECT_EQ(nt::multibyte_to_wide(54936, 0, "\x81\x30\x81\x30", 4, w, 8, &err), 1);
  EXPECT_EQ(w[0], 0x0080);
  char out[16];
  EXPECT_EQ(nt::wide_to_multibyte(65000, 0, u"\u20AC", 1, out, 16, nullptr, nullptr, &err), 5);
  EXPECT_EQ(std::string(out, 5), "+IKw-");
}

TEST(NlsCase, SimpleMappingKeepsLength) {
  EXPECT_EQ(to_upper(u'a'), u'A');
  EXPECT_EQ(to_upper(0x00DF), 0x00DF);  // sharp s has no one-unit upper case
  EXPECT_EQ(to_upper(u'i', true), 0x0130);
  EXPECT_EQ(to_lower(u'I', true), 0x0131);
  EXPECT_EQ(to_lower(0x0391), 0x03B1);
  EXPECT_EQ(to_upper(0xD801), 0xD801);  // surrogates stay
  EXPECT_EQ(ctype1(u'A'), C1_UPPER | C1_ALPHA | C1_XDIGIT | C1_DEFINED);
  EXPECT_EQ(ctype1(0x00B2), C1_DIGIT | C1_PUNCT | C1_DEFINED);
}

TEST(NlsCollation, FlagsAndWordSort) {
  EXPECT_EQ(compare("en_US", 0, u"a", u"B"), -1);
  EXPECT_EQ(compare("en_US", NORM_IGNORECASE, u"abc", u"ABC"), 0);
  EXPECT_EQ(compare("en_US", NORM_IGNORENONSPACE, u"r\u00E9sum\u00E9", u"resume"), 0);
  EXPECT_EQ(compare("en_US", NORM_IGNORENONSPACE, u"Resume", u"resume"), 1);  // case still counts
  EXPECT_EQ(compare("en_US", SORT_DIGITSASNUMBERS, u"a10", u"a9"), 1);
  EXPECT_EQ(compare("en_US", 0, u"co-op", u"coat"), 1);
  EXPECT_EQ(compare("en_US", SORT_STRINGSORT, u"co-op", u"coat"), -1);
  EXPECT_EQ(compare("en_US", NORM_IGNOREKANATYPE, u"\u3042", u"\u30A2"), 0);
  EXPECT_EQ(compare("en_US", NORM_IGNOREWIDTH, u"\uFF21", u"A"), 0);
  EXPECT_LT(sort_key("en_US", 0, u"apple"), sort_key("en_US", 0, u"banana"));
  EXPECT_EQ(sort_key("en_US", NORM_IGNORECASE, u"X"), sort_key("en_US", NORM_IGNORECASE, u"x"));
  int len = 0;
  EXPECT_EQ(find("en_US", NORM_IGNORECASE, u"one Two two", u"TWO", true, false, false, &len), 8);
  EXPECT_EQ(len, 3);
}
