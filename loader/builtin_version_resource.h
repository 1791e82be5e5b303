// The version resource every built-in DLL carries, as Windows 10 22H2's
// system DLLs do: programs (Python's platform.win32_ver, installers, games)
// read kernel32.dll's or ntdll.dll's VS_FIXEDFILEINFO to learn the Windows
// version. Generated from the DLL's name; nothing is written per DLL except
// its FileDescription.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sill::loader {

// Windows 10 versions 2004 to 22H2 share one code base: their system files
// carry build 19041 (RtlGetVersion reports the enablement package's 19045)
// and the revision of the last update that touched them; ours are those of
// 22H2's release, 19045.2006.
inline constexpr std::uint16_t kSystemFileBuild = 19041;
inline constexpr std::uint16_t kSystemFileRevision = 2006;

// The VS_VERSIONINFO block (fixed info, StringFileInfo 040904B0, VarFileInfo
// Translation 0x0409/1200) of the built-in named dll_name ("kernel32.dll").
std::vector<std::uint8_t> builtin_version_info(std::string_view dll_name);

// A resource section to be placed at section_rva: the tree RT_VERSION / 1 /
// 0x0409 leading to builtin_version_info(dll_name).
std::vector<std::uint8_t> builtin_resource_section(std::string_view dll_name, std::uint32_t section_rva);

// What LoadLibraryEx(LOAD_LIBRARY_AS_DATAFILE) finds for a built-in's file in
// system32, which the prefix holds no copy of: a PE file with the headers and
// the resource section the loaded built-in has, and no code (builtin_image.cpp).
// nullopt when base_name ("user32.dll", any case) names no built-in.
std::optional<std::vector<std::uint8_t>> builtin_data_file(std::u16string_view base_name);

}  // namespace sill::loader
