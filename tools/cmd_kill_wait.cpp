// sill kill|wait [--prefix DIR]: end every process of a prefix, or wait until all have ended
// (wineserver -k / -w). Both read the prefix's process registry (ntdll/prefix_processes.h).
#include <unistd.h>

#include <climits>
#include <cstdio>
#include <cstdlib>

#include "ntdll/path_mapping.h"
#include "ntdll/prefix_processes.h"
#include "tools/commands.h"

namespace sill::tools {

namespace {

// The prefix named by --prefix DIR (or --prefix=DIR), else $SILL_PREFIX or the default one.
// Relative names are taken from the current directory, as `sill PROGRAM` takes them.
bool prefix_argument(const std::string& command, const std::vector<std::string>& args, std::string* prefix) {
  *prefix = nt::prefix_path();
  for (std::size_t i = 0; i < args.size(); ++i) {
    if (args[i] == "--prefix" && i + 1 < args.size()) {
      *prefix = args[++i];
    } else if (args[i].rfind("--prefix=", 0) == 0) {
      *prefix = args[i].substr(9);
    } else {
      std::fprintf(stderr, "sill: '%s' takes only [--prefix DIR], not '%s'\nTry 'sill --help' for more information.\n",
                   command.c_str(), args[i].c_str());
      return false;
    }
  }
  char resolved[PATH_MAX];
  if (realpath(prefix->c_str(), resolved)) *prefix = resolved;
  return true;
}

}  // namespace

int command_kill(const std::vector<std::string>& args) {
  std::string prefix;
  if (!prefix_argument("kill", args, &prefix)) return 2;
  nt::processes::KillResult r = nt::processes::kill_all(prefix);
  if (!r.complete) {
    std::fprintf(stderr, "sill: some processes of the prefix at %s are still running after SIGKILL\n", prefix.c_str());
    return 1;
  }
  return 0;
}

int command_wait(const std::vector<std::string>& args) {
  std::string prefix;
  if (!prefix_argument("wait", args, &prefix)) return 2;
  nt::processes::wait_all(prefix);
  return 0;
}

}  // namespace sill::tools
