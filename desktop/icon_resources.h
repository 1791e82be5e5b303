// The images of an icon group stored as PE resources (RT_GROUP_ICON naming RT_ICON entries).
#pragma once
#include <cstdint>
#include <span>
#include <vector>

#include "base/expected.h"

namespace sill::desktop {

// The RT_ICON resources of the group selected like ExtractIconW's nIconIndex (index >= 0: the
// index-th RT_GROUP_ICON in resource order; index < 0: the group with integer ID -index), in the
// group's order. The bytes point into pe_file. An icon the group names but the file lacks is skipped.
Expected<std::vector<std::span<const std::uint8_t>>> pe_icon_group_images(std::span<const std::uint8_t> pe_file,
                                                                          int index);

}  // namespace sill::desktop
