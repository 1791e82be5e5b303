#include "desktop/prefix_identity.h"

#include <cctype>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "desktop/files.h"
#include "loader/dll_overrides.h"
#include "ntdll/prefix.h"

namespace sill::desktop {

std::string stable_hash(const std::string& text) {
  std::uint64_t h = 0xcbf29ce484222325ull;
  for (unsigned char c : text) {
    h ^= c;
    h *= 0x100000001b3ull;
  }
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
  return buf;
}

std::string prefix_id(const std::string& prefix_dir) {
  std::string dir = prefix_dir;
  while (dir.size() > 1 && dir.back() == '/') dir.pop_back();
  std::string name = dir.substr(dir.find_last_of('/') + 1);
  std::string safe;
  for (char c : name) safe += (std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '.') ? c : '_';
  if (safe.empty() || safe[0] == '.') safe = "prefix" + safe;
  return safe + "-" + stable_hash(dir);
}

std::vector<ShortcutFolder> shortcut_folders() {
  std::string user = "drive_c/users/" + nt::prefix_user_name();
  return {
      {"drive_c/ProgramData/Microsoft/Windows/Start Menu/Programs", true},
      {user + "/AppData/Roaming/Microsoft/Windows/Start Menu/Programs", true},
      {user + "/Desktop", false},
      {"drive_c/users/Public/Desktop", false},
  };
}

std::string disabled_marker(const std::string& prefix_dir) { return prefix_dir + "/desktop-integration.disabled"; }

bool disabled_for_prefix(const std::string& prefix_dir) { return exists(disabled_marker(prefix_dir)); }

Expected<void> set_disabled_for_prefix(const std::string& prefix_dir, bool disabled) {
  std::string marker = disabled_marker(prefix_dir);
  if (!disabled) {
    if (!remove_file(marker)) return fail(marker + ": " + std::strerror(errno));
    return {};
  }
  return write_file(marker,
                    "Sill makes no menu entries or file associations for this prefix while this file exists\n"
                    "(sill desktop enable removes it).\n");
}

std::string disabled_by_environment() {
  if (const char* v = std::getenv("SILL_NO_MENUS"); v && *v && std::strcmp(v, "0") != 0) return "SILL_NO_MENUS";
  // The loader's own parser reads SILL_DLLOVERRIDES, else WINEDLLOVERRIDES; "=d" (or "=") disables.
  if (loader::dll_load_order("winemenubuilder.exe", true).empty() ||
      loader::dll_load_order("winemenubuilder", true).empty())
    return std::getenv("SILL_DLLOVERRIDES") ? "SILL_DLLOVERRIDES" : "WINEDLLOVERRIDES";
  return {};
}

}  // namespace sill::desktop
