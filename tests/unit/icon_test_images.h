// Hand-built icon images for the icon tests: DIBs of any depth with their AND mask, and .ico
// files around them. Pixels are given top row first, as people read them; the builder stores
// them bottom-up as a DIB does.
#pragma once
#include <cstdint>
#include <cstring>
#include <vector>

namespace sill::desktop::testing {

struct DibSpec {
  unsigned width = 1, height = 1, bits = 32;
  std::uint32_t compression = 0;        // BI_RGB; 3: BI_BITFIELDS with `masks`
  std::vector<std::uint32_t> masks{};   // red, green, blue for BI_BITFIELDS
  std::vector<std::uint32_t> palette{}; // 0x00RRGGBB per entry
  std::uint32_t clr_used = 0;           // biClrUsed as written
  std::vector<std::uint32_t> pixels{};  // palette index or raw pixel value, width * height
  std::vector<bool> transparent{};      // the AND mask, width * height (empty: all 0)
  bool omit_mask = false;
};

inline void put_le(std::vector<std::uint8_t>& out, std::uint32_t v, unsigned bytes) {
  for (unsigned i = 0; i < bytes; ++i) out.push_back(std::uint8_t(v >> (8 * i)));
}

// Packs one row of values of `bits` bits each, most significant first, padded to 4 bytes.
inline void put_row(std::vector<std::uint8_t>& out, const std::uint32_t* values, unsigned width, unsigned bits) {
  std::vector<std::uint8_t> row((width * bits + 31) / 32 * 4, 0);
  for (unsigned x = 0; x < width; ++x) {
    if (bits >= 8) {
      for (unsigned b = 0; b < bits / 8; ++b) row[x * bits / 8 + b] = std::uint8_t(values[x] >> (8 * b));
    } else {
      const unsigned bit = x * bits;
      row[bit / 8] |= std::uint8_t(values[x] << (8 - bits - bit % 8));
    }
  }
  out.insert(out.end(), row.begin(), row.end());
}

inline std::vector<std::uint8_t> build_dib(const DibSpec& s) {
  std::vector<std::uint8_t> out;
  put_le(out, 40, 4);
  put_le(out, s.width, 4);
  put_le(out, s.height * 2, 4);
  put_le(out, 1, 2);
  put_le(out, s.bits, 2);
  put_le(out, s.compression, 4);
  put_le(out, 0, 4);  // biSizeImage
  put_le(out, 0, 4);
  put_le(out, 0, 4);
  put_le(out, s.clr_used, 4);
  put_le(out, 0, 4);
  for (std::uint32_t m : s.masks) put_le(out, m, 4);
  for (std::uint32_t c : s.palette) put_le(out, c, 4);  // RGBQUAD: B, G, R, 0 in little-endian order
  for (unsigned y = s.height; y-- > 0;) put_row(out, s.pixels.data() + y * s.width, s.width, s.bits);
  if (!s.omit_mask) {
    std::vector<std::uint32_t> mask(s.width * s.height, 0);
    for (std::size_t i = 0; i < s.transparent.size(); ++i) mask[i] = s.transparent[i];
    for (unsigned y = s.height; y-- > 0;) put_row(out, mask.data() + y * s.width, s.width, 1);
  }
  return out;
}

// A .ico file holding the images in order (the directory's sizes and depths are taken from the
// first bytes of each image where it is a DIB, else written as 0).
inline std::vector<std::uint8_t> build_ico(const std::vector<std::vector<std::uint8_t>>& images) {
  std::vector<std::uint8_t> out;
  put_le(out, 0, 2);
  put_le(out, 1, 2);
  put_le(out, std::uint32_t(images.size()), 2);
  std::uint32_t offset = 6 + 16 * std::uint32_t(images.size());
  for (const auto& image : images) {
    std::uint32_t width = 0, bits = 0;
    if (image.size() >= 40 && image[0] == 40) {
      std::memcpy(&width, image.data() + 4, 4);
      bits = image[14];
    }
    out.push_back(std::uint8_t(width));
    out.push_back(std::uint8_t(width));
    out.push_back(0);
    out.push_back(0);
    put_le(out, 1, 2);
    put_le(out, bits, 2);
    put_le(out, std::uint32_t(image.size()), 4);
    put_le(out, offset, 4);
    offset += std::uint32_t(image.size());
  }
  for (const auto& image : images) out.insert(out.end(), image.begin(), image.end());
  return out;
}

}  // namespace sill::desktop::testing
