// The export table of advapi32.dll: the one list of what Sill's advapi32 provides.
// Keep entries sorted by exported name inside each block.
#include "loader/builtin_dll.h"
#include "win32/advapi32/advapi32.h"

namespace sill::builtin {

namespace {
const loader::Export exports[] = {
    // ---- Registry (win32/advapi32/registry*.cpp) ----

    // ---- Security and identity ----

    // ---- System functions ----
    SILL_EXPORT_AS("SystemFunction036", advapi32::SystemFunction036),

    // ---- Time zones (kernel32's NLS code; Windows exports this one from advapi32) ----
    SILL_EXPORT_FORWARD("EnumDynamicTimeZoneInformation", "kernel32.EnumDynamicTimeZoneInformation"),
};
}  // namespace

extern const loader::BuiltinDll advapi32_dll;
const loader::BuiltinDll advapi32_dll{"advapi32.dll", exports, nullptr};

}  // namespace sill::builtin
