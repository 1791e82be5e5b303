// Undoing what the manifest records: removing the files an owner created and giving
// back the MIME defaults it set, leaving alone a default the user changed since.
#pragma once
#include <set>
#include <string>
#include <vector>

#include "desktop/manifest.h"

namespace sill::desktop {

// Removes one recorded file (and the folders it leaves empty, up to the XDG folders)
// and forgets it; true when the file was a MIME package (the database needs an update).
bool remove_recorded_file(Manifest& manifest, const std::string& path);
// Gives back the default of every record of `owner` whose type still has `desktop id` as
// the user's default (the previous default, or none), and forgets those records.
// Records in `keep` ("TYPE\tDESKTOP-ID") stay as they are.
void restore_defaults(Manifest& manifest, const std::string& owner, const std::set<std::string>& keep = {});
// Both, for every record of `owner` except the files in `keep_files` and the defaults in
// `keep_defaults`; runs update-mime-database when a package went. Saves the manifest.
// Everything of `owner`, under the manifest's lock: the paths of the files removed.
Expected<std::vector<std::string>> remove_all_of(const std::string& owner);
Expected<void> remove_owned(Manifest& manifest, const std::string& owner, const std::set<std::string>& keep_files = {},
                            const std::set<std::string>& keep_defaults = {});

}  // namespace sill::desktop
