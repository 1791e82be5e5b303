// Mapping between Windows paths and Unix paths. This is the one place that knows
// about drive letters: Z: is the Unix root; C: is the prefix's drive_c.
#pragma once
#include <string>
#include <string_view>

#include "base/expected.h"
#include "base/wintypes.h"

namespace sill::nt {

// "C:\foo\bar.txt", "relative\x", "\\?\Z:\tmp" -> a Unix path. Relative paths
// resolve against the current directory. Errors are NTSTATUS values.
Expected<std::string, win::NTSTATUS> dos_path_to_unix(std::u16string_view dos_path);
// "/home/u/app.exe" -> "Z:\home\u\app.exe" (or a path on C: when under drive_c).
std::u16string unix_path_to_dos(std::string_view unix_path);

}  // namespace sill::nt
