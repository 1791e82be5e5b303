#include "desktop/menu_sync.h"

#include <dirent.h>
#include <sys/stat.h>

#include <cctype>
#include <cstdlib>
#include <set>

#include "base/debug.h"
#include "desktop/cleanup.h"
#include "desktop/files.h"
#include "desktop/icon_export.h"
#include "desktop/manifest.h"
#include "desktop/menu_tree.h"
#include "desktop/prefix_identity.h"
#include "desktop/shortcut_entry.h"
#include "ntdll/path_mapping.h"

SILL_DEFAULT_DEBUG_CHANNEL(desktop);

namespace sill::desktop {

namespace {

struct FoundShortcut {
  std::string relative;  // to the prefix
  std::string submenu;   // "" or "Game/Tools"
};

// Every *.lnk below `folder_rel` (following the Desktop's link to the user's desktop folder).
void find_shortcuts(const std::string& prefix_dir, const std::string& folder_rel, const std::string& submenu,
                    bool start_menu, int depth, std::vector<FoundShortcut>& out) {
  if (depth > 16) return;  // a link loop, or a tree no installer makes
  DIR* d = opendir((prefix_dir + "/" + folder_rel).c_str());
  if (!d) return;
  std::vector<std::string> names;
  while (dirent* e = readdir(d)) names.push_back(e->d_name);
  closedir(d);
  for (const std::string& name : names) {
    if (name == "." || name == "..") continue;
    std::string rel = folder_rel + "/" + name;
    struct stat st;
    if (stat((prefix_dir + "/" + rel).c_str(), &st) != 0) continue;
    if (S_ISDIR(st.st_mode)) {
      // Desktop subfolders are the user's business; Start Menu subfolders are submenus.
      if (start_menu) find_shortcuts(prefix_dir, rel, submenu.empty() ? name : submenu + "/" + name, true, depth + 1, out);
    } else if (S_ISREG(st.st_mode) && has_lnk_suffix(name)) {
      out.push_back({rel, submenu});
    }
  }
}

std::string owner_of(const std::string& prefix_id) { return "menu:" + prefix_id; }

std::int64_t mtime_of(const std::string& path) {
  struct stat st;
  if (stat(path.c_str(), &st) != 0) return -1;
  return static_cast<std::int64_t>(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec;
}

std::string icon_name_of(const ShortcutEntry& e) { return e.desktop_id.substr(0, e.desktop_id.size() - 8); }

SyncReport removed_since(const std::vector<std::string>& before, const Manifest& after) {
  SyncReport report;
  for (const std::string& p : before)
    if (!after.has_file(p)) report.removed.push_back(p);
  return report;
}

}  // namespace

Expected<SyncReport> remove_menu(const std::string& prefix_dir) {
  auto removed = remove_all_of(owner_of(prefix_id(prefix_dir)));
  if (!removed) return Unexpected{removed.error()};
  return SyncReport{{}, *removed, {}};
}

Expected<SyncReport> sync_menu(const std::string& prefix_dir, bool rewrite_all) {
  if (disabled_for_prefix(prefix_dir)) return remove_menu(prefix_dir);
  ShortcutContext ctx{prefix_dir, prefix_id(prefix_dir), current_sill_binary()};
  std::string owner = owner_of(ctx.prefix_id);

  std::vector<FoundShortcut> found;
  for (const ShortcutFolder& f : shortcut_folders()) find_shortcuts(prefix_dir, f.relative, "", f.start_menu, 0, found);

  auto manifest = Manifest::open();
  if (!manifest) return Unexpected{manifest.error()};
  std::vector<std::string> before = manifest->files_of(owner);
  SyncReport report;
  std::set<std::string> keep;
  MenuTree tree;
  for (const FoundShortcut& s : found) {
    ShortcutEntry e = shortcut_entry_location(ctx, s.relative);
    // An entry newer than its shortcut is current: no need to read the icon again.
    bool current = !rewrite_all && manifest->has_file(e.desktop_file) &&
                   mtime_of(e.desktop_file) >= mtime_of(prefix_dir + "/" + s.relative);
    if (current) {
      for (unsigned size : kHicolorSizes) {
        std::string icon = data_home() + "/icons/hicolor/" + std::to_string(size) + "x" + std::to_string(size) +
                           "/apps/" + icon_name_of(e) + ".png";
        if (manifest->has_file(icon)) e.icons.push_back(icon);
      }
    } else {
      auto written = write_shortcut_entry(ctx, s.relative);
      if (!written) {
        report.problems.push_back(written.error().message);
        continue;
      }
      e = *written;
      report.written.push_back(e.desktop_file);
      for (const std::string& icon : e.icons) report.written.push_back(icon);
    }
    keep.insert(e.desktop_file);
    manifest->add_file(owner, e.desktop_file);
    for (const std::string& icon : e.icons) {
      keep.insert(icon);
      manifest->add_file(owner, icon);
    }
    tree[s.submenu].push_back(e.desktop_id);
  }
  if (!tree.empty()) {
    auto menu_files = write_menu_tree(prefix_dir, ctx.prefix_id, tree);
    if (!menu_files) return Unexpected{menu_files.error()};
    for (const std::string& f : *menu_files) {
      keep.insert(f);
      manifest->add_file(owner, f);
    }
  }
  if (auto r = remove_owned(*manifest, owner, keep); !r) return Unexpected{r.error()};
  report.removed = removed_since(before, *manifest).removed;
  return report;
}

void shortcut_changed(const std::string& unix_path) {
  if (!has_lnk_suffix(unix_path) || !disabled_by_environment().empty()) return;
  // The file layer names files through dosdevices (c: -> ../drive_c) and the Desktop is a
  // link to the user's own: compare real folders. The parent, since the file may be gone.
  auto real = [](const std::string& path) {
    char* r = realpath(path.c_str(), nullptr);
    std::string out = r ? r : "";
    std::free(r);
    return out;
  };
  std::string folder = real(parent_dir(unix_path));
  if (folder.empty()) return;
  std::string prefix_dir = nt::prefix_path();
  bool in_folder = false;
  for (const ShortcutFolder& f : shortcut_folders()) {
    std::string root = real(prefix_dir + "/" + f.relative);
    if (root.empty()) continue;
    // Desktop subfolders are not shortcut places; Start Menu subfolders are.
    if (folder == root || (f.start_menu && folder.rfind(root + "/", 0) == 0)) in_folder = true;
  }
  if (!in_folder || disabled_for_prefix(prefix_dir)) return;
  auto r = sync_menu(prefix_dir);
  if (!r) WARN("cannot update the menu entries of %s: %s\n", prefix_dir.c_str(), r.error().message.c_str());
}

}  // namespace sill::desktop
