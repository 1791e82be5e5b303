// Resizing icon images: area averaging to shrink, bilinear to enlarge, both on premultiplied
// alpha so transparent pixels' colours never bleed into the edges.
#pragma once
#include "desktop/icon_image.h"

namespace sill::desktop {

// The image resized to width x height (each axis on its own: a 256x256 image to 48x48 averages
// 16/3 source pixels per output pixel in each direction). The same size returns an exact copy.
RgbaImage scale_image(const RgbaImage& image, unsigned width, unsigned height);

}  // namespace sill::desktop
