// The export table of combase.dll. Keep entries sorted by exported name.
#include "loader/builtin_dll.h"
#include "win32/combase/combase.h"

namespace sill::builtin {

namespace {
const loader::Export exports[] = {
    SILL_EXPORT_AS("CLSIDFromProgID", combase::CLSIDFromProgID),
    SILL_EXPORT_AS("CLSIDFromString", combase::CLSIDFromString),
    SILL_EXPORT_AS("CoCreateInstance", combase::CoCreateInstance),
    SILL_EXPORT_AS("CoCreateInstanceEx", combase::CoCreateInstanceEx),
    SILL_EXPORT_AS("CoGetClassObject", combase::CoGetClassObject),
    SILL_EXPORT_AS("CoInitializeEx", combase::CoInitializeEx),
    SILL_EXPORT_AS("CoTaskMemAlloc", combase::CoTaskMemAlloc),
    SILL_EXPORT_AS("CoTaskMemFree", combase::CoTaskMemFree),
    SILL_EXPORT_AS("CoTaskMemRealloc", combase::CoTaskMemRealloc),
    SILL_EXPORT_AS("CoUninitialize", combase::CoUninitialize),
    SILL_EXPORT_AS("IIDFromString", combase::IIDFromString),
    SILL_EXPORT_AS("StringFromCLSID", combase::StringFromCLSID),
    SILL_EXPORT_AS("StringFromGUID2", combase::StringFromGUID2),
    SILL_EXPORT_AS("StringFromIID", combase::StringFromCLSID),
};
}  // namespace

extern const loader::BuiltinDll combase_dll;
const loader::BuiltinDll combase_dll{"combase.dll", exports, nullptr};

}  // namespace sill::builtin
