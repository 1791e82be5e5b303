// A separable resampler: each axis gets a list of (source index, weight) taps per output index,
// the rows are filtered first, then the columns, in float on premultiplied RGBA.
#include "desktop/icon_scale.h"

#include <algorithm>
#include <cmath>

namespace sill::desktop {
namespace {

struct Tap {
  unsigned source;
  float weight;
};
using AxisTaps = std::vector<std::vector<Tap>>;  // per output index, weights summing to 1

AxisTaps axis_taps(unsigned from, unsigned to) {
  AxisTaps taps(to);
  const double scale = double(from) / to;
  for (unsigned i = 0; i < to; ++i) {
    if (to < from) {
      // Area averaging: output pixel i covers source [i*scale, (i+1)*scale).
      const double begin = i * scale, end = (i + 1) * scale;
      for (unsigned j = unsigned(begin); j < from && j < end; ++j) {
        const double overlap = std::min<double>(end, j + 1) - std::max<double>(begin, j);
        if (overlap > 1e-9) taps[i].push_back({j, float(overlap / scale)});
      }
    } else {
      // Bilinear between the two nearest source centres, clamped at the borders.
      const double centre = std::clamp((i + 0.5) * scale - 0.5, 0.0, double(from - 1));
      const unsigned j = unsigned(centre);
      const double f = centre - j;
      taps[i].push_back({j, float(1 - f)});
      if (f > 0 && j + 1 < from) taps[i].push_back({j + 1, float(f)});
    }
  }
  return taps;
}

}  // namespace

RgbaImage scale_image(const RgbaImage& image, unsigned width, unsigned height) {
  if (image.width == width && image.height == height) return image;
  const unsigned sw = image.width, sh = image.height;

  std::vector<float> premultiplied(std::size_t(sw) * sh * 4);
  for (std::size_t i = 0; i < std::size_t(sw) * sh; ++i) {
    const float a = image.pixels[i * 4 + 3];
    for (int c = 0; c < 3; ++c) premultiplied[i * 4 + c] = image.pixels[i * 4 + c] * a / 255.0f;
    premultiplied[i * 4 + 3] = a;
  }

  const AxisTaps across = axis_taps(sw, width), down = axis_taps(sh, height);
  std::vector<float> rows(std::size_t(width) * sh * 4, 0.0f);
  for (unsigned y = 0; y < sh; ++y)
    for (unsigned x = 0; x < width; ++x)
      for (const Tap& t : across[x])
        for (int c = 0; c < 4; ++c)
          rows[(std::size_t(y) * width + x) * 4 + c] += t.weight * premultiplied[(std::size_t(y) * sw + t.source) * 4 + c];

  RgbaImage out;
  out.width = width;
  out.height = height;
  out.pixels.resize(std::size_t(width) * height * 4);
  for (unsigned y = 0; y < height; ++y) {
    for (unsigned x = 0; x < width; ++x) {
      float sum[4] = {0, 0, 0, 0};
      for (const Tap& t : down[y])
        for (int c = 0; c < 4; ++c) sum[c] += t.weight * rows[(std::size_t(t.source) * width + x) * 4 + c];
      std::uint8_t* px = out.at(x, y);
      const float a = std::clamp(std::round(sum[3]), 0.0f, 255.0f);
      px[3] = std::uint8_t(a);
      for (int c = 0; c < 3; ++c)
        px[c] = a == 0 ? 0 : std::uint8_t(std::clamp(std::round(sum[c] * 255.0f / sum[3]), 0.0f, 255.0f));
    }
  }
  return out;
}

RgbaImage fit_square(const RgbaImage& image, unsigned size) {
  if (image.width == image.height) return scale_image(image, size, size);
  const unsigned longer = std::max(image.width, image.height);
  const unsigned width = std::max(1u, unsigned((std::uint64_t(image.width) * size + longer / 2) / longer));
  const unsigned height = std::max(1u, unsigned((std::uint64_t(image.height) * size + longer / 2) / longer));
  const RgbaImage scaled = scale_image(image, width, height);
  RgbaImage out;
  out.width = out.height = size;
  out.pixels.assign(std::size_t(size) * size * 4, 0);
  const unsigned left = (size - width) / 2, top = (size - height) / 2;
  for (unsigned y = 0; y < height; ++y)
    std::copy_n(scaled.at(0, y), std::size_t(width) * 4, out.at(left, top + y));
  return out;
}

}  // namespace sill::desktop
