// The user's default applications: the [Default Applications] group of
// $XDG_CONFIG_HOME/mimeapps.list (MIME Applications Associations spec), which
// `xdg-mime default` writes and `xdg-mime query default` reads first. Only the lines
// of the types asked about change; every other line and group stays as it was.
#pragma once
#include <string>

#include "base/expected.h"

namespace sill::desktop {

std::string mimeapps_list_path();
// The first desktop id the user's file gives as the default of `type`; empty when none.
std::string user_default_for(const std::string& type);
// Makes `desktop_id` the default of `type`; an empty id removes the type's line.
Expected<void> set_user_default(const std::string& type, const std::string& desktop_id);

}  // namespace sill::desktop
