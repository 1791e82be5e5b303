#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>

#include "base/unicode.h"
#include "ntdll/path_mapping.h"
#include "ntdll/status.h"

using namespace sill;
using namespace sill::nt;

namespace {
class NtPathMapping : public ::testing::Test {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/sill-path-test-XXXXXX";
    root_ = mkdtemp(tmpl);
    prefix_ = root_ + "/prefix";
    mkdir(prefix_.c_str(), 0755);
    mkdir((prefix_ + "/drive_c").c_str(), 0755);
    mkdir((prefix_ + "/drive_c/Windows").c_str(), 0755);
    mkdir((prefix_ + "/drive_c/Windows/System32").c_str(), 0755);
    std::ofstream(prefix_ + "/drive_c/Windows/System32/Kernel32.dll") << "x";
    setenv("SILL_PREFIX", prefix_.c_str(), 1);
    ASSERT_EQ(set_current_directory(u"C:\\Windows"), STATUS_SUCCESS);
  }
  void TearDown() override {
    std::string cmd = "rm -rf '" + root_ + "'";
    (void)std::system(cmd.c_str());
    unsetenv("SILL_PREFIX");
  }
  std::string unix_of(std::u16string_view p) {
    auto r = dos_path_to_unix(p);
    return r ? *r : "<error " + std::to_string(r.error()) + ">";
  }
  std::u16string full(std::u16string_view p) {
    auto r = full_dos_path(p);
    return r ? *r : u"<error>";
  }
  std::string root_, prefix_;
};
}  // namespace

TEST_F(NtPathMapping, DrivesMapToPrefixAndRoot) {
  EXPECT_EQ(unix_of(u"C:\\Windows"), prefix_ + "/drive_c/Windows");
  EXPECT_EQ(unix_of(u"Z:\\tmp"), "/tmp");
  EXPECT_EQ(unix_of(u"z:/tmp/"), "/tmp/");
  EXPECT_EQ(unix_of(u"Z:\\"), "/");
  EXPECT_FALSE(dos_path_to_unix(u"Q:\\x").has_value());
}

TEST_F(NtPathMapping, CaseInsensitiveLookup) {
  EXPECT_EQ(unix_of(u"c:\\WINDOWS\\system32\\KERNEL32.DLL"), prefix_ + "/drive_c/Windows/System32/Kernel32.dll");
  // A missing last component keeps its spelling (for creation).
  EXPECT_EQ(unix_of(u"C:\\windows\\NewFile.txt"), prefix_ + "/drive_c/Windows/NewFile.txt");
}

TEST_F(NtPathMapping, RelativeAndDotSegments) {
  EXPECT_EQ(full(u"system32\\x.txt"), u"C:\\Windows\\system32\\x.txt");
  EXPECT_EQ(full(u"..\\a\\.\\b\\..\\c"), u"C:\\a\\c");
  EXPECT_EQ(full(u"\\rooted\\x"), u"C:\\rooted\\x");
  EXPECT_EQ(full(u"C:rel"), u"C:\\Windows\\rel");
  EXPECT_EQ(full(u"D:rel"), u"D:\\rel");
  EXPECT_EQ(full(u"C:\\a\\..\\..\\.."), u"C:\\");
  EXPECT_EQ(full(u"C:/mixed/slashes//x"), u"C:\\mixed\\slashes\\x");
  EXPECT_EQ(full(u"c:\\dir\\"), u"C:\\dir\\");
}

TEST_F(NtPathMapping, TrailingDotsAndSpaces) {
  EXPECT_EQ(full(u"C:\\dir\\file.txt. . "), u"C:\\dir\\file.txt");
  EXPECT_EQ(full(u"C:\\dir.\\file"), u"C:\\dir\\file");
}

TEST_F(NtPathMapping, DevicesAndPrefixes) {
  EXPECT_EQ(full(u"nul"), u"\\\\.\\nul");
  EXPECT_EQ(full(u"C:\\some\\dir\\NUL.txt"), u"\\\\.\\NUL");
  EXPECT_EQ(full(u"\\\\?\\C:\\a\\..\\b"), u"\\\\?\\C:\\a\\..\\b");
  EXPECT_EQ(unix_of(u"NUL"), "/dev/null");
  EXPECT_EQ(unix_of(u"\\\\.\\NUL"), "/dev/null");
  EXPECT_EQ(unix_of(u"\\\\?\\Z:\\tmp"), "/tmp");
  EXPECT_EQ(unix_of(u"\\??\\Z:\\tmp"), "/tmp");
  EXPECT_TRUE(is_reserved_device_name(u"com1.log"));
  EXPECT_FALSE(is_reserved_device_name(u"console"));
  EXPECT_FALSE(dos_path_to_unix(u"\\\\server\\share\\x").has_value());
}

TEST_F(NtPathMapping, UnixToDos) {
  EXPECT_EQ(unix_path_to_dos("/usr/bin/ls"), u"Z:\\usr\\bin\\ls");
  EXPECT_EQ(unix_path_to_dos(prefix_ + "/drive_c/Windows/System32"), u"C:\\Windows\\System32");
  EXPECT_EQ(unix_path_to_dos(prefix_ + "/drive_c"), u"C:\\");
  EXPECT_EQ(unix_path_to_dos("/"), u"Z:\\");
}

TEST_F(NtPathMapping, DosdevicesSymlinksWin) {
  mkdir((prefix_ + "/dosdevices").c_str(), 0755);
  ASSERT_EQ(symlink("/tmp", (prefix_ + "/dosdevices/d:").c_str()), 0);
  EXPECT_EQ(unix_of(u"D:\\"), prefix_ + "/dosdevices/d:/");
  EXPECT_EQ(unix_of(u"d:\\x"), prefix_ + "/dosdevices/d:/x");
}

TEST_F(NtPathMapping, CurrentDirectory) {
  EXPECT_EQ(current_directory(), u"C:\\Windows\\");
  EXPECT_EQ(set_current_directory(u"system32"), STATUS_SUCCESS);
  EXPECT_EQ(current_directory(), u"C:\\Windows\\system32\\");
  EXPECT_NE(set_current_directory(u"C:\\does\\not\\exist"), STATUS_SUCCESS);
  EXPECT_EQ(set_current_directory(u"C:\\Windows\\System32\\kernel32.dll"), STATUS_NOT_A_DIRECTORY);
}
