// One icon image decoded to straight (not premultiplied) RGBA, 8 bits a channel, and the decoder
// for an RT_ICON resource or one image of a .ico file: a PNG stream or a DIB with its AND mask.
#pragma once
#include <cstdint>
#include <span>
#include <vector>

#include "base/expected.h"

namespace sill::desktop {

struct RgbaImage {
  unsigned width = 0;
  unsigned height = 0;
  std::vector<std::uint8_t> pixels;  // width * height * 4 bytes: R, G, B, A; top row first

  std::uint8_t* at(unsigned x, unsigned y) { return &pixels[(std::size_t(y) * width + x) * 4]; }
  const std::uint8_t* at(unsigned x, unsigned y) const { return &pixels[(std::size_t(y) * width + x) * 4]; }
};

struct DecodedIcon {
  RgbaImage image;
  unsigned bit_depth = 0;  // of the source: 1, 4, 8, 16, 24 or 32 (a PNG entry counts as 32)
};

// The largest icon image accepted, in each direction (Windows' own limit for icons is 256; PNG
// entries of 512 and 1024 exist in the wild).
inline constexpr unsigned kMaxIconDimension = 1024;

// Decodes one icon image. A PNG is recognised by its signature; anything else must be a DIB whose
// height is twice the icon's (the colour image, then a 1-bit AND mask).
Expected<DecodedIcon> decode_icon_image(std::span<const std::uint8_t> bytes);

}  // namespace sill::desktop
