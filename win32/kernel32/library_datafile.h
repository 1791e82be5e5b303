// Data-file modules: LoadLibraryEx with LOAD_LIBRARY_AS_DATAFILE(_EXCLUSIVE) or
// LOAD_LIBRARY_AS_IMAGE_RESOURCE maps a PE file for its resources only. No code
// runs, no import is bound, nothing is relocated, and the module is not in the
// loader's list. As on Windows the handle is the mapping's address tagged in its
// low bits: 1 for a data file, 2 for an image resource (LDR_IS_DATAFILE,
// LDR_IS_IMAGEMAPPING), so the resource functions and FreeLibrary recognise it.
#pragma once
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

#include "base/expected.h"
#include "base/wintypes.h"

namespace sill::kernel32 {

inline constexpr win::DWORD LOAD_LIBRARY_AS_DATAFILE = 0x2, LOAD_LIBRARY_AS_DATAFILE_EXCLUSIVE = 0x40,
                            LOAD_LIBRARY_AS_IMAGE_RESOURCE = 0x20;

inline bool is_data_file_load(win::DWORD flags) {
  return (flags & (LOAD_LIBRARY_AS_DATAFILE | LOAD_LIBRARY_AS_DATAFILE_EXCLUSIVE | LOAD_LIBRARY_AS_IMAGE_RESOURCE)) != 0;
}
inline bool is_data_file_handle(win::HMODULE h) { return (reinterpret_cast<std::uintptr_t>(h) & 3) != 0; }

// Maps the file `name` (a path, or a name searched for in the program's
// directory and the current directory) read-only in image layout. Errors are Win32 codes.
Expected<win::HMODULE, win::DWORD> load_data_file(std::u16string_view name, win::DWORD flags);
// Unmaps a data-file module; false when `h` is not one.
bool free_data_file(win::HMODULE h);
// The mapped image of a data-file module.
std::optional<std::span<const std::uint8_t>> data_file_image(win::HMODULE h);

}  // namespace sill::kernel32
