// sill desktop install|uninstall|sync|list|enable|disable|open: the Linux desktop side.
//   install             Sill opens Windows programs and installers from the file manager
//   uninstall [--all]   removes what install added (--all: everything Sill's desktop integration made)
//   sync                the prefix's menu entries and file associations, rebuilt from its shortcuts and registry
//   list                everything Sill created, from its manifest, marking files that went missing
//   enable | disable    switches the prefix's automatic menu entries and associations on or off
//   open PROGID FILE... opens documents with the program a ProgID names (what association entries run)
// Exit status: 0 done, 1 failed, 2 usage error.
#include <cstdio>
#include <set>

#include "desktop/association_launch.h"
#include "desktop/association_sync.h"
#include "desktop/cleanup.h"
#include "desktop/files.h"
#include "desktop/handler_install.h"
#include "desktop/manifest.h"
#include "desktop/menu_sync.h"
#include "desktop/mime_defaults.h"
#include "desktop/prefix_identity.h"
#include "desktop/shortcut_entry.h"
#include "ntdll/path_mapping.h"
#include "ntdll/prefix.h"
#include "tools/commands.h"

namespace sill::tools {

namespace {

int usage(const std::string& message) {
  std::fprintf(stderr,
               "sill: desktop: %s\nUsage: sill desktop install | uninstall [--all] | sync | list | enable | disable"
               " | open PROGID FILE...\n",
               message.c_str());
  return 2;
}

int failure(const std::string& message) {
  std::fprintf(stderr, "sill: desktop: %s\n", message.c_str());
  return 1;
}

void print_sync(const char* what, const desktop::SyncReport& r) {
  std::printf("%s: %zu written, %zu removed\n", what, r.written.size(), r.removed.size());
  for (const std::string& p : r.problems) std::fprintf(stderr, "sill: desktop: skipped %s\n", p.c_str());
}

int install() {
  std::string msiexec = nt::prefix_path() + "/drive_c/windows/system32/msiexec.exe";
  auto r = desktop::install_handler(desktop::current_sill_binary(), desktop::is_regular_file(msiexec));
  if (!r) return failure(r.error().message);
  for (const std::string& f : r->files) std::printf("wrote %s\n", f.c_str());
  for (const std::string& t : r->defaults) std::printf("%s opens with %s\n", t.c_str(), desktop::kHandlerDesktopId);
  return 0;
}

int uninstall(bool all) {
  auto r = desktop::uninstall_handler();
  if (!r) return failure(r.error().message);
  for (const std::string& f : *r) std::printf("removed %s\n", f.c_str());
  if (!all) return 0;
  auto manifest = desktop::Manifest::open();
  if (!manifest) return failure(manifest.error().message);
  std::set<std::string> owners;
  for (const auto& rec : manifest->records()) owners.insert(rec.owner);
  for (const std::string& owner : owners) {
    for (const std::string& f : manifest->files_of(owner)) std::printf("removed %s\n", f.c_str());
    if (auto d = desktop::remove_owned(*manifest, owner); !d) return failure(d.error().message);
  }
  return 0;
}

int sync() {
  if (std::string why = desktop::disabled_by_environment(); !why.empty()) {
    std::printf("Menu entries are switched off by %s; nothing changed.\n", why.c_str());
    return 0;
  }
  if (!nt::ensure_default_prefix()) return 1;
  std::string prefix = nt::prefix_path();
  auto menu = desktop::sync_menu(prefix, true);
  if (!menu) return failure(menu.error().message);
  print_sync("menu entries", *menu);
  auto assoc = desktop::sync_associations(prefix);
  if (!assoc) return failure(assoc.error().message);
  print_sync("file associations", *assoc);
  return 0;
}

int list() {
  auto manifest = desktop::Manifest::open();
  if (!manifest) return failure(manifest.error().message);
  std::string owner;
  for (const auto& r : manifest->records()) {
    if (r.owner != owner) {
      owner = r.owner;
      std::printf("%s:\n", owner == desktop::kHandlerOwner ? "handler (sill desktop install)" : owner.c_str());
    }
    if (r.kind == "file") {
      std::printf("  %s%s\n", r.a.c_str(), desktop::exists(r.a) ? "" : "  (missing)");
    } else {
      bool changed = desktop::user_default_for(r.a) != r.b;
      std::printf("  default %s -> %s%s\n", r.a.c_str(), r.b.c_str(), changed ? "  (changed by the user since)" : "");
    }
  }
  return 0;
}

int set_switch(bool disabled) {
  if (!nt::ensure_default_prefix()) return 1;
  std::string prefix = nt::prefix_path();
  if (auto s = desktop::set_disabled_for_prefix(prefix, disabled); !s) return failure(s.error().message);
  std::printf("Menu entries and file associations of %s are switched %s.\n", prefix.c_str(), disabled ? "off" : "on");
  // Off: what exists goes now. On: it comes back from the shortcuts and registry.
  if (disabled) {
    auto menu = desktop::remove_menu(prefix);
    auto assoc = desktop::remove_associations(prefix);
    if (!menu) return failure(menu.error().message);
    if (!assoc) return failure(assoc.error().message);
    return 0;
  }
  return sync();
}

}  // namespace

int command_desktop(const std::vector<std::string>& args) {
  if (args.empty()) return usage("no sub-command given");
  const std::string& what = args[0];
  std::vector<std::string> rest(args.begin() + 1, args.end());
  if (what == "install" && rest.empty()) return install();
  if (what == "uninstall" && (rest.empty() || (rest.size() == 1 && rest[0] == "--all"))) return uninstall(!rest.empty());
  if (what == "sync" && rest.empty()) return sync();
  if (what == "list" && rest.empty()) return list();
  if ((what == "enable" || what == "disable") && rest.empty()) return set_switch(what == "disable");
  if (what == "open") {
    if (rest.size() < 2) return usage("'open' takes a ProgID and at least one file");
    std::vector<std::string> files(rest.begin() + 1, rest.end());
    auto command = desktop::association_launch_command(rest[0], files);
    if (!command) return failure(command.error().message);
    return command_run(command->program, command->args);
  }
  return usage("unknown sub-command or extra arguments: " + what);
}

}  // namespace sill::tools
