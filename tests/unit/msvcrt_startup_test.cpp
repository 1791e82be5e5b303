// Command-line splitting with the C runtime's rules, text-mode translation, and a few
// runtime helpers whose results Windows programs depend on.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "win32/msvcrt/command_line.h"
#include "win32/msvcrt/msvcrt_api.h"
#include "win32/msvcrt/text_mode.h"

namespace m = sill::msvcrt;

namespace {

std::vector<std::string> split(const char* s) { return m::split_command_line<char>(s); }

TEST(MsvcrtCommandLine, ProgramNameIsSpecial) {
  EXPECT_EQ(split(R"("C:\Program Files\a.exe" x)"), (std::vector<std::string>{R"(C:\Program Files\a.exe)", "x"}));
  // Backslashes before a quote are not escapes in the program name; text after the
  // closing quote still belongs to it.
  EXPECT_EQ(split(R"("C:\dir\"a b)"), (std::vector<std::string>{R"(C:\dir\a)", "b"}));
  EXPECT_EQ(split("prog"), (std::vector<std::string>{"prog"}));
  EXPECT_EQ(split("prog\targ"), (std::vector<std::string>{"prog", "arg"}));
}

TEST(MsvcrtCommandLine, MicrosoftExamples) {
  // The table of Microsoft's "Parsing C command-line arguments".
  EXPECT_EQ(split(R"(p "a b c" d e)"), (std::vector<std::string>{"p", "a b c", "d", "e"}));
  EXPECT_EQ(split(R"(p "ab\"c" "\\" d)"), (std::vector<std::string>{"p", R"(ab"c)", R"(\)", "d"}));
  EXPECT_EQ(split(R"(p a\\\b d"e f"g h)"), (std::vector<std::string>{"p", R"(a\\\b)", "de fg", "h"}));
  EXPECT_EQ(split(R"(p a\\\"b c d)"), (std::vector<std::string>{"p", R"(a\"b)", "c", "d"}));
  EXPECT_EQ(split(R"(p a\\\\"b c" d e)"), (std::vector<std::string>{"p", R"(a\\b c)", "d", "e"}));
  EXPECT_EQ(split(R"(p a"b"" c d)"), (std::vector<std::string>{"p", R"(ab")", "c", "d"}));
}

TEST(MsvcrtCommandLine, EmptyArgumentsAndBlanks) {
  EXPECT_EQ(split(R"(p "" "")"), (std::vector<std::string>{"p", "", ""}));
  EXPECT_EQ(split("p   a  "), (std::vector<std::string>{"p", "a"}));
  EXPECT_EQ(split(R"(p "unterminated arg)"), (std::vector<std::string>{"p", "unterminated arg"}));
  EXPECT_EQ(m::split_command_line<char16_t>(u"p \"x y\" z"), (std::vector<std::u16string>{u"p", u"x y", u"z"}));
}

TEST(MsvcrtTextMode, WritesCrLf) {
  const char src[] = "a\nb\n\nc";
  char dst[64];
  std::size_t used = 0;
  std::size_t n = m::text_mode::encode(src, sizeof src - 1, &used, dst, sizeof dst);
  EXPECT_EQ(std::string(dst, n), "a\r\nb\r\n\r\nc");
  EXPECT_EQ(used, sizeof src - 1);
  // A small buffer never splits "\r\n".
  used = 0;
  std::string out;
  while (used < sizeof src - 1) {
    char tiny[3];
    std::size_t k = m::text_mode::encode(src, sizeof src - 1, &used, tiny, sizeof tiny);
    ASSERT_GT(k, 0u);
    out.append(tiny, k);
  }
  EXPECT_EQ(out, "a\r\nb\r\n\r\nc");
}

TEST(MsvcrtTextMode, ReadsLf) {
  char buf[] = "a\r\nb\rc\r\n\r\n";
  auto d = m::text_mode::decode(buf, sizeof buf - 1);
  EXPECT_EQ(std::string(buf, d.length), "a\nb\rc\n\n");
  EXPECT_FALSE(d.ctrl_z);
  EXPECT_FALSE(d.trailing_cr);

  char cr[] = "x\r";
  d = m::text_mode::decode(cr, 2);
  EXPECT_EQ(d.length, 1u);
  EXPECT_TRUE(d.trailing_cr);

  char z[] = "ab\x1a" "cd";
  d = m::text_mode::decode(z, 5);
  EXPECT_EQ(std::string(z, d.length), "ab");
  EXPECT_TRUE(d.ctrl_z);
  EXPECT_EQ(d.rest, 3u);
}

TEST(MsvcrtRuntime, RandIsMicrosoftsGenerator) {
  m::srand(1);
  EXPECT_EQ(m::rand(), 41);
  EXPECT_EQ(m::rand(), 18467);
  EXPECT_EQ(m::rand(), 6334);
}

TEST(MsvcrtRuntime, ErrnoAndMessages) {
  EXPECT_STREQ(m::strerror(2), "No such file or directory");
  EXPECT_STREQ(m::strerror(12), "Not enough space");
  EXPECT_STREQ(m::strerror(99), "Unknown error");
  *m::_errno() = 0;
  EXPECT_EQ(m::strtol("99999999999", nullptr, 10), 0x7FFFFFFF);
  EXPECT_EQ(*m::_errno(), 34);
}

TEST(MsvcrtRuntime, Conversions) {
  char* end = nullptr;
  EXPECT_EQ(m::strtol("  -0x1Fz", &end, 0), -31);
  EXPECT_EQ(*end, 'z');
  EXPECT_EQ(m::strtoul("-1", nullptr, 10), 0xFFFFFFFFu);
  EXPECT_EQ(m::_strtoi64("-9223372036854775808", nullptr, 10), INT64_MIN);
  EXPECT_DOUBLE_EQ(m::strtod("1.5e3x", &end), 1500.0);
  EXPECT_EQ(*end, 'x');
  char buf[40];
  EXPECT_STREQ(m::_itoa(-255, buf, 16), "ffffff01");
  EXPECT_STREQ(m::_itoa(-255, buf, 10), "-255");
  EXPECT_STREQ(m::_i64toa(-1, buf, 2), "1111111111111111111111111111111111111111111111111111111111111111");
  EXPECT_EQ(m::_stricmp("Hello", "hELLO"), 0);
  EXPECT_LT(m::_stricmp("a", "B"), 0);
}

TEST(MsvcrtRuntime, CtypeTable) {
  EXPECT_EQ(m::pctype['A'], 0x181);
  EXPECT_EQ(m::pctype['z'], 0x102);
  EXPECT_EQ(m::pctype[' '], 0x48);
  EXPECT_EQ(m::pctype['5'], 0x84);
  EXPECT_EQ(m::pctype[-1], 0);
  EXPECT_TRUE(m::iswalpha(0xE9));
  EXPECT_TRUE(m::iswalpha(0x416));  // Cyrillic
  EXPECT_FALSE(m::iswalpha(u'1'));
}

TEST(MsvcrtRuntime, HeapReportsRequestedSizes) {
  void* p = m::malloc(4000);
  ASSERT_NE(p, nullptr);
  EXPECT_EQ(m::_msize(p), 4000u);
  EXPECT_EQ(reinterpret_cast<std::uintptr_t>(p) % 16, 0u);
  p = m::realloc(p, 10);
  EXPECT_EQ(m::_msize(p), 10u);
  m::free(p);
  auto* z = static_cast<unsigned char*>(m::calloc(3, 5));
  EXPECT_EQ(m::_msize(z), 15u);
  EXPECT_EQ(z[14], 0);
  m::free(z);
  char* d = m::_strdup("copy");
  EXPECT_EQ(m::_msize(d), 5u);
  m::free(d);
  void* a = m::_aligned_malloc(100, 64);
  EXPECT_EQ(reinterpret_cast<std::uintptr_t>(a) % 64, 0u);
  m::_aligned_free(a);
}

int WINAPI compare_ints(const void* a, const void* b) {
  return *static_cast<const int*>(a) - *static_cast<const int*>(b);
}

TEST(MsvcrtRuntime, QsortCallsMsAbiComparators) {
  int v[] = {5, 3, 9, 1, 7};
  m::qsort(v, 5, sizeof(int), compare_ints);
  EXPECT_EQ(v[0], 1);
  EXPECT_EQ(v[4], 9);
  int key = 7;
  EXPECT_EQ(m::bsearch(&key, v, 5, sizeof(int), compare_ints), &v[3]);
}

}  // namespace
