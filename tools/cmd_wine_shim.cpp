// sill wine-shim install|uninstall DIR: DIR/bin/ gets scripts named like Wine's programs (wine,
// wine64, wineboot, wineserver, winepath, regedit) that do their jobs with this sill, so that a
// launcher that drives Wine (Lutris' Wine runner, a Bottles runner) drives Sill. The scripts are in
// wine_shim_scripts.cpp. DIR/bin/.sill-wine-shim records the folders install made, so that
// uninstall removes exactly what install wrote and leaves everything else.
#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <cstring>
#include <filesystem>
#include <sstream>
#include <system_error>

#include "desktop/files.h"
#include "tools/commands.h"
#include "tools/shell_script.h"
#include "tools/wine_shim_scripts.h"

namespace sill::tools {

namespace {

constexpr char kManifest[] = ".sill-wine-shim";

// Whether the file's second line is the mark (the first is the script's #! line).
bool carries_mark(const std::string& path) {
  auto text = desktop::read_file(path);
  if (!text) return false;
  std::size_t line2 = text->find('\n');
  return line2 != std::string::npos && text->compare(line2 + 1, std::strlen(kWineShimMark), kWineShimMark) == 0;
}

// DIR/bin as an absolute path without "." or ".." parts: the scripts name it, and the record of
// made folders must name each folder once.
std::string bin_dir(const std::string& dir) {
  std::error_code error;
  std::filesystem::path absolute = std::filesystem::absolute(dir, error);
  return ((error ? std::filesystem::path(dir) : absolute) / "bin").lexically_normal().string();
}

// The folders of `dir` (absolute) that do not exist yet, outermost first.
std::vector<std::string> missing_dirs(const std::string& dir) {
  std::vector<std::string> missing;
  for (std::size_t i = 1; i <= dir.size(); ++i) {
    if (i != dir.size() && dir[i] != '/') continue;
    std::string part = dir.substr(0, i);
    if (!desktop::exists(part)) missing.push_back(part);
  }
  return missing;
}

int install(const std::string& dir) {
  std::string sill = self_path();
  if (sill.empty()) {
    std::fprintf(stderr, "sill: cannot find the sill executable's own path\n");
    return 1;
  }
  std::string bin = bin_dir(dir);
  // Never over a Wine build: every name we would write must be ours or absent.
  for (const std::string& name : wine_shim_names()) {
    std::string path = bin + "/" + name;
    if (desktop::exists(path) && !carries_mark(path)) {
      std::fprintf(stderr, "sill: %s exists and was not written by sill wine-shim; choose another folder\n",
                   path.c_str());
      return 1;
    }
  }
  // A second install keeps the first one's record of the folders it made.
  std::string manifest = bin + "/" + kManifest;
  std::string record = std::string(kWineShimMark) + ": the folders it made, removed by uninstall when empty\n";
  if (auto old = desktop::read_file(manifest); old && old->rfind(kWineShimMark, 0) == 0) {
    record = *old;
  } else {
    for (const std::string& d : missing_dirs(bin)) record += "made " + d + "\n";
  }
  if (auto made = desktop::make_dirs(bin); !made) {
    std::fprintf(stderr, "sill: cannot create %s\n", made.error().message.c_str());
    return 1;
  }
  if (auto w = desktop::write_file(manifest, record); !w) {
    std::fprintf(stderr, "sill: cannot write %s\n", w.error().message.c_str());
    return 1;
  }
  for (const std::string& name : wine_shim_names()) {
    std::string path = bin + "/" + name;
    auto w = desktop::write_file(path, wine_shim_script(name, sill, bin));
    if (!w || chmod(path.c_str(), 0755) != 0) {
      std::fprintf(stderr, "sill: cannot write %s\n", w ? path.c_str() : w.error().message.c_str());
      return 1;
    }
  }
  std::printf("Installed Sill's Wine-compatible commands in %s\n"
              "Lutris: Wine runner, \"Custom Wine executable\" = %s/wine. Bottles: install into\n"
              "~/.local/share/bottles/runners/sill. See README.md (Launchers) for what works.\n",
              bin.c_str(), bin.c_str());
  return 0;
}

int uninstall(const std::string& dir) {
  std::string bin = bin_dir(dir);
  std::string manifest = bin + "/" + kManifest;
  auto record = desktop::read_file(manifest);
  if (!record || record->rfind(kWineShimMark, 0) != 0) {
    std::fprintf(stderr, "sill: no sill wine-shim in %s (%s is missing)\n", dir.c_str(), manifest.c_str());
    return 1;
  }
  int kept = 0;
  for (const std::string& name : wine_shim_names()) {
    std::string path = bin + "/" + name;
    if (!desktop::exists(path)) continue;
    if (!carries_mark(path)) {
      std::fprintf(stderr, "sill: %s was not written by sill wine-shim; left as it is\n", path.c_str());
      ++kept;
    } else if (!desktop::remove_file(path)) {
      std::fprintf(stderr, "sill: cannot remove %s\n", path.c_str());
      return 1;
    }
  }
  desktop::remove_file(manifest);
  // The folders install made, innermost first, while they are empty.
  std::vector<std::string> made;
  std::istringstream lines(*record);
  for (std::string line; std::getline(lines, line);)
    if (line.rfind("made /", 0) == 0) made.push_back(line.substr(5));
  for (auto it = made.rbegin(); it != made.rend(); ++it)
    if (rmdir(it->c_str()) != 0) break;
  std::printf("Removed sill wine-shim from %s\n", bin.c_str());
  return kept ? 1 : 0;
}

}  // namespace

int command_wine_shim(const std::vector<std::string>& args) {
  if (args.size() != 2 || (args[0] != "install" && args[0] != "uninstall") || args[1].empty()) {
    std::fprintf(stderr, "sill: 'wine-shim' takes install DIR or uninstall DIR\nTry 'sill --help' for more information.\n");
    return 2;
  }
  return args[0] == "install" ? install(args[1]) : uninstall(args[1]);
}

}  // namespace sill::tools
