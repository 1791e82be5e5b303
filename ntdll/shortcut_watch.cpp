#include "ntdll/shortcut_watch.h"

#include "base/debug.h"

SILL_DEFAULT_DEBUG_CHANNEL(desktop);

namespace sill::nt {

void shortcut_file_changed(const std::string& unix_path) {
  TRACE("shortcut %s changed\n", unix_path.c_str());
  // A failure to update the menu must never become the program's failure.
  try {
    desktop::shortcut_changed(unix_path);
  } catch (const std::exception& e) {
    WARN("cannot update the menu for %s: %s\n", unix_path.c_str(), e.what());
  }
}

}  // namespace sill::nt
