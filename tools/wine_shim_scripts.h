// The scripts of `sill wine-shim install`: Wine's command names (wine, wineserver,
// wineboot, winepath, regedit) as /bin/sh scripts that do the same jobs with sill.
#pragma once
#include <string>
#include <vector>

namespace sill::tools {

// The first lines of every file the shim writes carry this mark; uninstall removes only marked files.
extern const char kWineShimMark[];

// The names written into DIR/bin, in order.
const std::vector<std::string>& wine_shim_names();

// The script for `name` (one of wine_shim_names()), calling `sill` by its absolute path;
// `bin_dir` is the absolute folder holding the scripts (wine hands `wine wineboot` to it).
std::string wine_shim_script(const std::string& name, const std::string& sill, const std::string& bin_dir);

}  // namespace sill::tools
