// Robustness: valid icons of every kind, truncated at every length and corrupted at random
// (fixed seed, so a failure reproduces), must decode or fail with a message, never crash or hang.
#include <gtest/gtest.h>

#include <random>

#include "desktop/icon_export.h"
#include "desktop/icon_image.h"
#include "desktop/icon_png.h"
#include "tests/unit/icon_test_images.h"

namespace sill::desktop {
namespace {

using testing::build_dib;
using testing::build_ico;
using testing::DibSpec;

std::vector<std::vector<std::uint8_t>> sample_images() {
  std::vector<std::vector<std::uint8_t>> images;
  for (unsigned bits : {1u, 4u, 8u, 16u, 24u, 32u}) {
    DibSpec s;
    s.width = 5, s.height = 3, s.bits = bits;
    if (bits <= 8) s.palette.assign(std::size_t(1) << bits, 0x123456);
    for (unsigned i = 0; i < 15; ++i) s.pixels.push_back(bits <= 8 ? i % (1u << bits) : 0x80000000u + i * 0x010203);
    s.transparent.assign(15, false);
    s.transparent[4] = true;
    images.push_back(build_dib(s));
  }
  DibSpec fields;
  fields.width = 3, fields.bits = 16, fields.compression = 3, fields.masks = {0xf800, 0x07e0, 0x001f};
  fields.pixels = {1, 2, 3};
  images.push_back(build_dib(fields));
  RgbaImage image;
  image.width = image.height = 6;
  image.pixels.assign(6 * 6 * 4, 0x55);
  images.push_back(*encode_png(image));
  return images;
}

// A result is fine when it is an image of sane size or an error that says something.
void expect_sane(const Expected<DecodedIcon>& icon) {
  if (icon) {
    EXPECT_GT(icon->image.width, 0u);
    EXPECT_LE(icon->image.width, kMaxIconDimension);
    EXPECT_EQ(icon->image.pixels.size(), std::size_t(icon->image.width) * icon->image.height * 4);
  } else {
    EXPECT_FALSE(icon.error().message.empty());
  }
}

TEST(IconFuzz, EveryTruncationOfEveryImage) {
  for (const auto& image : sample_images()) {
    expect_sane(decode_icon_image(image));
    for (std::size_t n = 0; n < image.size(); ++n)
      expect_sane(decode_icon_image(std::span<const std::uint8_t>(image.data(), n)));
  }
}

TEST(IconFuzz, RandomCorruptionOfImages) {
  std::mt19937 random(20261123);
  const auto images = sample_images();
  int decoded = 0, failed = 0;
  for (int round = 0; round < 3000; ++round) {
    auto bytes = images[round % images.size()];
    const int edits = 1 + random() % 4;
    for (int e = 0; e < edits; ++e) {
      const std::size_t at = random() % bytes.size();
      switch (random() % 3) {
        case 0: bytes[at] ^= std::uint8_t(1u << (random() % 8)); break;
        case 1: bytes[at] = std::uint8_t(random()); break;
        default: bytes[at] = (random() % 2) ? 0xff : 0x00; break;
      }
    }
    auto icon = decode_icon_image(bytes);
    expect_sane(icon);
    (icon ? decoded : failed)++;
  }
  // Both outcomes happen, so the corruption reaches past the checks and into them.
  EXPECT_GT(decoded, 0);
  EXPECT_GT(failed, 0);
}

TEST(IconFuzz, CorruptedIcoFiles) {
  std::mt19937 random(8);
  const auto ico = build_ico(sample_images());
  for (int round = 0; round < 300; ++round) {
    auto bytes = ico;
    if (round % 3 == 0) bytes.resize(random() % bytes.size());
    // Mostly the directory (the first 6 + 16 * 8 bytes), sometimes the images.
    for (int e = 0; e < 3; ++e) {
      if (bytes.empty()) break;
      const std::size_t at = (random() % 4 ? random() % 134 : random()) % bytes.size();
      bytes[at] = std::uint8_t(random());
    }
    auto icons = hicolor_icons(bytes, 0);
    if (icons) {
      EXPECT_EQ(icons->size(), std::size(kHicolorSizes));
    } else {
      EXPECT_FALSE(icons.error().message.empty());
    }
  }
}

}  // namespace
}  // namespace sill::desktop
