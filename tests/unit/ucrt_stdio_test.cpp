// The UCRT's __stdio_common_* entry points on the host: the option bits' buffer semantics
// and the UCRT's float spelling, through the exported ms_abi functions.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <string>

#include "win32/ucrtbase/ucrtbase.h"

namespace u = sill::ucrtbase;

namespace {

constexpr std::uint64_t kLegacyNullTermination = 0x1, kStandardSnprintf = 0x2, kLegacyWide = 0x4,
                        kThreeDigitExponents = 0x10;

int WINAPI common_sprintf(std::uint64_t options, char* buf, std::size_t count, const char* f, ...) {
  __builtin_ms_va_list ap;
  __builtin_ms_va_start(ap, f);
  int r = u::__stdio_common_vsprintf(options, buf, count, f, nullptr, ap);
  __builtin_ms_va_end(ap);
  return r;
}

int WINAPI common_swprintf(std::uint64_t options, char16_t* buf, std::size_t count, const char16_t* f, ...) {
  __builtin_ms_va_list ap;
  __builtin_ms_va_start(ap, f);
  int r = u::__stdio_common_vswprintf(options, buf, count, f, nullptr, ap);
  __builtin_ms_va_end(ap);
  return r;
}

int WINAPI common_sscanf(std::uint64_t options, const char* in, std::size_t count, const char* f, ...) {
  __builtin_ms_va_list ap;
  __builtin_ms_va_start(ap, f);
  int r = u::__stdio_common_vsscanf(options, in, count, f, nullptr, ap);
  __builtin_ms_va_end(ap);
  return r;
}

template <class... A>
std::string fmt(std::uint64_t options, const char* f, A... a) {
  char buf[256];
  int n = common_sprintf(options | kStandardSnprintf, buf, sizeof buf, f, a...);
  EXPECT_EQ(n, static_cast<int>(std::strlen(buf))) << f;
  return buf;
}

}  // namespace

TEST(UcrtPrintf, Floats) {
  EXPECT_EQ(fmt(0, "%e", 1.5), "1.500000e+00");
  EXPECT_EQ(fmt(kThreeDigitExponents, "%e", 1.5), "1.500000e+000");
  EXPECT_EQ(fmt(0, "%g", 1e-300), "1e-300");
  EXPECT_EQ(fmt(0, "%.20f", 0.1), "0.10000000000000000555");
  EXPECT_EQ(fmt(0, "%.0f %.0f", 2.5, 3.5), "2 4");  // ties to even on the exact value
  EXPECT_EQ(fmt(0, "%f %F", INFINITY, -INFINITY), "inf -INF");
  EXPECT_EQ(fmt(0, "%05f|%-6f|", INFINITY, NAN), "  inf|nan   |");
  double ind;
  std::uint64_t bits = 0xFFF8000000000000ULL;
  std::memcpy(&ind, &bits, 8);
  EXPECT_EQ(fmt(0, "%f", ind), "-nan(ind)");
  EXPECT_EQ(fmt(0, "%f", std::numeric_limits<double>::signaling_NaN()), "nan(snan)");
  EXPECT_EQ(fmt(0, "%a", 1.0), "0x1.0000000000000p+0");
  EXPECT_EQ(fmt(0, "%#.0f", 3.0), "3.");
}

TEST(UcrtPrintf, BufferSemantics) {
  char buf[8];
  EXPECT_EQ(common_sprintf(kStandardSnprintf, buf, 4, "%s", "abcdef"), 6);
  EXPECT_STREQ(buf, "abc");
  std::memset(buf, 'x', sizeof buf);
  EXPECT_EQ(common_sprintf(kLegacyNullTermination, buf, 4, "%s", "abcdef"), -1);
  EXPECT_EQ(std::string(buf, 4), "abcd");
  EXPECT_EQ(common_sprintf(kLegacyNullTermination, buf, 4, "%s", "abcd"), 4);
  EXPECT_EQ(buf[4], 'x');  // an exact fit is not terminated
  EXPECT_LT(common_sprintf(0, buf, 4, "%s", "abcdef"), 0);
  EXPECT_STREQ(buf, "abc");
  EXPECT_EQ(common_sprintf(kStandardSnprintf, nullptr, 0, "%d", 12345), 5);
}

TEST(UcrtPrintf, WideSpecifiers) {
  char16_t buf[32];
  common_swprintf(kLegacyWide, buf, 32, u"%s|%S|%c", u"wide", "narrow", u'w');
  EXPECT_EQ(std::u16string(buf), u"wide|narrow|w");
  common_swprintf(0, buf, 32, u"%s|%ls|%c", "narrow", u"wide", 'n');
  EXPECT_EQ(std::u16string(buf), u"narrow|wide|n");
}

TEST(UcrtScanf, SecureAndCounted) {
  char word[4];
  int n = 0;
  EXPECT_EQ(common_sscanf(0x1, "abc 5", SIZE_MAX, "%s %d", word, 4u, &n), 2);
  EXPECT_STREQ(word, "abc");
  EXPECT_EQ(n, 5);
  EXPECT_EQ(common_sscanf(0x1, "abcd", SIZE_MAX, "%s", word, 4u), 0);
  EXPECT_EQ(word[0], 0);
  EXPECT_EQ(common_sscanf(0, "98765", 2, "%d", &n), 1);
  EXPECT_EQ(n, 98);
}
