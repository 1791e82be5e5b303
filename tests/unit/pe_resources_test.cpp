// The resource tree reader on a real mingw-built PE (tests/conformance/resources.exe,
// resources from resources.rc compiled by windres) in both layouts, and on
// hand-built trees that are damaged in the ways a hostile file can be.
#include "loader/pe_resources.h"

#include <gtest/gtest.h>

#include <cstring>
#include <fstream>
#include <iterator>
#include <string>

#include "tests/fuzz/pe_builder.h"

namespace sill::pe {
namespace {

constexpr std::uint16_t kRtIcon = 3, kRtString = 6, kRtRcdata = 10, kRtGroupIcon = 14, kRtVersion = 16;
constexpr std::uint16_t kEnUs = 0x409, kDeDe = 0x407, kFrFr = 0x40C, kDeAt = 0xC07;

std::vector<std::uint8_t> read_file(const char* path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// Maps a file the way the loader does: headers, then each section at its RVA.
std::vector<std::uint8_t> map_image(const PeFile& pe) {
  std::vector<std::uint8_t> image(pe.headers().size_of_image);
  std::memcpy(image.data(), pe.bytes().data(), pe.headers().size_of_headers);
  for (const Section& s : pe.sections())
    std::memcpy(image.data() + s.virtual_address, pe.bytes().data() + s.raw_offset, s.raw_size);
  return image;
}

std::string text_of(const ResourceTree& tree, const ResourceData& d) {
  auto b = tree.bytes(d);
  if (!b) return "(unbacked)";
  return std::string(reinterpret_cast<const char*>(b->data()), strnlen(reinterpret_cast<const char*>(b->data()), b->size()));
}

class RealPe : public ::testing::Test {
 protected:
  void SetUp() override {
    file_ = read_file(SILL_RESOURCES_PE);
    ASSERT_FALSE(file_.empty()) << "cannot read " << SILL_RESOURCES_PE;
    auto pe = PeFile::parse(file_);
    ASSERT_TRUE(pe) << pe.error().message;
    image_ = map_image(*pe);
  }
  std::vector<std::uint8_t> file_, image_;
};

void check_tree(const ResourceTree& tree) {
  auto types = tree.types();
  ASSERT_TRUE(types) << types.error().message;
  // Named types first (upper-cased by the resource compiler), then ids ascending.
  ASSERT_EQ(types->size(), 6u);
  EXPECT_TRUE((*types)[0].named());
  EXPECT_EQ((*types)[0].name, u"MYTYPE");
  EXPECT_EQ((*types)[1].id, kRtIcon);
  EXPECT_EQ((*types)[2].id, kRtString);
  EXPECT_EQ((*types)[3].id, kRtRcdata);
  EXPECT_EQ((*types)[4].id, kRtGroupIcon);
  EXPECT_EQ((*types)[5].id, kRtVersion);

  // String blocks: id / 16 + 1 (strings 1, 2 and 17 are in blocks 1 and 2; 100 and 102 in block 7).
  auto blocks = tree.names(ResourceId::of(kRtString));
  ASSERT_TRUE(blocks) << blocks.error().message;
  ASSERT_EQ(blocks->size(), 3u);
  EXPECT_EQ((*blocks)[0].id, 1);
  EXPECT_EQ((*blocks)[1].id, 2);
  EXPECT_EQ((*blocks)[2].id, 7);
  auto langs = tree.languages(ResourceId::of(kRtString), ResourceId::of(1));
  ASSERT_TRUE(langs);
  EXPECT_EQ(*langs, (std::vector<std::uint16_t>{kDeDe, kEnUs}));

  auto custom = tree.names(ResourceId::of(u"mytype"));
  ASSERT_TRUE(custom) << custom.error().message;
  ASSERT_EQ(custom->size(), 2u);
  EXPECT_EQ((*custom)[0].name, u"CONFIG");
  EXPECT_EQ((*custom)[1].id, 7);

  auto fr = tree.find_exact(ResourceId::of(kRtRcdata), ResourceId::of(42), kFrFr);
  ASSERT_TRUE(fr) << fr.error().message;
  EXPECT_EQ(fr->language, kFrFr);
  EXPECT_EQ(text_of(tree, *fr), "rcdata-fr");
  auto named = tree.find_exact(ResourceId::of(u"MyType"), ResourceId::of(u"Config"), 0);
  ASSERT_TRUE(named) << named.error().message;
  EXPECT_EQ(text_of(tree, *named), "custom-type");
  EXPECT_EQ(named->size, 12u);
}

TEST_F(RealPe, FileLayout) {
  auto pe = PeFile::parse(file_);
  auto tree = ResourceTree::open(*pe);
  ASSERT_TRUE(tree) << tree.error().message;
  check_tree(*tree);
}

TEST_F(RealPe, ImageLayout) {
  auto tree = ResourceTree::open_image(image_.data(), image_.size());
  ASSERT_TRUE(tree) << tree.error().message;
  check_tree(*tree);
}

TEST_F(RealPe, ResourceTypesCounts) {
  auto types = PeFile::parse(file_)->resource_types();
  ASSERT_TRUE(types) << types.error().message;
  ASSERT_EQ(types->size(), 6u);
  EXPECT_EQ((*types)[0].name, "MYTYPE");
  EXPECT_EQ((*types)[0].count, 2u);
  EXPECT_EQ((*types)[2].id, kRtString);
  EXPECT_EQ((*types)[2].count, 3u);
  EXPECT_EQ((*types)[3].count, 3u);  // RCDATA 42, 43 and PAYLOAD
}

TEST_F(RealPe, Misses) {
  auto tree = ResourceTree::open(*PeFile::parse(file_));
  ASSERT_TRUE(tree);
  auto t = tree->find_exact(ResourceId::of(99), ResourceId::of(1), 0);
  ASSERT_FALSE(t);
  EXPECT_EQ(t.error().kind, ResourceMiss::Type);
  auto n = tree->find_exact(ResourceId::of(kRtRcdata), ResourceId::of(u"NOPE"), 0);
  ASSERT_FALSE(n);
  EXPECT_EQ(n.error().kind, ResourceMiss::Name);
  EXPECT_NE(n.error().message.find("\"NOPE\""), std::string::npos) << n.error().message;
  auto l = tree->find_exact(ResourceId::of(kRtRcdata), ResourceId::of(42), kDeDe);
  ASSERT_FALSE(l);
  EXPECT_EQ(l.error().kind, ResourceMiss::Language);
  // A name never matches an id of the same spelling ("#42" is turned into 42 by kernel32, not here).
  EXPECT_FALSE(tree->find_exact(ResourceId::of(kRtRcdata), ResourceId::of(u"42"), kEnUs));
}

TEST_F(RealPe, LanguageFallback) {
  auto tree = ResourceTree::open(*PeFile::parse(file_));
  ASSERT_TRUE(tree);
  const std::uint16_t ui_en[] = {kEnUs}, ui_de[] = {kDeDe}, ui_ja[] = {0x411};
  auto find = [&](std::uint16_t id, std::uint16_t type, std::uint16_t lang, std::span<const std::uint16_t> ui) {
    auto r = tree->find(ResourceId::of(type), ResourceId::of(id), lang, ui);
    return r ? r->language : std::uint16_t{0xFFFF};
  };
  EXPECT_EQ(find(1, kRtString, kDeDe, ui_en), kDeDe);   // exact
  EXPECT_EQ(find(1, kRtString, 0, ui_de), kDeDe);       // neutral request: the UI language
  EXPECT_EQ(find(1, kRtString, 0, ui_en), kEnUs);
  EXPECT_EQ(find(1, kRtString, 0x400, ui_de), kDeDe);   // SUBLANG_DEFAULT is a neutral request too
  EXPECT_EQ(find(43, kRtRcdata, kDeDe, ui_en), 0);      // a specific language falls back to LANG_NEUTRAL only
  EXPECT_EQ(find(43, kRtRcdata, 0, ui_ja), 0);          // LANG_NEUTRAL before English
  EXPECT_EQ(find(42, kRtRcdata, 0, ui_ja), kEnUs);      // English before the first listed
  EXPECT_EQ(find(2, kRtString, 0, ui_de), kEnUs);       // only English exists
  auto absent = tree->find(ResourceId::of(kRtString), ResourceId::of(1), kFrFr, ui_de);
  ASSERT_FALSE(absent);  // never another language for a specific request
  EXPECT_EQ(absent.error().kind, ResourceMiss::Language);
  EXPECT_FALSE(tree->find(ResourceId::of(kRtString), ResourceId::of(1), kDeAt, ui_de));
  const std::uint16_t only_japanese[] = {0x411};
  auto first = tree->find(ResourceId::of(kRtRcdata), ResourceId::of(42), only_japanese, true);
  ASSERT_TRUE(first);
  EXPECT_EQ(first->language, kEnUs);  // nothing in the list matches: the first language present
}

TEST(ResourceLanguageOrder, DocumentedOrder) {
  const std::uint16_t ui[] = {0x0C0C /* fr-CA */, kDeDe};
  EXPECT_EQ(resource_language_order(kDeAt, ui), (std::vector<std::uint16_t>{kDeAt, 0x0007, 0x0000}));
  EXPECT_EQ(resource_language_order(0, ui),
            (std::vector<std::uint16_t>{0x0C0C, 0x000C, kDeDe, 0x0007, 0x0000, 0x0400, 0x0800, kEnUs, 0x0009}));
  EXPECT_EQ(resource_language_order(0x0800, {}),
            (std::vector<std::uint16_t>{0x0000, 0x0400, 0x0800, kEnUs, 0x0009}));
  EXPECT_TRUE(resource_language_is_neutral(0x0400));
  EXPECT_FALSE(resource_language_is_neutral(kEnUs));
}

// --- hand-built trees ---------------------------------------------------------

// A PE whose only section is `tree` as the resource directory (at RVA kFirstSection).
std::vector<std::uint8_t> pe_with_tree(const std::vector<std::uint8_t>& tree, std::uint32_t declared = 0) {
  testing::PeBuilder b;
  unsigned rsrc = b.section(".rsrc", testing::kData);
  std::uint32_t rva = b.append(rsrc, tree.data(), tree.size(), 4);
  b.set_directory(kDirResource, rva, declared ? declared : static_cast<std::uint32_t>(tree.size()));
  return b.build();
}

struct TreeWriter {
  std::vector<std::uint8_t> bytes;
  std::uint32_t directory(std::uint16_t named, std::uint16_t ids) {
    auto at = static_cast<std::uint32_t>(bytes.size());
    ResourceDirectory d{0, 0, 0, 0, named, ids};
    put(d);
    bytes.resize(bytes.size() + (named + ids) * sizeof(ResourceDirectoryEntry));
    return at;
  }
  void entry(std::uint32_t dir, unsigned index, std::uint32_t name, std::uint32_t target) {
    ResourceDirectoryEntry e{name, target};
    std::memcpy(bytes.data() + dir + sizeof(ResourceDirectory) + index * sizeof e, &e, sizeof e);
  }
  std::uint32_t data(std::uint32_t rva, std::uint32_t size) {
    auto at = static_cast<std::uint32_t>(bytes.size());
    put(ResourceDataEntry{rva, size, 0, 0});
    return at;
  }
  template <class T>
  void put(const T& v) {
    const auto* p = reinterpret_cast<const std::uint8_t*>(&v);
    bytes.insert(bytes.end(), p, p + sizeof v);
  }
};

// type 10 / name 1 / language 0x409 -> 4 bytes at the start of the section.
TreeWriter minimal_tree() {
  TreeWriter w;
  auto root = w.directory(0, 1);
  auto names = w.directory(0, 1);
  auto langs = w.directory(0, 1);
  auto leaf = w.data(testing::PeBuilder::kFirstSection, 4);
  w.entry(root, 0, kRtRcdata, 0x80000000u | names);
  w.entry(names, 0, 1, 0x80000000u | langs);
  w.entry(langs, 0, kEnUs, leaf);
  return w;
}

template <class T>
std::string error_of(const T& result) {
  return result ? std::string("(no error)") : result.error().message;
}

TEST(ResourceTreeMalformed, MinimalTreeReads) {
  auto file = pe_with_tree(minimal_tree().bytes);
  auto pe = PeFile::parse(file);
  ASSERT_TRUE(pe) << pe.error().message;
  auto tree = ResourceTree::open(*pe);
  ASSERT_TRUE(tree);
  auto d = tree->find_exact(ResourceId::of(kRtRcdata), ResourceId::of(1), kEnUs);
  ASSERT_TRUE(d) << d.error().message;
  EXPECT_EQ(d->rva, testing::PeBuilder::kFirstSection);
  EXPECT_TRUE(pe->resource_types());
}

TEST(ResourceTreeMalformed, NoResourceDirectory) {
  testing::PeBuilder b;
  b.reserve(b.section(".text", testing::kText), 16);
  auto file = b.build();
  auto tree = ResourceTree::open(*PeFile::parse(file));
  ASSERT_TRUE(tree);
  EXPECT_TRUE(tree->empty());
  EXPECT_TRUE(tree->types()->empty());
  auto r = tree->find_exact(ResourceId::of(kRtRcdata), ResourceId::of(1), 0);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().kind, ResourceMiss::NoResources);
}

TEST(ResourceTreeMalformed, LoopIsRefusedByValidateAndHarmlessToLookups) {
  auto w = minimal_tree();
  w.entry(24, 0, 1, 0x80000000u);  // the name directory (at 24) points back at the root
  auto file = pe_with_tree(w.bytes);
  auto pe = PeFile::parse(file);
  auto tree = ResourceTree::open(*pe);
  ASSERT_TRUE(tree);
  EXPECT_NE(error_of(tree->validate()).find("reached twice"), std::string::npos) << error_of(tree->validate());
  EXPECT_NE(error_of(pe->resource_types()).find("reached twice"), std::string::npos);
  // A lookup walks three levels and stops: the root's entries are not data entries.
  auto r = tree->find_exact(ResourceId::of(kRtRcdata), ResourceId::of(1), kEnUs);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().kind, ResourceMiss::Malformed);
  EXPECT_NE(r.error().message.find("deeper than three levels"), std::string::npos) << r.error().message;
}

TEST(ResourceTreeMalformed, OutOfRangeOffsets) {
  {
    auto w = minimal_tree();
    w.entry(0, 0, kRtRcdata, 0x80000000u | 0x7FFF0000u);
    auto file = pe_with_tree(w.bytes);
    auto tree = ResourceTree::open(*PeFile::parse(file));
    auto r = tree->names(ResourceId::of(kRtRcdata));
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().kind, ResourceMiss::Malformed);
    EXPECT_NE(r.error().message.find("outside the resource section"), std::string::npos) << r.error().message;
  }
  {
    auto w = minimal_tree();
    w.entry(0, 0, 0x80000000u | 0x00FFFFF0u, 0x80000000u | 16);  // a name string far outside
    auto file = pe_with_tree(w.bytes);
    auto tree = ResourceTree::open(*PeFile::parse(file));
    EXPECT_NE(error_of(tree->types()).find("resource name at offset 0xfffff0"), std::string::npos)
        << error_of(tree->types());
  }
  {
    auto w = minimal_tree();
    std::memcpy(w.bytes.data() + offsetof(ResourceDirectory, NumberOfIdEntries), "\xff\xff", 2);
    auto file = pe_with_tree(w.bytes);
    auto tree = ResourceTree::open(*PeFile::parse(file));
    EXPECT_NE(error_of(tree->types()).find("65535 entries"), std::string::npos) << error_of(tree->types());
  }
  {
    TreeWriter w = minimal_tree();
    ResourceDataEntry huge{0xFFFFF000u, 0x2000, 0, 0};
    std::memcpy(w.bytes.data() + w.bytes.size() - sizeof huge, &huge, sizeof huge);
    auto file = pe_with_tree(w.bytes);
    auto tree = ResourceTree::open(*PeFile::parse(file));
    auto r = tree->find_exact(ResourceId::of(kRtRcdata), ResourceId::of(1), kEnUs);
    EXPECT_NE(error_of(r).find("extends past the end of the image"), std::string::npos) << error_of(r);
  }
}

TEST(ResourceTreeMalformed, NameRunsPastSection) {
  auto w = minimal_tree();
  auto at = static_cast<std::uint32_t>(w.bytes.size());
  w.put(std::uint16_t{0xFFFF});  // 65535 characters declared, none present
  w.entry(0, 0, 0x80000000u | at, 0x80000000u | 16);
  auto file = pe_with_tree(w.bytes);
  auto tree = ResourceTree::open(*PeFile::parse(file));
  auto r = tree->find_exact(ResourceId::of(u"X"), ResourceId::of(1), kEnUs);
  // Not the same length as "X": no read of the string is needed, so the lookup misses cleanly.
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().kind, ResourceMiss::Type);
  EXPECT_NE(error_of(tree->types()).find("runs past the end of the resource section"), std::string::npos);
}

TEST(ResourceTreeMalformed, TypePointingAtData) {
  auto w = minimal_tree();
  w.entry(0, 0, kRtRcdata, 16);  // no high bit: a data entry where a directory belongs
  auto file = pe_with_tree(w.bytes);
  auto tree = ResourceTree::open(*PeFile::parse(file));
  EXPECT_NE(error_of(tree->names(ResourceId::of(kRtRcdata))).find("points to data"), std::string::npos);
  EXPECT_NE(error_of(tree->validate()).find("points to data"), std::string::npos);
}

TEST(ResourceTreeMalformed, OverlappingDirectoriesAreBounded) {
  // 200 types whose name directories start 8 bytes apart in one region filled
  // with {id 0, data entry 0x800}: each header reads as 0x800 entries, so the
  // directories overlap. validate() must stop on its byte budget.
  TreeWriter w;
  const unsigned n = 200;
  const std::uint32_t leaf = 0x800;
  auto root = w.directory(0, n);
  w.bytes.resize(leaf);
  w.data(testing::PeBuilder::kFirstSection, 4);
  auto region = static_cast<std::uint32_t>(w.bytes.size());
  for (unsigned i = 0; i < n + 16 + leaf; ++i) w.put(ResourceDirectoryEntry{0, leaf});
  for (unsigned i = 0; i < n; ++i) w.entry(root, i, i + 1, 0x80000000u | (region + i * 8));
  auto file = pe_with_tree(w.bytes);
  auto tree = ResourceTree::open(*PeFile::parse(file));
  EXPECT_NE(error_of(tree->validate()).find("add up to more bytes than the resource section holds"), std::string::npos)
      << error_of(tree->validate());
  // One lookup reads one of them and finds its data.
  EXPECT_TRUE(tree->find_exact(ResourceId::of(5), ResourceId::of(0), 0)) ;
}

TEST(ResourceTreeMalformed, UnbackedDirectory) {
  auto w = minimal_tree();
  testing::PeBuilder b;
  unsigned rsrc = b.section(".rsrc", testing::kData);
  b.append(rsrc, w.bytes.data(), w.bytes.size(), 4);
  b.set_directory(kDirResource, 0x9000, 64);  // inside the image, in no section
  auto file = b.build();
  auto tree = ResourceTree::open(*PeFile::parse(file));
  EXPECT_NE(error_of(tree).find("not backed by the file"), std::string::npos) << error_of(tree);
}

}  // namespace
}  // namespace sill::pe
