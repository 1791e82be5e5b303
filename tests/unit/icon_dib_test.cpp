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

struct Sample {
  unsigned x, y;
  Rgba rgba;
};

// Decodes the image built from spec and compares the sampled pixels.
void expect_pixels(const DibSpec& spec, std::initializer_list<Sample> samples) {
  auto icon = decode_icon_image(build_dib(spec));
  ASSERT_TRUE(icon.has_value()) << icon.error().message;
  EXPECT_EQ(icon->image.width, spec.width);
  EXPECT_EQ(icon->image.height, spec.height);
  EXPECT_EQ(icon->bit_depth, spec.bits);
  for (const Sample& s : samples) EXPECT_EQ(pixel(icon->image, s.x, s.y), s.rgba) << "at " << s.x << "," << s.y;
}

std::string error_of(const std::vector<std::uint8_t>& bytes) {
  auto icon = decode_icon_image(bytes);
  return icon ? std::string("(decoded)") : icon.error().message;
}

template <class T>
void poke(std::vector<std::uint8_t>& v, std::size_t off, T value) {
  std::memcpy(v.data() + off, &value, sizeof value);
}

constexpr Rgba kClear{0, 0, 0, 0};

TEST(IconDib, OneBitPaletteWithMaskAndRowPadding) {
  expect_pixels({.width = 3, .height = 2, .bits = 1, .palette = {0x000000, 0xffffff},
                 .pixels = {1, 0, 1, 0, 1, 1}, .transparent = {false, false, true, true, false, false}},
                {{0, 0, {255, 255, 255, 255}}, {1, 0, {0, 0, 0, 255}}, {2, 0, kClear},
                 {0, 1, kClear}, {1, 1, {255, 255, 255, 255}}, {2, 1, {255, 255, 255, 255}}});
}

TEST(IconDib, FourBitPalette) {
  std::vector<std::uint32_t> palette;
  for (std::uint32_t i = 0; i < 16; ++i) palette.push_back(i * 0x100000 + i * 0x10 + 1);
  expect_pixels({.width = 5, .height = 2, .bits = 4, .palette = palette,
                 .pixels = {0, 1, 2, 3, 15, 14, 13, 12, 11, 10},
                 .transparent = {false, false, false, false, true, false, false, false, false, false}},
                {{0, 0, {0, 0, 1, 255}}, {3, 0, {0x30, 0, 0x31, 255}}, {4, 0, kClear},
                 {0, 1, {0xe0, 0, 0xe1, 255}}, {4, 1, {0xa0, 0, 0xa1, 255}}});
}

TEST(IconDib, EightBitShortPaletteIndexPastItReadsBlack) {
  expect_pixels({.width = 2, .height = 2, .bits = 8, .palette = {0x102030, 0x405060, 0x708090}, .clr_used = 3,
                 .pixels = {2, 1, 0, 200}},
                {{0, 0, {0x70, 0x80, 0x90, 255}}, {1, 0, {0x40, 0x50, 0x60, 255}},
                 {0, 1, {0x10, 0x20, 0x30, 255}}, {1, 1, {0, 0, 0, 255}}});
}

TEST(IconDib, SixteenBit555) {
  // Red, green 16 of 31, blue (masked).
  expect_pixels({.width = 3, .height = 1, .bits = 16, .pixels = {0x7c00, 0x0200, 0x001f},
                 .transparent = {false, false, true}},
                {{0, 0, {255, 0, 0, 255}}, {1, 0, {0, 132, 0, 255}}, {2, 0, kClear}});
}

TEST(IconDib, SixteenBit565Bitfields) {
  // Red, green 32 of 63, blue 16 of 31.
  expect_pixels({.width = 3, .height = 1, .bits = 16, .compression = 3, .masks = {0xf800, 0x07e0, 0x001f},
                 .pixels = {0xf800, 0x0400, 0x0010}},
                {{0, 0, {255, 0, 0, 255}}, {1, 0, {0, 130, 0, 255}}, {2, 0, {0, 0, 132, 255}}});
}

TEST(IconDib, TwentyFourBitWithMask) {
  expect_pixels({.width = 2, .height = 2, .bits = 24, .pixels = {0x112233, 0x445566, 0x778899, 0xaabbcc},
                 .transparent = {false, true, false, false}},
                {{0, 0, {0x11, 0x22, 0x33, 255}}, {1, 0, kClear}, {0, 1, {0x77, 0x88, 0x99, 255}},
                 {1, 1, {0xaa, 0xbb, 0xcc, 255}}});
}

TEST(IconDib, ThirtyTwoBitAlphaWinsOverMask) {
  // The mask says transparent everywhere; the image has alpha, so the mask is ignored.
  expect_pixels({.width = 2, .height = 1, .bits = 32, .pixels = {0x80102030, 0xff405060}, .transparent = {true, true}},
                {{0, 0, {0x10, 0x20, 0x30, 0x80}}, {1, 0, {0x40, 0x50, 0x60, 0xff}}});
}

TEST(IconDib, ThirtyTwoBitWithoutAlphaUsesMask) {
  expect_pixels({.width = 2, .height = 1, .bits = 32, .pixels = {0x00102030, 0x00405060}, .transparent = {false, true}},
                {{0, 0, {0x10, 0x20, 0x30, 255}}, {1, 0, kClear}});
}

TEST(IconDib, ThirtyTwoBitWithAlphaMayOmitMask) {
  expect_pixels({.width = 1, .height = 1, .bits = 32, .pixels = {0x40aabbcc}, .omit_mask = true},
                {{0, 0, {0xaa, 0xbb, 0xcc, 0x40}}});
}

TEST(IconDib, ThirtyTwoBitBitfieldsTakeAlphaFromTheFreeByte) {
  // Red and blue swapped; alpha is the byte no colour mask uses.
  expect_pixels({.width = 1, .height = 1, .bits = 32, .compression = 3, .masks = {0x000000ff, 0x0000ff00, 0x00ff0000},
                 .pixels = {0x7f112233}},
                {{0, 0, {0x33, 0x22, 0x11, 0x7f}}});
}

TEST(IconDib, V4HeaderCarriesItsMasksIncludingAlpha) {
  // Built with a 40-byte header and three masks, then rewritten as a BITMAPV4HEADER whose masks
  // (alpha in the low byte, where no default would put it) sit inside the header.
  const std::vector<std::uint32_t> masks = {0xff000000, 0x00ff0000, 0x0000ff00};
  auto plain = build_dib({.width = 1, .height = 1, .bits = 32, .compression = 3, .masks = masks, .pixels = {0x11223344}});
  std::vector<std::uint8_t> v4(plain.begin(), plain.begin() + 40);
  v4.resize(108, 0);
  poke<std::uint32_t>(v4, 0, 108);
  for (unsigned i = 0; i < 3; ++i) poke<std::uint32_t>(v4, 40 + 4 * i, masks[i]);
  poke<std::uint32_t>(v4, 52, 0x000000ff);
  v4.insert(v4.end(), plain.begin() + 52, plain.end());
  auto icon = decode_icon_image(v4);
  ASSERT_TRUE(icon.has_value()) << icon.error().message;
  EXPECT_EQ(pixel(icon->image, 0, 0), (Rgba{0x11, 0x22, 0x33, 0x44}));

  // A header too short to hold the masks it claims is an error.
  auto short_header = plain;
  poke<std::uint32_t>(short_header, 0, 44);
  EXPECT_NE(error_of(short_header).find("cannot hold the BI_BITFIELDS masks"), std::string::npos);
}

DibSpec valid_8bit() {
  DibSpec s;
  s.width = 4, s.height = 4, s.bits = 8, s.clr_used = 2;
  s.palette = {0xff0000, 0x00ff00};
  s.pixels.assign(16, 1);
  return s;
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
