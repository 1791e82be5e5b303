// Names the desktop layer derives from a prefix: its id (in folder and file names of
// the entries it owns), stable ids of shortcuts, where its shortcut folders are, and
// whether automatic menu entries and associations are switched on for it.
#pragma once
#include <string>
#include <vector>

#include "base/expected.h"

namespace sill::desktop {

// "<folder name>-<16 hex digits of a hash of the absolute path>": stable for one prefix,
// distinct between prefixes, and safe in a file name.
std::string prefix_id(const std::string& prefix_dir);
// 16 hex digits of a hash of `text` (FNV-1a, 64 bits).
std::string stable_hash(const std::string& text);

// The folders, relative to the prefix, whose shortcuts become menu entries (ntdll/prefix.cpp
// creates them, and SHGetFolderPathW names them). A Start Menu
// folder's subfolders become submenus; a Desktop's shortcuts go to the top menu.
struct ShortcutFolder {
  std::string relative;  // "drive_c/ProgramData/Microsoft/Windows/Start Menu/Programs"
  bool start_menu;
};
std::vector<ShortcutFolder> shortcut_folders();

// The per-prefix switch: the file <prefix>/desktop-integration.disabled.
std::string disabled_marker(const std::string& prefix_dir);
bool disabled_for_prefix(const std::string& prefix_dir);
Expected<void> set_disabled_for_prefix(const std::string& prefix_dir, bool disabled);
// The environment's switch: SILL_NO_MENUS=1, or winemenubuilder disabled in
// SILL_DLLOVERRIDES/WINEDLLOVERRIDES ("winemenubuilder.exe=d", as Lutris sets).
// Empty when on, else which variable switched it off.
std::string disabled_by_environment();

}  // namespace sill::desktop
