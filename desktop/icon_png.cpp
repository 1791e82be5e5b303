// libpng's simplified API does its own error recovery (setjmp inside libpng) and reports failures
// in png_image::message, so nothing here ever longjmps through C++ frames.
#include "desktop/icon_png.h"

#include <png.h>

#include <cstring>
#include <string>

namespace sill::desktop {

namespace {
constexpr std::uint8_t kSignature[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
}

bool is_png(std::span<const std::uint8_t> bytes) {
  return bytes.size() >= sizeof kSignature && std::memcmp(bytes.data(), kSignature, sizeof kSignature) == 0;
}

Expected<RgbaImage> decode_png(std::span<const std::uint8_t> bytes) {
  png_image png{};
  png.version = PNG_IMAGE_VERSION;
  if (!png_image_begin_read_from_memory(&png, bytes.data(), bytes.size())) {
    std::string why = png.message;
    png_image_free(&png);
    return fail(why);
  }
  if (png.width == 0 || png.height == 0 || png.width > kMaxIconDimension || png.height > kMaxIconDimension) {
    std::string size = std::to_string(png.width) + "x" + std::to_string(png.height);
    png_image_free(&png);
    return fail("the image is " + size + " pixels (at most " + std::to_string(kMaxIconDimension) +
                " in each direction)");
  }
  png.format = PNG_FORMAT_RGBA;
  RgbaImage image;
  image.width = png.width;
  image.height = png.height;
  image.pixels.resize(PNG_IMAGE_SIZE(png));
  if (!png_image_finish_read(&png, nullptr, image.pixels.data(), 0, nullptr)) {
    std::string why = png.message;
    png_image_free(&png);
    return fail(why);
  }
  return image;
}

Expected<std::vector<std::uint8_t>> encode_png(const RgbaImage& image) {
  if (image.width == 0 || image.height == 0 || image.pixels.size() != std::size_t(image.width) * image.height * 4)
    return fail("cannot encode an empty or inconsistent image as PNG");
  png_image png{};
  png.version = PNG_IMAGE_VERSION;
  png.width = image.width;
  png.height = image.height;
  png.format = PNG_FORMAT_RGBA;
  png_alloc_size_t size = 0;
  // First call measures, second writes.
  if (!png_image_write_to_memory(&png, nullptr, &size, 0, image.pixels.data(), 0, nullptr))
    return fail(std::string("PNG encoding failed: ") + png.message);
  std::vector<std::uint8_t> out(size);
  if (!png_image_write_to_memory(&png, out.data(), &size, 0, image.pixels.data(), 0, nullptr))
    return fail(std::string("PNG encoding failed: ") + png.message);
  out.resize(size);
  return out;
}

}  // namespace sill::desktop
