// The user's shared MIME-info database (shared-mime-info spec): what type a file
// extension has, whether a type is known, and the packages Sill adds to
// $XDG_DATA_HOME/mime/packages for types the database lacks.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "base/expected.h"

namespace sill::desktop {

// The type the database gives "*.EXT" (globs2 in $XDG_DATA_HOME/mime and each
// $XDG_DATA_DIRS/mime; the highest weight wins, case-insensitively), without Sill's own
// packages' types (application/x-sill-*); nullopt when none.
std::optional<std::string> mime_type_for_extension(const std::string& ext);
// Whether a type (or an alias of one) is defined in any of those databases.
bool mime_type_known(const std::string& type);

struct MimeDefinition {
  std::string type;
  std::string comment;
  std::vector<std::string> globs;  // "*.sillx"; none for a type only named by programs
  std::string subclass_of;         // empty for none
};

// The packages file: $XDG_DATA_HOME/mime/packages/sill-NAME.xml.
std::string mime_package_path(const std::string& name);
std::string render_mime_package(const std::vector<MimeDefinition>& types);
// Runs update-mime-database on $XDG_DATA_HOME/mime when it is installed (false when not).
// When no package is left there, it removes the files the tool generated instead, so the
// user's data folder ends as it was before Sill added its first package.
bool update_user_mime_database();

}  // namespace sill::desktop
