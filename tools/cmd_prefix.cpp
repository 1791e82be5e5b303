// sill prefix init [DIR]: creates the prefix's layout (or completes it) and says what it made.
#include <cstdio>

#include "ntdll/path_mapping.h"
#include "ntdll/prefix.h"
#include "ntdll/registry_key.h"
#include "tools/commands.h"

namespace sill::tools {

int command_prefix(const std::vector<std::string>& args) {
  if (args.empty() || args[0] != "init" || args.size() > 2) {
    std::fprintf(stderr, "sill: 'prefix' takes 'init [DIR]'\nTry 'sill --help' for more information.\n");
    return 2;
  }
  std::string dir = args.size() == 2 ? args[1] : nt::prefix_path();
  auto made = nt::ensure_prefix(dir);
  if (!made) {
    std::fprintf(stderr, "sill: cannot create the prefix at %s: %s\n", dir.c_str(), made.error().message.c_str());
    return 1;
  }
  // The registry store, with the defaults programs look for (never replaced once it exists).
  auto registry = nt::ensure_registry_store(dir);
  if (!registry) {
    std::fprintf(stderr, "sill: %s\n", registry.error().message.c_str());
    return 1;
  }
  // A complete prefix is left as it is, quietly.
  if (made->empty() && !*registry) return 0;
  std::printf("Created in the prefix at %s:\n", dir.c_str());
  for (const auto& e : *made) {
    if (e.link_target.empty()) std::printf("  %s/\n", e.path.c_str());
    else std::printf("  %s -> %s\n", e.path.c_str(), e.link_target.c_str());
  }
  if (*registry) std::printf("  registry.db (the registry)\n");
  return 0;
}

}  // namespace sill::tools
