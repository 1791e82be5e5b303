// PNG reading and writing for icons, through libpng's simplified API (8-bit sRGB RGBA).
#pragma once
#include <cstdint>
#include <span>
#include <vector>

#include "base/expected.h"
#include "desktop/icon_image.h"

namespace sill::desktop {

// Whether bytes start with the 8-byte PNG signature.
bool is_png(std::span<const std::uint8_t> bytes);

// Decodes a PNG of at most kMaxIconDimension in each direction to straight RGBA.
Expected<RgbaImage> decode_png(std::span<const std::uint8_t> bytes);

// Encodes an image as a PNG file (RGBA, 8 bits a channel).
Expected<std::vector<std::uint8_t>> encode_png(const RgbaImage& image);

}  // namespace sill::desktop
