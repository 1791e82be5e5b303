// The two icon directories: a .ico file's ICONDIR (images stored in the file) and an
// RT_GROUP_ICON resource's GRPICONDIR (images are RT_ICON resources named by integer ID).
#pragma once
#include <cstdint>
#include <span>
#include <vector>

#include "base/expected.h"

namespace sill::desktop {

// Whether bytes start like a .ico file (reserved 0, type 1, at least one image).
bool is_ico_file(std::span<const std::uint8_t> bytes);

// The image bytes of every entry of a .ico file, in directory order. An entry whose bytes lie
// outside the file is an error.
Expected<std::vector<std::span<const std::uint8_t>>> ico_file_images(std::span<const std::uint8_t> file);

// The RT_ICON IDs an RT_GROUP_ICON resource lists, in its order.
Expected<std::vector<std::uint16_t>> group_icon_ids(std::span<const std::uint8_t> group);

}  // namespace sill::desktop
