// `sill desktop install|uninstall`: Sill as the desktop's handler of Windows programs
// and installers. Install writes $XDG_DATA_HOME/applications/sill.desktop, defines the
// types shared-mime-info lacks in a packages file, and makes sill.desktop the user's
// default for those types in mimeapps.list (the file `xdg-mime default` writes), noting
// each default it replaced. Uninstall removes exactly what the manifest says install
// added and gives each default back unless the user has changed it since.
#pragma once
#include <string>
#include <vector>

#include "base/expected.h"

namespace sill::desktop {

inline constexpr char kHandlerDesktopId[] = "sill.desktop";

// The types the handler claims; application/x-msi only when `with_msi`.
std::vector<std::string> handler_mime_types(bool with_msi);

// What install did, for the command to print.
struct InstallReport {
  std::vector<std::string> files;
  std::vector<std::string> defaults;  // MIME types now opened by Sill
};
// `sill_binary`: the absolute path of the sill executable Exec runs.
Expected<InstallReport> install_handler(const std::string& sill_binary, bool with_msi);
// Removes what install_handler recorded; the paths removed.
Expected<std::vector<std::string>> uninstall_handler();

}  // namespace sill::desktop
