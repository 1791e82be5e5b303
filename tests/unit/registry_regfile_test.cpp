// .reg files (registry/reg_file.h): both versions, every data form, and exact round trips.
#include <gtest/gtest.h>

#include "base/unicode.h"
#include "registry/reg_file.h"
#include "registry/store.h"

namespace sill::registry {
namespace {

std::string utf16le_with_bom(std::string_view utf8) {
  std::u16string w = utf8_to_utf16(utf8);
  std::string out = "\xFF\xFE";
  for (char16_t c : w) {
    out.push_back(static_cast<char>(c & 0xFF));
    out.push_back(static_cast<char>(c >> 8));
  }
  return out;
}

// What regedit writes: every value form, a long hex value wrapped at 80 columns.
const char kVersion5[] =
    "Windows Registry Editor Version 5.00\r\n"
    "\r\n"
    "[HKEY_CURRENT_USER\\Software\\Sill Test]\r\n"
    "@=\"default \\\"quoted\\\" back\\\\slash\"\r\n"
    "\"Count\"=dword:0000002a\r\n"
    "\"Blob\"=hex:00,01,02,ff\r\n"
    "\"Nothing\"=hex(0):\r\n"
    "\"Path\"=hex(2):25,00,53,00,79,00,73,00,74,00,65,00,6d,00,52,00,6f,00,6f,00,74,\\\r\n"
    "  00,25,00,00,00\r\n"
    "\"List\"=hex(7):61,00,00,00,62,00,00,00,00,00\r\n"
    "\"Big\"=hex(b):88,77,66,55,44,33,22,11\r\n"
    "\"Unterminated\"=hex(1):61,00,62,00\r\n"
    "\"\xc3\xa9t\xc3\xa9\"=\"\xd0\xb4\xd0\xbe\xd0\xbc\"\r\n"
    "\r\n"
    "[HKEY_CURRENT_USER\\Software\\Sill Test\\Sub]\r\n"
    "\"Long\"=hex:00,01,02,03,04,05,06,07,08,09,0a,0b,0c,0d,0e,0f,10,11,12,13,14,15,\\\r\n"
    "  16,17,18,19,1a,1b,1c,1d,1e,1f,20,21,22,23,24,25,26,27,28,29,2a,2b,2c,2d,2e,\\\r\n"
    "  2f,30\r\n"
    "\r\n";

TEST(RegFile, Version5ParsesEveryForm) {
  auto f = parse_reg_file(utf16le_with_bom(kVersion5));
  ASSERT_TRUE(f) << f.error().message;
  EXPECT_EQ(f->version, RegVersion::Regedit5);
  ASSERT_EQ(f->keys.size(), 2u);
  const auto& v = f->keys[0].values;
  ASSERT_EQ(v.size(), 9u);
  EXPECT_EQ(v[0].name, u"");
  EXPECT_EQ(v[0].type, REG_SZ);
  std::u16string text = u"default \"quoted\" back\\slash";
  EXPECT_EQ(v[0].data.size(), (text.size() + 1) * 2);
  EXPECT_EQ(v[1].type, REG_DWORD);
  EXPECT_EQ(v[1].data, (std::vector<std::uint8_t>{42, 0, 0, 0}));
  EXPECT_EQ(v[2].data, (std::vector<std::uint8_t>{0, 1, 2, 255}));
  EXPECT_EQ(v[3].type, REG_NONE);
  EXPECT_TRUE(v[3].data.empty());
  EXPECT_EQ(v[4].type, REG_EXPAND_SZ);
  EXPECT_EQ(v[4].data.size(), 26u);  // the continuation joined
  EXPECT_EQ(v[6].type, REG_QWORD);
  EXPECT_EQ(v[7].data.size(), 4u);
  EXPECT_EQ(v[8].name, u"\u00e9t\u00e9");
  EXPECT_EQ(f->keys[1].values[0].data.size(), 49u);
}

TEST(RegFile, Version5RoundTripsByteForByte) {
  std::string original = utf16le_with_bom(kVersion5);
  auto f = parse_reg_file(original);
  ASSERT_TRUE(f) << f.error().message;
  EXPECT_EQ(write_reg_file(*f), original);
}

TEST(RegFile, Regedit4RoundTrips) {
  const std::string original =
      "REGEDIT4\r\n"
      "\r\n"
      "[HKEY_LOCAL_MACHINE\\Software\\Old]\r\n"
      "\"Name\"=\"plain text\"\r\n"
      "\"Exp\"=hex(2):25,54,45,4d,50,25,00\r\n"
      "\"N\"=dword:ffffffff\r\n"
      "\r\n";
  auto f = parse_reg_file(original);
  ASSERT_TRUE(f) << f.error().message;
  EXPECT_EQ(f->version, RegVersion::Regedit4);
  // REGEDIT4's hex(2) is ANSI; stored as UTF-16.
  EXPECT_EQ(f->keys[0].values[1].data.size(), 14u);
  EXPECT_EQ(write_reg_file(*f), original);
}

TEST(RegFile, DeletionsAndComments) {
  auto f = parse_reg_file(
      "REGEDIT4\n; a comment\n[-HKEY_CURRENT_USER\\Software\\Gone]\n[HKEY_CURRENT_USER\\Software\\Kept]\n\"old\"=-\n");
  ASSERT_TRUE(f) << f.error().message;
  ASSERT_EQ(f->keys.size(), 2u);
  EXPECT_TRUE(f->keys[0].remove);
  EXPECT_TRUE(f->keys[1].values[0].remove);
}

TEST(RegFile, ErrorsNameTheLine) {
  auto f = parse_reg_file("REGEDIT4\r\n\r\n[HKEY_CURRENT_USER\\X]\r\n\"v\"=dword:xyz\r\n");
  ASSERT_FALSE(f);
  EXPECT_NE(f.error().message.find("line 4"), std::string::npos) << f.error().message;
  EXPECT_FALSE(parse_reg_file("hello\r\n"));
  EXPECT_FALSE(parse_reg_file("REGEDIT4\r\n\"v\"=\"before any key\"\r\n"));
}

}  // namespace
}  // namespace sill::registry
