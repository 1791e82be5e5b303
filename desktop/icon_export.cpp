// Finds the icon group's images, decodes every one, then for each hicolor size takes the best
// image, scales it and encodes it as PNG.
#include "desktop/icon_export.h"

#include <string>

#include "base/debug.h"
#include "desktop/icon_directory.h"
#include "desktop/icon_image.h"
#include "desktop/icon_png.h"
#include "desktop/icon_resources.h"
#include "desktop/icon_scale.h"
#include "desktop/icon_select.h"

SILL_DEFAULT_DEBUG_CHANNEL(icon);

namespace sill::desktop {

Expected<std::vector<HicolorIcon>> hicolor_icons(std::span<const std::uint8_t> file_bytes, int index) {
  auto images = is_ico_file(file_bytes) ? ico_file_images(file_bytes) : pe_icon_group_images(file_bytes, index);
  if (!images) return Unexpected{images.error()};

  std::vector<DecodedIcon> decoded;
  std::string first_error;
  for (std::size_t i = 0; i < images->size(); ++i) {
    auto icon = decode_icon_image((*images)[i]);
    if (icon) {
      decoded.push_back(std::move(*icon));
      continue;
    }
    WARN("skipping image %zu of the icon group: %s\n", i, icon.error().message.c_str());
    if (first_error.empty()) first_error = icon.error().message;
  }
  if (decoded.empty()) return fail("no image of the icon group can be decoded: " + first_error);

  std::vector<HicolorIcon> icons;
  for (unsigned size : kHicolorSizes) {
    const DecodedIcon& source = decoded[best_icon_for_size(decoded, size)];
    auto png = encode_png(fit_square(source.image, size));
    if (!png) return Unexpected{png.error()};
    icons.push_back(HicolorIcon{size, std::move(*png)});
  }
  return icons;
}

}  // namespace sill::desktop
