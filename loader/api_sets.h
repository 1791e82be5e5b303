// API-set names (api-ms-win-crt-*, api-ms-win-core-*, ext-ms-*) resolve to
// the DLL that hosts them through one table.
#pragma once
#include <optional>
#include <string_view>

namespace sill::loader {

// "api-ms-win-crt-runtime-l1-1-0.dll" -> "ucrtbase.dll". Case-insensitive; the
// ".dll" extension and the version suffix are optional as on Windows.
// nullopt when the name is not an API set or the set is unknown.
std::optional<std::string_view> resolve_api_set(std::string_view dll_name);

}  // namespace sill::loader
