// The built-in DLLs' version resource: the VS_VERSIONINFO block reads back
// through version.dll's parser, and the data-file image a system32 path gives
// holds it at RT_VERSION / 1 / 0x0409 through the PE resource reader.
#include "loader/builtin_version_resource.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstring>
#include <map>
#include <string>

#include "base/unicode.h"
#include "loader/pe_file.h"
#include "loader/pe_resources.h"
#include "ntdll/nt_structs.h"
#include "win32/version/version_block.h"

namespace sill::loader {
namespace {

version::FixedFileInfo fixed_info(const std::vector<std::uint8_t>& block) {
  auto root = version::find_version_node(block.data(), block.size(), u"\\");
  EXPECT_TRUE(root);
  version::FixedFileInfo fixed{};
  if (!root) return fixed;
  EXPECT_EQ(root->value_length, sizeof fixed);
  std::memcpy(&fixed, block.data() + root->value_offset, sizeof fixed);
  return fixed;
}

TEST(BuiltinVersionResource, FixedInfoIsWindows10sAndMatchesTheReportedRelease) {
  auto block = builtin_version_info("kernel32.dll");
  auto f = fixed_info(block);
  EXPECT_EQ(f.dwSignature, version::kFixedFileInfoSignature);
  EXPECT_EQ(f.dwFileVersionMS, (nt::kWindowsMajor << 16) | nt::kWindowsMinor);
  EXPECT_EQ(f.dwFileVersionLS >> 16, kSystemFileBuild);
  EXPECT_EQ(f.dwFileVersionLS & 0xFFFF, kSystemFileRevision);
  EXPECT_LE(f.dwFileVersionLS >> 16, nt::kWindowsBuild);
  EXPECT_EQ(f.dwProductVersionMS, f.dwFileVersionMS);
  EXPECT_EQ(f.dwProductVersionLS, f.dwFileVersionLS);
  EXPECT_EQ(f.dwFileOS, 0x00040004u);  // VOS_NT_WINDOWS32
  EXPECT_EQ(f.dwFileType, 2u);         // VFT_DLL
}

TEST(BuiltinVersionResource, StringsNameTheDll) {
  auto block = builtin_version_info("ntdll.dll");
  std::map<std::string, std::string> strings;
  for (const auto& s : version::version_strings(block.data(), block.size())) {
    EXPECT_EQ(s.table, u"040904B0");
    strings[utf16_to_utf8(s.key)] = utf16_to_utf8(s.value);
  }
  EXPECT_EQ(strings["CompanyName"], "Microsoft Corporation");
  EXPECT_EQ(strings["FileDescription"], "NT Layer DLL");
  std::string version = "10.0." + std::to_string(kSystemFileBuild) + "." + std::to_string(kSystemFileRevision);
  EXPECT_EQ(strings["FileVersion"], version + " (WinBuild.160101.0800)");
  EXPECT_EQ(strings["ProductVersion"], version);
  EXPECT_EQ(strings["InternalName"], "ntdll.dll");
  EXPECT_EQ(strings["OriginalFilename"], "ntdll.dll");
  EXPECT_EQ(strings["ProductName"], "Microsoft\u00AE Windows\u00AE Operating System");
  EXPECT_FALSE(strings["LegalCopyright"].empty());
}

TEST(BuiltinVersionResource, TranslationIsUsEnglishUnicode) {
  auto block = builtin_version_info("user32.dll");
  auto node = version::find_version_node(block.data(), block.size(), u"\\VarFileInfo\\Translation");
  ASSERT_TRUE(node);
  ASSERT_EQ(node->value_length, 4);
  std::uint16_t pair[2];
  std::memcpy(pair, block.data() + node->value_offset, 4);
  EXPECT_EQ(pair[0], 0x0409);
  EXPECT_EQ(pair[1], 1200);
  // The root's wLength is the whole block.
  std::uint16_t length;
  std::memcpy(&length, block.data(), 2);
  EXPECT_EQ(length, block.size());
}

TEST(BuiltinVersionResource, TheVisualCppRuntimeCarriesItsOwnVersion) {
  auto f = fixed_info(builtin_version_info("vcruntime140.dll"));
  EXPECT_EQ(f.dwFileVersionMS >> 16, 14u);
}

TEST(BuiltinVersionResource, DataFileImageHoldsTheResource) {
  auto file = builtin_data_file(u"KERNEL32.DLL");
  ASSERT_TRUE(file);
  auto pe = pe::PeFile::parse(*file);
  ASSERT_TRUE(pe) << pe.error().message;
  auto tree = pe::ResourceTree::open(*pe);
  ASSERT_TRUE(tree) << tree.error().message;
  auto counts = tree->validate();
  ASSERT_TRUE(counts) << counts.error().message;
  ASSERT_EQ(counts->size(), 1u);
  auto data = tree->find_exact(pe::ResourceId::of(16), pe::ResourceId::of(1), 0x0409);
  ASSERT_TRUE(data) << data.error().message;
  auto bytes = tree->bytes(*data);
  ASSERT_TRUE(bytes);
  auto expected = builtin_version_info("kernel32.dll");
  EXPECT_TRUE(std::equal(bytes->begin(), bytes->end(), expected.begin(), expected.end()));
  EXPECT_FALSE(builtin_data_file(u"notbuiltin.dll"));
}

}  // namespace
}  // namespace sill::loader
