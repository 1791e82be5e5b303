// The export table of ole32.dll: on Windows 8 and later most of COM lives in combase.dll and
// ole32 forwards there; Sill's ole32 is those forwarders and CoInitialize. Keep entries sorted by name.
#include "loader/builtin_dll.h"
#include "win32/ole32/ole32.h"

namespace sill::builtin {

namespace {
const loader::Export exports[] = {
    SILL_EXPORT_FORWARD("CLSIDFromProgID", "combase.CLSIDFromProgID"),
    SILL_EXPORT_FORWARD("CLSIDFromString", "combase.CLSIDFromString"),
    SILL_EXPORT_FORWARD("CoCreateInstance", "combase.CoCreateInstance"),
    SILL_EXPORT_FORWARD("CoCreateInstanceEx", "combase.CoCreateInstanceEx"),
    SILL_EXPORT_FORWARD("CoGetClassObject", "combase.CoGetClassObject"),
    SILL_EXPORT_AS("CoInitialize", ole32::CoInitialize),
    SILL_EXPORT_FORWARD("CoInitializeEx", "combase.CoInitializeEx"),
    SILL_EXPORT_FORWARD("CoTaskMemAlloc", "combase.CoTaskMemAlloc"),
    SILL_EXPORT_FORWARD("CoTaskMemFree", "combase.CoTaskMemFree"),
    SILL_EXPORT_FORWARD("CoTaskMemRealloc", "combase.CoTaskMemRealloc"),
    SILL_EXPORT_FORWARD("CoUninitialize", "combase.CoUninitialize"),
    SILL_EXPORT_FORWARD("IIDFromString", "combase.IIDFromString"),
    SILL_EXPORT_FORWARD("StringFromCLSID", "combase.StringFromCLSID"),
    SILL_EXPORT_FORWARD("StringFromGUID2", "combase.StringFromGUID2"),
    SILL_EXPORT_FORWARD("StringFromIID", "combase.StringFromIID"),
};
}  // namespace

extern const loader::BuiltinDll ole32_dll;
const loader::BuiltinDll ole32_dll{"ole32.dll", exports, nullptr};

}  // namespace sill::builtin
