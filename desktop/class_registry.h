// File associations as programs register them under HKEY_CLASSES_ROOT: the merged view
// of HKLM\Software\Classes and HKCU\Software\Classes (the user's keys win), read
// through the registry store. `.ext` keys name a ProgID (default value) and may give a
// "Content Type"; the ProgID's shell key names the default verb (else "open") and
// shell\<verb>\command holds the command line, "%1" standing for the document.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "registry/store.h"

namespace sill::desktop {

struct FileAssociation {
  std::string extension;     // lower case, without the dot
  std::string prog_id;
  std::string content_type;  // empty when the program gave none
  std::string friendly_name; // the ProgID's default value, else the ProgID
  std::string command;       // the default verb's command line
};

// Every extension whose ProgID has a command for its default verb.
std::vector<FileAssociation> read_file_associations(registry::Store& store);
// The command line of a ProgID's default verb; nullopt when it has none.
std::optional<std::string> prog_id_command(registry::Store& store, const std::string& prog_id);
// The largest change stamp under both Classes keys: differs once a program changed them.
std::int64_t classes_change_stamp(registry::Store& store);

}  // namespace sill::desktop
