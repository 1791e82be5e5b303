// Small file-system helpers for the desktop layer: the XDG base directories, reading
// and crash-safe writing of whole files, and folders made or pruned as needed.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "base/expected.h"

namespace sill::desktop {

// $HOME, else the account's home folder; empty when neither is known.
std::string home_dir();
// The XDG base directories (XDG Base Directory spec): the variable when it holds an
// absolute path, else the spec's default under the home folder.
std::string data_home();    // $XDG_DATA_HOME or ~/.local/share
std::string config_home();  // $XDG_CONFIG_HOME or ~/.config
// $XDG_DATA_DIRS (absolute entries only) or /usr/local/share:/usr/share.
std::vector<std::string> data_dirs();

// The whole file, or nullopt when it cannot be read.
std::optional<std::string> read_file(const std::string& path);
// Writes `content` to a temporary sibling, fsyncs it and renames it over `path`,
// creating the missing parent folders. Readers see the old file or the new one.
Expected<void> write_file(const std::string& path, const std::string& content);
// The same without the fsyncs, for files a sync rebuilds from the prefix (menu entries,
// icons, menu files): still never half-written, but possibly the old version after a crash.
Expected<void> write_regenerable_file(const std::string& path, const std::string& content);
// mkdir -p.
Expected<void> make_dirs(const std::string& dir);
bool exists(const std::string& path);
bool is_regular_file(const std::string& path);
// Removes `path` (a file); true when it is gone afterwards.
bool remove_file(const std::string& path);
// Removes the empty folders from `dir` upwards, stopping at `stop` (never removed).
void remove_empty_dirs(std::string dir, const std::string& stop);
// The folder part of a path ("/a/b" -> "/a").
std::string parent_dir(const std::string& path);

}  // namespace sill::desktop
