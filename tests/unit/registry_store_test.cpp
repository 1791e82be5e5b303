// The registry store (registry/): names, values, order, links, concurrency,
// cache coherence between connections, and damaged files.
#include <gtest/gtest.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>

#include "ntdll/status.h"
#include "registry/case_fold.h"
#include "registry/defaults.h"
#include "registry/generation.h"
#include "registry/store.h"
#include "registry/tree.h"

namespace sill::registry {
namespace {

class RegistryStore : public ::testing::Test {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/sill-registry-test-XXXXXX";
    dir_ = mkdtemp(tmpl);
    path_ = dir_ + "/registry.db";
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::unique_ptr<Store> open() {
    auto s = Store::open(path_);
    EXPECT_TRUE(s.has_value()) << (s ? "" : s.error().message);
    return s ? std::move(*s) : nullptr;
  }
  std::string dir_, path_;
};

TEST(RegistryCaseFold, UpperCasesUnicodeNotJustAscii) {
  EXPECT_EQ(fold_name(u"abcXYZ_1"), u"ABCXYZ_1");
  EXPECT_EQ(fold_name(u"\u00e9t\u00e9"), u"\u00c9T\u00c9");         // é -> É
  EXPECT_EQ(fold_name(u"\u0434\u043e\u043c"), u"\u0414\u041e\u041c");  // дом -> ДОМ
  EXPECT_EQ(fold_name(u"\u00df"), u"\u00df");  // ß has no one-unit upper case: it stays
  EXPECT_EQ(fold_name(u"\xd83d\xde00"), u"\xd83d\xde00");  // surrogates map to themselves
}

TEST_F(RegistryStore, GenerationRecoversFromAWriterThatDied) {
  std::uint64_t before;
  {
    Generation dead;
    ASSERT_TRUE(dead.open(path_ + "-gen"));
    before = dead.load();
    EXPECT_TRUE(Generation::is_stable(before));
    dead.begin_write();  // and never end_write: its lock goes with it
    EXPECT_FALSE(Generation::is_stable(dead.load()));
  }
  Generation next;
  ASSERT_TRUE(next.open(path_ + "-gen"));
  EXPECT_FALSE(Generation::is_stable(next.load()));  // caches stay off meanwhile
  next.begin_write();
  next.end_write();
  std::uint64_t after = next.load();
  EXPECT_TRUE(Generation::is_stable(after));
  EXPECT_NE(after, before);  // whatever was cached before the dead write is invalid
}

TEST_F(RegistryStore, NamesAreCaseInsensitiveAndCasePreserving) {
  auto s = open();
  auto k = create_path(*s, kRootKey, u"MACHINE\\Software\\\u00dcnic\u00f6de");
  ASSERT_TRUE(k);
  auto again = s->open_key(kRootKey, u"machine\\SOFTWARE\\\u00fcNIC\u00d6DE");
  ASSERT_TRUE(again);
  EXPECT_EQ(*again, *k);
  auto info = s->key_info(*k);
  ASSERT_TRUE(info);
  EXPECT_EQ(info->name, u"\u00dcnic\u00f6de");
  auto made = s->create_key(*s->open_key(kRootKey, u"MACHINE\\Software"), u"\u00fcnic\u00f6de", u"", 0);
  ASSERT_TRUE(made);
  EXPECT_FALSE(made->created);
  EXPECT_EQ(s->open_key(kRootKey, u"MACHINE\\nope").error(), nt::STATUS_OBJECT_NAME_NOT_FOUND);
}

TEST_F(RegistryStore, ValuesKeepTypeAndExactBytes) {
  auto s = open();
  auto k = *create_path(*s, kRootKey, u"MACHINE\\V");
  const std::uint8_t odd[5] = {1, 0, 0, 2, 0};
  ASSERT_TRUE(s->set_value(k, u"Odd", REG_BINARY, odd, 5));
  ASSERT_TRUE(s->set_value(k, u"None", REG_NONE, nullptr, 0));
  ASSERT_TRUE(s->set_value(k, u"Custom", 0x12345, "x", 1));
  auto v = s->get_value(k, u"ODD");
  ASSERT_TRUE(v);
  EXPECT_EQ(v->type, REG_BINARY);
  EXPECT_EQ(v->data, std::vector<std::uint8_t>(odd, odd + 5));
  EXPECT_EQ(v->name, u"Odd");
  auto none = s->get_value(k, u"none");
  ASSERT_TRUE(none);
  EXPECT_EQ(none->type, REG_NONE);
  EXPECT_TRUE(none->data.empty());
  EXPECT_EQ(s->get_value(k, u"Custom")->type, 0x12345u);
  EXPECT_EQ(s->get_value(k, u"missing").error(), nt::STATUS_OBJECT_NAME_NOT_FOUND);
  ASSERT_TRUE(s->delete_value(k, u"oDD"));
  EXPECT_EQ(s->delete_value(k, u"Odd").error(), nt::STATUS_OBJECT_NAME_NOT_FOUND);
  auto info = s->key_info(k);
  EXPECT_EQ(info->values, 2u);
  EXPECT_GT(info->last_write, 0);
}

TEST_F(RegistryStore, EnumerationOrderIsWindowsOrder) {
  auto s = open();
  auto k = *create_path(*s, kRootKey, u"MACHINE\\E");
  for (const char16_t* n : {u"b", u"A", u"_x", u"c", u"B2"}) ASSERT_TRUE(s->create_key(k, n, u"", 0));
  std::vector<std::u16string> keys;
  for (std::uint32_t i = 0;; ++i) {
    auto e = s->enum_key(k, i);
    if (!e) {
      EXPECT_EQ(e.error(), nt::STATUS_NO_MORE_ENTRIES);
      break;
    }
    keys.push_back(e->name);
  }
  EXPECT_EQ(keys, (std::vector<std::u16string>{u"A", u"b", u"B2", u"c", u"_x"}));
  for (const char16_t* n : {u"zeta", u"Alpha", u"mid"}) ASSERT_TRUE(s->set_value(k, n, REG_DWORD, "1234", 4));
  ASSERT_TRUE(s->set_value(k, u"ALPHA", REG_SZ, "\0\0", 2));  // a rewrite keeps its place and name
  std::vector<std::u16string> values;
  for (std::uint32_t i = 0;; ++i) {
    auto v = s->enum_value(k, i);
    if (!v) break;
    values.push_back(v->name);
  }
  EXPECT_EQ(values, (std::vector<std::u16string>{u"zeta", u"Alpha", u"mid"}));
}

TEST_F(RegistryStore, DeletionRulesAndDeletedKeys) {
  auto s = open();
  auto parent = *create_path(*s, kRootKey, u"MACHINE\\P\\child");
  auto p = *s->open_key(kRootKey, u"MACHINE\\P");
  EXPECT_EQ(s->delete_key(p).error(), nt::STATUS_CANNOT_DELETE);
  ASSERT_TRUE(s->delete_key(parent));
  EXPECT_EQ(s->set_value(parent, u"x", REG_SZ, "", 0).error(), nt::STATUS_KEY_DELETED);
  EXPECT_EQ(s->get_value(parent, u"x").error(), nt::STATUS_KEY_DELETED);
  ASSERT_TRUE(create_path(*s, kRootKey, u"MACHINE\\P\\a\\b\\c"));
  ASSERT_TRUE(delete_tree(*s, p, true));
  EXPECT_EQ(s->open_key(kRootKey, u"MACHINE\\P").error(), nt::STATUS_OBJECT_NAME_NOT_FOUND);
}

TEST_F(RegistryStore, SymbolicLinksAreFollowed) {
  auto s = open();
  auto target = *create_path(*s, kRootKey, u"MACHINE\\Sets\\One\\Deep");
  auto sets = *s->open_key(kRootKey, u"MACHINE\\Sets");
  auto link = s->create_key(sets, u"Current", u"", kKeySymbolicLink);
  ASSERT_TRUE(link);
  std::u16string to = u"\\REGISTRY\\MACHINE\\Sets\\One";
  ASSERT_TRUE(s->set_value(link->id, u"SymbolicLinkValue", REG_LINK, to.data(), to.size() * 2));
  EXPECT_EQ(*s->open_key(kRootKey, u"MACHINE\\Sets\\Current\\Deep"), target);
  EXPECT_EQ(*s->open_key(kRootKey, u"MACHINE\\Sets\\Current", true), link->id);
}

TEST_F(RegistryStore, CacheFollowsWritesOfAnotherConnection) {
  auto a = open();
  auto b = open();
  auto k = *create_path(*a, kRootKey, u"MACHINE\\Shared");
  ASSERT_TRUE(a->set_value(k, u"v", REG_DWORD, "\1\0\0\0", 4));
  for (int i = 0; i < 3; ++i) ASSERT_EQ(a->get_value(k, u"v")->data[0], 1);  // now cached in a
  EXPECT_EQ(b->get_value(k, u"v").value().data[0], 1);
  ASSERT_TRUE(b->set_value(k, u"v", REG_DWORD, "\2\0\0\0", 4));
  EXPECT_EQ(a->get_value(k, u"v")->data[0], 2);
  ASSERT_TRUE(b->delete_value(k, u"v"));
  EXPECT_EQ(a->get_value(k, u"v").error(), nt::STATUS_OBJECT_NAME_NOT_FOUND);
}

TEST_F(RegistryStore, ConcurrentWritersLoseNothing) {
  { open(); }  // create it first
  constexpr int kProcs = 6, kWrites = 150;
  std::vector<pid_t> kids;
  for (int p = 0; p < kProcs; ++p) {
    pid_t pid = fork();
    if (pid == 0) {
      auto s = Store::open(path_);
      if (!s) _exit(2);
      auto k = create_path(**s, kRootKey, u"MACHINE\\Race");
      if (!k) _exit(3);
      for (int i = 0; i < kWrites; ++i) {
        std::string ascii = "p" + std::to_string(p) + "-" + std::to_string(i);
        std::u16string name(ascii.begin(), ascii.end());
        std::uint32_t v = static_cast<std::uint32_t>(p * 1000 + i);
        if (!(*s)->set_value(*k, name, REG_DWORD, &v, 4)) _exit(4);
      }
      _exit(0);
    }
    kids.push_back(pid);
  }
  for (pid_t pid : kids) {
    int status = 0;
    waitpid(pid, &status, 0);
    EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << "writer exit " << status;
  }
  auto s = open();
  auto k = *s->open_key(kRootKey, u"MACHINE\\Race");
  EXPECT_EQ(s->key_info(k)->values, static_cast<std::uint32_t>(kProcs * kWrites));
  EXPECT_TRUE(s->check().empty());
}

TEST_F(RegistryStore, NewStoreIsPopulatedOnceInItsTransaction) {
  int calls = 0;
  auto fill = [&](Store& s) -> Result<void> {
    ++calls;
    auto k = create_path(s, kRootKey, u"MACHINE\\Filled");
    if (!k) return Unexpected{k.error()};
    return {};
  };
  { ASSERT_TRUE(Store::open(path_, fill)); }
  { ASSERT_TRUE(Store::open(path_, fill)); }
  EXPECT_EQ(calls, 1);
  auto s = open();
  EXPECT_TRUE(s->open_key(kRootKey, u"MACHINE\\Filled"));
}

TEST_F(RegistryStore, OlderPrefixGetsTheBuiltInClassesAndKeepsItsOwnValues) {
  auto s = open();
  ASSERT_TRUE(populate_defaults(*s, DefaultsContext{u"user", u"HOST"}));
  constexpr std::u16string_view kShellLink = u"MACHINE\\Software\\Classes\\CLSID\\{00021401-0000-0000-C000-000000000046}";
  // A prefix from before the class was registered: no class key, no revision value.
  auto clsid = s->open_key(kRootKey, kShellLink);
  ASSERT_TRUE(clsid);
  auto server = s->open_key(*clsid, u"InprocServer32");
  ASSERT_TRUE(server);
  ASSERT_TRUE(s->delete_key(*server));
  ASSERT_TRUE(s->delete_key(*clsid));
  auto sill = s->open_key(kRootKey, u"MACHINE\\Software\\Sill");
  ASSERT_TRUE(sill);
  ASSERT_TRUE(s->delete_value(*sill, u"BuiltinDefaultsRevision"));
  auto mine = create_path(*s, kRootKey, u"MACHINE\\Software\\Mine");
  ASSERT_TRUE(mine);
  const std::uint32_t kept = 7;
  ASSERT_TRUE(s->set_value(*mine, u"Kept", REG_DWORD, &kept, 4));

  ASSERT_TRUE(update_builtin_defaults(*s));
  auto restored = s->open_key(kRootKey, std::u16string(kShellLink) + u"\\InprocServer32");
  ASSERT_TRUE(restored);
  auto dll = s->get_value(*restored, u"");
  ASSERT_TRUE(dll);
  std::u16string text(reinterpret_cast<const char16_t*>(dll->data.data()), dll->data.size() / 2);
  EXPECT_EQ(text, std::u16string(u"C:\\windows\\system32\\shell32.dll") + u'\0');
  auto value = s->get_value(*mine, u"Kept");
  ASSERT_TRUE(value);
  EXPECT_EQ(value->data.size(), 4u);
  EXPECT_EQ(std::memcmp(value->data.data(), &kept, 4), 0);

  // Once current, nothing is written again: a program's change to the class stays.
  ASSERT_TRUE(s->set_value(*restored, u"ThreadingModel", REG_SZ, u"Apartment", 20));
  ASSERT_TRUE(update_builtin_defaults(*s));
  auto model = s->get_value(*restored, u"ThreadingModel");
  ASSERT_TRUE(model);
  EXPECT_EQ(std::u16string(reinterpret_cast<const char16_t*>(model->data.data()), 9), u"Apartment");
}

TEST_F(RegistryStore, DamagedFileIsAClearErrorAndIsKept) {
  {
    std::ofstream f(path_, std::ios::binary);
    f << std::string(4096, 'g');
  }
  auto s = Store::open(path_);
  ASSERT_FALSE(s);
  EXPECT_NE(s.error().message.find(path_), std::string::npos) << s.error().message;
  EXPECT_NE(s.error().message.find("will not replace"), std::string::npos) << s.error().message;
  EXPECT_EQ(std::filesystem::file_size(path_), 4096u);  // never started over
}

TEST_F(RegistryStore, ForeignDatabaseIsRefused) {
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path_.c_str(), &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db, "CREATE TABLE other(x)", nullptr, nullptr, nullptr), SQLITE_OK);
  sqlite3_close(db);
  auto s = Store::open(path_);
  ASSERT_FALSE(s);
  EXPECT_NE(s.error().message.find("not a Sill registry store"), std::string::npos) << s.error().message;
}

}  // namespace
}  // namespace sill::registry
