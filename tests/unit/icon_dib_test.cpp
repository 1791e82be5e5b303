// The DIB decoder on hand-built images of every depth: exact RGBA values, the AND mask's
// transparency, the 32-bit alpha rule, and one malformed image per check.
#include "desktop/icon_dib.h"

#include <gtest/gtest.h>

#include <array>
#include <climits>
#include <cstring>

#include "desktop/icon_image.h"
#include "tests/unit/icon_test_images.h"

namespace sill::desktop {
namespace {

using testing::build_dib;
using testing::DibSpec;
using Rgba = std::array<int, 4>;

Rgba pixel(const RgbaImage& image, unsigned x, unsigned y) {
  const std::uint8_t* p = image.at(x, y);
  return {p[0], p[1], p[2], p[3]};
}

DecodedIcon decode(const DibSpec& spec) {
  auto icon = decode_icon_image(build_dib(spec));
  EXPECT_TRUE(icon.has_value()) << (icon ? "" : icon.error().message);
  if (!icon) return {};
  EXPECT_EQ(icon->image.width, spec.width);
  EXPECT_EQ(icon->image.height, spec.height);
  EXPECT_EQ(icon->bit_depth, spec.bits);
  return *icon;
}

std::string error_of(const std::vector<std::uint8_t>& bytes) {
  auto icon = decode_icon_image(bytes);
  return icon ? std::string("(decoded)") : icon.error().message;
}

TEST(IconDib, OneBitPaletteWithMaskAndRowPadding) {
  DibSpec s;
  s.width = 3, s.height = 2, s.bits = 1;
  s.palette = {0x000000, 0xffffff};
  s.pixels = {1, 0, 1,  //
              0, 1, 1};
  s.transparent = {false, false, true,  //
                   true, false, false};
  DecodedIcon icon = decode(s);
  EXPECT_EQ(pixel(icon.image, 0, 0), (Rgba{255, 255, 255, 255}));
  EXPECT_EQ(pixel(icon.image, 1, 0), (Rgba{0, 0, 0, 255}));
  EXPECT_EQ(pixel(icon.image, 2, 0), (Rgba{0, 0, 0, 0}));
  EXPECT_EQ(pixel(icon.image, 0, 1), (Rgba{0, 0, 0, 0}));
  EXPECT_EQ(pixel(icon.image, 1, 1), (Rgba{255, 255, 255, 255}));
  EXPECT_EQ(pixel(icon.image, 2, 1), (Rgba{255, 255, 255, 255}));
}

TEST(IconDib, FourBitPalette) {
  DibSpec s;
  s.width = 5, s.height = 2, s.bits = 4;
  for (std::uint32_t i = 0; i < 16; ++i) s.palette.push_back(i * 0x100000 + i * 0x10 + 1);
  s.pixels = {0, 1, 2, 3, 15,  //
              14, 13, 12, 11, 10};
  s.transparent = {false, false, false, false, true, false, false, false, false, false};
  DecodedIcon icon = decode(s);
  EXPECT_EQ(pixel(icon.image, 0, 0), (Rgba{0, 0, 1, 255}));
  EXPECT_EQ(pixel(icon.image, 3, 0), (Rgba{0x30, 0, 0x31, 255}));
  EXPECT_EQ(pixel(icon.image, 4, 0), (Rgba{0, 0, 0, 0}));
  EXPECT_EQ(pixel(icon.image, 0, 1), (Rgba{0xe0, 0, 0xe1, 255}));
  EXPECT_EQ(pixel(icon.image, 4, 1), (Rgba{0xa0, 0, 0xa1, 255}));
}

TEST(IconDib, EightBitShortPaletteIndexPastItReadsBlack) {
  DibSpec s;
  s.width = 2, s.height = 2, s.bits = 8;
  s.clr_used = 3;
  s.palette = {0x102030, 0x405060, 0x708090};
  s.pixels = {2, 1,  //
              0, 200};
  DecodedIcon icon = decode(s);
  EXPECT_EQ(pixel(icon.image, 0, 0), (Rgba{0x70, 0x80, 0x90, 255}));
  EXPECT_EQ(pixel(icon.image, 1, 0), (Rgba{0x40, 0x50, 0x60, 255}));
  EXPECT_EQ(pixel(icon.image, 0, 1), (Rgba{0x10, 0x20, 0x30, 255}));
  EXPECT_EQ(pixel(icon.image, 1, 1), (Rgba{0, 0, 0, 255}));
}

TEST(IconDib, SixteenBit555) {
  DibSpec s;
  s.width = 3, s.height = 1, s.bits = 16;
  s.pixels = {0x7c00, 0x0200, 0x001f};  // red, green 16 of 31, blue
  s.transparent = {false, false, true};
  DecodedIcon icon = decode(s);
  EXPECT_EQ(pixel(icon.image, 0, 0), (Rgba{255, 0, 0, 255}));
  EXPECT_EQ(pixel(icon.image, 1, 0), (Rgba{0, 132, 0, 255}));
  EXPECT_EQ(pixel(icon.image, 2, 0), (Rgba{0, 0, 0, 0}));
}

TEST(IconDib, SixteenBit565Bitfields) {
  DibSpec s;
  s.width = 3, s.height = 1, s.bits = 16, s.compression = 3;
  s.masks = {0xf800, 0x07e0, 0x001f};
  s.pixels = {0xf800, 0x0400, 0x0010};  // red, green 32 of 63, blue 16 of 31
  DecodedIcon icon = decode(s);
  EXPECT_EQ(pixel(icon.image, 0, 0), (Rgba{255, 0, 0, 255}));
  EXPECT_EQ(pixel(icon.image, 1, 0), (Rgba{0, 130, 0, 255}));
  EXPECT_EQ(pixel(icon.image, 2, 0), (Rgba{0, 0, 132, 255}));
}

TEST(IconDib, TwentyFourBitWithMask) {
  DibSpec s;
  s.width = 2, s.height = 2, s.bits = 24;
  s.pixels = {0x112233, 0x445566,  //
              0x778899, 0xaabbcc};
  s.transparent = {false, true, false, false};
  DecodedIcon icon = decode(s);
  EXPECT_EQ(pixel(icon.image, 0, 0), (Rgba{0x11, 0x22, 0x33, 255}));
  EXPECT_EQ(pixel(icon.image, 1, 0), (Rgba{0, 0, 0, 0}));
  EXPECT_EQ(pixel(icon.image, 0, 1), (Rgba{0x77, 0x88, 0x99, 255}));
  EXPECT_EQ(pixel(icon.image, 1, 1), (Rgba{0xaa, 0xbb, 0xcc, 255}));
}

TEST(IconDib, ThirtyTwoBitAlphaWinsOverMask) {
  DibSpec s;
  s.width = 2, s.height = 1, s.bits = 32;
  s.pixels = {0x80102030, 0xff405060};
  s.transparent = {true, true};  // ignored: the image has alpha
  DecodedIcon icon = decode(s);
  EXPECT_EQ(pixel(icon.image, 0, 0), (Rgba{0x10, 0x20, 0x30, 0x80}));
  EXPECT_EQ(pixel(icon.image, 1, 0), (Rgba{0x40, 0x50, 0x60, 0xff}));
}

TEST(IconDib, ThirtyTwoBitWithoutAlphaUsesMask) {
  DibSpec s;
  s.width = 2, s.height = 1, s.bits = 32;
  s.pixels = {0x00102030, 0x00405060};
  s.transparent = {false, true};
  DecodedIcon icon = decode(s);
  EXPECT_EQ(pixel(icon.image, 0, 0), (Rgba{0x10, 0x20, 0x30, 255}));
  EXPECT_EQ(pixel(icon.image, 1, 0), (Rgba{0, 0, 0, 0}));
}

TEST(IconDib, ThirtyTwoBitWithAlphaMayOmitMask) {
  DibSpec s;
  s.width = 1, s.height = 1, s.bits = 32;
  s.pixels = {0x40aabbcc};
  s.omit_mask = true;
  DecodedIcon icon = decode(s);
  EXPECT_EQ(pixel(icon.image, 0, 0), (Rgba{0xaa, 0xbb, 0xcc, 0x40}));
}

TEST(IconDib, ThirtyTwoBitBitfieldsTakeAlphaFromTheFreeByte) {
  DibSpec s;
  s.width = 1, s.height = 1, s.bits = 32, s.compression = 3;
  s.masks = {0x000000ff, 0x0000ff00, 0x00ff0000};  // R and B swapped
  s.pixels = {0x7f112233};
  DecodedIcon icon = decode(s);
  EXPECT_EQ(pixel(icon.image, 0, 0), (Rgba{0x33, 0x22, 0x11, 0x7f}));
}

DibSpec valid_8bit() {
  DibSpec s;
  s.width = 4, s.height = 4, s.bits = 8, s.clr_used = 2;
  s.palette = {0xff0000, 0x00ff00};
  s.pixels.assign(16, 1);
  return s;
}

template <class T>
void poke(std::vector<std::uint8_t>& v, std::size_t off, T value) {
  std::memcpy(v.data() + off, &value, sizeof value);
}

TEST(IconDib, MalformedImagesAreErrors) {
  const std::vector<std::uint8_t> good = build_dib(valid_8bit());
  ASSERT_EQ(error_of(good), "(decoded)");

  EXPECT_NE(error_of({}).find("too short"), std::string::npos);
  EXPECT_NE(error_of({good.begin(), good.begin() + 39}).find("too short"), std::string::npos);

  auto bytes = good;
  poke<std::uint32_t>(bytes, 0, 12);  // BITMAPCOREHEADER
  EXPECT_NE(error_of(bytes).find("header size"), std::string::npos);
  bytes = good;
  poke<std::uint32_t>(bytes, 0, 0x7fffffff);
  EXPECT_NE(error_of(bytes).find("header size"), std::string::npos);

  for (std::int32_t width : {0, -4, 1025, INT32_MIN}) {
    bytes = good;
    poke<std::int32_t>(bytes, 4, width);
    EXPECT_NE(error_of(bytes).find("dimensions"), std::string::npos) << width;
  }
  for (std::int32_t height : {0, 7, -8, 2050}) {
    bytes = good;
    poke<std::int32_t>(bytes, 8, height);
    EXPECT_NE(error_of(bytes).find("dimensions"), std::string::npos) << height;
  }
  for (std::uint16_t bits : {0, 2, 7, 48, 64}) {
    bytes = good;
    poke<std::uint16_t>(bytes, 14, bits);
    EXPECT_NE(error_of(bytes).find("bit depth"), std::string::npos) << bits;
  }
  for (std::uint32_t compression : {1u, 2u, 3u, 4u, 5u}) {  // RLE8, RLE4, bit fields at 8 bits, JPEG, PNG
    bytes = good;
    poke<std::uint32_t>(bytes, 16, compression);
    EXPECT_NE(error_of(bytes).find("compression"), std::string::npos) << compression;
  }
  bytes = good;
  poke<std::uint32_t>(bytes, 32, 257);  // biClrUsed past 2^8
  EXPECT_NE(error_of(bytes).find("palette entries"), std::string::npos);

  // Cut inside the colour image, then inside the mask (an 8-bit image needs its mask).
  const std::size_t colour_end = 40 + 2 * 4 + 4 * 4;
  EXPECT_NE(error_of({good.begin(), good.begin() + colour_end - 1}).find("colour image is truncated"), std::string::npos);
  EXPECT_NE(error_of({good.begin(), good.end() - 1}).find("AND mask is truncated"), std::string::npos);

  // A 32-bit image without alpha needs its mask too.
  DibSpec s32;
  s32.width = 2, s32.height = 2, s32.bits = 32, s32.omit_mask = true;
  s32.pixels = {1, 2, 3, 4};
  EXPECT_NE(error_of(build_dib(s32)).find("AND mask is truncated"), std::string::npos);

  DibSpec gaps;
  gaps.bits = 16, gaps.compression = 3, gaps.masks = {0xf00f, 0x0f00, 0x00f0}, gaps.pixels = {0};
  EXPECT_NE(error_of(build_dib(gaps)).find("one run of bits"), std::string::npos);
  auto no_masks = build_dib(gaps);
  no_masks.resize(44);
  EXPECT_NE(error_of(no_masks), "(decoded)");
}

}  // namespace
}  // namespace sill::desktop
