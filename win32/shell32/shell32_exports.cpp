// The export table of shell32.dll. Keep entries sorted by exported name.
#include "loader/builtin_dll.h"
#include "win32/shell32/shell32.h"

namespace sill::builtin {

namespace {
const loader::Export exports[] = {
    SILL_EXPORT_AS("CommandLineToArgvW", shell32::CommandLineToArgvW),
    SILL_EXPORT_AS("DllGetClassObject", shell32::DllGetClassObject),
    SILL_EXPORT_AS("ILClone", shell32::ILClone),
    SILL_EXPORT_AS("ILFree", shell32::ILFree),
    SILL_EXPORT_AS("ILGetSize", shell32::ILGetSize),
    SILL_EXPORT_AS("SHGetFolderPathW", shell32::SHGetFolderPathW),
    SILL_EXPORT_AS("SHGetKnownFolderPath", shell32::SHGetKnownFolderPath),
    SILL_EXPORT_AS("SHGetPathFromIDListW", shell32::SHGetPathFromIDListW),
};
}  // namespace

extern const loader::BuiltinDll shell32_dll;
const loader::BuiltinDll shell32_dll{"shell32.dll", exports, nullptr};

}  // namespace sill::builtin
