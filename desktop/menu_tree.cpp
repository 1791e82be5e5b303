#include "desktop/menu_tree.h"

#include <cctype>
#include <set>

#include "desktop/desktop_entry.h"
#include "desktop/files.h"
#include "desktop/prefix_identity.h"
#include "desktop/text.h"

namespace sill::desktop {

namespace {

struct Writer {
  const std::string& prefix_id;
  const MenuTree& tree;
  std::vector<std::string> directory_files;  // file names in desktop-directories
  std::vector<std::pair<std::string, std::string>> directory_names;  // file name, Name=

  std::string directory_for(const std::string& submenu) {
    std::string file = submenu.empty() ? "sill-" + prefix_id + ".directory"
                                       : "sill-" + prefix_id + "-" + stable_hash(ascii_lower(submenu)) + ".directory";
    std::string name = submenu.empty() ? "Windows programs" : submenu.substr(submenu.find_last_of('/') + 1);
    directory_names.push_back({file, name});
    return file;
  }

  // The menu of `submenu` with its entries and the menus of its direct children.
  void menu(const std::string& submenu, const std::string& indent, std::string& out) {
    std::string name = submenu.empty() ? "sill-" + prefix_id : submenu.substr(submenu.find_last_of('/') + 1);
    out += indent + "<Menu>\n";
    out += indent + "  <Name>" + xml_escape(name) + "</Name>\n";
    out += indent + "  <Directory>" + xml_escape(directory_for(submenu)) + "</Directory>\n";
    if (auto it = tree.find(submenu); it != tree.end() && !it->second.empty()) {
      out += indent + "  <Include>\n";
      for (const std::string& id : it->second) out += indent + "    <Filename>" + xml_escape(id) + "</Filename>\n";
      out += indent + "  </Include>\n";
    }
    for (const std::string& child : children(submenu)) menu(child, indent + "  ", out);
    out += indent + "</Menu>\n";
  }

  // Direct child menus of `submenu` that hold entries somewhere below.
  std::set<std::string> children(const std::string& submenu) {
    std::set<std::string> found;
    std::string head = submenu.empty() ? "" : submenu + "/";
    for (const auto& [path, ids] : tree) {
      if (path.size() <= head.size() || path.compare(0, head.size(), head) != 0) continue;
      std::size_t slash = path.find('/', head.size());
      found.insert(path.substr(0, slash));
    }
    return found;
  }
};

}  // namespace

Expected<std::vector<std::string>> write_menu_tree(const std::string& prefix_dir, const std::string& prefix_id,
                                                   const MenuTree& tree) {
  std::vector<std::string> written;
  Writer w{prefix_id, tree, {}, {}};
  std::string out =
      "<!DOCTYPE Menu PUBLIC \"-//freedesktop//DTD Menu 1.0//EN\"\n"
      " \"http://www.freedesktop.org/standards/menu-spec/menu-1.0.dtd\">\n"
      "<!-- Written by Sill for the prefix " + xml_escape(prefix_dir) + " (sill desktop sync). -->\n"
      "<Menu>\n  <Name>Applications</Name>\n";
  w.menu("", "  ", out);
  out += "</Menu>\n";
  std::string menu_file = config_home() + "/menus/applications-merged/sill-" + prefix_id + ".menu";
  if (auto r = write_regenerable_file(menu_file, out); !r) return Unexpected{r.error()};
  written.push_back(menu_file);
  for (const auto& [file, name] : w.directory_names) {
    DesktopEntry d;
    d.type = "Directory";
    d.name = name;
    d.icon = "folder";
    std::string path = data_home() + "/desktop-directories/" + file;
    if (auto r = write_regenerable_file(path, render_desktop_entry(d)); !r) return Unexpected{r.error()};
    written.push_back(path);
  }
  return written;
}

}  // namespace sill::desktop
