// sill [run] PROGRAM.exe ARGS...: finds the program, then hands over to the loader.
#include <sys/stat.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

#include "loader/process_start.h"
#include "tools/commands.h"

namespace sill::tools {

namespace {

bool is_file(const std::string& path) {
  struct stat st {};
  return stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode);
}

}  // namespace

int command_run(const std::string& program, const std::vector<std::string>& args) {
  std::string path = program;
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
  loader::LoadError e = loader::run_program(path, args);
  std::fprintf(stderr, "sill: cannot run %s: %s\n", program.c_str(), e.message.c_str());
  // 126 is the shell's "found but cannot be executed".
  return 126;
}

}  // namespace sill::tools
