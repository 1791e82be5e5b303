// The prefix layout (ntdll/prefix.cpp): what is made, idempotence, concurrent
// creation, XDG folder links, and refusing what cannot be made.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <dirent.h>
#include <fstream>
#include <string>

#include "ntdll/path_mapping.h"
#include "ntdll/prefix.h"

using namespace sill::nt;

namespace {

bool is_dir(const std::string& p) {
  struct stat st;
  return lstat(p.c_str(), &st) == 0 && S_ISDIR(st.st_mode);
}
std::string link_of(const std::string& p) {
  char buf[4096];
  ssize_t n = readlink(p.c_str(), buf, sizeof buf);
  return n < 0 ? std::string() : std::string(buf, static_cast<std::size_t>(n));
}

class NtPrefix : public ::testing::Test {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/sill-prefix-test-XXXXXX";
    root_ = mkdtemp(tmpl);
    home_ = root_ + "/home";
    mkdir(home_.c_str(), 0755);
    mkdir((home_ + "/.config").c_str(), 0755);
    mkdir((home_ + "/Docs").c_str(), 0755);
    std::ofstream(home_ + "/.config/user-dirs.dirs")
        << "# written by xdg-user-dirs-update\n"
        << "XDG_DOCUMENTS_DIR=\"$HOME/Docs\"\n"
        << "XDG_MUSIC_DIR=\"$HOME/NoSuchMusic\"\n"
        << "XDG_DOWNLOAD_DIR=\"$HOME/\"\n"
        << "XDG_PICTURES_DIR=\"" << home_ << "/Docs\"\n";
    save("HOME");
    save("USER");
    save("XDG_CONFIG_HOME");
    save("XDG_DATA_HOME");
    save("SILL_PREFIX");
    setenv("HOME", home_.c_str(), 1);
    setenv("USER", "tester", 1);
    unsetenv("XDG_CONFIG_HOME");
    setenv("XDG_DATA_HOME", (root_ + "/data").c_str(), 1);
    unsetenv("SILL_PREFIX");
  }
  void TearDown() override {
    for (auto& [name, value] : saved_)
      if (value) setenv(name.c_str(), value->c_str(), 1);
      else unsetenv(name.c_str());
    std::string cmd = "rm -rf '" + root_ + "'";
    (void)std::system(cmd.c_str());
  }
  void save(const char* name) {
    const char* v = std::getenv(name);
    saved_.emplace_back(name, v ? std::optional<std::string>(v) : std::nullopt);
  }
  std::string root_, home_;
  std::vector<std::pair<std::string, std::optional<std::string>>> saved_;
};

}  // namespace

TEST_F(NtPrefix, DefaultLocationFollowsXdgDataHome) {
  EXPECT_EQ(prefix_path(), root_ + "/data/sill/default");
  unsetenv("XDG_DATA_HOME");
  EXPECT_EQ(prefix_path(), home_ + "/.local/share/sill/default");
  setenv("SILL_PREFIX", "/somewhere/else", 1);
  EXPECT_EQ(prefix_path(), "/somewhere/else");
}

TEST_F(NtPrefix, CreatesTheLayout) {
  std::string p = prefix_path();
  auto made = ensure_prefix(p);
  ASSERT_TRUE(made.has_value()) << made.error().message;
  EXPECT_GT(made->size(), 20u);
  for (const char* d : {"drive_c/windows/system32", "drive_c/windows/temp", "drive_c/Program Files",
                        "drive_c/Program Files (x86)", "drive_c/ProgramData", "drive_c/users/Public",
                        "drive_c/users/tester/AppData/Roaming", "drive_c/users/tester/AppData/Local",
                        "drive_c/users/tester/AppData/LocalLow", "drive_c/users/tester/Temp",
                        "drive_c/users/tester/Desktop", "drive_c/users/tester/Music",
                        "drive_c/users/tester/Downloads", "drive_c/users/tester/Videos"})
    EXPECT_TRUE(is_dir(p + "/" + d)) << d;
  // XDG folders that exist are linked; missing ones and "$HOME/" give plain folders.
  EXPECT_EQ(link_of(p + "/drive_c/users/tester/Documents"), home_ + "/Docs");
  EXPECT_EQ(link_of(p + "/drive_c/users/tester/Pictures"), home_ + "/Docs");
  EXPECT_EQ(link_of(p + "/dosdevices/c:"), "../drive_c");
  EXPECT_EQ(link_of(p + "/dosdevices/z:"), "/");
  // Nothing left beside the prefix but the prefix.
  DIR* d = opendir((root_ + "/data/sill").c_str());
  ASSERT_NE(d, nullptr);
  int entries = 0;
  while (dirent* e = readdir(d))
    if (std::string(e->d_name) != "." && std::string(e->d_name) != "..") ++entries;
  closedir(d);
  EXPECT_EQ(entries, 1);
  // And the drive maps through it.
  auto unix = dos_path_to_unix(u"C:\\Windows\\System32");
  ASSERT_TRUE(unix.has_value());
  EXPECT_EQ(*unix, p + "/dosdevices/c:/windows/system32");
  EXPECT_EQ(unix_path_to_dos(p + "/drive_c/users/tester"), u"C:\\users\\tester");
}

TEST_F(NtPrefix, SecondRunMakesNothingAndKeepsUserData) {
  std::string p = prefix_path();
  ASSERT_TRUE(ensure_prefix(p).has_value());
  std::ofstream(p + "/drive_c/users/tester/Temp/keep.txt") << "data";
  auto again = ensure_prefix(p);
  ASSERT_TRUE(again.has_value());
  EXPECT_TRUE(again->empty());
  // A removed piece comes back alone; a replaced one stays as the user made it.
  ASSERT_EQ(rmdir((p + "/drive_c/windows/temp").c_str()), 0);
  ASSERT_EQ(unlink((p + "/dosdevices/z:").c_str()), 0);
  ASSERT_EQ(symlink("/tmp", (p + "/dosdevices/z:").c_str()), 0);
  auto third = ensure_prefix(p);
  ASSERT_TRUE(third.has_value());
  ASSERT_EQ(third->size(), 1u);
  EXPECT_EQ((*third)[0].path, "drive_c/windows/temp");
  EXPECT_EQ(link_of(p + "/dosdevices/z:"), "/tmp");
  std::ifstream kept(p + "/drive_c/users/tester/Temp/keep.txt");
  std::string content;
  kept >> content;
  EXPECT_EQ(content, "data");
}

TEST_F(NtPrefix, InitInAnExistingEmptyFolder) {
  std::string p = root_ + "/mine";
  ASSERT_EQ(mkdir(p.c_str(), 0700), 0);
  std::ofstream(p + "/notes.txt") << "x";
  auto made = ensure_prefix(p + "/");
  ASSERT_TRUE(made.has_value()) << made.error().message;
  EXPECT_TRUE(is_dir(p + "/drive_c/users/tester/AppData/Local"));
  struct stat st;
  EXPECT_EQ(stat((p + "/notes.txt").c_str(), &st), 0);
}

TEST_F(NtPrefix, ConcurrentCreatorsAllSeeACompletePrefix) {
  std::string p = root_ + "/race/prefix";
  constexpr int kProcs = 8;
  pid_t pids[kProcs];
  for (int i = 0; i < kProcs; ++i) {
    pids[i] = fork();
    ASSERT_GE(pids[i], 0);
    if (pids[i] == 0) {
      auto r = ensure_prefix(p);
      bool ok = r.has_value() && is_dir(p + "/drive_c/users/tester/Temp") && link_of(p + "/dosdevices/c:") == "../drive_c";
      _exit(ok ? 0 : 1);
    }
  }
  for (pid_t pid : pids) {
    int status = 0;
    ASSERT_EQ(waitpid(pid, &status, 0), pid);
    EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
  }
  // No temporary folders left behind.
  DIR* d = opendir((root_ + "/race").c_str());
  ASSERT_NE(d, nullptr);
  int entries = 0;
  while (dirent* e = readdir(d))
    if (std::string(e->d_name) != "." && std::string(e->d_name) != "..") ++entries;
  closedir(d);
  EXPECT_EQ(entries, 1);
}

TEST_F(NtPrefix, RefusesWhatCannotBeMade) {
  std::string file = root_ + "/plain-file";
  std::ofstream(file) << "x";
  auto r = ensure_prefix(file + "/prefix");
  ASSERT_FALSE(r.has_value());
  EXPECT_NE(r.error().message.find("Not a directory"), std::string::npos) << r.error().message;
  auto r2 = ensure_prefix(file);
  ASSERT_FALSE(r2.has_value());
  struct stat st;
  ASSERT_EQ(stat(file.c_str(), &st), 0);
  EXPECT_TRUE(S_ISREG(st.st_mode));
}

TEST_F(NtPrefix, UserNameIsNeverAPath) {
  setenv("USER", "../../evil", 1);
  EXPECT_EQ(prefix_user_name(), ".._.._evil");
  setenv("USER", "..", 1);
  EXPECT_EQ(prefix_user_name(), "user");
  setenv("USER", "alice", 1);
  EXPECT_EQ(prefix_user_name(), "alice");
}
