// The export table of ole32.dll: on Windows 8 and later most of COM lives in combase.dll and
// ole32 forwards there; Sill's ole32 is those forwarders so far. Keep entries sorted by name.
#include "loader/builtin_dll.h"

namespace sill::builtin {

namespace {
const loader::Export exports[] = {
    SILL_EXPORT_FORWARD("CoTaskMemAlloc", "combase.CoTaskMemAlloc"),
    SILL_EXPORT_FORWARD("CoTaskMemFree", "combase.CoTaskMemFree"),
    SILL_EXPORT_FORWARD("CoTaskMemRealloc", "combase.CoTaskMemRealloc"),
};
}  // namespace

extern const loader::BuiltinDll ole32_dll;
const loader::BuiltinDll ole32_dll{"ole32.dll", exports, nullptr};

}  // namespace sill::builtin
