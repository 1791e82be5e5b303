// Windows zone rules from ICU and conversions under them.
#include <gtest/gtest.h>

#include "ntdll/nls_timezone.h"

using namespace sill::nt::nls;

namespace {
// 100 ns ticks since 1601 for a UTC date and time (2024 only: days counted by hand).
std::int64_t ticks_2024(int month, int day, int hour, int minute) {
  static constexpr int kBefore[] = {0, 31, 60, 91, 121, 152, 182, 213, 244, 274, 305, 335};  // leap year
  std::int64_t days_to_2024 = 154497;  // 1601-01-01 .. 2024-01-01
  std::int64_t days = days_to_2024 + kBefore[month - 1] + day - 1;
  return ((days * 24 + hour) * 60 + minute) * 600000000LL;
}
}  // namespace

TEST(NlsTimeZone, BerlinRule) {
  auto z = zone_rule("Europe/Berlin", 2024);
  ASSERT_TRUE(z);
  EXPECT_EQ(z->key_name, u"W. Europe Standard Time");
  EXPECT_EQ(z->daylight_name, u"W. Europe Daylight Time");
  EXPECT_EQ(z->bias, -60);
  EXPECT_EQ(z->daylight_bias, -60);
  EXPECT_EQ(z->daylight_date.month, 3);
  EXPECT_EQ(z->daylight_date.day, 5);
  EXPECT_EQ(z->daylight_date.hour, 2);
  EXPECT_EQ(z->standard_date.month, 10);
  EXPECT_EQ(z->standard_date.hour, 3);
  // 2024-03-31 is the last Sunday of March: 01:00 UTC is the change.
  EXPECT_FALSE(in_daylight(*z, ticks_2024(3, 31, 0, 59)));
  EXPECT_TRUE(in_daylight(*z, ticks_2024(3, 31, 1, 0)));
  EXPECT_EQ(utc_to_local(*z, ticks_2024(7, 1, 12, 0)), ticks_2024(7, 1, 14, 0));
  EXPECT_EQ(local_to_utc(*z, ticks_2024(1, 15, 13, 0)), ticks_2024(1, 15, 12, 0));
}

TEST(NlsTimeZone, SouthernHemisphereAndNoDst) {
  auto sydney = zone_rule("Australia/Sydney", 2024);
  ASSERT_TRUE(sydney);
  EXPECT_EQ(sydney->bias, -600);
  EXPECT_TRUE(in_daylight(*sydney, ticks_2024(1, 15, 0, 0)));
  EXPECT_FALSE(in_daylight(*sydney, ticks_2024(7, 15, 0, 0)));
  auto tokyo = zone_rule("Asia/Tokyo", 2024);
  ASSERT_TRUE(tokyo);
  EXPECT_EQ(tokyo->daylight_date.month, 0);
  EXPECT_EQ(iana_for_key_name(u"Tokyo Standard Time"), "Asia/Tokyo");
  EXPECT_GT(all_key_names().size(), 50u);
}
