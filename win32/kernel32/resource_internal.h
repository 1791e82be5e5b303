// Shared by kernel32's resource files: which image a module handle names, and
// how resource type/name arguments (MAKEINTRESOURCE ids, "#123", names) read.
#pragma once
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "loader/pe_resources.h"
#include "win32/kernel32/resource.h"

namespace sill::kernel32 {

// The mapped image behind a module handle: NULL is the main program; a handle
// tagged in its low bits is a data-file module (library_datafile.h).
std::optional<std::span<const std::uint8_t>> module_image(HMODULE module);

// The resource tree of a module's image; the last error is set when there is none.
std::optional<pe::ResourceTree> module_resources(HMODULE module);

// A type or name argument. "#123" is the id 123; a '#' not followed by a
// decimal number is no valid id (nullopt).
std::optional<pe::ResourceId> resource_id(LPCWSTR arg);
std::optional<pe::ResourceId> resource_id(LPCSTR arg);

// The Win32 error for a failed lookup.
DWORD resource_error(const pe::ResourceError& e);

// The caller's UI languages, in the order the loader tries them (thread, user, system).
std::vector<std::uint16_t> ui_languages();

}  // namespace sill::kernel32
