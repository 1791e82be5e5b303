// sill steam install|uninstall [--name NAME] [--dir DIR]: Sill as a Steam compatibility tool.
//
// Steam looks for third-party tools in compatibilitytools.d/ of its data folder (~/.steam/root,
// usually a link to ~/.local/share/Steam; the Flatpak keeps it in
// ~/.var/app/com.valvesoftware.Steam/data/Steam). Each sub-folder holding a compatibilitytool.vdf is
// one tool; its toolmanifest.vdf gives the command line, where Steam replaces %verb% with `run`,
// `waitforexitandrun`, `getcompatpath` or `getnativepath`. The entry script written here maps
// STEAM_COMPAT_DATA_PATH to the prefix $STEAM_COMPAT_DATA_PATH/pfx and calls this sill by its
// absolute path (install again after moving sill).
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <climits>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <string>

#include "tools/commands.h"
#include "tools/shell_script.h"

namespace sill::tools {

namespace {

constexpr char kScriptName[] = "sill-steam";
// The first lines of every script we write: uninstall removes only a folder that has it.
constexpr char kScriptMark[] = "# Written by `sill steam install`";

std::string home() {
  const char* h = std::getenv("HOME");
  return h && *h ? h : "/";
}

bool is_dir(const std::string& path) {
  struct stat st {};
  return stat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode);
}

// Steam's compatibilitytools.d: the native client's, else the Flatpak's; empty when Steam was never
// started (we do not create Steam's own folders: Steam makes ~/.steam/root a link on first start).
std::string default_tools_dir() {
  for (const std::string& root : {home() + "/.steam/root", home() + "/.var/app/com.valvesoftware.Steam/data/Steam"})
    if (is_dir(root)) return root + "/compatibilitytools.d";
  return {};
}

// A name for a folder and a VDF key: no path separators, quotes or control characters.
bool valid_name(const std::string& name) {
  if (name.empty() || name == "." || name == ".." || name.size() > 64) return false;
  for (unsigned char c : name)
    if (c < 0x20 || c == '/' || c == '"' || c == '\\') return false;
  return true;
}

std::string compatibility_tool_vdf(const std::string& name, const std::string& display_name) {
  return "\"compatibilitytools\"\n{\n  \"compat_tools\"\n  {\n    \"" + name +
         "\"\n    {\n      \"install_path\" \".\"\n      \"display_name\" \"" + display_name +
         "\"\n      \"from_oslist\" \"windows\"\n      \"to_oslist\" \"linux\"\n    }\n  }\n}\n";
}

std::string tool_manifest_vdf() {
  return std::string("\"manifest\"\n{\n  \"version\" \"2\"\n  \"commandline\" \"/") + kScriptName +
         " %verb%\"\n}\n";
}

std::string entry_script(const std::string& sill) {
  return std::string("#!/bin/sh\n") + kScriptMark + ": Steam runs it as `sill-steam VERB ARGS...`.\n" +
         "SILL=" + shell_quote(sill) +
         "\n"
         "verb=$1\n"
         "[ $# -gt 0 ] && shift\n"
         "# One prefix per game, as Proton keeps it: made on first run, without any dialog.\n"
         "if [ -n \"$STEAM_COMPAT_DATA_PATH\" ]; then\n"
         "  export SILL_PREFIX=\"$STEAM_COMPAT_DATA_PATH/pfx\"\n"
         "fi\n"
         "# SILL_LOG=1 (or PROTON_LOG=1): stderr to $SILL_LOG_DIR (default $HOME)/sill-APPID.log;\n"
         "# any other value also chooses the debug channels (SILL_LOG=+relay).\n"
         "log=${SILL_LOG:-$PROTON_LOG}\n"
         "if [ -n \"$log\" ] && [ \"$log\" != 0 ]; then\n"
         "  [ \"$log\" != 1 ] && export SILLDEBUG=\"$log\"\n"
         "  exec 2>>\"${SILL_LOG_DIR:-$HOME}/sill-${SteamAppId:-${STEAM_COMPAT_APP_ID:-0}}.log\"\n"
         "fi\n"
         "case $verb in\n"
         "  waitforexitandrun)\n"
         "    # The game starts once every earlier process of its prefix (an installer, a launcher) has ended.\n"
         "    \"$SILL\" wait || exit\n"
         "    exec \"$SILL\" run \"$@\" ;;\n"
         "  run)\n"
         "    exec \"$SILL\" run \"$@\" ;;\n"
         "  getcompatpath)\n"
         "    exec \"$SILL\" path --windows \"$@\" ;;\n"
         "  getnativepath)\n"
         "    exec \"$SILL\" path --unix \"$@\" ;;\n"
         "  *)\n"
         "    echo \"sill-steam: unknown verb '$verb' (run, waitforexitandrun, getcompatpath, getnativepath)\" >&2\n"
         "    exit 2 ;;\n"
         "esac\n";
}

// Written beside, then renamed: Steam never reads half a file.
bool write_file(const std::string& path, const std::string& text, mode_t mode) {
  std::string temp = path + ".tmp";
  {
    std::ofstream out(temp, std::ios::binary | std::ios::trunc);
    out << text;
    if (!out.flush()) return false;
  }
  if (chmod(temp.c_str(), mode) != 0 || rename(temp.c_str(), path.c_str()) != 0) {
    unlink(temp.c_str());
    return false;
  }
  return true;
}

bool written_by_us(const std::string& folder) {
  std::ifstream in(folder + "/" + kScriptName);
  std::string first, second;
  std::getline(in, first);
  std::getline(in, second);
  return second.rfind(kScriptMark, 0) == 0;
}

int install(const std::string& tools_dir, const std::string& name) {
  std::string sill = self_path();
  if (sill.empty()) {
    std::fprintf(stderr, "sill: cannot find the sill executable's own path\n");
    return 1;
  }
  std::string folder = tools_dir + "/" + name;
  if (is_dir(folder) && !written_by_us(folder)) {
    std::fprintf(stderr, "sill: %s exists and is not a Sill tool; choose another --name\n", folder.c_str());
    return 1;
  }
  for (const std::string& d : {tools_dir, folder})
    if (mkdir(d.c_str(), 0755) != 0 && errno != EEXIST) {
      std::fprintf(stderr, "sill: cannot create %s: %s\n", d.c_str(), std::strerror(errno));
      return 1;
    }
  std::string display_name = name == "Sill" ? std::string("Sill ") + SILL_VERSION : name;
  bool ok = write_file(folder + "/compatibilitytool.vdf", compatibility_tool_vdf(name, display_name), 0644) &&
            write_file(folder + "/toolmanifest.vdf", tool_manifest_vdf(), 0644) &&
            write_file(folder + "/" + kScriptName, entry_script(sill), 0755);
  if (!ok) {
    std::fprintf(stderr, "sill: cannot write into %s: %s\n", folder.c_str(), std::strerror(errno));
    return 1;
  }
  std::printf("Installed the Steam compatibility tool \"%s\" in %s\n"
              "Restart Steam, then choose it in a game's Properties > Compatibility.\n",
              display_name.c_str(), folder.c_str());
  return 0;
}

int uninstall(const std::string& tools_dir, const std::string& name) {
  std::string folder = tools_dir + "/" + name;
  if (!is_dir(folder)) {
    std::fprintf(stderr, "sill: no Steam compatibility tool at %s\n", folder.c_str());
    return 1;
  }
  if (!written_by_us(folder)) {
    std::fprintf(stderr, "sill: %s is not a Sill tool; left as it is\n", folder.c_str());
    return 1;
  }
  for (const char* file : {"compatibilitytool.vdf", "toolmanifest.vdf", kScriptName})
    unlink((folder + "/" + file).c_str());
  if (rmdir(folder.c_str()) != 0) {
    std::fprintf(stderr, "sill: removed Sill's files, but %s holds other files and stays\n", folder.c_str());
    return 0;
  }
  std::printf("Removed %s\n", folder.c_str());
  return 0;
}

}  // namespace

int command_steam(const std::vector<std::string>& args) {
  auto usage = [] {
    std::fprintf(stderr, "sill: 'steam' takes install|uninstall [--name NAME] [--dir COMPATIBILITYTOOLS_DIR]\n"
                         "Try 'sill --help' for more information.\n");
    return 2;
  };
  if (args.empty() || (args[0] != "install" && args[0] != "uninstall")) return usage();
  std::string name = "Sill", dir;
  for (std::size_t i = 1; i < args.size(); ++i) {
    if ((args[i] == "--name" || args[i] == "--dir") && i + 1 < args.size()) {
      (args[i] == "--name" ? name : dir) = args[i + 1];
      ++i;
    } else {
      return usage();
    }
  }
  if (!valid_name(name)) {
    std::fprintf(stderr, "sill: '%s' cannot name a tool (a folder name without quotes or backslashes)\n", name.c_str());
    return 2;
  }
  if (dir.empty()) dir = default_tools_dir();
  if (dir.empty()) {
    std::fprintf(stderr, "sill: Steam's folder was not found (~/.steam/root, or the Flatpak's "
                         "~/.var/app/com.valvesoftware.Steam/data/Steam): start Steam once, or give --dir\n");
    return 1;
  }
  return args[0] == "install" ? install(dir, name) : uninstall(dir, name);
}

}  // namespace sill::tools
