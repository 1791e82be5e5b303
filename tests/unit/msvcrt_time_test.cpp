// Time conversion and formatting in the C locale, as msvcrt.dll prints them.
#include <gtest/gtest.h>

#include <string>

#include "win32/msvcrt/msvcrt_api.h"

namespace m = sill::msvcrt;

namespace {

TEST(MsvcrtTime, GmtimeAndStrftime) {
  m::time64_t t = 951782400;  // 2000-02-29 00:00:00 UTC, a Tuesday
  m::TM* tm = m::_gmtime64(&t);
  ASSERT_NE(tm, nullptr);
  EXPECT_EQ(tm->tm_year, 100);
  EXPECT_EQ(tm->tm_mon, 1);
  EXPECT_EQ(tm->tm_mday, 29);
  EXPECT_EQ(tm->tm_wday, 2);
  char buf[128];
  ASSERT_GT(m::strftime(buf, sizeof buf, "%a %A %b %B %d %j %y %Y %H:%M:%S %p %%", tm), 0u);
  EXPECT_STREQ(buf, "Tue Tuesday Feb February 29 060 00 2000 00:00:00 AM %");
  ASSERT_GT(m::strftime(buf, sizeof buf, "%c|%x|%X|%#d|%I", tm), 0u);
  EXPECT_STREQ(buf, "02/29/00 00:00:00|02/29/00|00:00:00|29|12");
  EXPECT_STREQ(m::asctime(tm), "Tue Feb 29 00:00:00 2000\n");
}

TEST(MsvcrtTime, StrftimeLimitsAndErrors) {
  m::time64_t t = 0;
  m::TM* tm = m::_gmtime64(&t);
  ASSERT_NE(tm, nullptr);
  char small[4];
  EXPECT_EQ(m::strftime(small, sizeof small, "%Y", tm), 0u);  // "1970" needs 5 bytes
  char buf[16];
  EXPECT_EQ(m::strftime(buf, sizeof buf, "%Y", tm), 4u);
  char16_t wbuf[32];
  EXPECT_EQ(m::wcsftime(wbuf, 32, u"\u00e9%Y-%m", tm), 8u);
  EXPECT_EQ(std::u16string(wbuf), u"\u00e91970-01");
}

TEST(MsvcrtTime, RejectsNegativeTimes) {
  m::time64_t t = -1;
  EXPECT_EQ(m::_gmtime64(&t), nullptr);
  EXPECT_EQ(m::_localtime64(&t), nullptr);
}

TEST(MsvcrtTime, MkgmtimeRoundTrips) {
  m::TM tm{};
  tm.tm_year = 124;
  tm.tm_mon = 0;
  tm.tm_mday = 31 + 1;  // normalized to February 1st
  EXPECT_EQ(m::_mkgmtime64(&tm), 1706745600);
  EXPECT_EQ(tm.tm_mon, 1);
  EXPECT_EQ(tm.tm_mday, 1);
}

}  // namespace
