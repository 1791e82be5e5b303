#include "desktop/mime_database.h"

#include <dirent.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <fstream>

#include "desktop/files.h"
#include "desktop/host_tool.h"
#include "desktop/text.h"

namespace sill::desktop {

namespace {

std::string user_mime_dir() { return data_home() + "/mime"; }

// The database folders, the user's first (the spec's order of precedence).
std::vector<std::string> mime_dirs() {
  std::vector<std::string> dirs = {user_mime_dir()};
  for (const std::string& d : data_dirs()) dirs.push_back(d + "/mime");
  return dirs;
}

std::vector<std::string> list_dir(const std::string& dir) {
  std::vector<std::string> names;
  if (DIR* d = opendir(dir.c_str())) {
    while (dirent* e = readdir(d)) {
      std::string n = e->d_name;
      if (n != "." && n != "..") names.push_back(n);
    }
    closedir(d);
  }
  return names;
}

// Types that Sill's own packages define: they do not count as "the database knows it",
// or a second sync would take Sill's definition for the desktop's and drop it.
bool defined_by_sill(const std::string& type) {
  std::string packages = user_mime_dir() + "/packages";
  for (const std::string& name : list_dir(packages)) {
    if (name.rfind("sill-", 0) != 0) continue;
    auto text = read_file(packages + "/" + name);
    if (text && text->find("type=\"" + type + "\"") != std::string::npos) return true;
  }
  return false;
}

// What update-mime-database writes next to packages/: fixed names and one folder per media type.
void remove_generated_database(const std::string& dir) {
  static constexpr const char* kGenerated[] = {"aliases", "generic-icons", "globs", "globs2", "icons", "magic",
                                               "mime.cache", "subclasses", "treemagic", "types", "version",
                                               "XMLnamespaces"};
  for (const char* name : kGenerated) remove_file(dir + "/" + name);
  for (const std::string& name : list_dir(dir)) {
    std::string sub = dir + "/" + name;
    struct stat st;
    if (name == "packages" || stat(sub.c_str(), &st) != 0 || !S_ISDIR(st.st_mode)) continue;
    for (const std::string& f : list_dir(sub))
      if (f.size() > 4 && f.compare(f.size() - 4, 4, ".xml") == 0) remove_file(sub + "/" + f);
    rmdir(sub.c_str());
  }
  rmdir((dir + "/packages").c_str());
  rmdir(dir.c_str());
}

}  // namespace

std::optional<std::string> mime_type_for_extension(const std::string& ext) {
  std::string want = "*." + ascii_lower(ext);
  std::optional<std::string> best;
  int best_weight = -1;
  for (const std::string& dir : mime_dirs()) {
    std::ifstream in(dir + "/globs2");
    std::string line;
    while (std::getline(in, line)) {
      if (line.empty() || line[0] == '#') continue;
      // weight:type:glob[:flags]
      std::size_t c1 = line.find(':'), c2 = c1 == std::string::npos ? c1 : line.find(':', c1 + 1);
      if (c2 == std::string::npos) continue;
      std::size_t c3 = line.find(':', c2 + 1);
      std::string glob = line.substr(c2 + 1, c3 == std::string::npos ? std::string::npos : c3 - c2 - 1);
      bool case_sensitive = c3 != std::string::npos && line.find("cs", c3) != std::string::npos;
      if ((case_sensitive ? glob : ascii_lower(glob)) != want) continue;
      std::string type = line.substr(c1 + 1, c2 - c1 - 1);
      int weight = std::atoi(line.substr(0, c1).c_str());
      if (type.rfind("application/x-sill-", 0) == 0) continue;
      if (weight > best_weight && !(dir == user_mime_dir() && defined_by_sill(type))) {
        best = type;
        best_weight = weight;
      }
    }
  }
  return best;
}

bool mime_type_known(const std::string& type) {
  for (const std::string& dir : mime_dirs()) {
    for (const char* file : {"/types", "/aliases"}) {
      std::ifstream in(dir + file);
      std::string line;
      while (std::getline(in, line)) {
        // types: one a line; aliases: "alias canonical".
        if (line.substr(0, line.find(' ')) != type) continue;
        if (dir == user_mime_dir() && defined_by_sill(type)) continue;
        return true;
      }
    }
  }
  return false;
}

std::string mime_package_path(const std::string& name) { return user_mime_dir() + "/packages/sill-" + name + ".xml"; }

std::string render_mime_package(const std::vector<MimeDefinition>& types) {
  std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!-- Written by Sill (sill desktop). -->\n";
  out += "<mime-info xmlns=\"http://www.freedesktop.org/standards/shared-mime-info\">\n";
  for (const MimeDefinition& t : types) {
    out += "  <mime-type type=\"" + xml_escape(t.type) + "\">\n";
    out += "    <comment>" + xml_escape(t.comment) + "</comment>\n";
    if (!t.subclass_of.empty()) out += "    <sub-class-of type=\"" + xml_escape(t.subclass_of) + "\"/>\n";
    for (const std::string& g : t.globs) out += "    <glob pattern=\"" + xml_escape(g) + "\"/>\n";
    out += "  </mime-type>\n";
  }
  out += "</mime-info>\n";
  return out;
}

bool update_user_mime_database() {
  std::string dir = user_mime_dir();
  auto packages = list_dir(dir + "/packages");
  if (packages.empty()) {
    remove_generated_database(dir);
    return true;
  }
  return run_host_tool({"update-mime-database", dir}) == 0;
}

}  // namespace sill::desktop
