// Shell Link (.lnk) files ([MS-SHLLINK], Microsoft's public specification): what a shortcut
// says, read from and written to its binary form. Host-side and Windows-API free: used by the
// desktop integration (menu entries from shortcuts) and by shell32's ShellLink object.
#pragma once
#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "base/expected.h"

namespace sill::desktop {

using Guid = std::array<std::uint8_t, 16>;  // in its on-disk byte order

// KnownFolderDataBlock / SpecialFolderDataBlock: which folder the IDList's item at `offset`
// (a byte offset into the IDList) stands for.
struct KnownFolderLocation {
  Guid folder_id{};
  std::uint32_t offset = 0;
};
struct SpecialFolderLocation {
  std::uint32_t csidl = 0;
  std::uint32_t offset = 0;
};

// An ExtraData block this library does not interpret (PropertyStore, Tracker, Console, Shim,
// Darwin, VistaAndAboveIDList...): its whole bytes, size and signature included, written back as read.
struct OpaqueExtraBlock {
  std::uint32_t signature = 0;
  std::vector<std::uint8_t> bytes;
};

// The VolumeID of a local target (LinkInfo).
struct VolumeInfo {
  std::uint32_t drive_type = 3;  // DRIVE_FIXED
  std::uint32_t serial = 0;
  std::string label;
};

struct ShellLink {
  // Windows path of the target: from LinkInfo, else the IDList, else the environment block.
  std::string target_path;
  std::string arguments, working_dir, description, icon_location, relative_path;
  int icon_index = 0;
  int show_command = 1;  // SW_SHOWNORMAL
  std::uint16_t hotkey = 0;
  std::uint32_t file_attributes = 0;
  // The target's FILETIMEs and size as recorded when the link was made.
  std::uint64_t creation_time = 0, access_time = 0, write_time = 0;
  std::uint32_t file_size = 0;
  // EnvironmentVariableDataBlock / IconEnvironmentDataBlock, unexpanded ("%windir%\notepad.exe").
  std::string env_target_path, env_icon_location;
  std::optional<KnownFolderLocation> known_folder;
  std::optional<SpecialFolderLocation> special_folder;
  VolumeInfo volume;
  // The raw LinkTargetIDList (item IDs and the 2-byte terminator). Written back as is while it
  // still names target_path (or target_path is empty); otherwise one is built from target_path.
  std::vector<std::uint8_t> id_list;
  // LinkFlags bits no field above stands for (RunAsUser, RunInSeparateProcess...), kept.
  std::uint32_t other_flags = 0;
  std::vector<OpaqueExtraBlock> other_blocks;
};

// `ansi_code_page` decodes the strings of links written without IsUnicode and short names.
Expected<ShellLink> parse_shell_link(std::span<const std::uint8_t> bytes, unsigned ansi_code_page = 1252);
// Always writes Unicode StringData.
std::vector<std::uint8_t> write_shell_link(const ShellLink& link);

// IDLists (PIDLs) as the shell writes them for file-system paths: My Computer, the drive, then one
// file entry per path component. `attributes` are the last component's (FILE_ATTRIBUTE_DIRECTORY
// makes it a folder item). The result ends with the 2-byte terminator; it is empty when the
// path is not drive-absolute (C:\...).
std::vector<std::uint8_t> id_list_for_path(const std::string& windows_path, std::uint32_t attributes);
// The file-system path an IDList names ("C:\dir\file"), or an error for items it cannot read.
Expected<std::string> path_from_id_list(std::span<const std::uint8_t> id_list, unsigned ansi_code_page = 1252);

}  // namespace sill::desktop
