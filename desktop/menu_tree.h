// The Start Menu's folders as desktop menus (Desktop Menu Specification): a merge file
// $XDG_CONFIG_HOME/menus/applications-merged/sill-<prefix id>.menu that puts a
// "Windows programs" menu under Applications with one submenu per Start Menu folder,
// each including its entries by file name, and the .directory files that name them.
#pragma once
#include <map>
#include <string>
#include <vector>

#include "base/expected.h"

namespace sill::desktop {

// Submenu path ("" for the top menu, "Game/Tools" below) -> desktop ids of its entries.
using MenuTree = std::map<std::string, std::vector<std::string>>;

// Writes the merge file and the .directory files; returns their paths.
Expected<std::vector<std::string>> write_menu_tree(const std::string& prefix_dir, const std::string& prefix_id,
                                                   const MenuTree& tree);

}  // namespace sill::desktop
