// The sub-commands of the `sill` executable. Each returns the process exit status.
#pragma once
#include <string>
#include <vector>

namespace sill::tools {

// sill info FILE: headers, sections, imports, exports, TLS, relocations, resources.
int command_info(const std::string& path);
// sill check FILE: imports Sill does not provide, per DLL; non-zero when any are missing.
int command_check(const std::string& path);
// sill prefix init [DIR]: creates or completes the prefix and lists what it made.
int command_prefix(const std::vector<std::string>& args);
// sill path --unix|--windows PATH...: converts paths (like winepath); 1 on a malformed path.
int command_path(const std::vector<std::string>& args);
// sill reg query|add|delete|import|export|check ...: the prefix's registry (reg.exe's options).
int command_reg(const std::vector<std::string>& args);
// sill kill [--prefix DIR]: SIGKILL to every process of the prefix, until none is left.
int command_kill(const std::vector<std::string>& args);
// sill wait [--prefix DIR]: returns 0 once every process of the prefix has ended.
int command_wait(const std::vector<std::string>& args);
// sill steam install|uninstall [--name NAME] [--dir DIR]: the Steam compatibility tool folder.
int command_steam(const std::vector<std::string>& args);
// sill desktop install|uninstall|sync|list|enable|disable|open ...: menu entries, MIME associations.
int command_desktop(const std::vector<std::string>& args);
// sill icon PROGRAM.exe OUT_DIR [--index N] [--name NAME]: the icon as hicolor PNGs; 1 without one.
int command_icon(const std::vector<std::string>& args);
// sill wine-shim install|uninstall DIR: DIR/bin/wine, wineboot, wineserver... as scripts calling sill.
int command_wine_shim(const std::vector<std::string>& args);
// sill [run] PROGRAM.exe ARGS...: runs the program; returns only on a load failure.
int command_run(const std::string& program, const std::vector<std::string>& args);

}  // namespace sill::tools
