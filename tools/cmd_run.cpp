// sill [run] PROGRAM.exe ARGS...: finds the program, then hands over to the loader.
#include <sys/stat.h>

#include <unistd.h>

#include <cctype>
#include <cerrno>
#include <climits>
#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "base/unicode.h"
#include "desktop/menu_sync.h"
#include "desktop/shell_link.h"
#include "loader/process_start.h"
#include "ntdll/path_mapping.h"
#include "ntdll/prefix.h"
#include "tools/commands.h"
#include "tools/file_reader.h"
#include "win32/msvcrt/command_line.h"

namespace sill::tools {

namespace {

bool is_file(const std::string& path) {
  struct stat st {};
  return stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode);
}

// C:\Games\x.exe, Z:/tmp/x.exe, bin\x.exe: the Windows paths launchers made for wine pass.
bool is_windows_path(const std::string& path) {
  bool drive = path.size() >= 3 && std::isalpha(static_cast<unsigned char>(path[0])) && path[1] == ':' &&
               (path[2] == '\\' || path[2] == '/');
  return drive || path.find('\\') != std::string::npos;
}

// Every process of the game, children started from other folders included, must agree on the
// prefix: a relative SILL_PREFIX is made absolute once, here.
void make_prefix_absolute() {
  const char* p = std::getenv("SILL_PREFIX");
  if (!p || !*p || p[0] == '/') return;
  char cwd[PATH_MAX];
  if (getcwd(cwd, sizeof cwd)) setenv("SILL_PREFIX", (std::string(cwd) + "/" + p).c_str(), 1);
}

// A shortcut runs what it points to, as Windows' shell starts it: the target with the
// shortcut's arguments (then any given here), in its working folder.
int run_shortcut(const std::string& program, const std::string& path, const std::vector<std::string>& extra) {
  auto bytes = read_whole_file(path);
  if (!bytes) {
    std::fprintf(stderr, "sill: cannot read the shortcut %s: %s\n", program.c_str(), bytes.error().message.c_str());
    return 127;
  }
  auto link = desktop::parse_shell_link(*bytes);
  if (!link) {
    std::fprintf(stderr, "sill: %s is not a shortcut Sill can read: %s\n", program.c_str(), link.error().message.c_str());
    return 126;
  }
  // A shortcut to a shortcut is followed a few times, never round a cycle.
  static int depth = 0;
  if (++depth > 8) {
    std::fprintf(stderr, "sill: the shortcut %s leads to shortcuts pointing at each other\n", program.c_str());
    return 126;
  }
  if (link->target_path.empty()) {
    std::fprintf(stderr, "sill: the shortcut %s names no file to start\n", program.c_str());
    return 126;
  }
  if (!nt::ensure_default_prefix()) return 1;
  if (!link->working_dir.empty()) {
    auto dir = nt::dos_path_to_unix(utf8_to_utf16(link->working_dir));
    char cwd[PATH_MAX];
    if (dir && chdir(dir->c_str()) == 0 && getcwd(cwd, sizeof cwd))
      nt::set_current_directory(nt::unix_path_to_dos(cwd));  // the NT layer has read the old one already
    else
      std::fprintf(stderr, "sill: %s: cannot enter its working folder %s; staying in the current one\n",
                   program.c_str(), link->working_dir.c_str());
  }
  // The arguments are a command-line tail: split as the program's C runtime will split it.
  std::vector<std::string> args;
  auto split = msvcrt::split_command_line(("x " + link->arguments).c_str());
  args.insert(args.end(), split.begin() + 1, split.end());
  args.insert(args.end(), extra.begin(), extra.end());
  return command_run(link->target_path, args);
}

}  // namespace

int command_run(const std::string& program, const std::vector<std::string>& args) {
  make_prefix_absolute();
  std::string path = program;
  if (!is_file(path) && is_windows_path(path)) {
    // The drives (C:, Z:) are the prefix's: it must exist to resolve them.
    if (!nt::ensure_default_prefix()) return 1;
    auto unix_path = nt::dos_path_to_unix(utf8_to_utf16(path));
    if (unix_path) path = *unix_path;
  }
  // "sill notepad" finds notepad.exe, as typing a program name does on Windows.
  if (!is_file(path) && is_file(path + ".exe")) path += ".exe";
  struct stat st {};
  if (stat(path.c_str(), &st) != 0) {
    std::fprintf(stderr, "sill: cannot run %s: %s\n", program.c_str(), std::strerror(errno));
    return 127;
  }
  if (S_ISDIR(st.st_mode)) {
    std::fprintf(stderr, "sill: cannot run %s: it is a directory\n", program.c_str());
    return 126;
  }
  if (desktop::has_lnk_suffix(path)) return run_shortcut(program, path, args);
  loader::LoadError e = loader::run_program(path, args);
  std::fprintf(stderr, "sill: cannot run %s: %s\n", program.c_str(), e.message.c_str());
  // 126 is the shell's "found but cannot be executed".
  return 126;
}

}  // namespace sill::tools
