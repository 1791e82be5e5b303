// PNG entries, .ico and group directories, and hicolor_icons end to end on a .ico file.
#include "desktop/icon_export.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>

#include "desktop/icon_directory.h"
#include "desktop/icon_image.h"
#include "desktop/icon_png.h"
#include "tests/unit/icon_test_images.h"

namespace sill::desktop {
namespace {

using testing::build_dib;
using testing::build_ico;
using testing::DibSpec;
using testing::put_le;

RgbaImage gradient(unsigned size) {
  RgbaImage image;
  image.width = image.height = size;
  for (unsigned y = 0; y < size; ++y)
    for (unsigned x = 0; x < size; ++x)
      image.pixels.insert(image.pixels.end(), {std::uint8_t(x), std::uint8_t(y), 200, std::uint8_t(x + y)});
  return image;
}

TEST(IconPng, PngEntryDecodesToTheSamePixels) {
  const RgbaImage image = gradient(20);
  auto png = encode_png(image);
  ASSERT_TRUE(png.has_value());
  EXPECT_TRUE(is_png(*png));
  auto icon = decode_icon_image(*png);
  ASSERT_TRUE(icon.has_value()) << icon.error().message;
  EXPECT_EQ(icon->bit_depth, 32u);
  EXPECT_EQ(icon->image.width, 20u);
  EXPECT_EQ(icon->image.height, 20u);
  EXPECT_EQ(icon->image.pixels, image.pixels);
}

TEST(IconPng, DamagedPngIsAnError) {
  auto png = encode_png(gradient(8));
  ASSERT_TRUE(png.has_value());
  std::vector<std::uint8_t> cut(png->begin(), png->begin() + png->size() / 2);
  EXPECT_FALSE(decode_icon_image(cut).has_value());
  std::vector<std::uint8_t> signature_only(png->begin(), png->begin() + 8);
  EXPECT_FALSE(decode_icon_image(signature_only).has_value());
  auto bad = *png;
  bad[16] = 0x7f;  // IHDR width far past the limit (and the CRC no longer matches)
  auto r = decode_icon_image(bad);
  ASSERT_FALSE(r.has_value());
  EXPECT_NE(r.error().message.find("PNG"), std::string::npos);
  EXPECT_FALSE(encode_png(RgbaImage{}).has_value());
}

DibSpec opaque(unsigned size, unsigned bits, std::uint32_t value) {
  DibSpec s;
  s.width = s.height = size, s.bits = bits;
  if (bits <= 8) {
    s.palette = {value};
    s.clr_used = 1;
    value = 0;
  }
  s.pixels.assign(size * size, value);
  return s;
}

TEST(IconDirectory, IcoFileImagesAndBounds) {
  auto a = build_dib(opaque(16, 8, 0x0000ff)), b = build_dib(opaque(32, 24, 0x00ff00));
  auto ico = build_ico({a, b});
  ASSERT_TRUE(is_ico_file(ico));
  auto images = ico_file_images(ico);
  ASSERT_TRUE(images.has_value()) << images.error().message;
  ASSERT_EQ(images->size(), 2u);
  EXPECT_EQ((*images)[0].size(), a.size());
  EXPECT_EQ((*images)[1].data(), ico.data() + 6 + 32 + a.size());

  auto past_end = ico;
  past_end.pop_back();  // the last image now ends past the file
  EXPECT_NE(ico_file_images(past_end).error().message.find("outside the file"), std::string::npos);
  std::vector<std::uint8_t> many = {0, 0, 1, 0, 200, 0};
  EXPECT_NE(ico_file_images(many).error().message.find("truncated"), std::string::npos);
  EXPECT_FALSE(is_ico_file(std::vector<std::uint8_t>{0, 0, 2, 0, 1, 0}));  // a cursor
  EXPECT_FALSE(is_ico_file(std::vector<std::uint8_t>{0, 0, 1, 0, 0, 0}));  // no images
}

TEST(IconDirectory, GroupIconIds) {
  std::vector<std::uint8_t> group;
  put_le(group, 0, 2), put_le(group, 1, 2), put_le(group, 2, 2);
  for (std::uint16_t id : {7, 3}) {
    put_le(group, 0x10101000, 4), put_le(group, 0x00200001, 4), put_le(group, 1234, 4), put_le(group, id, 2);
  }
  auto ids = group_icon_ids(group);
  ASSERT_TRUE(ids.has_value()) << ids.error().message;
  EXPECT_EQ(*ids, (std::vector<std::uint16_t>{7, 3}));
  group.pop_back();
  EXPECT_FALSE(group_icon_ids(group).has_value());
}

TEST(HicolorIcons, EverySizeFromAnIcoFile) {
  // 16x16 blue at 8 bits, 32x32 green at 24 bits, 48x48 red at 4 bits with a transparent corner.
  DibSpec red = opaque(48, 4, 0xff0000);
  red.transparent.assign(48 * 48, false);
  red.transparent[0] = true;
  auto ico = build_ico({build_dib(opaque(16, 8, 0x0000ff)), build_dib(opaque(32, 24, 0x00ff00)), build_dib(red)});
  auto icons = hicolor_icons(ico, 0);
  ASSERT_TRUE(icons.has_value()) << icons.error().message;
  ASSERT_EQ(icons->size(), std::size(kHicolorSizes));
  for (std::size_t i = 0; i < icons->size(); ++i) {
    const HicolorIcon& icon = (*icons)[i];
    EXPECT_EQ(icon.size, kHicolorSizes[i]);
    auto image = decode_png(icon.png);
    ASSERT_TRUE(image.has_value());
    ASSERT_EQ(image->width, icon.size);
    ASSERT_EQ(image->height, icon.size);
    // 16: the blue image; 22..32: the green one; 48 and larger: the red one.
    const std::uint8_t* centre = image->at(icon.size / 2, icon.size / 2);
    const int expected = icon.size == 16 ? 2 : icon.size <= 32 ? 1 : 0;
    for (int c = 0; c < 3; ++c) EXPECT_EQ(centre[c], c == expected ? 255 : 0) << icon.size;
    EXPECT_EQ(centre[3], 255);
  }
  // The transparent corner survives at the exact size.
  auto at48 = decode_png((*icons)[4].png);
  EXPECT_EQ(at48->at(0, 0)[3], 0);
}

TEST(HicolorIcons, SkipsImagesThatDoNotDecode) {
  auto good = build_dib(opaque(16, 24, 0xffffff));
  std::vector<std::uint8_t> junk(64, 0xee);
  auto icons = hicolor_icons(build_ico({junk, good}), 0);
  ASSERT_TRUE(icons.has_value()) << icons.error().message;
  auto none = hicolor_icons(build_ico({junk}), 0);
  ASSERT_FALSE(none.has_value());
  EXPECT_NE(none.error().message.find("no image of the icon group"), std::string::npos);
}

TEST(HicolorIcons, FromAFileOnDisk) {
  const std::filesystem::path folder = std::filesystem::temp_directory_path() / ("sill-icon-unit-" + std::to_string(::getpid()));
  std::filesystem::create_directories(folder);
  const std::filesystem::path ico = folder / "app.ico";
  const auto bytes = build_ico({build_dib(opaque(16, 24, 0x808080))});
  std::FILE* f = std::fopen(ico.c_str(), "wb");
  ASSERT_NE(f, nullptr);
  std::fwrite(bytes.data(), 1, bytes.size(), f);
  std::fclose(f);
  auto icons = hicolor_icons_from_file(ico.string(), 0);
  ASSERT_TRUE(icons.has_value()) << icons.error().message;
  EXPECT_EQ(icons->size(), std::size(kHicolorSizes));
  EXPECT_NE(hicolor_icons_from_file((folder / "absent.exe").string(), 0).error().message.find("No such file"),
            std::string::npos);
  EXPECT_NE(hicolor_icons_from_file(folder.string(), 0).error().message.find("directory"), std::string::npos);
  std::filesystem::remove_all(folder);
}

TEST(HicolorIcons, NotAnIconNorAProgram) {
  EXPECT_FALSE(hicolor_icons(std::vector<std::uint8_t>{}, 0).has_value());
  EXPECT_FALSE(hicolor_icons(std::vector<std::uint8_t>(100, 'x'), 0).has_value());
}

}  // namespace
}  // namespace sill::desktop
