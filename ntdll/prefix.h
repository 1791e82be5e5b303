// The prefix: the folder that holds a Windows installation's files (drive_c),
// its drive letters (dosdevices) and, later, its registry. Where it is comes
// from prefix_path() (path_mapping.h); this module creates its layout.
#pragma once
#include <string>
#include <vector>

#include "base/expected.h"

namespace sill::nt {

// The Windows user name: the folder under C:\users and %USERNAME%. $USER, else
// the account's name, else "user"; characters a file name cannot hold become '_'.
std::string prefix_user_name();

// One thing ensure_prefix() made, relative to the prefix ("drive_c/windows"),
// with the target when it is a symbolic link.
struct PrefixEntry {
  std::string path;
  std::string link_target;  // empty for a folder
};

// Makes sure the prefix at `dir` has its whole layout, creating only what is
// missing: nothing that exists is replaced or removed, and nothing outside `dir`
// is created except `dir`'s missing parent folders. A prefix that does not exist
// yet is built in a temporary sibling folder and renamed into place, so two
// processes starting at once both see a complete prefix. Returns what was made
// (empty when the prefix was complete), or why it could not be made.
Expected<std::vector<PrefixEntry>> ensure_prefix(const std::string& dir);

// ensure_prefix(prefix_path()); on failure prints
// "sill: cannot create the prefix at DIR: REASON" on stderr and returns false.
bool ensure_default_prefix();

}  // namespace sill::nt
