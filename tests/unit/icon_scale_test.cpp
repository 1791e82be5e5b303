// Resizing (premultiplied area averaging and bilinear) and the choice of source image per size.
#include "desktop/icon_scale.h"

#include <gtest/gtest.h>

#include <array>

#include "desktop/icon_select.h"

namespace sill::desktop {
namespace {

using Rgba = std::array<int, 4>;

RgbaImage make(unsigned w, unsigned h, std::vector<Rgba> pixels) {
  RgbaImage image;
  image.width = w, image.height = h;
  for (const Rgba& p : pixels)
    for (int c : p) image.pixels.push_back(std::uint8_t(c));
  return image;
}

Rgba pixel(const RgbaImage& image, unsigned x, unsigned y) {
  const std::uint8_t* p = image.at(x, y);
  return {p[0], p[1], p[2], p[3]};
}

TEST(IconScale, SameSizeIsAnExactCopy) {
  RgbaImage image = make(2, 1, {{1, 2, 3, 4}, {250, 251, 252, 253}});
  EXPECT_EQ(scale_image(image, 2, 1).pixels, image.pixels);
}

TEST(IconScale, DownscaleAveragesPremultipliedSoTransparentColourDoesNotFringe) {
  // One opaque red pixel among three transparent white ones: the result is a quarter-covered
  // red, not a pinkish grey.
  RgbaImage image = make(2, 2, {{255, 0, 0, 255}, {255, 255, 255, 0}, {255, 255, 255, 0}, {255, 255, 255, 0}});
  RgbaImage out = scale_image(image, 1, 1);
  ASSERT_EQ(out.width, 1u);
  EXPECT_EQ(pixel(out, 0, 0), (Rgba{255, 0, 0, 64}));
}

TEST(IconScale, DownscaleByAThirdAveragesPartialCoverage) {
  // 3 pixels to 2: the middle pixel counts half in each output pixel.
  RgbaImage image = make(3, 1, {{0, 0, 0, 255}, {90, 90, 90, 255}, {180, 180, 180, 255}});
  RgbaImage out = scale_image(image, 2, 1);
  EXPECT_EQ(pixel(out, 0, 0), (Rgba{30, 30, 30, 255}));    // (0 * 1 + 90 * 0.5) / 1.5
  EXPECT_EQ(pixel(out, 1, 0), (Rgba{150, 150, 150, 255}));  // (90 * 0.5 + 180 * 1) / 1.5
}

TEST(IconScale, UpscaleIsBilinearBetweenCentres) {
  RgbaImage image = make(2, 1, {{0, 0, 0, 255}, {255, 255, 255, 255}});
  RgbaImage out = scale_image(image, 4, 1);
  EXPECT_EQ(pixel(out, 0, 0), (Rgba{0, 0, 0, 255}));
  EXPECT_EQ(pixel(out, 1, 0), (Rgba{64, 64, 64, 255}));
  EXPECT_EQ(pixel(out, 2, 0), (Rgba{191, 191, 191, 255}));
  EXPECT_EQ(pixel(out, 3, 0), (Rgba{255, 255, 255, 255}));
}

TEST(IconScale, UpscaleKeepsColourNextToTransparency) {
  RgbaImage image = make(2, 1, {{0, 0, 255, 255}, {255, 255, 255, 0}});
  RgbaImage out = scale_image(image, 4, 4);
  for (unsigned y = 0; y < 4; ++y) {
    EXPECT_EQ(pixel(out, 1, y), (Rgba{0, 0, 255, 191}));
    EXPECT_EQ(pixel(out, 2, y), (Rgba{0, 0, 255, 64}));
    EXPECT_EQ(pixel(out, 3, y), (Rgba{0, 0, 0, 0}));
  }
}

TEST(IconScale, NonSquareImagesKeepTheirProportions) {
  RgbaImage wide = make(2, 1, {{255, 0, 0, 255}, {0, 255, 0, 255}});
  RgbaImage out = fit_square(wide, 4);
  ASSERT_EQ(out.width, 4u);
  ASSERT_EQ(out.height, 4u);
  for (unsigned x = 0; x < 4; ++x) {
    EXPECT_EQ(pixel(out, x, 0), (Rgba{0, 0, 0, 0}));
    EXPECT_EQ(pixel(out, x, 3), (Rgba{0, 0, 0, 0}));
    EXPECT_EQ(pixel(out, x, 1)[3], 255);
  }
  EXPECT_EQ(pixel(out, 0, 2), (Rgba{255, 0, 0, 255}));
  EXPECT_EQ(pixel(out, 3, 2), (Rgba{0, 255, 0, 255}));
  RgbaImage tall = make(1, 3, {{9, 9, 9, 255}, {9, 9, 9, 255}, {9, 9, 9, 255}});
  out = fit_square(tall, 3);
  EXPECT_EQ(pixel(out, 1, 1), (Rgba{9, 9, 9, 255}));
  EXPECT_EQ(pixel(out, 0, 1), (Rgba{0, 0, 0, 0}));
  EXPECT_EQ(pixel(out, 2, 1), (Rgba{0, 0, 0, 0}));
}

DecodedIcon icon(unsigned size, unsigned depth) {
  DecodedIcon d;
  d.image.width = d.image.height = size;
  d.bit_depth = depth;
  return d;
}

TEST(IconSelect, ExactSizeWithTheHighestDepth) {
  std::vector<DecodedIcon> icons = {icon(32, 4), icon(16, 8), icon(32, 32), icon(32, 8), icon(48, 32)};
  EXPECT_EQ(best_icon_for_size(icons, 32), 2u);
  EXPECT_EQ(best_icon_for_size(icons, 16), 1u);
}

TEST(IconSelect, NearestLargerElseLargest) {
  std::vector<DecodedIcon> icons = {icon(16, 32), icon(256, 32), icon(48, 4), icon(48, 8), icon(32, 32)};
  EXPECT_EQ(best_icon_for_size(icons, 22), 4u);   // 32 is the nearest larger
  EXPECT_EQ(best_icon_for_size(icons, 40), 3u);   // 48, the deeper of the two
  EXPECT_EQ(best_icon_for_size(icons, 64), 1u);   // 256
  std::vector<DecodedIcon> small = {icon(16, 32), icon(32, 4), icon(24, 32)};
  EXPECT_EQ(best_icon_for_size(small, 256), 1u);  // none larger: the largest
}

}  // namespace
}  // namespace sill::desktop
