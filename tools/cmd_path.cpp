// sill path --unix|--windows PATH...: converts paths between Windows and Unix
// forms through the prefix's drives, like winepath -u / -w.
#include <unistd.h>

#include <cstdio>
#include <vector>

#include "base/unicode.h"
#include "ntdll/path_mapping.h"
#include "ntdll/prefix.h"
#include "ntdll/status.h"
#include "tools/commands.h"

namespace sill::tools {

namespace {

const char* reason(win::NTSTATUS status) {
  switch (status) {
    case nt::STATUS_OBJECT_PATH_NOT_FOUND: return "no such drive";
    case nt::STATUS_BAD_NETWORK_PATH: return "network (UNC) paths are not supported";
    case nt::STATUS_OBJECT_NAME_NOT_FOUND: return "no such device";
    default: return "not a valid Windows path";
  }
}

// "/a/./b//c/../d" -> "/a/b/d" (lexically, as Windows treats "..").
std::string normalize_unix(const std::string& path) {
  std::string abs = path;
  if (abs.empty() || abs[0] != '/') {
    char cwd[4096];
    abs = std::string(getcwd(cwd, sizeof cwd) ? cwd : "/") + "/" + abs;
  }
  std::vector<std::string> parts;
  std::size_t i = 0;
  while (i < abs.size()) {
    std::size_t j = abs.find('/', i);
    if (j == std::string::npos) j = abs.size();
    std::string seg = abs.substr(i, j - i);
    if (seg == "..") {
      if (!parts.empty()) parts.pop_back();
    } else if (!seg.empty() && seg != ".") {
      parts.push_back(seg);
    }
    i = j + 1;
  }
  std::string out;
  for (const auto& p : parts) out += "/" + p;
  return out.empty() ? "/" : out;
}

}  // namespace

int command_path(const std::vector<std::string>& args) {
  if (args.size() < 2 || (args[0] != "--unix" && args[0] != "--windows" && args[0] != "-u" && args[0] != "-w")) {
    std::fprintf(stderr,
                 "sill: 'path' takes --unix WINDOWS_PATH... or --windows UNIX_PATH...\n"
                 "Try 'sill --help' for more information.\n");
    return 2;
  }
  if (!nt::ensure_default_prefix()) return 1;
  bool to_unix = args[0] == "--unix" || args[0] == "-u";
  int status = 0;
  for (std::size_t k = 1; k < args.size(); ++k) {
    const std::string& a = args[k];
    if (a.empty()) {
      std::fprintf(stderr, "sill: cannot convert '': the path is empty\n");
      status = 1;
      continue;
    }
    if (to_unix) {
      auto r = nt::dos_path_to_unix(utf8_to_utf16(a));
      if (!r) {
        std::fprintf(stderr, "sill: cannot convert '%s': %s\n", a.c_str(), reason(r.error()));
        status = 1;
        continue;
      }
      std::printf("%s\n", r->c_str());
    } else {
      std::printf("%s\n", utf16_to_utf8(nt::unix_path_to_dos(normalize_unix(a))).c_str());
    }
  }
  return status;
}

}  // namespace sill::tools
