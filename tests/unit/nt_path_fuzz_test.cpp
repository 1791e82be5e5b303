// Random and adversarial DOS paths through the path mapper: it must never crash,
// never produce a Unix path with "." or ".." components or a NUL, and a path on
// C: (absolute, rooted or relative to a current directory on C:) must stay under
// the drive's root whatever '..', '\\?\', device names or separators it holds.
#include <gtest/gtest.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include "base/unicode.h"
#include "ntdll/environment.h"
#include "ntdll/path_mapping.h"
#include "ntdll/prefix.h"
#include "ntdll/status.h"

using namespace sill;
using namespace sill::nt;

namespace {

class NtPathFuzz : public ::testing::Test {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/sill-path-fuzz-XXXXXX";
    char* real = realpath(mkdtemp(tmpl), nullptr);  // drive targets compare by real path
    ASSERT_NE(real, nullptr);
    root_ = real;
    std::free(real);
    prefix_ = root_ + "/prefix";
    const char* old = std::getenv("SILL_PREFIX");
    old_prefix_ = old ? std::optional<std::string>(old) : std::nullopt;
    setenv("SILL_PREFIX", prefix_.c_str(), 1);
    auto made = ensure_prefix(prefix_);
    ASSERT_TRUE(made.has_value()) << made.error().message;
    std::ofstream(prefix_ + "/drive_c/windows/system32/Kernel32.dll") << "x";
    ASSERT_EQ(set_current_directory(u"C:\\windows\\system32"), STATUS_SUCCESS);
    c_root_ = *drive_root(u'c');
  }
  void TearDown() override {
    if (old_prefix_) setenv("SILL_PREFIX", old_prefix_->c_str(), 1);
    else unsetenv("SILL_PREFIX");
    std::string cmd = "rm -rf '" + root_ + "'";
    (void)std::system(cmd.c_str());
  }

  static bool on_drive_c(std::u16string_view p) {
    if (p.size() >= 2 && (p[0] == u'C' || p[0] == u'c') && p[1] == u':') return true;
    auto sep = [](char16_t c) { return c == u'\\' || c == u'/'; };
    if (p.empty()) return false;
    if (p.size() >= 2 && ((p[0] >= u'A' && p[0] <= u'Z') || (p[0] >= u'a' && p[0] <= u'z')) && p[1] == u':')
      return false;  // another drive
    if (!sep(p[0])) return true;                   // relative to C:\windows\system32
    if (p.size() >= 2 && sep(p[1])) return false;  // UNC, \\?\ and \\.\ paths
    if (p.size() >= 4 && p[0] == u'\\' && p[1] == u'?' && p[2] == u'?' && p[3] == u'\\') return false;
    return true;  // rooted on the current drive
  }

  void check(std::u16string_view input) {
    std::string shown = utf16_to_utf8(input);
    for (auto& ch : shown)
      if (ch == '\0') ch = '@';
    auto r = dos_path_to_unix(input);
    if (!r) return;
    const std::string& u = *r;
    ASSERT_FALSE(u.empty()) << shown;
    ASSERT_EQ(u[0], '/') << shown << " -> " << u;
    ASSERT_EQ(u.find('\0'), std::string::npos) << shown;
    // No "." or ".." component anywhere.
    std::size_t i = 0;
    while (i <= u.size()) {
      std::size_t j = u.find('/', i);
      if (j == std::string::npos) j = u.size();
      std::string seg = u.substr(i, j - i);
      ASSERT_TRUE(seg != "." && seg != "..") << shown << " -> " << u;
      i = j + 1;
    }
    if (on_drive_c(input) && u != "/dev/null" && u != "/dev/tty") {
      ASSERT_TRUE(u.compare(0, c_root_.size(), c_root_) == 0 && (u.size() == c_root_.size() || u[c_root_.size()] == '/'))
          << shown << " -> " << u << " escapes " << c_root_;
    }
  }

  std::string root_, prefix_, c_root_;
  std::optional<std::string> old_prefix_;
};

}  // namespace

TEST_F(NtPathFuzz, AdversarialPaths) {
  const std::u16string cases[] = {
      u"C:\\..\\..\\etc",        u"C:..\\..\\..\\etc\\passwd", u"..\\..\\..\\..\\..\\etc",
      u"\\..\\..\\etc",          u"/../../etc/passwd",         u"C:/windows/../../../../",
      u"\\\\?\\C:\\..\\..\\etc", u"\\\\?\\C:\\.\\x",           u"\\??\\C:\\..\\etc",
      u"\\\\.\\C:\\..\\..\\etc", u"\\\\?\\UNC\\srv\\share",    u"\\\\srv\\share\\..\\..\\x",
      u"C:\\NUL",                u"C:\\dir\\con.txt",          u"COM1",
      u"C:\\...\\....\\x",       u"C:\\.. \\x",                u"C:\\x\\. .\\..\\..\\..",
      u"C:\\a\0\\..\\..\\etc",   std::u16string(u"C:\\\0", 4), u"C:",
      u"c:",                     u"\\",                        u"/",
      u"\\\\",                   u"\\\\?\\",                   u"\\\\.\\",
      u"\\\\?\\C:",              u"\\\\.\\C:",                 u"C:\\\\\\\\..\\\\..",
      u"C:\\windows\\system32\\..\\..\\..\\..\\..\\..\\..\\etc\\shadow",
  };
  for (const auto& c : cases) check(c);
  // Spot checks: '..' stops at the drive root, and \\?\ refuses it outright.
  EXPECT_EQ(*dos_path_to_unix(u"C:\\..\\..\\etc"), c_root_ + "/etc");
  EXPECT_FALSE(dos_path_to_unix(u"\\\\?\\C:\\..\\..\\etc").has_value());
  EXPECT_EQ(dos_path_to_unix(std::u16string(u"C:\\a\0b", 6)).error(), STATUS_OBJECT_NAME_INVALID);
  EXPECT_EQ(*dos_path_to_unix(u"\\\\.\\C:\\windows"), c_root_ + "/windows");
}

TEST_F(NtPathFuzz, RandomPaths) {
  static const std::u16string tokens[] = {
      u"C:",    u"c:",    u"Z:",   u"Q:",    u"\\",      u"/",      u"\\",     u"/",        u"..",
      u".",     u"...",   u". ",   u".. ",   u"\\\\?\\", u"\\\\.\\", u"\\??\\", u"UNC\\",    u"\\\\server\\share",
      u"NUL",   u"con",   u"COM1", u"lpt9.txt", u"CONIN$", u" ",    u"a",      u"Windows",  u"system32",
      u"KERNEL32.DLL", u"x.y.", u"*", u"?", u":", u"~1", u"\u00e9", u"\u00c9T\u00c9", u"\U0001F600",
      std::u16string(1, char16_t(0xD800)), std::u16string(1, u'\0'), std::u16string(300, u'n'), u"=C:",
  };
  std::mt19937 rng(20261123);
  std::uniform_int_distribution<std::size_t> pick(0, std::size(tokens) - 1), len(0, 12);
  for (int n = 0; n < 5000; ++n) {
    std::u16string p;
    for (std::size_t k = len(rng); k > 0; --k) p += tokens[pick(rng)];
    check(p);
    if (HasFatalFailure()) return;
  }
  // Byte soup: every UTF-16 unit a separator, a dot, a letter or anything at all.
  std::uniform_int_distribution<int> unit(0, 9), any(0, 0xFFFF);
  for (int n = 0; n < 3000; ++n) {
    std::u16string p;
    for (std::size_t k = len(rng) * 3; k > 0; --k) {
      static const char16_t common[] = u"\\/.:C?";
      int u = unit(rng);
      p += u < 6 ? common[u] : static_cast<char16_t>(any(rng));
    }
    check(p);
    if (HasFatalFailure()) return;
  }
}

TEST_F(NtPathFuzz, UnixPathsBackToDos) {
  std::mt19937 rng(7);
  std::uniform_int_distribution<int> ch(0, 255), len(0, 40);
  for (int n = 0; n < 2000; ++n) {
    std::string p = n % 2 ? "/" : "";
    for (int k = len(rng); k > 0; --k) p += static_cast<char>(ch(rng) % 4 == 0 ? '/' : (ch(rng) | 1));
    std::u16string d = unix_path_to_dos(p);
    ASSERT_GE(d.size(), 3u);
    ASSERT_TRUE((d[0] == u'C' || d[0] == u'Z') && d[1] == u':' && d[2] == u'\\');
    ASSERT_EQ(d.find(u'/'), std::u16string::npos);
  }
  EXPECT_EQ(unix_path_to_dos(prefix_ + "/drive_c/windows"), u"C:\\windows");
  EXPECT_EQ(unix_path_to_dos("/tmp/x"), u"Z:\\tmp\\x");
  // Another drive in dosdevices claims the folders under its target; the closest drive wins.
  ASSERT_EQ(mkdir((root_ + "/ddrive").c_str(), 0755), 0);
  ASSERT_EQ(symlink((root_ + "/ddrive").c_str(), (prefix_ + "/dosdevices/d:").c_str()), 0);
  EXPECT_EQ(unix_path_to_dos(root_ + "/ddrive/sub/x.txt"), u"D:\\sub\\x.txt");
  EXPECT_EQ(unix_path_to_dos(root_ + "/ddrive"), u"D:\\");
  EXPECT_EQ(unix_path_to_dos(prefix_ + "/dosdevices/d:/y"), u"D:\\y");
  std::u16string beside = unix_path_to_dos(root_ + "/ddriveX");
  EXPECT_TRUE(beside.starts_with(u"Z:\\tmp\\") && beside.ends_with(u"\\ddriveX"));
}

TEST_F(NtPathFuzz, DriveLinksAreReadAgainWhenDosdevicesChanges) {
  // The drive list is kept while dosdevices is unchanged; make it look settled (old mtime),
  // convert once so it is kept, then add a drive: the folder's new mtime must show it.
  const std::string devices = prefix_ + "/dosdevices";
  struct timespec old_times[2] = {{1000000000, 0}, {1000000000, 0}};
  ASSERT_EQ(utimensat(AT_FDCWD, devices.c_str(), old_times, AT_SYMLINK_NOFOLLOW), 0);
  ASSERT_EQ(mkdir((root_ + "/edrive").c_str(), 0755), 0);
  EXPECT_TRUE(unix_path_to_dos(root_ + "/edrive/x").starts_with(u"Z:\\"));
  EXPECT_TRUE(unix_path_to_dos(root_ + "/edrive/x").starts_with(u"Z:\\"));  // from the kept list
  ASSERT_EQ(symlink((root_ + "/edrive").c_str(), (devices + "/e:").c_str()), 0);
  EXPECT_EQ(unix_path_to_dos(root_ + "/edrive/x"), u"E:\\x");
  // And a drive that goes is forgotten (settled again first, at another old time).
  struct timespec later_times[2] = {{1000000100, 0}, {1000000100, 0}};
  ASSERT_EQ(utimensat(AT_FDCWD, devices.c_str(), later_times, AT_SYMLINK_NOFOLLOW), 0);
  EXPECT_EQ(unix_path_to_dos(root_ + "/edrive/x"), u"E:\\x");
  ASSERT_EQ(unlink((devices + "/e:").c_str()), 0);
  EXPECT_TRUE(unix_path_to_dos(root_ + "/edrive/x").starts_with(u"Z:\\"));
}

TEST_F(NtPathFuzz, PerDriveCurrentDirectory) {
  // "Z:foo" with the current directory on C: uses "=Z:" when it is set, else the root.
  EXPECT_EQ(*full_dos_path(u"Z:foo"), u"Z:\\foo");
  ASSERT_TRUE(env_set(u"=Z:", u"Z:\\tmp\\dir"));
  EXPECT_EQ(*full_dos_path(u"Z:foo\\..\\bar"), u"Z:\\tmp\\dir\\bar");
  EXPECT_EQ(*full_dos_path(u"z:"), u"Z:\\tmp\\dir\\");
  EXPECT_EQ(*dos_path_to_unix(u"Z:x"), "/tmp/dir/x");
  // A value for another drive is not used.
  ASSERT_TRUE(env_set(u"=Z:", u"C:\\windows"));
  EXPECT_EQ(*full_dos_path(u"Z:foo"), u"Z:\\foo");
  ASSERT_TRUE(env_set(u"=Z:", std::nullopt));
  // The current drive's own relative paths still use the current directory.
  EXPECT_EQ(*full_dos_path(u"C:x"), u"C:\\windows\\system32\\x");
}
