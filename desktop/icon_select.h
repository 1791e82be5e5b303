// Which image of an icon group becomes the icon of a given size.
#pragma once
#include <cstddef>
#include <span>

#include "desktop/icon_image.h"

namespace sill::desktop {

// The index of the best source for a size x size icon: an image of exactly that size with the
// highest bit depth; else the nearest larger size (highest depth among those); else the largest.
// An image's size is its larger dimension. icons must not be empty.
std::size_t best_icon_for_size(std::span<const DecodedIcon> icons, unsigned size);

}  // namespace sill::desktop
