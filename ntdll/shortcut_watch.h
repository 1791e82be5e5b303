// The file layer's part in keeping menu entries in step with shortcuts: when a program
// saves, deletes or renames a .lnk file, the desktop layer is told (desktop/menu_sync.h),
// which updates the menu when the file is in a Start Menu or Desktop folder of the prefix.
// The test on other files is a suffix check inline here; nothing else runs for them.
#pragma once
#include <string>

#include "desktop/menu_sync.h"

namespace sill::nt {

void shortcut_file_changed(const std::string& unix_path);

// Called on the close of a written handle, on delete, and with both names of a rename.
inline void note_possible_shortcut_change(const std::string& unix_path) {
  if (desktop::has_lnk_suffix(unix_path)) shortcut_file_changed(unix_path);
}
inline void note_possible_shortcut_rename(const std::string& from, const std::string& to) {
  // a.lnk -> b.lnk: a's entry goes and b's comes.
  if (desktop::has_lnk_suffix(from)) shortcut_file_changed(from);
  if (desktop::has_lnk_suffix(to)) shortcut_file_changed(to);
}

}  // namespace sill::nt
