// DOS <-> Unix path mapping: drive letters through the prefix's dosdevices,
// Win32 path normalization, and case-insensitive lookup on the Unix side.
#include "ntdll/path_mapping.h"

#include <dirent.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <mutex>
#include <optional>
#include <vector>

#include "base/debug.h"
#include "base/unicode.h"
#include "ntdll/environment.h"
#include "ntdll/process_internal.h"
#include "ntdll/status.h"

SILL_DEFAULT_DEBUG_CHANNEL(path);

namespace sill::nt {

namespace {

bool is_sep(char16_t c) { return c == u'\\' || c == u'/'; }
char16_t ascii_upper(char16_t c) { return (c >= u'a' && c <= u'z') ? c - 32 : c; }
bool is_letter(char16_t c) { return (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z'); }
bool has_drive(std::u16string_view p) { return p.size() >= 2 && is_letter(p[0]) && p[1] == u':'; }

bool iequals_ascii(std::u16string_view a, std::u16string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (ascii_upper(a[i]) != ascii_upper(b[i])) return false;
  return true;
}

std::mutex g_cwd_lock;
std::u16string g_cwd;  // ends in '\'; empty until first use

std::u16string cwd_locked() {
  if (g_cwd.empty()) {
    if (PEB* peb = process_peb(); peb && peb->ProcessParameters &&
                                  peb->ProcessParameters->CurrentDirectory.DosPath.Buffer) {
      const UNICODE_STRING& s = peb->ProcessParameters->CurrentDirectory.DosPath;
      g_cwd.assign(s.Buffer, s.Length / 2);
    } else {
      char buf[4096];
      g_cwd = getcwd(buf, sizeof buf) ? unix_path_to_dos(buf) : std::u16string(u"Z:\\");
    }
    if (g_cwd.empty() || g_cwd.back() != u'\\') g_cwd += u'\\';
  }
  return g_cwd;
}

// Splits on separators and applies '.', '..' and the trailing dot/space rules to
// the components after `root` (which ends in '\').
std::u16string normalize(std::u16string root, std::u16string_view rest) {
  std::vector<std::u16string> parts;
  bool trailing_sep = !rest.empty() && is_sep(rest.back());
  std::size_t i = 0;
  while (i < rest.size()) {
    while (i < rest.size() && is_sep(rest[i])) ++i;
    std::size_t j = i;
    while (j < rest.size() && !is_sep(rest[j])) ++j;
    if (j > i) {
      std::u16string seg(rest.substr(i, j - i));
      if (seg == u".") {
      } else if (seg == u"..") {
        if (!parts.empty()) parts.pop_back();
      } else {
        // A segment ending in one period loses it; the last segment loses all
        // trailing periods and spaces (Win32 path normalization).
        bool last = j >= rest.size();
        if (last && !trailing_sep) {
          while (!seg.empty() && (seg.back() == u'.' || seg.back() == u' ')) seg.pop_back();
        } else if (seg.size() >= 2 && seg.back() == u'.' && seg[seg.size() - 2] != u'.') {
          seg.pop_back();
        }
        if (!seg.empty()) parts.push_back(std::move(seg));
      }
    }
    i = j;
  }
  std::u16string out = std::move(root);
  for (std::size_t k = 0; k < parts.size(); ++k) {
    if (k) out += u'\\';
    out += parts[k];
  }
  if (trailing_sep && !parts.empty()) out += u'\\';
  return out;
}

std::string to_unix_separators(std::u16string_view p) {
  std::string s = utf16_to_utf8(p);
  for (char& c : s)
    if (c == '\\') c = '/';
  return s;
}

bool exists(const std::string& p) {
  struct stat st;
  return lstat(p.c_str(), &st) == 0;
}

// Case-insensitive comparison of two UTF-8 names (ASCII and Latin-1 folding only).
bool name_iequals(const char* a, const std::string& b) {
  std::u16string wa = utf8_to_utf16(a), wb = utf8_to_utf16(b);
  if (wa.size() != wb.size()) return false;
  auto fold = [](char16_t c) -> char16_t {
    if ((c >= u'a' && c <= u'z') || (c >= 0xE0 && c <= 0xFE && c != 0xF7)) return c - 32;
    return c;
  };
  for (std::size_t i = 0; i < wa.size(); ++i)
    if (fold(wa[i]) != fold(wb[i])) return false;
  return true;
}

// Appends `rel` ("a/b/c") to `base`, looking each missing component up case-insensitively.
std::string resolve_case(std::string base, std::string_view rel) {
  bool missing = false;
  std::size_t i = 0;
  while (i < rel.size()) {
    std::size_t j = rel.find('/', i);
    if (j == std::string_view::npos) j = rel.size();
    std::string comp(rel.substr(i, j - i));
    i = j + 1;
    if (comp.empty()) continue;
    std::string candidate = base + (base.empty() || base.back() != '/' ? "/" : "") + comp;
    if (!missing && !exists(candidate)) {
      missing = true;
      if (DIR* d = opendir(base.empty() ? "/" : base.c_str())) {
        while (dirent* e = readdir(d)) {
          if (name_iequals(e->d_name, comp)) {
            candidate = base + (base.empty() || base.back() != '/' ? "/" : "") + e->d_name;
            missing = false;
            break;
          }
        }
        closedir(d);
      }
    }
    base = std::move(candidate);
  }
  if (rel.size() > 0 && rel.back() == '/' && (base.empty() || base.back() != '/')) base += '/';
  return base.empty() ? "/" : base;
}

Expected<std::string, win::NTSTATUS> device_to_unix(std::u16string_view name) {
  std::u16string n(name);
  while (!n.empty() && (n.back() == u' ' || n.back() == u'.')) n.pop_back();
  if (iequals_ascii(n, u"NUL")) return std::string("/dev/null");
  if (iequals_ascii(n, u"CON") || iequals_ascii(n, u"CONIN$") || iequals_ascii(n, u"CONOUT$"))
    return std::string("/dev/tty");
  if (has_drive(n) && n.size() == 2) {
    if (auto root = drive_root(n[0])) return root->empty() ? std::string("/") : *root;
    return Unexpected{STATUS_OBJECT_NAME_NOT_FOUND};
  }
  FIXME("device \\\\.\\%s is not supported", utf16_to_utf8(n).c_str());
  return Unexpected{STATUS_OBJECT_NAME_NOT_FOUND};
}

Expected<std::string, win::NTSTATUS> drive_path_to_unix(std::u16string_view p) {
  // p is "X:" followed by '\' and the rest of the path.
  auto root = drive_root(p[0]);
  if (!root) return Unexpected{STATUS_OBJECT_PATH_NOT_FOUND};
  std::u16string_view rest = p.substr(2);
  while (!rest.empty() && is_sep(rest.front())) rest.remove_prefix(1);
  // Win32 paths were normalized; a "." or ".." left here came through \\?\ untouched,
  // which the NT layer refuses as a name (and it must never climb out of the drive).
  for (std::size_t i = 0; i < rest.size();) {
    std::size_t j = i;
    while (j < rest.size() && !is_sep(rest[j])) ++j;
    std::u16string_view seg = rest.substr(i, j - i);
    if (seg == u"." || seg == u"..") return Unexpected{STATUS_OBJECT_NAME_INVALID};
    i = j + 1;
  }
  if (rest.empty()) return root->empty() ? std::string("/") : *root + "/";
  return resolve_case(*root, to_unix_separators(rest));
}

}  // namespace

bool is_reserved_device_name(std::u16string_view name) {
  std::size_t dot = name.find(u'.');
  std::u16string_view base = name.substr(0, dot);
  while (!base.empty() && base.back() == u' ') base.remove_suffix(1);
  static constexpr std::u16string_view kNames[] = {u"NUL", u"CON", u"AUX", u"PRN", u"CONIN$",
                                                   u"CONOUT$"};
  for (auto n : kNames)
    if (iequals_ascii(base, n)) return dot == std::u16string_view::npos || n.size() == 3;
  if (base.size() == 4 && (iequals_ascii(base.substr(0, 3), u"COM") || iequals_ascii(base.substr(0, 3), u"LPT")))
    return base[3] >= u'1' && base[3] <= u'9';
  return false;
}

std::string prefix_path() {
  if (const char* p = std::getenv("SILL_PREFIX"); p && *p) return p;
  if (const char* x = std::getenv("XDG_DATA_HOME"); x && *x) return std::string(x) + "/sill/default";
  const char* home = std::getenv("HOME");
  return std::string(home && *home ? home : "/tmp") + "/.local/share/sill/default";
}

std::optional<std::string> drive_root(char16_t letter) {
  char l = static_cast<char>(ascii_upper(letter) + 32);
  if (l < 'a' || l > 'z') return std::nullopt;
  std::string prefix = prefix_path();
  std::string link = prefix + "/dosdevices/" + l + ":";
  if (exists(link)) {
    // A drive that is the Unix root (z: -> /) gives plain Unix paths, as winepath shows them.
    char target[2];
    if (readlink(link.c_str(), target, sizeof target) == 1 && target[0] == '/') return std::string();
    return link;
  }
  if (l == 'c') return prefix + "/drive_c";
  if (l == 'z') return std::string();  // the Unix root; paths append "/..."
  return std::nullopt;
}

std::u16string current_directory() {
  std::lock_guard g(g_cwd_lock);
  return cwd_locked();
}

win::NTSTATUS set_current_directory(std::u16string_view dos_path) {
  auto full = full_dos_path(dos_path);
  if (!full) return full.error();
  auto unix_path = dos_path_to_unix(*full);
  if (!unix_path) return unix_path.error();
  struct stat st;
  if (stat(unix_path->c_str(), &st) != 0) return status_from_errno(errno);
  if (!S_ISDIR(st.st_mode)) return STATUS_NOT_A_DIRECTORY;
  std::u16string dir = *full;
  if (dir.back() != u'\\') dir += u'\\';
  std::lock_guard g(g_cwd_lock);
  g_cwd = dir;
  if (PEB* peb = process_peb(); peb && peb->ProcessParameters) {
    UNICODE_STRING& s = peb->ProcessParameters->CurrentDirectory.DosPath;
    std::size_t bytes = dir.size() * 2;
    if (!s.Buffer || s.MaximumLength < bytes + 2) {
      // The old buffer may belong to the loader's parameter block: leave it.
      s.Buffer = new WCHAR[dir.size() + 1 > 261 ? dir.size() + 1 : 261];
      s.MaximumLength = static_cast<USHORT>((dir.size() + 1 > 261 ? dir.size() + 1 : 261) * 2);
    }
    std::memcpy(s.Buffer, dir.data(), bytes);
    s.Buffer[dir.size()] = 0;
    s.Length = static_cast<USHORT>(bytes);
  }
  return STATUS_SUCCESS;
}

Expected<std::u16string, win::NTSTATUS> full_dos_path(std::u16string_view path) {
  if (path.empty()) return Unexpected{STATUS_OBJECT_NAME_INVALID};
  // \\?\ and \??\ paths are passed through untouched, as Windows does.
  if (path.size() >= 4 && path[0] == u'\\' && path[3] == u'\\' &&
      ((path[1] == u'\\' && path[2] == u'?') || (path[1] == u'?' && path[2] == u'?')))
    return std::u16string(path);
  if (path.size() >= 4 && is_sep(path[0]) && is_sep(path[1]) && (path[2] == u'.' || path[2] == u'?') &&
      is_sep(path[3]))
    return normalize(u"\\\\.\\", path.substr(4));
  if (path.size() >= 2 && is_sep(path[0]) && is_sep(path[1])) {
    // UNC: \\server\share is the root.
    std::size_t i = 2, seps = 0;
    while (i < path.size() && seps < 2) {
      if (is_sep(path[i])) ++seps;
      if (seps < 2) ++i;
    }
    std::u16string root(path.substr(0, i));
    for (auto& c : root)
      if (c == u'/') c = u'\\';
    return normalize(root + u"\\", i < path.size() ? path.substr(i) : std::u16string_view{});
  }

  std::u16string cwd = current_directory();
  std::u16string result;
  if (has_drive(path)) {
    std::u16string root{ascii_upper(path[0]), u':', u'\\'};
    if (path.size() >= 3 && is_sep(path[2])) {
      result = normalize(root, path.substr(3));
    } else if (ascii_upper(cwd[0]) == root[0] && has_drive(cwd)) {
      result = normalize(root, cwd.substr(3) + std::u16string(path.substr(2)));
    } else if (auto dir = env_get(std::u16string{u'=', root[0], u':'});
               dir && has_drive(*dir) && ascii_upper((*dir)[0]) == root[0] && dir->size() >= 3 && is_sep((*dir)[2])) {
      // The drive's own current directory, kept in "=X:" as cmd.exe and _chdir do.
      std::u16string base = dir->substr(3);
      if (!base.empty() && !is_sep(base.back())) base += u'\\';
      result = normalize(root, base + std::u16string(path.substr(2)));
    } else {
      result = normalize(root, path.substr(2));
    }
  } else if (is_sep(path[0])) {
    std::u16string root = has_drive(cwd) ? cwd.substr(0, 3) : std::u16string(u"C:\\");
    result = normalize(root, path.substr(1));
  } else {
    std::u16string root = has_drive(cwd) ? cwd.substr(0, 3) : std::u16string(u"C:\\");
    result = normalize(root, cwd.substr(root.size()) + std::u16string(path));
  }
  // Windows 10 maps a reserved device name in the last component to the device.
  std::size_t last = result.find_last_of(u'\\');
  std::u16string_view leaf = std::u16string_view(result).substr(last + 1);
  if (!leaf.empty() && is_reserved_device_name(leaf)) {
    std::size_t dot = leaf.find(u'.');
    std::u16string_view base = leaf.substr(0, dot);
    while (!base.empty() && base.back() == u' ') base.remove_suffix(1);
    return u"\\\\.\\" + std::u16string(base);
  }
  return result;
}

Expected<std::string, win::NTSTATUS> dos_path_to_unix(std::u16string_view dos_path) {
  // An NT name cannot hold a NUL (and a Unix path would be cut at it).
  if (dos_path.find(u'\0') != std::u16string_view::npos) return Unexpected{STATUS_OBJECT_NAME_INVALID};
  auto full = full_dos_path(dos_path);
  if (!full) return Unexpected{full.error()};
  std::u16string_view p = *full;
  if (p.size() >= 4 && p[0] == u'\\' && (p[1] == u'\\' || p[1] == u'?') && (p[2] == u'?' || p[2] == u'.') &&
      p[3] == u'\\') {
    std::u16string_view rest = p.substr(4);
    // \\.\C:\dir is C:\dir; other \\.\ names are devices.
    if (p[2] == u'.' && p[1] == u'\\' && !(has_drive(rest) && rest.size() > 2 && rest[2] == u'\\'))
      return device_to_unix(rest);
    if (rest.size() >= 4 && iequals_ascii(rest.substr(0, 4), u"UNC\\")) return Unexpected{STATUS_BAD_NETWORK_PATH};
    if (has_drive(rest) && (rest.size() == 2 || rest[2] == u'\\')) return drive_path_to_unix(rest);
    return device_to_unix(rest);
  }
  if (p.size() >= 2 && p[0] == u'\\' && p[1] == u'\\') {
    FIXME_ONCE("UNC paths are not supported: %s", utf16_to_utf8(p).c_str());
    return Unexpected{STATUS_BAD_NETWORK_PATH};
  }
  if (!has_drive(p)) return Unexpected{STATUS_OBJECT_PATH_SYNTAX_BAD};
  return drive_path_to_unix(p);
}

namespace {

struct DriveLink {
  char letter;        // 'A'..'Y'
  std::string path;   // dosdevices/x:
  std::string real;   // where it leads (empty if nowhere)
};

// The drive links of dosdevices with their real folders. Reading them takes an opendir and a
// realpath (several readlinks) per link, and programs convert paths often (a dozen times during
// start-up alone), so the list is kept while the folder is unchanged: adding, removing or
// replacing a link changes its mtime. A folder changed in the last two seconds is read again
// every time, since two changes within one timestamp tick would look like one.
std::optional<std::vector<DriveLink>> drive_links(const std::string& devices) {
  static std::mutex lock;
  static std::string cached_folder;
  static struct timespec cached_mtime {};
  static std::vector<DriveLink> cached;
  struct stat st {};
  if (stat(devices.c_str(), &st) != 0 || !S_ISDIR(st.st_mode)) return std::nullopt;
  struct timespec now {};
  clock_gettime(CLOCK_REALTIME, &now);
  bool settled = now.tv_sec - st.st_mtim.tv_sec >= 2;
  {
    std::lock_guard g(lock);
    if (settled && cached_folder == devices && cached_mtime.tv_sec == st.st_mtim.tv_sec &&
        cached_mtime.tv_nsec == st.st_mtim.tv_nsec)
      return cached;
  }
  std::vector<DriveLink> links;
  DIR* d = opendir(devices.c_str());
  if (!d) return std::nullopt;
  while (dirent* e = readdir(d)) {
    char l = static_cast<char>(ascii_upper(static_cast<unsigned char>(e->d_name[0])));
    if (l < 'A' || l > 'Y' || e->d_name[1] != ':' || e->d_name[2] != '\0') continue;
    DriveLink link{l, devices + "/" + e->d_name, {}};
    if (char* real = realpath(link.path.c_str(), nullptr)) {
      link.real = real;
      std::free(real);
    }
    links.push_back(std::move(link));
  }
  closedir(d);
  if (settled) {
    std::lock_guard g(lock);
    cached_folder = devices;
    cached_mtime = st.st_mtim;
    cached = links;
  }
  return links;
}

}  // namespace

std::u16string unix_path_to_dos(std::string_view unix_path) {
  std::string abs(unix_path);
  if (abs.empty() || abs[0] != '/') {
    char buf[4096];
    abs = std::string(getcwd(buf, sizeof buf) ? buf : "/") + "/" + abs;
  }
  auto under = [&](const std::string& root) -> std::optional<std::string_view> {
    if (root.empty() || abs.compare(0, root.size(), root) != 0) return std::nullopt;
    if (abs.size() != root.size() && abs[root.size()] != '/') return std::nullopt;
    return std::string_view(abs).substr(root.size());
  };
  // The drive whose folder holds the path most closely: C: by the names it is
  // spelled with, then every dosdevices link by its own name and its real path; else Z:.
  std::optional<std::string_view> rest;
  char letter = 'Z';
  std::size_t best = 0;
  auto consider = [&](char l, const std::string& root) {
    if (root.empty() || root == "/") return;
    auto r = under(root);
    if (!r || root.size() < best || (root.size() == best && l >= letter)) return;
    rest = r;
    letter = l;
    best = root.size();
  };
  std::string prefix = prefix_path();
  if (auto c = drive_root(u'c')) consider('C', *c);
  consider('C', prefix + "/drive_c");
  if (auto links = drive_links(prefix + "/dosdevices")) {
    for (const DriveLink& link : *links) {
      consider(link.letter, link.path);
      consider(link.letter, link.real);
    }
  } else if (char* real = realpath((prefix + "/drive_c").c_str(), nullptr)) {
    consider('C', real);
    std::free(real);
  }
  std::u16string out{static_cast<char16_t>(letter), u':'};
  std::u16string tail = utf8_to_utf16(rest ? *rest : std::string_view(abs));
  for (auto& ch : tail)
    if (ch == u'/') ch = u'\\';
  if (tail.empty()) tail = u"\\";
  return out + tail;
}

}  // namespace sill::nt
