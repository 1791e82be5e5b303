#include <gtest/gtest.h>

#include <string>

#include "ntdll/codepage.h"
#include "ntdll/nls_codepage_table.h"
#include "ntdll/winerror.h"

using namespace sill;
using namespace sill::nt;

TEST(NtCodePage, Utf8RoundTripWithTerminator) {
  const char* s = "h\xC3\xA9llo \xF0\x9F\x98\x80";
  win::DWORD err = 0;
  int n = multibyte_to_wide(CP_UTF8, 0, s, -1, nullptr, 0, &err);
  EXPECT_EQ(n, 9);  // h é l l o space + surrogate pair + NUL
  char16_t w[16];
  EXPECT_EQ(multibyte_to_wide(CP_UTF8, 0, s, -1, w, 16, &err), 9);
  EXPECT_EQ(w[1], u'\u00E9');
  EXPECT_EQ(w[6], 0xD83D);
  EXPECT_EQ(w[8], 0);
  char back[32];
  EXPECT_EQ(wide_to_multibyte(CP_UTF8, 0, w, -1, back, 32, nullptr, nullptr, &err), 12);
  EXPECT_STREQ(back, s);
}

TEST(NtCodePage, InsufficientBufferAndBadParameters) {
  win::DWORD err = 0;
  char16_t w[3];
  EXPECT_EQ(multibyte_to_wide(CP_UTF8, 0, "abcdef", -1, w, 3, &err), 0);
  EXPECT_EQ(err, win::ERROR_INSUFFICIENT_BUFFER);
  EXPECT_EQ(multibyte_to_wide(CP_UTF8, 0, "abc", 0, w, 3, &err), 0);
  EXPECT_EQ(err, win::ERROR_INVALID_PARAMETER);
  EXPECT_EQ(multibyte_to_wide(CP_UTF8, 4, "abc", 3, w, 3, &err), 0);
  EXPECT_EQ(err, win::ERROR_INVALID_FLAGS);
  char c[4];
  win::BOOL used;
  EXPECT_EQ(wide_to_multibyte(CP_UTF8, 0, u"a", 1, c, 4, nullptr, &used, &err), 0);
  EXPECT_EQ(err, win::ERROR_INVALID_PARAMETER);
}

TEST(NtCodePage, InvalidUtf8) {
  win::DWORD err = 0;
  char16_t w[8];
  // Overlong '/' and a lone continuation byte become U+FFFD each.
  int n = multibyte_to_wide(CP_UTF8, 0, "\xC0\xAF" "a\x80", 4, w, 8, &err);
  ASSERT_GE(n, 3);
  EXPECT_EQ(w[0], 0xFFFD);
  EXPECT_EQ(multibyte_to_wide(CP_UTF8, MB_ERR_INVALID_CHARS, "a\x80", 2, w, 8, &err), 0);
  EXPECT_EQ(err, win::ERROR_NO_UNICODE_TRANSLATION);
  char c[8];
  const char16_t lone[] = {u'a', 0xD800, 0};
  EXPECT_EQ(wide_to_multibyte(CP_UTF8, 0, lone, -1, c, 8, nullptr, nullptr, &err), 5);
  EXPECT_EQ(static_cast<unsigned char>(c[1]), 0xEF);
  EXPECT_EQ(wide_to_multibyte(CP_UTF8, WC_ERR_INVALID_CHARS, lone, -1, c, 8, nullptr, nullptr, &err), 0);
  EXPECT_EQ(err, win::ERROR_NO_UNICODE_TRANSLATION);
}

TEST(NtCodePage, Windows1252AndOem437) {
  win::DWORD err = 0;
  char16_t w[4];
  EXPECT_EQ(multibyte_to_wide(1252, 0, "\x80\xE9\x81", 3, w, 4, &err), 3);
  EXPECT_EQ(w[0], 0x20AC);
  EXPECT_EQ(w[1], 0x00E9);
  EXPECT_EQ(w[2], 0x0081);
  EXPECT_EQ(multibyte_to_wide(CP_OEMCP, 0, "\x82\xC4", 2, w, 4, &err), 2);
  EXPECT_EQ(w[0], 0x00E9);
  EXPECT_EQ(w[1], 0x2500);
  char c[8];
  win::BOOL used = 0;
  EXPECT_EQ(wide_to_multibyte(CP_ACP, WC_NO_BEST_FIT_CHARS, u"\u20AC\u4E2D", 2, c, 8, nullptr, &used, &err), 2);
  EXPECT_EQ(static_cast<unsigned char>(c[0]), 0x80);
  EXPECT_EQ(c[1], '?');
  EXPECT_TRUE(used);
  EXPECT_EQ(wide_to_multibyte(1252, WC_NO_BEST_FIT_CHARS, u"\u4E2D", 1, c, 8, "*", &used, &err), 1);
  EXPECT_EQ(c[0], '*');
  EXPECT_EQ(multibyte_to_wide(20127, 0, "A", 1, w, 4, &err), 1);
  EXPECT_EQ(w[0], u'A');
}

TEST(NtCodePage, WholeStringHelpers) {
  EXPECT_EQ(to_utf16(1252, "caf\xE9"), u"caf\u00E9");
  EXPECT_EQ(from_utf16(1252, u"caf\u00E9"), "caf\xE9");
  EXPECT_EQ(to_utf16(CP_UTF8, ""), u"");
}

// keeps_ascii() lets pure ASCII skip the page's table; it must say exactly which
// pages ICU's tables map 0x00-0x7F to themselves both ways.
TEST(NtCodePage, KeepsAsciiMatchesTheTables) {
  int pages = 0;
  for (win::UINT cp = 0; cp < 65536; ++cp) {
    const nls::CodePageTable* table = nls::CodePageTable::get(cp);
    if (!table) continue;
    ++pages;
    bool identity = true;
    for (unsigned b = 0; b < 0x80; ++b) {
      bool undefined = false;
      identity = identity && table->single(static_cast<unsigned char>(b), &undefined) == b && !undefined &&
                 table->encode(static_cast<char16_t>(b), false) == ((1u << 16) | b);
    }
    EXPECT_EQ(nls::keeps_ascii(cp), identity) << "code page " << cp;
  }
  EXPECT_GE(pages, 26);  // the pages Sill has today
}

// The ASCII copy answers like the table: lengths, a short buffer, no default character.
TEST(NtCodePage, AsciiWithoutTheTable) {
  win::DWORD err = 0;
  char16_t w[4];
  EXPECT_EQ(multibyte_to_wide(1252, MB_ERR_INVALID_CHARS, "abc", -1, w, 4, &err), 4);
  EXPECT_EQ(std::u16string(w), u"abc");
  EXPECT_EQ(multibyte_to_wide(936, 0, "abcdef", 6, w, 4, &err), 0);
  EXPECT_EQ(err, win::ERROR_INSUFFICIENT_BUFFER);
  char c[8];
  win::BOOL used = win::TRUE;
  EXPECT_EQ(wide_to_multibyte(1250, 0, u"x\x7Fz", 3, c, 8, "*", &used, &err), 3);
  EXPECT_EQ(std::string(c, 3), "x\x7Fz");
  EXPECT_FALSE(used);
  EXPECT_EQ(wide_to_multibyte(1252, 0, u"abc", 3, nullptr, 0, nullptr, nullptr, &err), 3);
  // An IBM page swaps 0x1A, 0x1C and 0x7F, so it goes through its table.
  EXPECT_EQ(multibyte_to_wide(437, 0, "\x7F", 1, w, 4, &err), 1);
  EXPECT_EQ(w[0], nls::CodePageTable::get(437)->singles()[0x7F]);
}
