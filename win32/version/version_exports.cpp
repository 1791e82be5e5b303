// The export table of version.dll: the one list of what Sill's version.dll provides.
// Keep entries sorted by exported name.
#include "loader/builtin_dll.h"
#include "win32/version/version.h"

namespace sill::builtin {

namespace {
const loader::Export exports[] = {
    SILL_EXPORT_AS("GetFileVersionInfoA", version::GetFileVersionInfoA),
    SILL_EXPORT_AS("GetFileVersionInfoExA", version::GetFileVersionInfoExA),
    SILL_EXPORT_AS("GetFileVersionInfoExW", version::GetFileVersionInfoExW),
    SILL_EXPORT_AS("GetFileVersionInfoSizeA", version::GetFileVersionInfoSizeA),
    SILL_EXPORT_AS("GetFileVersionInfoSizeExA", version::GetFileVersionInfoSizeExA),
    SILL_EXPORT_AS("GetFileVersionInfoSizeExW", version::GetFileVersionInfoSizeExW),
    SILL_EXPORT_AS("GetFileVersionInfoSizeW", version::GetFileVersionInfoSizeW),
    SILL_EXPORT_AS("GetFileVersionInfoW", version::GetFileVersionInfoW),
    SILL_EXPORT_AS("VerLanguageNameA", version::VerLanguageNameA),
    SILL_EXPORT_AS("VerLanguageNameW", version::VerLanguageNameW),
    SILL_EXPORT_AS("VerQueryValueA", version::VerQueryValueA),
    SILL_EXPORT_AS("VerQueryValueW", version::VerQueryValueW),
};
}  // namespace

extern const loader::BuiltinDll version_dll;
const loader::BuiltinDll version_dll{"version.dll", exports, nullptr};

}  // namespace sill::builtin
