// desktop/shell_link: the worked example of [MS-SHLLINK] section 3.1, round trips, and
// malformed input (every truncation and byte corruption of real links is an error or a link,
// never a crash).
#include "desktop/shell_link.h"

#include <gtest/gtest.h>

#include <cstring>

namespace sill::desktop {
namespace {

// [MS-SHLLINK] 3.1 "Shortcut to a File": a link to C:\test\a.txt, transcribed from the spec.
const std::vector<std::uint8_t> kSpecExample = {
    0x4C, 0x00, 0x00, 0x00, 0x01, 0x14, 0x02, 0x00, 0x00, 0x00, 0x00, 0x00, 0xC0, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x46, 0x9B, 0x00, 0x08, 0x00, 0x20, 0x00, 0x00, 0x00, 0xD0, 0xE9, 0xEE, 0xF2,
    0x15, 0x15, 0xC9, 0x01, 0xD0, 0xE9, 0xEE, 0xF2, 0x15, 0x15, 0xC9, 0x01, 0xD0, 0xE9, 0xEE, 0xF2,
    0x15, 0x15, 0xC9, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0xBD, 0x00, 0x14, 0x00,
    0x1F, 0x50, 0xE0, 0x4F, 0xD0, 0x20, 0xEA, 0x3A, 0x69, 0x10, 0xA2, 0xD8, 0x08, 0x00, 0x2B, 0x30,
    0x30, 0x9D, 0x19, 0x00, 0x2F, 0x43, 0x3A, 0x5C, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x46, 0x00, 0x31, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x2C, 0x39, 0x69, 0xA3, 0x10, 0x00, 0x74, 0x65, 0x73, 0x74, 0x00, 0x00, 0x32,
    0x00, 0x07, 0x00, 0x04, 0x00, 0xEF, 0xBE, 0x2C, 0x39, 0x65, 0xA3, 0x2C, 0x39, 0x69, 0xA3, 0x26,
    0x00, 0x00, 0x00, 0x03, 0x1E, 0x00, 0x00, 0x00, 0x00, 0xF5, 0x1E, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x74, 0x00, 0x65, 0x00, 0x73, 0x00, 0x74, 0x00, 0x00, 0x00, 0x14,
    0x00, 0x48, 0x00, 0x32, 0x00, 0x00, 0x00, 0x00, 0x00, 0x2C, 0x39, 0x69, 0xA3, 0x20, 0x00, 0x61,
    0x2E, 0x74, 0x78, 0x74, 0x00, 0x34, 0x00, 0x07, 0x00, 0x04, 0x00, 0xEF, 0xBE, 0x2C, 0x39, 0x69,
    0xA3, 0x2C, 0x39, 0x69, 0xA3, 0x26, 0x00, 0x00, 0x00, 0x2D, 0x6E, 0x00, 0x00, 0x00, 0x00, 0x96,
    0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x61, 0x00, 0x2E, 0x00, 0x74,
    0x00, 0x78, 0x00, 0x74, 0x00, 0x00, 0x00, 0x14, 0x00, 0x00, 0x00, 0x3C, 0x00, 0x00, 0x00, 0x1C,
    0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x1C, 0x00, 0x00, 0x00, 0x2D, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x3B, 0x00, 0x00, 0x00, 0x11, 0x00, 0x00, 0x00, 0x03, 0x00, 0x00, 0x00, 0x81,
    0x8A, 0x7A, 0x30, 0x10, 0x00, 0x00, 0x00, 0x00, 0x43, 0x3A, 0x5C, 0x74, 0x65, 0x73, 0x74, 0x5C,
    0x61, 0x2E, 0x74, 0x78, 0x74, 0x00, 0x00, 0x07, 0x00, 0x2E, 0x00, 0x5C, 0x00, 0x61, 0x00, 0x2E,
    0x00, 0x74, 0x00, 0x78, 0x00, 0x74, 0x00, 0x07, 0x00, 0x43, 0x00, 0x3A, 0x00, 0x5C, 0x00, 0x74,
    0x00, 0x65, 0x00, 0x73, 0x00, 0x74, 0x00, 0x60, 0x00, 0x00, 0x00, 0x03, 0x00, 0x00, 0xA0, 0x58,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x63, 0x68, 0x72, 0x69, 0x73, 0x2D, 0x78, 0x70, 0x73,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x40, 0x78, 0xC7, 0x94, 0x47, 0xFA, 0xC7, 0x46, 0xB3,
    0x56, 0x5C, 0x2D, 0xC6, 0xB6, 0xD1, 0x15, 0xEC, 0x46, 0xCD, 0x7B, 0x22, 0x7F, 0xDD, 0x11, 0x94,
    0x99, 0x00, 0x13, 0x72, 0x16, 0x87, 0x4A, 0x40, 0x78, 0xC7, 0x94, 0x47, 0xFA, 0xC7, 0x46, 0xB3,
    0x56, 0x5C, 0x2D, 0xC6, 0xB6, 0xD1, 0x15, 0xEC, 0x46, 0xCD, 0x7B, 0x22, 0x7F, 0xDD, 0x11, 0x94,
    0x99, 0x00, 0x13, 0x72, 0x16, 0x87, 0x4A, 0x00, 0x00, 0x00, 0x00,
};

ShellLink full_link() {
  ShellLink link;
  link.target_path = "C:\\Program Files\\Gäme\\game.exe";
  link.arguments = "-windowed --name \"x y\"";
  link.working_dir = "C:\\Program Files\\Gäme";
  link.description = "A game ✓";
  link.icon_location = "C:\\Program Files\\Gäme\\icon.ico";
  link.relative_path = "..\\Gäme\\game.exe";
  link.icon_index = -3;
  link.show_command = 7;
  link.hotkey = 0x0641;
  link.file_attributes = 0x20;
  link.creation_time = 0x01D0000000000001;
  link.access_time = 0x01D0000000000002;
  link.write_time = 0x01D0000000000003;
  link.file_size = 123456;
  link.env_target_path = "%ProgramFiles%\\Gäme\\game.exe";
  link.env_icon_location = "%ProgramFiles%\\Gäme\\icon.ico";
  link.known_folder = KnownFolderLocation{{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16}, 0x2D};
  link.special_folder = SpecialFolderLocation{0x26, 0x2D};
  link.volume = {3, 0xCAFEF00D, "Dïsk"};
  link.other_flags = 0x2000;  // RunAsUser
  link.other_blocks.push_back({0xA0000099, {12, 0, 0, 0, 0x99, 0, 0, 0xA0, 1, 2, 3, 4}});
  return link;
}

void expect_same(const ShellLink& a, const ShellLink& b) {
  EXPECT_EQ(a.target_path, b.target_path);
  EXPECT_EQ(a.arguments, b.arguments);
  EXPECT_EQ(a.working_dir, b.working_dir);
  EXPECT_EQ(a.description, b.description);
  EXPECT_EQ(a.icon_location, b.icon_location);
  EXPECT_EQ(a.relative_path, b.relative_path);
  EXPECT_EQ(a.icon_index, b.icon_index);
  EXPECT_EQ(a.show_command, b.show_command);
  EXPECT_EQ(a.hotkey, b.hotkey);
  EXPECT_EQ(a.file_attributes, b.file_attributes);
  EXPECT_EQ(a.creation_time, b.creation_time);
  EXPECT_EQ(a.access_time, b.access_time);
  EXPECT_EQ(a.write_time, b.write_time);
  EXPECT_EQ(a.file_size, b.file_size);
  EXPECT_EQ(a.env_target_path, b.env_target_path);
  EXPECT_EQ(a.env_icon_location, b.env_icon_location);
  ASSERT_EQ(a.known_folder.has_value(), b.known_folder.has_value());
  if (a.known_folder) {
    EXPECT_EQ(a.known_folder->folder_id, b.known_folder->folder_id);
    EXPECT_EQ(a.known_folder->offset, b.known_folder->offset);
  }
  ASSERT_EQ(a.special_folder.has_value(), b.special_folder.has_value());
  if (a.special_folder) {
    EXPECT_EQ(a.special_folder->csidl, b.special_folder->csidl);
    EXPECT_EQ(a.special_folder->offset, b.special_folder->offset);
  }
  EXPECT_EQ(a.other_flags, b.other_flags);
  ASSERT_EQ(a.other_blocks.size(), b.other_blocks.size());
  for (std::size_t i = 0; i < a.other_blocks.size(); ++i) {
    EXPECT_EQ(a.other_blocks[i].signature, b.other_blocks[i].signature);
    EXPECT_EQ(a.other_blocks[i].bytes, b.other_blocks[i].bytes);
  }
}

std::uint32_t u32_at(const std::vector<std::uint8_t>& b, std::size_t at) {
  std::uint32_t v = 0;
  std::memcpy(&v, b.data() + at, 4);
  return v;
}

TEST(ShellLink, ParsesTheSpecExample) {
  auto link = parse_shell_link(kSpecExample);
  ASSERT_TRUE(link) << link.error().message;
  EXPECT_EQ(link->target_path, "C:\\test\\a.txt");
  EXPECT_EQ(link->relative_path, ".\\a.txt");
  EXPECT_EQ(link->working_dir, "C:\\test");
  EXPECT_EQ(link->description, "");
  EXPECT_EQ(link->arguments, "");
  EXPECT_EQ(link->file_attributes, 0x20u);  // FILE_ATTRIBUTE_ARCHIVE
  EXPECT_EQ(link->creation_time, 0x01C91515F2EEE9D0u);
  EXPECT_EQ(link->write_time, 0x01C91515F2EEE9D0u);
  EXPECT_EQ(link->show_command, 1);
  EXPECT_EQ(link->hotkey, 0);
  EXPECT_EQ(link->volume.drive_type, 3u);
  EXPECT_EQ(link->volume.serial, 0x307A8A81u);
  EXPECT_EQ(link->volume.label, "");
  EXPECT_EQ(link->other_flags, 0x00080000u);  // EnableTargetMetadata
  EXPECT_EQ(link->id_list.size(), 0xBDu);
  ASSERT_EQ(link->other_blocks.size(), 1u);
  EXPECT_EQ(link->other_blocks[0].signature, 0xA0000003u);  // TrackerDataBlock
  EXPECT_EQ(link->other_blocks[0].bytes.size(), 0x60u);

  auto from_id_list = path_from_id_list(link->id_list);
  ASSERT_TRUE(from_id_list) << from_id_list.error().message;
  EXPECT_EQ(*from_id_list, "C:\\test\\a.txt");
}

TEST(ShellLink, RewritesTheSpecExampleByteForByte) {
  auto link = parse_shell_link(kSpecExample);
  ASSERT_TRUE(link) << link.error().message;
  EXPECT_EQ(write_shell_link(*link), kSpecExample);
}

TEST(ShellLink, RoundTripsEveryField) {
  ShellLink link = full_link();
  std::vector<std::uint8_t> bytes = write_shell_link(link);
  EXPECT_EQ(u32_at(bytes, 0), 0x4Cu);
  std::uint32_t flags = u32_at(bytes, 0x14);
  EXPECT_EQ(flags & 0x7FFF, 0x1u | 0x2 | 0x4 | 0x8 | 0x10 | 0x20 | 0x40 | 0x80 | 0x200 | 0x2000 | 0x4000);
  auto back = parse_shell_link(bytes);
  ASSERT_TRUE(back) << back.error().message;
  expect_same(link, *back);
  EXPECT_EQ(back->volume.serial, 0xCAFEF00Du);
  EXPECT_EQ(back->volume.label, "Dïsk");
  // Written again, the parsed link is the same bytes (its IDList is kept).
  EXPECT_EQ(write_shell_link(*back), bytes);
}

TEST(ShellLink, RoundTripsANetworkTarget) {
  ShellLink link;
  link.target_path = "\\\\server\\share\\dir\\tool.exe";
  auto back = parse_shell_link(write_shell_link(link));
  ASSERT_TRUE(back) << back.error().message;
  EXPECT_EQ(back->target_path, link.target_path);
  EXPECT_TRUE(back->id_list.empty());

  link.target_path = "\\\\sérver\\share\\dïr";
  back = parse_shell_link(write_shell_link(link));
  ASSERT_TRUE(back) << back.error().message;
  EXPECT_EQ(back->target_path, link.target_path);
}

TEST(ShellLink, TargetFromTheEnvironmentBlockAlone) {
  ShellLink link;
  link.env_target_path = "%windir%\\notepad.exe";
  auto back = parse_shell_link(write_shell_link(link));
  ASSERT_TRUE(back) << back.error().message;
  EXPECT_EQ(back->target_path, "%windir%\\notepad.exe");
}

TEST(ShellLink, ChangedTargetGetsANewIdList) {
  auto link = parse_shell_link(kSpecExample);
  ASSERT_TRUE(link);
  link->target_path = "D:\\other\\b.exe";
  auto back = parse_shell_link(write_shell_link(*link));
  ASSERT_TRUE(back) << back.error().message;
  EXPECT_EQ(back->target_path, "D:\\other\\b.exe");
  auto from_id_list = path_from_id_list(back->id_list);
  ASSERT_TRUE(from_id_list) << from_id_list.error().message;
  EXPECT_EQ(*from_id_list, "D:\\other\\b.exe");
}

TEST(ShellLink, AnsiStringsUseTheGivenCodePage) {
  // A header with HasName only (no IsUnicode), then a counted 1252 string "café" and no blocks.
  std::vector<std::uint8_t> bytes(kSpecExample.begin(), kSpecExample.begin() + 0x4C);
  std::uint32_t flags = 0x4;
  std::memcpy(bytes.data() + 0x14, &flags, 4);
  for (int b : {0x04, 0x00, 0x63, 0x61, 0x66, 0xE9, 0, 0, 0, 0}) bytes.push_back(static_cast<std::uint8_t>(b));
  auto link = parse_shell_link(bytes, 1252);
  ASSERT_TRUE(link) << link.error().message;
  EXPECT_EQ(link->description, "café");
  link = parse_shell_link(bytes, 1251);
  ASSERT_TRUE(link) << link.error().message;
  EXPECT_EQ(link->description, "cafй");
}

TEST(ShellLink, IdListsOfPaths) {
  for (std::string path : {"C:\\", "C:\\a", "Z:\\dïr\\sub dir\\fïle.txt", "C:\\x\\y\\"}) {
    auto id_list = id_list_for_path(path, 0x20);
    auto back = path_from_id_list(id_list);
    ASSERT_TRUE(back) << path << ": " << back.error().message;
    if (path.size() > 3 && path.back() == '\\') path.pop_back();
    EXPECT_EQ(*back, path);
  }
  EXPECT_TRUE(id_list_for_path("relative\\path", 0).empty());
  EXPECT_TRUE(id_list_for_path("\\\\server\\share", 0).empty());
  EXPECT_FALSE(path_from_id_list(std::vector<std::uint8_t>{0, 0}));
  EXPECT_FALSE(path_from_id_list(std::vector<std::uint8_t>{5, 0, 0x1F}));
}

TEST(ShellLink, RejectsWhatIsNotALink) {
  EXPECT_FALSE(parse_shell_link(std::vector<std::uint8_t>{}));
  std::vector<std::uint8_t> bytes = kSpecExample;
  bytes[0] = 0x4D;
  auto r = parse_shell_link(bytes);
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("header size"), std::string::npos);
  bytes = kSpecExample;
  bytes[4] = 0x02;
  r = parse_shell_link(bytes);
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("class identifier"), std::string::npos);
}

// Every truncation is an error until the StringData is complete; none crashes.
TEST(ShellLink, TruncationsAreErrors) {
  for (const auto& whole : {kSpecExample, write_shell_link(full_link())}) {
    auto parsed = parse_shell_link(whole);
    ASSERT_TRUE(parsed);
    for (std::size_t n = 0; n < whole.size(); ++n) {
      std::vector<std::uint8_t> part(whole.begin(), whole.begin() + n);
      auto r = parse_shell_link(part);
      if (n < 0x4C + 2) {
        EXPECT_FALSE(r) << "prefix of " << n << " bytes";
      }
      // Only a cut between ExtraData blocks leaves a readable link: all but the later blocks.
      if (!r) continue;
      EXPECT_EQ(r->target_path, parsed->target_path) << "prefix of " << n << " bytes";
      EXPECT_EQ(r->icon_location, parsed->icon_location) << "prefix of " << n << " bytes";
      EXPECT_LT(r->other_blocks.size() + r->known_folder.has_value() + r->special_folder.has_value(),
                parsed->other_blocks.size() + parsed->known_folder.has_value() + parsed->special_folder.has_value() + 1);
    }
  }
}

// Corrupting any byte gives an error or a link, never a crash or a read out of bounds.
TEST(ShellLink, CorruptionsNeverCrash) {
  for (const auto& whole : {kSpecExample, write_shell_link(full_link())}) {
    for (std::size_t i = 0; i < whole.size(); ++i) {
      for (std::uint8_t value : {0x00, 0x01, 0x7F, 0x80, 0xFF}) {
        std::vector<std::uint8_t> bytes = whole;
        bytes[i] = value;
        auto r = parse_shell_link(bytes);
        if (!r) {
          EXPECT_FALSE(r.error().message.empty());
          continue;
        }
        // Whatever was read can be written and read again.
        auto again = parse_shell_link(write_shell_link(*r));
        EXPECT_TRUE(again) << "byte " << i << " = " << int(value) << ": " << again.error().message;
      }
    }
  }
}

}  // namespace
}  // namespace sill::desktop
