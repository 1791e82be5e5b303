// Recognises the two encodings an icon image may have and hands it to the matching decoder.
#include "desktop/icon_image.h"

#include "desktop/icon_dib.h"
#include "desktop/icon_png.h"

namespace sill::desktop {

Expected<DecodedIcon> decode_icon_image(std::span<const std::uint8_t> bytes) {
  if (is_png(bytes)) {
    auto image = decode_png(bytes);
    if (!image) return fail("PNG icon image: " + image.error().message);
    return DecodedIcon{std::move(*image), 32};
  }
  return decode_icon_dib(bytes);
}

}  // namespace sill::desktop
