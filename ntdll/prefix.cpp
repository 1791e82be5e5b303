// Creating the prefix's layout: drive_c (windows, Program Files, ProgramData,
// users, the Start Menus) and dosdevices (c: and z:). Idempotent, safe against a second process
// doing the same at the same moment, and careful never to replace what exists.
#include "ntdll/prefix.h"

#include <pwd.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <map>
#include <utility>

#include "base/debug.h"
#include "ntdll/path_mapping.h"

SILL_DEFAULT_DEBUG_CHANNEL(prefix);

namespace sill::nt {

namespace {

struct Item {
  std::string path;  // relative to the prefix
  std::string link;  // symbolic link target; empty for a folder
};

std::string home_dir() {
  if (const char* h = std::getenv("HOME"); h && *h == '/') return h;
  if (passwd* pw = getpwuid(getuid()); pw && pw->pw_dir && *pw->pw_dir == '/') return pw->pw_dir;
  return {};
}

bool is_directory(const std::string& p) {
  struct stat st;
  return stat(p.c_str(), &st) == 0 && S_ISDIR(st.st_mode);
}

bool same_file(const std::string& a, const std::string& b) {
  struct stat sa, sb;
  return stat(a.c_str(), &sa) == 0 && stat(b.c_str(), &sb) == 0 && sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

// The assignments in $XDG_CONFIG_HOME/user-dirs.dirs (the file xdg-user-dir
// reads): lines KEY="$HOME/Folder" or KEY="/abs/path", with \" and \\ escapes.
std::map<std::string, std::string> xdg_user_dirs(const std::string& home) {
  std::map<std::string, std::string> found;
  std::string config;
  if (const char* c = std::getenv("XDG_CONFIG_HOME"); c && *c == '/') config = c;
  else if (!home.empty()) config = home + "/.config";
  else return found;
  std::ifstream in(config + "/user-dirs.dirs");
  std::string line;
  while (std::getline(in, line)) {
    std::size_t i = line.find_first_not_of(" \t");
    if (i == std::string::npos || line[i] == '#') continue;
    std::size_t eq = line.find("=\"", i);
    if (eq == std::string::npos) continue;
    std::string key = line.substr(i, eq - i);
    std::string raw = line.substr(eq + 2);
    std::string value;
    bool closed = false;
    for (std::size_t k = 0; k < raw.size(); ++k) {
      if (raw[k] == '\\' && k + 1 < raw.size()) {
        value += raw[++k];
      } else if (raw[k] == '"') {
        closed = true;
        break;
      } else {
        value += raw[k];
      }
    }
    if (!closed) continue;
    if (value.compare(0, 5, "$HOME") == 0 && (value.size() == 5 || value[5] == '/')) {
      if (home.empty()) continue;
      value = home + value.substr(5);
    }
    if (!value.empty() && value[0] == '/') found[key] = value;  // the last assignment wins, as in a shell
  }
  return found;
}

// Where users/<user>/<folder> should point: the user's XDG folder when it exists
// and is not the home folder itself (xdg-user-dirs' way of saying "none").
std::string xdg_folder(const std::map<std::string, std::string>& dirs, const std::string& home,
                       const std::string& key, const std::string& fallback_name) {
  auto it = dirs.find(key);
  std::string dir = it == dirs.end() ? std::string() : it->second;
  if (dir.empty() && !fallback_name.empty() && !home.empty()) dir = home + "/" + fallback_name;
  if (dir.empty() || !is_directory(dir) || (!home.empty() && same_file(dir, home))) return {};
  return dir;
}

std::vector<Item> layout() {
  std::string user = "drive_c/users/" + prefix_user_name();
  std::vector<Item> items = {
      {"drive_c", ""},
      {"drive_c/windows", ""},
      {"drive_c/windows/system32", ""},
      {"drive_c/windows/temp", ""},
      {"drive_c/Program Files", ""},
      {"drive_c/Program Files/Common Files", ""},
      {"drive_c/Program Files (x86)", ""},
      {"drive_c/ProgramData", ""},
      {"drive_c/ProgramData/Microsoft", ""},
      {"drive_c/ProgramData/Microsoft/Windows", ""},
      {"drive_c/ProgramData/Microsoft/Windows/Start Menu", ""},
      {"drive_c/ProgramData/Microsoft/Windows/Start Menu/Programs", ""},
      {"drive_c/users", ""},
      {"drive_c/users/Public", ""},
      {"drive_c/users/Public/Desktop", ""},
      {user, ""},
      {user + "/AppData", ""},
      {user + "/AppData/Roaming", ""},
      {user + "/AppData/Roaming/Microsoft", ""},
      {user + "/AppData/Roaming/Microsoft/Windows", ""},
      {user + "/AppData/Roaming/Microsoft/Windows/Start Menu", ""},
      {user + "/AppData/Roaming/Microsoft/Windows/Start Menu/Programs", ""},
      {user + "/AppData/Local", ""},
      {user + "/AppData/LocalLow", ""},
      {user + "/Temp", ""},
  };
  static constexpr struct {
    const char* name;
    const char* key;
    const char* fallback;  // xdg-user-dir's default when the key is unset
  } kLinked[] = {
      {"Desktop", "XDG_DESKTOP_DIR", "Desktop"}, {"Documents", "XDG_DOCUMENTS_DIR", ""},
      {"Downloads", "XDG_DOWNLOAD_DIR", ""},     {"Music", "XDG_MUSIC_DIR", ""},
      {"Pictures", "XDG_PICTURES_DIR", ""},      {"Videos", "XDG_VIDEOS_DIR", ""},
  };
  std::string home = home_dir();
  auto dirs = xdg_user_dirs(home);
  for (const auto& l : kLinked) items.push_back({user + "/" + l.name, xdg_folder(dirs, home, l.key, l.fallback)});
  items.push_back({"dosdevices", ""});
  items.push_back({"dosdevices/c:", "../drive_c"});
  items.push_back({"dosdevices/z:", "/"});
  return items;
}

// Creates the missing items under `base`; an item that exists (whatever it is) is
// left alone, so a concurrent creator or the user's own changes are never undone.
// Returns 0 or an errno value; `failed` names the path that could not be made.
int fill(const std::string& base, const std::vector<Item>& items, std::vector<PrefixEntry>& made,
         std::string& failed) {
  for (const Item& item : items) {
    std::string full = base + "/" + item.path;
    struct stat st;
    if (lstat(full.c_str(), &st) == 0) continue;
    if (errno != ENOENT) {
      failed = full;
      return errno;
    }
    int r = item.link.empty() ? mkdir(full.c_str(), 0755) : symlink(item.link.c_str(), full.c_str());
    if (r != 0) {
      if (errno == EEXIST) continue;
      failed = full;
      return errno;
    }
    made.push_back({item.path, item.link});
  }
  return 0;
}

// Removes what fill() made in a temporary folder (never anything else), then the folder.
void discard(const std::string& base, const std::vector<PrefixEntry>& made) {
  for (auto it = made.rbegin(); it != made.rend(); ++it) {
    std::string full = base + "/" + it->path;
    if (it->link_target.empty()) rmdir(full.c_str());
    else unlink(full.c_str());
  }
  rmdir(base.c_str());
}

// mkdir -p for the folders above the prefix.
int make_parents(const std::string& dir) {
  for (std::size_t i = 1; i <= dir.size(); ++i) {
    if (i != dir.size() && dir[i] != '/') continue;
    std::string part = dir.substr(0, i);
    if (mkdir(part.c_str(), 0755) != 0 && errno != EEXIST) {
      if (errno == EACCES || errno == EROFS || errno == EPERM) {
        if (is_directory(part)) continue;  // an existing folder we may not write to
      }
      return errno;
    }
  }
  return 0;
}

Unexpected<Error> failure(int err, const std::string& dir, const std::string& failed) {
  std::string message = std::strerror(err);
  if (!failed.empty() && failed != dir) message += " (" + failed + ")";
  return fail(message);
}

}  // namespace

std::string prefix_user_name() {
  std::string name;
  if (const char* u = std::getenv("USER"); u && *u) name = u;
  else if (passwd* pw = getpwuid(getuid()); pw && pw->pw_name && *pw->pw_name) name = pw->pw_name;
  if (name.empty() || name == "." || name == "..") return "user";
  // Never a path: a name with '/' or '\' would reach outside users/.
  for (char& c : name)
    if (c == '/' || c == '\\' || c == ':' || static_cast<unsigned char>(c) < 0x20) c = '_';
  return name;
}

Expected<std::vector<PrefixEntry>> ensure_prefix(const std::string& dir_in) {
  std::string dir = dir_in;
  if (dir.empty()) return fail("no folder given");
  if (dir[0] != '/') {
    char cwd[4096];
    if (!getcwd(cwd, sizeof cwd)) return fail(std::strerror(errno));
    dir = std::string(cwd) + "/" + dir;
  }
  while (dir.size() > 1 && dir.back() == '/') dir.pop_back();
  std::vector<Item> items = layout();
  std::vector<PrefixEntry> made;
  std::string failed;

  struct stat st;
  if (lstat(dir.c_str(), &st) != 0) {
    if (errno != ENOENT) return failure(errno, dir, "");
    // A new prefix: built aside and renamed into place, so no process ever sees half of one.
    std::size_t slash = dir.find_last_of('/');
    std::string parent = slash == 0 ? "/" : dir.substr(0, slash);
    if (int err = make_parents(parent)) return failure(err, dir, parent);
    std::string tmpl = (parent == "/" ? "" : parent) + "/." + dir.substr(slash + 1) + ".tmp-XXXXXX";
    std::vector<char> buf(tmpl.begin(), tmpl.end());
    buf.push_back('\0');
    if (!mkdtemp(buf.data())) return failure(errno, dir, "");
    std::string tmp = buf.data();
    if (int err = fill(tmp, items, made, failed)) {
      discard(tmp, made);
      return failure(err, dir, "");
    }
    chmod(tmp.c_str(), 0755);
    if (rename(tmp.c_str(), dir.c_str()) == 0) {
      TRACE("created the prefix at %s\n", dir.c_str());
      return made;
    }
    int err = errno;
    discard(tmp, made);
    made.clear();
    // Another process got there first: complete what it made (normally nothing).
    if (err != EEXIST && err != ENOTEMPTY) return failure(err, dir, "");
  } else if (!is_directory(dir)) {
    return failure(ENOTDIR, dir, "");
  }
  if (int err = fill(dir, items, made, failed)) return failure(err, dir, failed);
  return made;
}

bool ensure_default_prefix() {
  std::string dir = prefix_path();
  auto r = ensure_prefix(dir);
  if (!r) {
    std::fprintf(stderr, "sill: cannot create the prefix at %s: %s\n", dir.c_str(), r.error().message.c_str());
    return false;
  }
  return true;
}

}  // namespace sill::nt
