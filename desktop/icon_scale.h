// Resizing icon images: area averaging to shrink, bilinear to enlarge, both on premultiplied
// alpha so transparent pixels' colours never bleed into the edges.
#pragma once
#include "desktop/icon_image.h"

namespace sill::desktop {

// The image resized to width x height (each axis on its own: a 256x256 image to 48x48 averages
// 16/3 source pixels per output pixel in each direction). The same size returns an exact copy.
RgbaImage scale_image(const RgbaImage& image, unsigned width, unsigned height);

// The image scaled to fit a size x size square, keeping its proportions, centred on transparency
// (a 32x16 image becomes a 16x8 band in the middle of a 16x16 icon).
RgbaImage fit_square(const RgbaImage& image, unsigned size);

}  // namespace sill::desktop
