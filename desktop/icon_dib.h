// The DIB form of an icon image: BITMAPINFOHEADER, palette or bit-field masks, the colour (XOR)
// rows bottom-up, then the 1-bit AND mask (1: transparent).
#pragma once
#include <cstdint>
#include <span>

#include "base/expected.h"
#include "desktop/icon_image.h"

namespace sill::desktop {

// Depths 1, 4, 8 (palette), 16 (5-5-5, or BI_BITFIELDS such as 5-6-5), 24 and 32. A 32-bit image
// whose alpha bytes are all zero takes its transparency from the AND mask, as Windows does.
Expected<DecodedIcon> decode_icon_dib(std::span<const std::uint8_t> bytes);

}  // namespace sill::desktop
