#include <gtest/gtest.h>

#include "ntdll/environment.h"

using namespace sill;
using namespace sill::nt;

namespace {
std::u16string block(std::initializer_list<std::u16string_view> entries) {
  std::u16string b;
  for (auto e : entries) {
    b += e;
    b += u'\0';
  }
  b += u'\0';
  return b;
}
}  // namespace

TEST(NtEnvironment, LookupIsCaseInsensitive) {
  std::u16string b = block({u"=C:=C:\\x", u"Path=C:\\bin", u"TEMP=C:\\t"});
  EXPECT_EQ(env_block_get(b.c_str(), u"PATH"), u"C:\\bin");
  EXPECT_EQ(env_block_get(b.c_str(), u"temp"), u"C:\\t");
  EXPECT_EQ(env_block_get(b.c_str(), u"=C:"), u"C:\\x");
  EXPECT_FALSE(env_block_get(b.c_str(), u"PAT").has_value());
  EXPECT_EQ(env_block_length(b.c_str()), b.size());
}

TEST(NtEnvironment, SetKeepsSortedOrderAndReplaces) {
  std::u16string b = block({u"A=1", u"C=3"});
  std::u16string b2 = env_block_set(b.c_str(), u"b", u"2");
  EXPECT_EQ(b2, block({u"A=1", u"b=2", u"C=3"}));
  std::u16string b3 = env_block_set(b2.c_str(), u"B", u"two");
  EXPECT_EQ(b3, block({u"A=1", u"B=two", u"C=3"}));
  std::u16string b4 = env_block_set(b3.c_str(), u"a", std::nullopt);
  EXPECT_EQ(b4, block({u"B=two", u"C=3"}));
  std::u16string b5 = env_block_set(b4.c_str(), u"Z", u"");
  EXPECT_EQ(env_block_get(b5.c_str(), u"z"), u"");
  std::u16string empty = block({});
  EXPECT_EQ(env_block_set(empty.c_str(), u"X", u"1"), block({u"X=1"}));
  std::u16string gone = env_block_set(block({u"X=1"}).c_str(), u"X", std::nullopt);
  EXPECT_EQ(env_block_length(gone.c_str()), 1u);
}

TEST(NtEnvironment, ProcessEnvironmentAndExpansion) {
  EXPECT_TRUE(env_set(u"SILL_TEST_VAR", u"value"));
  EXPECT_EQ(env_get(u"sill_test_var"), u"value");
  EXPECT_FALSE(env_set(u"BAD=NAME", u"x"));
  EXPECT_FALSE(env_set(u"", u"x"));
  EXPECT_EQ(env_expand(u"a%SILL_TEST_VAR%b%NOPE%c%"), u"avalueb%NOPE%c%");
  EXPECT_TRUE(env_set(u"SILL_TEST_VAR", std::nullopt));
  EXPECT_FALSE(env_get(u"SILL_TEST_VAR").has_value());
}
