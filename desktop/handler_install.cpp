#include "desktop/handler_install.h"

#include "desktop/cleanup.h"
#include "desktop/desktop_entry.h"
#include "desktop/files.h"
#include "desktop/manifest.h"
#include "desktop/mime_database.h"
#include "desktop/mime_defaults.h"

namespace sill::desktop {

std::vector<std::string> handler_mime_types(bool with_msi) {
  std::vector<std::string> types = {"application/x-ms-dos-executable", "application/x-msdownload",
                                    "application/vnd.microsoft.portable-executable"};
  if (with_msi) types.push_back("application/x-msi");
  return types;
}

Expected<InstallReport> install_handler(const std::string& sill_binary, bool with_msi) {
  auto manifest = Manifest::open();
  if (!manifest) return Unexpected{manifest.error()};
  InstallReport report;
  std::vector<std::string> types = handler_mime_types(with_msi);

  // Types the database lacks are defined without globs: *.exe stays the database's own
  // type, and the new names only let the entry claim files other tools label that way.
  std::vector<MimeDefinition> missing;
  for (const std::string& t : types)
    if (!mime_type_known(t))
      missing.push_back({t, t == "application/x-msi" ? "Windows installer package" : "Windows executable", {},
                         t == "application/x-msi" ? "" : "application/x-ms-dos-executable"});
  std::string package = mime_package_path("executables");
  if (!missing.empty()) {
    if (auto w = write_file(package, render_mime_package(missing)); !w) return Unexpected{w.error()};
    manifest->add_file(kHandlerOwner, package);
    report.files.push_back(package);
    update_user_mime_database();
  }

  DesktopEntry entry;
  entry.name = "Sill";
  entry.comment = "Run Windows programs";
  entry.exec = {sill_binary, "%f"};
  entry.mime_types = types;
  entry.no_display = true;  // a handler, not a program to start from the menu
  std::string desktop_file = data_home() + "/applications/" + kHandlerDesktopId;
  if (auto w = write_file(desktop_file, render_desktop_entry(entry)); !w) return Unexpected{w.error()};
  manifest->add_file(kHandlerOwner, desktop_file);
  report.files.push_back(desktop_file);

  for (const std::string& t : types) {
    std::string previous = user_default_for(t);
    if (previous != kHandlerDesktopId) {
      if (auto s = set_user_default(t, kHandlerDesktopId); !s) return Unexpected{s.error()};
      manifest->add_default(kHandlerOwner, t, kHandlerDesktopId, previous);
    }
    report.defaults.push_back(t);
  }
  if (!manifest->files_of(kHandlerOwner).empty() || !manifest->defaults_of(kHandlerOwner).empty())
    report.files.push_back(mimeapps_list_path());
  if (auto s = manifest->save(); !s) return Unexpected{s.error()};
  return report;
}

Expected<std::vector<std::string>> uninstall_handler() {
  return remove_all_of(kHandlerOwner);
}

}  // namespace sill::desktop
