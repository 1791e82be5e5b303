// Every offset is computed in 64-bit arithmetic from values bounded by kMaxIconDimension, and the
// bytes are checked to be present before the first pixel is read.
#include "desktop/icon_dib.h"

#include <array>
#include <bit>
#include <string>

#include "desktop/icon_format.h"

namespace sill::desktop {
namespace {

// One channel of a 16- or 32-bit pixel: a contiguous run of bits, widened to 8 bits.
struct Bitfield {
  std::uint32_t mask = 0;
  unsigned shift = 0;
  std::uint64_t max = 0;  // the largest value of the run

  static std::optional<Bitfield> from_mask(std::uint32_t mask) {
    Bitfield f;
    f.mask = mask;
    if (mask == 0) return f;
    f.shift = std::countr_zero(mask);
    std::uint64_t run = mask >> f.shift;
    if ((run & (run + 1)) != 0) return std::nullopt;  // not contiguous
    f.max = run;
    return f;
  }
  // Rounded to the nearest 8-bit value: 5 bits 0x10 -> 132, 0x1f -> 255.
  std::uint8_t extract(std::uint32_t pixel) const {
    if (mask == 0) return 0;
    std::uint64_t v = (pixel & mask) >> shift;
    return static_cast<std::uint8_t>((v * 255 + max / 2) / max);
  }
};

struct Masks {
  Bitfield r, g, b, a;
};

std::uint32_t row_stride(std::uint64_t width, unsigned bits) {
  return static_cast<std::uint32_t>((width * bits + 31) / 32 * 4);
}

std::uint32_t read_le(const std::uint8_t* p, unsigned bytes) {
  std::uint32_t v = 0;
  for (unsigned i = 0; i < bytes; ++i) v |= std::uint32_t(p[i]) << (8 * i);
  return v;
}

// The masks of a 16- or 32-bit image: from BI_BITFIELDS, or the BI_RGB defaults.
Expected<Masks> read_masks(std::span<const std::uint8_t> bytes, const BitmapInfoHeader& h) {
  std::uint32_t r, g, b, a = 0;
  if (h.biCompression == kBiRgb) {
    if (h.biBitCount == 16) {
      r = 0x7c00, g = 0x03e0, b = 0x001f;
    } else {
      r = 0x00ff0000, g = 0x0000ff00, b = 0x000000ff, a = 0xff000000;
    }
  } else {
    auto m = read_struct<std::array<std::uint32_t, 3>>(bytes, kBitfieldMasksOffset);
    if (!m) return fail("icon bitmap: the BI_BITFIELDS masks are truncated");
    r = (*m)[0], g = (*m)[1], b = (*m)[2];
    if (h.biSize >= kV3HeaderSize) {
      a = *read_struct<std::uint32_t>(bytes, kBitfieldMasksOffset + 12);
    } else if (h.biBitCount == 32) {
      // A 40-byte header has no alpha mask: the byte the colour masks leave free carries alpha.
      a = ~(r | g | b) & 0xff000000u;
    }
  }
  if (h.biBitCount == 16) a = 0;
  auto fr = Bitfield::from_mask(r), fg = Bitfield::from_mask(g), fb = Bitfield::from_mask(b),
       fa = Bitfield::from_mask(a);
  if (!fr || !fg || !fb || !fa) return fail("icon bitmap: a BI_BITFIELDS mask is not one run of bits");
  return Masks{*fr, *fg, *fb, *fa};
}

}  // namespace

Expected<DecodedIcon> decode_icon_dib(std::span<const std::uint8_t> bytes) {
  auto header = read_struct<BitmapInfoHeader>(bytes, 0);
  if (!header) return fail("icon image: too short for a BITMAPINFOHEADER (" + std::to_string(bytes.size()) + " bytes)");
  const BitmapInfoHeader& h = *header;
  if (h.biSize < sizeof(BitmapInfoHeader) || h.biSize > bytes.size())
    return fail("icon image: neither a PNG nor a bitmap (header size " + std::to_string(h.biSize) + ")");
  if (h.biWidth <= 0 || h.biHeight <= 0 || h.biHeight % 2 != 0 ||
      std::uint32_t(h.biWidth) > kMaxIconDimension || std::uint32_t(h.biHeight) / 2 > kMaxIconDimension)
    return fail("icon bitmap: invalid dimensions " + std::to_string(h.biWidth) + "x" + std::to_string(h.biHeight) +
                " (the height must be twice the icon's, at most " + std::to_string(kMaxIconDimension) + ")");
  const unsigned bits = h.biBitCount;
  if (bits != 1 && bits != 4 && bits != 8 && bits != 16 && bits != 24 && bits != 32)
    return fail("icon bitmap: unsupported bit depth " + std::to_string(bits));
  const bool bitfields = h.biCompression == kBiBitfields && (bits == 16 || bits == 32);
  if (h.biCompression != kBiRgb && !bitfields)
    return fail("icon bitmap: unsupported compression " + std::to_string(h.biCompression) + " at " +
                std::to_string(bits) + " bits");

  if (bitfields && h.biSize != sizeof(BitmapInfoHeader) && h.biSize < kV2HeaderSize)
    return fail("icon bitmap: a " + std::to_string(h.biSize) + "-byte header cannot hold the BI_BITFIELDS masks");
  const unsigned width = h.biWidth, height = h.biHeight / 2;
  std::uint64_t offset = h.biSize;
  if (bitfields && h.biSize == sizeof(BitmapInfoHeader)) offset += 12;  // the three masks

  std::uint64_t palette_count = 0;
  if (bits <= 8) {
    palette_count = h.biClrUsed != 0 ? h.biClrUsed : (1u << bits);
    if (palette_count > (1u << bits)) return fail("icon bitmap: " + std::to_string(h.biClrUsed) + " palette entries for " + std::to_string(bits) + " bits");
  }
  const std::uint64_t palette_offset = offset;
  offset += palette_count * 4;
  const std::uint32_t xor_stride = row_stride(width, bits);
  const std::uint64_t xor_offset = offset;
  offset += std::uint64_t(xor_stride) * height;
  if (offset > bytes.size()) return fail("icon bitmap: the colour image is truncated");
  const std::uint32_t and_stride = row_stride(width, 1);
  const std::uint64_t and_offset = offset;
  const bool has_mask = and_offset + std::uint64_t(and_stride) * height <= bytes.size();
  // A 32-bit image with alpha needs no mask, and some files leave it out; any other needs one.
  if (!has_mask && bits != 32) return fail("icon bitmap: the AND mask is truncated");

  Masks masks;
  if (bits >= 16) {
    auto m = read_masks(bytes, h);
    if (!m) return Unexpected{m.error()};
    masks = *m;
  }

  DecodedIcon out;
  out.bit_depth = bits;
  RgbaImage& image = out.image;
  image.width = width;
  image.height = height;
  image.pixels.assign(std::size_t(width) * height * 4, 0);
  bool any_alpha = false;
  for (unsigned y = 0; y < height; ++y) {
    const std::uint8_t* row = bytes.data() + xor_offset + std::uint64_t(xor_stride) * (height - 1 - y);
    for (unsigned x = 0; x < width; ++x) {
      std::uint8_t* px = image.at(x, y);
      if (bits <= 8) {
        const unsigned per_byte = 8 / bits;
        const unsigned shift = 8 - bits - (x % per_byte) * bits;
        const unsigned index = (row[x / per_byte] >> shift) & ((1u << bits) - 1);
        // An index past the palette reads black, as GDI draws it.
        if (index < palette_count) {
          const std::uint8_t* q = bytes.data() + palette_offset + index * 4;  // RGBQUAD: B, G, R, reserved
          px[0] = q[2], px[1] = q[1], px[2] = q[0];
        }
        px[3] = 255;
      } else if (bits == 24) {
        const std::uint8_t* p = row + x * 3;
        px[0] = p[2], px[1] = p[1], px[2] = p[0], px[3] = 255;
      } else {
        const std::uint32_t v = read_le(row + x * (bits / 8), bits / 8);
        px[0] = masks.r.extract(v), px[1] = masks.g.extract(v), px[2] = masks.b.extract(v);
        px[3] = masks.a.mask != 0 ? masks.a.extract(v) : 255;
        any_alpha |= masks.a.mask != 0 && px[3] != 0;
      }
    }
  }

  // The mask decides wherever the colour image carries no alpha of its own.
  if (bits == 32 && any_alpha) return out;
  if (!has_mask) return fail("icon bitmap: the AND mask is truncated and the image has no alpha");
  for (unsigned y = 0; y < height; ++y) {
    const std::uint8_t* row = bytes.data() + and_offset + std::uint64_t(and_stride) * (height - 1 - y);
    for (unsigned x = 0; x < width; ++x) {
      std::uint8_t* px = image.at(x, y);
      // Set: transparent (where the colour is not black Windows inverts the screen there, which
      // an RGBA image cannot show; transparent is the closest).
      if ((row[x / 8] >> (7 - x % 8)) & 1)
        px[0] = px[1] = px[2] = px[3] = 0;
      else
        px[3] = 255;
    }
  }
  return out;
}

}  // namespace sill::desktop
