// Mapping between Windows paths and Unix paths. This is the one place that knows
// about drive letters: Z: is the Unix root; C: is the prefix's drive_c.
#pragma once
#include <optional>
#include <string>
#include <string_view>

#include "base/expected.h"
#include "base/wintypes.h"

namespace sill::nt {

// "C:\foo\bar.txt", "relative\x", "\\?\Z:\tmp" -> a Unix path. Relative paths
// resolve against the current directory. Errors are NTSTATUS values.
Expected<std::string, win::NTSTATUS> dos_path_to_unix(std::u16string_view dos_path);
// "/home/u/app.exe" -> "Z:\home\u\app.exe", or a path on C: when under drive_c, or on
// another drive when under the folder a dosdevices link names (the closest one wins).
std::u16string unix_path_to_dos(std::string_view unix_path);

// GetFullPathNameW's result: absolute, normalized ('/' -> '\', '.', '..', trailing
// dots and spaces), reserved device names as \\.\NAME; \\?\ paths unchanged.
Expected<std::u16string, win::NTSTATUS> full_dos_path(std::u16string_view path);

// The process's current directory as a DOS path ending in '\'.
std::u16string current_directory();
// Sets the current directory (must be an existing directory); also updates the PEB.
win::NTSTATUS set_current_directory(std::u16string_view dos_path);

// The prefix folder ($SILL_PREFIX, $XDG_DATA_HOME/sill/default, ~/.local/share/sill/default).
std::string prefix_path();
// The Unix folder a drive letter stands for, or nullopt when the drive does not exist.
std::optional<std::string> drive_root(char16_t letter);

// Whether a file name is a DOS device name (NUL, CON, AUX, PRN, COM1-9, LPT1-9,
// with or without extension), as Windows 10 treats them in any folder.
bool is_reserved_device_name(std::u16string_view name);

}  // namespace sill::nt
