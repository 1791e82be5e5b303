// The scanf engine through the exported sscanf/swscanf.
#include <gtest/gtest.h>

#include <cstdint>
#include <string>

#include "win32/msvcrt/msvcrt_api.h"

namespace m = sill::msvcrt;

namespace {

TEST(MsvcrtScanf, Integers) {
  int a = 0, b = 0, c = 0;
  EXPECT_EQ(m::sscanf("12 -34 0x1f", "%d %d %i", &a, &b, &c), 3);
  EXPECT_EQ(a, 12);
  EXPECT_EQ(b, -34);
  EXPECT_EQ(c, 31);
  unsigned u = 0, o = 0, x = 0;
  EXPECT_EQ(m::sscanf("4294967295 017 ff", "%u %o %x", &u, &o, &x), 3);
  EXPECT_EQ(u, 4294967295u);
  EXPECT_EQ(o, 15u);
  EXPECT_EQ(x, 255u);
  long long big = 0;
  EXPECT_EQ(m::sscanf("-9000000000", "%I64d", &big), 1);
  EXPECT_EQ(big, -9000000000LL);
  short s = 0;
  EXPECT_EQ(m::sscanf("70000", "%hd", &s), 1);
  EXPECT_EQ(s, static_cast<short>(70000));
  int i = 0;
  EXPECT_EQ(m::sscanf("010", "%i", &i), 1);
  EXPECT_EQ(i, 8);
}

TEST(MsvcrtScanf, WidthSuppressAndCount) {
  int a = 0, b = 0, n = 0;
  EXPECT_EQ(m::sscanf("12345", "%2d%*1d%d%n", &a, &b, &n), 2);
  EXPECT_EQ(a, 12);
  EXPECT_EQ(b, 45);
  EXPECT_EQ(n, 5);
}

TEST(MsvcrtScanf, StringsAndSets) {
  char w1[16] = {}, w2[16] = {}, set[16] = {};
  char c3[4] = {};
  EXPECT_EQ(m::sscanf("hello world abc123xyz", "%s %s %[a-c123]", w1, w2, set), 3);
  EXPECT_STREQ(w1, "hello");
  EXPECT_STREQ(w2, "world");
  EXPECT_STREQ(set, "abc123");
  EXPECT_EQ(m::sscanf("xyz", "%3c", c3), 1);
  EXPECT_EQ(std::string(c3, 3), "xyz");
  char rest[16] = {};
  EXPECT_EQ(m::sscanf("key=value;", "%*[^=]=%[^;]", rest), 1);
  EXPECT_STREQ(rest, "value");
  char16_t wide[16] = {};
  EXPECT_EQ(m::sscanf("wide", "%ls", wide), 1);
  EXPECT_EQ(std::u16string(wide), u"wide");
}

TEST(MsvcrtScanf, Floating) {
  float f = 0;
  double d = 0;
  EXPECT_EQ(m::sscanf("1.5 -2.25e3", "%f %lf", &f, &d), 2);
  EXPECT_FLOAT_EQ(f, 1.5f);
  EXPECT_DOUBLE_EQ(d, -2250.0);
}

TEST(MsvcrtScanf, FailureAndEndOfInput) {
  int a = 0;
  EXPECT_EQ(m::sscanf("", "%d", &a), -1);
  EXPECT_EQ(m::sscanf("   ", "%d", &a), -1);
  EXPECT_EQ(m::sscanf("abc", "%d", &a), 0);
  EXPECT_EQ(m::sscanf("5 x", "%d %d", &a), 1);
  EXPECT_EQ(m::sscanf("a:1", "a:%d", &a), 1);
  EXPECT_EQ(a, 1);
  EXPECT_EQ(m::sscanf("b:1", "a:%d", &a), 0);
}

TEST(MsvcrtScanf, Wide) {
  int a = 0;
  char16_t w[16] = {};
  char n[16] = {};
  EXPECT_EQ(m::swscanf(u"7 wide narrow", u"%d %s %S", &a, w, n), 3);
  EXPECT_EQ(a, 7);
  EXPECT_EQ(std::u16string(w), u"wide");
  EXPECT_STREQ(n, "narrow");
}

}  // namespace
