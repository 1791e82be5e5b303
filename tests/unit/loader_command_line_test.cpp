// Windows command lines built from Unix arguments must parse back exactly
// (Microsoft's documented rules for argv parsing). The parser here is the
// documented algorithm, written for the test, so the two can disagree.
#include <gtest/gtest.h>

#include "loader/command_line.h"

namespace {

using sill::loader::build_windows_command_line;
using sill::loader::quote_windows_argument;

// Parses arguments after the program name per "Parsing C command-line arguments" (Microsoft Learn).
std::vector<std::u16string> parse_arguments(std::u16string_view s) {
  std::vector<std::u16string> out;
  std::size_t i = 0;
  while (true) {
    while (i < s.size() && (s[i] == u' ' || s[i] == u'\t')) ++i;
    if (i >= s.size()) break;
    std::u16string arg;
    bool in_quotes = false;
    while (i < s.size() && (in_quotes || (s[i] != u' ' && s[i] != u'\t'))) {
      std::size_t backslashes = 0;
      while (i < s.size() && s[i] == u'\\') ++backslashes, ++i;
      if (i < s.size() && s[i] == u'"') {
        arg.append(backslashes / 2, u'\\');
        if (backslashes % 2) {
          arg += u'"';
          ++i;
        } else if (in_quotes && i + 1 < s.size() && s[i + 1] == u'"') {
          arg += u'"';  // "" inside quotes is a literal quote
          i += 2;
        } else {
          in_quotes = !in_quotes;
          ++i;
        }
      } else {
        arg.append(backslashes, u'\\');
        if (i < s.size() && (in_quotes || (s[i] != u' ' && s[i] != u'\t'))) arg += s[i++];
      }
    }
    out.push_back(arg);
  }
  return out;
}

TEST(CommandLine, PlainArgumentsAreNotQuoted) {
  EXPECT_EQ(quote_windows_argument(u"hello"), u"hello");
  EXPECT_EQ(quote_windows_argument(u"C:\\dir\\file.txt"), u"C:\\dir\\file.txt");
}

TEST(CommandLine, SpacesQuotesAndEmptyArgumentsAreQuoted) {
  EXPECT_EQ(quote_windows_argument(u""), u"\"\"");
  EXPECT_EQ(quote_windows_argument(u"a b"), u"\"a b\"");
  EXPECT_EQ(quote_windows_argument(u"say \"hi\""), u"\"say \\\"hi\\\"\"");
  EXPECT_EQ(quote_windows_argument(u"C:\\a dir\\"), u"\"C:\\a dir\\\\\"");
  EXPECT_EQ(quote_windows_argument(u"a\\\"b"), u"\"a\\\\\\\"b\"");
}

TEST(CommandLine, RoundTripsThroughTheCrtRules) {
  std::vector<std::u16string> args = {u"",        u"a b",      u"\"",        u"\\",       u"\\\\\"",
                                      u"x\\\\ y\\", u"tab\there", u"\"quoted\"", u"ends\\\\", u"ünïcødé €"};
  std::u16string line = build_windows_command_line(u"Z:\\tmp\\my prog.exe", args);
  ASSERT_TRUE(line.starts_with(u"\"Z:\\tmp\\my prog.exe\" "));
  std::u16string_view rest(line);
  rest.remove_prefix(std::u16string_view(u"\"Z:\\tmp\\my prog.exe\"").size());
  EXPECT_EQ(parse_arguments(rest), args);
}

TEST(CommandLine, ProgramWithoutSpacesIsNotQuoted) {
  EXPECT_EQ(build_windows_command_line(u"Z:\\bin\\a.exe", {u"x"}), u"Z:\\bin\\a.exe x");
}

}  // namespace
