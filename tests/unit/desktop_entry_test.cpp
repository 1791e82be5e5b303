// The desktop layer's pure parts: Desktop Entry escapes and Exec quoting, the user's
// mimeapps.list edits, the manifest, and association commands turned into sill's arguments.
#include <gtest/gtest.h>
#include <stdlib.h>
#include <unistd.h>

#include <filesystem>

#include "desktop/association_launch.h"
#include "desktop/desktop_entry.h"
#include "desktop/files.h"
#include "desktop/manifest.h"
#include "desktop/menu_sync.h"
#include "desktop/mime_defaults.h"

namespace sill::desktop {
namespace {

TEST(DesktopEntry, ExecArgumentsAreQuotedPerTheSpec) {
  EXPECT_EQ(quote_exec_argument("/usr/bin/sill"), "/usr/bin/sill");
  EXPECT_EQ(quote_exec_argument("%f"), "%f");
  EXPECT_EQ(quote_exec_argument("a b"), "\"a b\"");
  EXPECT_EQ(quote_exec_argument("50%"), "50%%");
  EXPECT_EQ(quote_exec_argument(""), "\"\"");
  EXPECT_EQ(quote_exec_argument("say \"hi\" $HOME `x` \\"), "\"say \\\"hi\\\" \\$HOME \\`x\\` \\\\\"");
}

TEST(DesktopEntry, ExecValueEscapesBackslashesAgain) {
  DesktopEntry e;
  e.name = "A\tB";
  e.exec = {"sill", "C:\\x y"};
  std::string text = render_desktop_entry(e);
  // Quoting gives "C:\\x y"; the string escape doubles each backslash again: four in the file.
  EXPECT_NE(text.find("Exec=sill \"C:\\\\\\\\x y\"\n"), std::string::npos) << text;
  EXPECT_NE(text.find("Name=A\\tB\n"), std::string::npos) << text;
}

TEST(DesktopEntry, ListValuesEscapeSemicolons) {
  EXPECT_EQ(list_value({"a", "b;c"}), "a;b\\;c;");
}

TEST(DesktopEntry, LnkSuffixTestIsCaseInsensitive) {
  EXPECT_TRUE(has_lnk_suffix("/p/Game.LNK"));
  EXPECT_TRUE(has_lnk_suffix("/p/x.lnk"));
  EXPECT_FALSE(has_lnk_suffix("/p/x.lnkx"));
  EXPECT_FALSE(has_lnk_suffix(".lnk"));
  EXPECT_FALSE(has_lnk_suffix("/p/xlnk"));
}

class TempXdg : public ::testing::Test {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/sill-desktop-unit-XXXXXX";
    dir_ = mkdtemp(tmpl);
    setenv("XDG_CONFIG_HOME", (dir_ + "/config").c_str(), 1);
    setenv("XDG_DATA_HOME", (dir_ + "/data").c_str(), 1);
  }
  void TearDown() override {
    std::filesystem::remove_all(dir_);
    unsetenv("XDG_CONFIG_HOME");
    unsetenv("XDG_DATA_HOME");
  }
  std::string dir_;
};

using MimeDefaults = TempXdg;

TEST_F(MimeDefaults, SetReplaceAndRemoveKeepOtherLines) {
  ASSERT_TRUE(write_file(mimeapps_list_path(),
                         "[Added Associations]\ntext/plain=ed.desktop;\n\n[Default Applications]\n"
                         "text/html=web.desktop;\n\n[Removed Associations]\nimage/png=x.desktop;\n"));
  ASSERT_TRUE(set_user_default("application/x-a", "sill.desktop"));
  EXPECT_EQ(user_default_for("application/x-a"), "sill.desktop");
  EXPECT_EQ(user_default_for("text/html"), "web.desktop");
  EXPECT_EQ(user_default_for("text/plain"), "");  // an added association is not a default
  ASSERT_TRUE(set_user_default("text/html", "other.desktop"));
  EXPECT_EQ(user_default_for("text/html"), "other.desktop");
  ASSERT_TRUE(set_user_default("application/x-a", ""));
  EXPECT_EQ(user_default_for("application/x-a"), "");
  auto text = read_file(mimeapps_list_path());
  ASSERT_TRUE(text);
  EXPECT_NE(text->find("[Removed Associations]\nimage/png=x.desktop;\n"), std::string::npos) << *text;
  EXPECT_NE(text->find("[Added Associations]\ntext/plain=ed.desktop;\n"), std::string::npos) << *text;
}

TEST_F(MimeDefaults, AFileSillAloneWroteGoesWhenEmptied) {
  ASSERT_TRUE(set_user_default("application/x-b", "sill.desktop"));
  EXPECT_TRUE(exists(mimeapps_list_path()));
  ASSERT_TRUE(set_user_default("application/x-b", ""));
  EXPECT_FALSE(exists(mimeapps_list_path()));
}

using ManifestFile = TempXdg;

TEST_F(ManifestFile, RoundTripWithAwkwardPaths) {
  {
    auto m = Manifest::open();
    ASSERT_TRUE(m);
    m->add_file("handler", "/x/with\ttab\\and\nnewline");
    m->add_file("handler", "/x/with\ttab\\and\nnewline");  // recorded once
    m->add_default("menu:p", "application/x-c", "sill.desktop", "old.desktop");
    ASSERT_TRUE(m->save());
  }
  auto m = Manifest::open();
  ASSERT_TRUE(m);
  ASSERT_EQ(m->records().size(), 2u);
  EXPECT_EQ(m->files_of("handler"), std::vector<std::string>{"/x/with\ttab\\and\nnewline"});
  auto d = m->defaults_of("menu:p");
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].c, "old.desktop");
  m->forget_file("/x/with\ttab\\and\nnewline");
  m->forget_default("application/x-c", "sill.desktop");
  ASSERT_TRUE(m->save());
  EXPECT_FALSE(exists(manifest_path()));  // nothing recorded: no file
}

TEST(AssociationCommand, PercentCodesBecomeDocuments) {
  auto c = expand_association_command("\"Z:\\opt\\My App\\app.exe\" /open \"%1\" --size=%2 50%%", {"Z:\\a b.sillx"});
  ASSERT_TRUE(c) << c.error().message;
  EXPECT_EQ(c->program, "/opt/My App/app.exe");
  EXPECT_EQ(c->args, (std::vector<std::string>{"/open", "Z:\\a b.sillx", "--size=", "50%"}));
}

TEST(AssociationCommand, AllDocumentsAndAppendedWhenUnnamed) {
  auto all = expand_association_command("Z:\\opt\\app.exe %*", {"Z:\\a", "Z:\\b"});
  ASSERT_TRUE(all);
  EXPECT_EQ(all->args, (std::vector<std::string>{"Z:\\a", "Z:\\b"}));
  auto appended = expand_association_command("Z:\\opt\\app.exe -x", {"Z:\\a"});
  ASSERT_TRUE(appended);
  EXPECT_EQ(appended->args, (std::vector<std::string>{"-x", "Z:\\a"}));
  EXPECT_FALSE(expand_association_command("", {"Z:\\a"}));
}

}  // namespace
}  // namespace sill::desktop
