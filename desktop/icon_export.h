// Icons of Windows programs as PNG files of the freedesktop hicolor sizes: what `sill icon` writes
// and what menu entries for shortcuts point at.
#pragma once
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "base/expected.h"

namespace sill::desktop {

// The sizes of the hicolor icon theme's apps/ folders Sill fills.
inline constexpr unsigned kHicolorSizes[] = {16, 22, 24, 32, 48, 64, 128, 256};

struct HicolorIcon { unsigned size; std::vector<std::uint8_t> png; };  // PNG file bytes, size x size

// The icon group selected like ExtractIconW's nIconIndex: index >= 0 is the index-th RT_GROUP_ICON in
// resource order, index < 0 the group whose integer ID is -index. A .ico file is accepted too (index
// ignored). Error (base/expected.h style, as the rest of Sill) when the file has no icon or is malformed.
// One HicolorIcon per kHicolorSizes entry, in that order. Images of the group that cannot be
// decoded are skipped (warn channel "icon"); when none can be, that is the error.
Expected<std::vector<HicolorIcon>> hicolor_icons(std::span<const std::uint8_t> file_bytes, int index);

// The same for a file on disk, mapped rather than read, so a large program costs only the pages
// its headers and icons occupy. A missing or unreadable file is an error naming the reason.
Expected<std::vector<HicolorIcon>> hicolor_icons_from_file(const std::string& path, int index);

}  // namespace sill::desktop
