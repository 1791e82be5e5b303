// The process locale and code pages from Linux locale names, Windows locale
// names and LCIDs, and GetLocaleInfoEx's data for a few well-known values.
#include <gtest/gtest.h>
#include <unicode/uloc.h>

#include <string>

#include "ntdll/nls_locale.h"
#include "ntdll/nls_locale_data.h"
#include "ntdll/nls_user_locale.h"

using namespace sill::nt::nls;

TEST(NlsUserLocale, PosixNamesBecomeWindowsNames) {
  EXPECT_EQ(windows_locale_name_from_posix("ja_JP.UTF-8"), "ja-JP");
  EXPECT_EQ(windows_locale_name_from_posix("de_DE@euro"), "de-DE");
  EXPECT_EQ(windows_locale_name_from_posix("C"), "en-US");
  EXPECT_EQ(windows_locale_name_from_posix("C.UTF-8"), "en-US");
  EXPECT_EQ(windows_locale_name_from_posix(""), "en-US");
  EXPECT_EQ(windows_locale_name_from_posix("fr"), "fr-FR");
  EXPECT_EQ(windows_locale_name_from_posix("sr_RS@latin"), "sr-Latn-RS");
  EXPECT_EQ(windows_locale_name_from_posix("zh_TW.UTF-8"), "zh-TW");
}

// windows_locale_name_from_posix answers "ll_CC" without ICU: the same answer as
// ICU's likely subtags give, for every locale ICU has in that form.
TEST(NlsUserLocale, LanguageAndCountryNamesAsIcuWouldGiveThem) {
  int checked = 0;
  for (int32_t i = 0; i < uloc_countAvailable(); ++i) {
    std::string id = uloc_getAvailable(i);
    std::size_t underscore = id.find('_');
    if (underscore == std::string::npos || id.size() != underscore + 3) continue;
    std::string language = id.substr(0, underscore), country = id.substr(underscore + 1);
    if (language == "sr" || language == "uz" || language == "az" || language == "bs") continue;
    UErrorCode status = U_ZERO_ERROR;
    char maximized[ULOC_FULLNAME_CAPACITY], icu_language[ULOC_LANG_CAPACITY], icu_country[ULOC_COUNTRY_CAPACITY];
    uloc_addLikelySubtags(id.c_str(), maximized, sizeof maximized, &status);
    uloc_getLanguage(maximized, icu_language, sizeof icu_language, &status);
    uloc_getCountry(maximized, icu_country, sizeof icu_country, &status);
    ASSERT_TRUE(U_SUCCESS(status)) << id;
    EXPECT_EQ(windows_locale_name_from_posix(id + ".UTF-8"), std::string(icu_language) + "-" + icu_country) << id;
    ++checked;
  }
  EXPECT_GT(checked, 100);
  EXPECT_EQ(windows_locale_name_from_posix("sr_RS"), "sr-Cyrl-RS");  // a script: through ICU
}

TEST(NlsUserLocale, CodePagesFollowTheLanguage) {
  auto pages = [](const char* l) {
    CodePages p = default_code_pages(l);
    return std::make_pair(p.ansi, p.oem);
  };
  EXPECT_EQ(pages("en-US"), std::make_pair(1252u, 437u));
  EXPECT_EQ(pages("en-GB"), std::make_pair(1252u, 850u));
  EXPECT_EQ(pages("ja-JP"), std::make_pair(932u, 932u));
  EXPECT_EQ(pages("zh-CN"), std::make_pair(936u, 936u));
  EXPECT_EQ(pages("zh-TW"), std::make_pair(950u, 950u));
  EXPECT_EQ(pages("ko-KR"), std::make_pair(949u, 949u));
  EXPECT_EQ(pages("ru-RU"), std::make_pair(1251u, 866u));
  EXPECT_EQ(pages("pl-PL"), std::make_pair(1250u, 852u));
  EXPECT_EQ(pages("sr-Latn-RS"), std::make_pair(1250u, 852u));
  EXPECT_EQ(pages("el-GR"), std::make_pair(1253u, 737u));
}

TEST(NlsUserLocale, ForcedCodePages) {
  EXPECT_EQ(parse_code_pages("932").ansi, 932u);
  EXPECT_EQ(parse_code_pages("932").oem, 932u);
  EXPECT_EQ(parse_code_pages("1251,866").oem, 866u);
  EXPECT_EQ(parse_code_pages("12345").ansi, 0u);  // not a page Sill knows
  EXPECT_EQ(parse_code_pages("abc").ansi, 0u);
  EXPECT_EQ(parse_code_pages("1252,").ansi, 0u);
}

TEST(NlsLocale, NamesAndLcids) {
  auto l = locale_from_name(std::string_view("en-us"));
  ASSERT_TRUE(l);
  EXPECT_EQ(l->name, "en-US");
  EXPECT_EQ(l->lcid, 0x409u);
  EXPECT_FALSE(locale_from_name(std::string_view("xx-YY")));
  EXPECT_FALSE(locale_from_name(std::string_view("en US")));
  auto invariant = locale_from_name(std::string_view(""));
  ASSERT_TRUE(invariant);
  EXPECT_EQ(invariant->lcid, LOCALE_INVARIANT);
  auto zh = locale_from_lcid(0x804);
  ASSERT_TRUE(zh);
  EXPECT_EQ(zh->name, "zh-CN");
  auto neutral = locale_from_lcid(0x09, false);
  ASSERT_TRUE(neutral);
  EXPECT_EQ(neutral->name, "en");
  EXPECT_EQ(locale_from_lcid(0x09, true)->name, "en-US");
}

TEST(NlsLocaleData, WindowsShapes) {
  auto en = *locale_from_name(std::string_view("en-US"));
  EXPECT_EQ(locale_info(en, lctype::SSHORTDATE), u"M/d/yyyy");
  EXPECT_EQ(locale_info(en, lctype::STIMEFORMAT), u"h:mm:ss tt");
  EXPECT_EQ(locale_info(en, lctype::SDAYNAME1), u"Monday");
  EXPECT_EQ(locale_info(en, lctype::SGROUPING), u"3;0");
  EXPECT_EQ(locale_info(en, lctype::ILANGUAGE), u"0409");
  EXPECT_FALSE(locale_info(en, 0x7777));
  auto ru = *locale_from_name(std::string_view("ru-RU"));
  // Russian months: nominative alone, genitive inside a date.
  EXPECT_EQ(locale_info(ru, lctype::SMONTHNAME1), u"\u044F\u043D\u0432\u0430\u0440\u044C");
  EXPECT_EQ(locale_info(ru, lctype::SMONTHNAME1, true), u"\u044F\u043D\u0432\u0430\u0440\u044F");
}
