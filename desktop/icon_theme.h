// Writing icons into an icon theme's folder layout: ROOT/<size>x<size>/apps/<name>.png, so ROOT can
// be ~/.local/share/icons/hicolor or any other theme root.
#pragma once
#include <filesystem>
#include <string>
#include <vector>

#include "base/expected.h"
#include "desktop/icon_export.h"

namespace sill::desktop {

// Whether name can be an icon's file name (without .png): not empty, no '/', no NUL, not "." or "..".
bool valid_icon_name(const std::string& name);

// Writes each icon to root/<size>x<size>/apps/<name>.png (creating folders; each file written to a
// temporary name and renamed, so a reader never sees half a PNG). Returns the paths written.
Expected<std::vector<std::filesystem::path>> write_theme_icons(const std::vector<HicolorIcon>& icons,
                                                              const std::filesystem::path& root,
                                                              const std::string& name);

}  // namespace sill::desktop
