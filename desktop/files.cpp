#include "desktop/files.h"

#include <fcntl.h>
#include <pwd.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>

namespace sill::desktop {

namespace {

std::string absolute_env(const char* name) {
  const char* v = std::getenv(name);
  return v && *v == '/' ? std::string(v) : std::string();
}

}  // namespace

std::string home_dir() {
  if (std::string h = absolute_env("HOME"); !h.empty()) return h;
  if (passwd* pw = getpwuid(getuid()); pw && pw->pw_dir && *pw->pw_dir == '/') return pw->pw_dir;
  return {};
}

std::string data_home() {
  std::string d = absolute_env("XDG_DATA_HOME");
  return d.empty() ? home_dir() + "/.local/share" : d;
}

std::string config_home() {
  std::string d = absolute_env("XDG_CONFIG_HOME");
  return d.empty() ? home_dir() + "/.config" : d;
}

std::vector<std::string> data_dirs() {
  std::vector<std::string> dirs;
  const char* v = std::getenv("XDG_DATA_DIRS");
  std::string list = v && *v ? v : "/usr/local/share:/usr/share";
  std::size_t start = 0;
  while (start <= list.size()) {
    std::size_t colon = list.find(':', start);
    std::string part = list.substr(start, colon == std::string::npos ? std::string::npos : colon - start);
    if (!part.empty() && part[0] == '/') dirs.push_back(part);
    if (colon == std::string::npos) break;
    start = colon + 1;
  }
  return dirs;
}

std::optional<std::string> read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

Expected<void> make_dirs(const std::string& dir) {
  for (std::size_t i = 1; i <= dir.size(); ++i) {
    if (i != dir.size() && dir[i] != '/') continue;
    std::string part = dir.substr(0, i);
    if (mkdir(part.c_str(), 0755) != 0 && errno != EEXIST) return fail(part + ": " + std::strerror(errno));
  }
  return {};
}

namespace {

Expected<void> write_whole(const std::string& path, const std::string& content, bool durable) {
  if (auto made = make_dirs(parent_dir(path)); !made) return made;
  std::string tmp = path + ".tmp-" + std::to_string(getpid());
  int fd = open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) return fail(tmp + ": " + std::strerror(errno));
  std::size_t done = 0;
  while (done < content.size()) {
    ssize_t n = write(fd, content.data() + done, content.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      int err = errno;
      close(fd);
      unlink(tmp.c_str());
      return fail(path + ": " + std::strerror(err));
    }
    done += static_cast<std::size_t>(n);
  }
  if (durable) fsync(fd);
  close(fd);
  if (rename(tmp.c_str(), path.c_str()) != 0) {
    int err = errno;
    unlink(tmp.c_str());
    return fail(path + ": " + std::strerror(err));
  }
  if (!durable) return {};
  if (int dfd = open(parent_dir(path).c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC); dfd >= 0) {
    fsync(dfd);
    close(dfd);
  }
  return {};
}

}  // namespace

Expected<void> write_file(const std::string& path, const std::string& content) {
  return write_whole(path, content, true);
}

Expected<void> write_regenerable_file(const std::string& path, const std::string& content) {
  return write_whole(path, content, false);
}

bool exists(const std::string& path) {
  struct stat st;
  return lstat(path.c_str(), &st) == 0;
}

bool is_regular_file(const std::string& path) {
  struct stat st;
  return stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode);
}

bool remove_file(const std::string& path) { return unlink(path.c_str()) == 0 || errno == ENOENT; }

void remove_empty_dirs(std::string dir, const std::string& stop) {
  while (dir.size() > stop.size() && dir.compare(0, stop.size(), stop) == 0 && dir[stop.size()] == '/') {
    if (rmdir(dir.c_str()) != 0) return;  // not empty (or gone): stop climbing
    dir = parent_dir(dir);
  }
}

std::string parent_dir(const std::string& path) {
  std::size_t slash = path.find_last_of('/');
  if (slash == std::string::npos) return ".";
  return slash == 0 ? "/" : path.substr(0, slash);
}

}  // namespace sill::desktop
