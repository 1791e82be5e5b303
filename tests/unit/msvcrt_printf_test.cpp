// The printf engine against msvcrt.dll's documented and observed output, through the
// exported ms_abi functions.
#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <limits>
#include <string>

#include "win32/msvcrt/msvcrt_api.h"
#include "win32/msvcrt/printf_format.h"

namespace m = sill::msvcrt;

namespace {

template <class... A>
std::string fmt(const char* f, A... a) {
  char buf[512];
  int n = m::sprintf(buf, f, a...);
  EXPECT_EQ(n, static_cast<int>(std::strlen(buf))) << f;
  return buf;
}

template <class... A>
std::u16string wfmt(const char16_t* f, A... a) {
  char16_t buf[512];
  int n = m::_snwprintf(buf, 511, f, a...);
  EXPECT_GE(n, 0);
  buf[n < 0 ? 0 : n] = 0;
  return buf;
}

TEST(MsvcrtPrintf, Integers) {
  EXPECT_EQ(fmt("%d", 42), "42");
  EXPECT_EQ(fmt("%d", std::numeric_limits<int>::min()), "-2147483648");
  EXPECT_EQ(fmt("%u", -1), "4294967295");
  EXPECT_EQ(fmt("%x %X %o", 0xbeef, 0xbeef, 0777), "beef BEEF 777");
  EXPECT_EQ(fmt("%hd", 65537), "1");
  EXPECT_EQ(fmt("%hhd", 300), "44");
  EXPECT_EQ(fmt("%lu", 0xFFFFFFFFu), "4294967295");
  EXPECT_EQ(fmt("%I64d", std::numeric_limits<long long>::min()), "-9223372036854775808");
  EXPECT_EQ(fmt("%I64u", ~0ULL), "18446744073709551615");
  EXPECT_EQ(fmt("%I32d", 7), "7");
  EXPECT_EQ(fmt("%lld %zu %Id", 1234567890123LL, std::size_t{123}, -5LL), "1234567890123 123 -5");
  EXPECT_EQ(fmt("%p", reinterpret_cast<void*>(0x1234)), "0000000000001234");
  EXPECT_EQ(fmt("%p", reinterpret_cast<void*>(0xDEADBEEFCAFEull)), "0000DEADBEEFCAFE");
}

TEST(MsvcrtPrintf, FlagsWidthPrecision) {
  EXPECT_EQ(fmt("%+d %+d % d", 5, -5, 5), "+5 -5  5");
  EXPECT_EQ(fmt("%05d|%-6d|", -42, 42), "-0042|42    |");
  EXPECT_EQ(fmt("%#x %#X %#o %#x %#o", 26, 26, 8, 0, 0), "0x1a 0X1A 010 0 0");
  EXPECT_EQ(fmt("%.3d|%.0d|", 7, 0), "007||");
  EXPECT_EQ(fmt("%*d|%-*d|%*d|", 6, 42, 4, 7, -4, 7), "    42|7   |7   |");
  EXPECT_EQ(fmt("%*.*s|", 5, 2, "abcdef"), "   ab|");
  EXPECT_EQ(fmt("%5s|%-5s|%.2s", "ab", "ab", "abc"), "   ab|ab   |ab");
  EXPECT_EQ(fmt("%%|%c", 'A'), "%|A");
}

TEST(MsvcrtPrintf, Strings) {
  EXPECT_EQ(fmt("%s", static_cast<char*>(nullptr)), "(null)");
  EXPECT_EQ(fmt("%ls|%S|%hs|%ws", u"wide", u"wS", "hs", u"ws"), "wide|wS|hs|ws");
  EXPECT_EQ(fmt("%lc%C%wc", u'w', u'x', u'y'), "wxy");
  EXPECT_EQ(wfmt(u"%s|%S|%hs|%ls", u"wide", "narrow", "hs", u"ls"), u"wide|narrow|hs|ls");
  EXPECT_EQ(wfmt(u"%c %C", u'Z', 'n'), u"Z n");
  EXPECT_EQ(wfmt(u"%d %x %p", -42, 42, reinterpret_cast<void*>(0xABCDEF)), u"-42 2a 0000000000ABCDEF");
}

TEST(MsvcrtPrintf, Floating) {
  EXPECT_EQ(fmt("%e", 1.5), "1.500000e+000");
  EXPECT_EQ(fmt("%E", 12345.678), "1.234568E+004");
  EXPECT_EQ(fmt("%.2e", 0.000123), "1.23e-004");
  EXPECT_EQ(fmt("%e", 0.0), "0.000000e+000");
  EXPECT_EQ(fmt("%e", -1e100), "-1.000000e+100");
  EXPECT_EQ(fmt("%f|%f", 3.14159, -1.25), "3.141590|-1.250000");
  EXPECT_EQ(fmt("%g|%g|%g|%G", 100000.0, 1000000.0, 0.0001, 0.00001), "100000|1e+006|0.0001|1E-005");
  EXPECT_EQ(fmt("%g|%g|%#g|%#.0f", 123.456, 0.0, 1.0, 1.0), "123.456|0|1.00000|1.");
  EXPECT_EQ(fmt("%08.2f|%8.3f|%+.1f", 3.5, 3.14159, 2.26), "00003.50|   3.142|+2.3");
  EXPECT_EQ(fmt("%.0f %.0f %.0f", 2.5, 0.5, 1.5), "3 1 2");
  EXPECT_EQ(fmt("%.2f", 2.675), "2.67");  // the double is just below 2.675
  EXPECT_EQ(fmt("%f", 1e20), "100000000000000000000.000000");
  EXPECT_EQ(fmt("%a|%A", 1.0, -0.5), "0x1.0000000000000p+0|-0X1.0000000000000P-1");
  EXPECT_EQ(fmt("%.2a", 3.0), "0x1.80p+1");
}

TEST(MsvcrtPrintf, InfinityAndNaN) {
  double inf = std::numeric_limits<double>::infinity();
  double qnan = std::numeric_limits<double>::quiet_NaN();
  double ind;
  std::uint64_t bits = 0xFFF8000000000000ULL;
  std::memcpy(&ind, &bits, 8);
  EXPECT_EQ(fmt("%f", inf), "1.#INF00");
  EXPECT_EQ(fmt("%e", -inf), "-1.#INF00e+000");
  EXPECT_EQ(fmt("%g", inf), "1.#INF");
  EXPECT_EQ(fmt("%f", qnan), "1.#QNAN0");
  EXPECT_EQ(fmt("%f", ind), "-1.#IND00");
  EXPECT_EQ(fmt("%.2f|%.0f|%.1f", inf, inf, inf), "1.#J|1|1.$");
  EXPECT_EQ(fmt("%10.3f|", inf), "     1.#IO|");
}

TEST(MsvcrtPrintf, CountsAndTruncation) {
  char buf[16];
  int n = -1;
  m::sprintf(buf, "abc%n12", &n);
  EXPECT_EQ(n, 3);

  std::memset(buf, 'X', sizeof buf);
  EXPECT_EQ(m::_snprintf(buf, 5, "%s", "abcdefgh"), -1);
  EXPECT_EQ(std::memcmp(buf, "abcdeX", 6), 0);
  std::memset(buf, 'X', sizeof buf);
  EXPECT_EQ(m::_snprintf(buf, 5, "abcde"), 5);
  EXPECT_EQ(buf[5], 'X');
  EXPECT_EQ(m::_snprintf(buf, 5, "abc"), 3);
  EXPECT_STREQ(buf, "abc");

  std::memset(buf, 'X', sizeof buf);
  EXPECT_EQ(m::snprintf(buf, 5, "%s", "abcdefgh"), 8);
  EXPECT_STREQ(buf, "abcd");
  EXPECT_EQ(m::_scprintf("%d-%s", 42, "ab"), 5);
  EXPECT_EQ(m::_scwprintf(u"%s=%d", u"key", 1234), 8);
  EXPECT_EQ(m::_snprintf(nullptr, 0, "%d", 12345), 5);  // a null buffer of size 0 asks for the length

  char16_t wbuf[8];
  for (auto& c : wbuf) c = u'X';
  EXPECT_EQ(m::_snwprintf(wbuf, 3, u"%s", u"abcdef"), -1);
  EXPECT_TRUE(wbuf[0] == u'a' && wbuf[2] == u'c' && wbuf[3] == u'X');

  char small[4];
  EXPECT_EQ(m::sprintf_s(small, sizeof small, "%s", "toolong"), -1);
  EXPECT_EQ(small[0], 0);
}

TEST(MsvcrtPrintf, LegacySwprintfHasNoCount) {
  char16_t out[32];
  EXPECT_EQ(m::swprintf(out, u"%s-%d", u"id", 7), 4);
  EXPECT_EQ(std::u16string(out), u"id-7");
}

}  // namespace
