// Menu entries from the prefix's shortcuts: every .lnk under the Start Menu folders
// (ProgramData's and the user's) and the Desktops becomes a .desktop file under
// $XDG_DATA_HOME/applications/sill/<prefix id>/, with its icon in the hicolor theme,
// and the Start Menu's folder tree becomes submenus of a "Windows programs" menu (a
// merge file in $XDG_CONFIG_HOME/menus/applications-merged and .directory files).
// Ids derive from the prefix and the shortcut's path, so syncing again rewrites the
// same files; an entry whose shortcut is gone is removed with its icons.
#pragma once
#include <string>
#include <vector>

#include "base/expected.h"

namespace sill::desktop {

struct SyncReport {
  std::vector<std::string> written;  // files (re)written
  std::vector<std::string> removed;  // files removed
  std::vector<std::string> problems; // shortcuts that could not be turned into entries, and why
};

// Brings the prefix's menu entries in line with its shortcuts. An entry newer than its
// shortcut is kept as it is unless `rewrite_all` (sill desktop sync: the sill binary may
// have moved). With the prefix's switch off, removes them all instead.
Expected<SyncReport> sync_menu(const std::string& prefix_dir, bool rewrite_all = false);
// Removes every menu entry of the prefix (and its menu files and icons).
Expected<SyncReport> remove_menu(const std::string& prefix_dir);

// A shortcut at this Unix path was saved, deleted or renamed by the running process
// (IPersistFile::Save, or the file layer). Updates the menu when the path is in one of
// the current prefix's shortcut folders and nothing switched entries off; quiet otherwise.
void shortcut_changed(const std::string& unix_path);

// Whether a path ends in ".lnk" (any case): the cheap test the file layer makes first.
inline bool has_lnk_suffix(const std::string& path) {
  std::size_t n = path.size();
  return n > 4 && path[n - 4] == '.' && (path[n - 3] | 0x20) == 'l' && (path[n - 2] | 0x20) == 'n' &&
         (path[n - 1] | 0x20) == 'k';
}

}  // namespace sill::desktop
