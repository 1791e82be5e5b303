// One shortcut (.lnk) as a menu entry: the .desktop file (Name from the shortcut's file
// name, Exec running the target through sill in the shortcut's prefix, Path, Comment,
// Icon) and the icon's PNGs in the hicolor theme.
#pragma once
#include <string>
#include <vector>

#include "base/expected.h"

namespace sill::desktop {

struct ShortcutContext {
  std::string prefix_dir;
  std::string prefix_id;
  std::string sill_binary;
};

struct ShortcutEntry {
  std::string desktop_file;  // its path
  std::string desktop_id;    // "sill-<prefix id>-<stable id>.desktop", as menus name it
  std::vector<std::string> icons;
};

// Where the entry of the shortcut at `relative` (to the prefix) lives, without writing it.
ShortcutEntry shortcut_entry_location(const ShortcutContext& ctx, const std::string& relative);
// Reads the shortcut and writes its entry and icons. An unreadable shortcut, or one
// without a target, is an error naming the reason.
Expected<ShortcutEntry> write_shortcut_entry(const ShortcutContext& ctx, const std::string& relative);

// The sill executable running now (what Exec lines start).
std::string current_sill_binary();

}  // namespace sill::desktop
