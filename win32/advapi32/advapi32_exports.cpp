// The export table of advapi32.dll: the one list of what Sill's advapi32 provides.
// Keep entries sorted by exported name inside each block.
#include "loader/builtin_dll.h"
#include "win32/advapi32/advapi32.h"

namespace sill::builtin {

namespace {
const loader::Export exports[] = {
    // ---- Registry (win32/advapi32/registry*.cpp) ----
    SILL_EXPORT_AS("RegCloseKey", advapi32::RegCloseKey),
    SILL_EXPORT_AS("RegConnectRegistryA", advapi32::RegConnectRegistryA),
    SILL_EXPORT_AS("RegConnectRegistryW", advapi32::RegConnectRegistryW),
    SILL_EXPORT_AS("RegCopyTreeA", advapi32::RegCopyTreeA),
    SILL_EXPORT_AS("RegCopyTreeW", advapi32::RegCopyTreeW),
    SILL_EXPORT_AS("RegCreateKeyA", advapi32::RegCreateKeyA),
    SILL_EXPORT_AS("RegCreateKeyExA", advapi32::RegCreateKeyExA),
    SILL_EXPORT_AS("RegCreateKeyExW", advapi32::RegCreateKeyExW),
    SILL_EXPORT_AS("RegCreateKeyW", advapi32::RegCreateKeyW),
    SILL_EXPORT_AS("RegDeleteKeyA", advapi32::RegDeleteKeyA),
    SILL_EXPORT_AS("RegDeleteKeyExA", advapi32::RegDeleteKeyExA),
    SILL_EXPORT_AS("RegDeleteKeyExW", advapi32::RegDeleteKeyExW),
    SILL_EXPORT_AS("RegDeleteKeyValueA", advapi32::RegDeleteKeyValueA),
    SILL_EXPORT_AS("RegDeleteKeyValueW", advapi32::RegDeleteKeyValueW),
    SILL_EXPORT_AS("RegDeleteKeyW", advapi32::RegDeleteKeyW),
    SILL_EXPORT_AS("RegDeleteTreeA", advapi32::RegDeleteTreeA),
    SILL_EXPORT_AS("RegDeleteTreeW", advapi32::RegDeleteTreeW),
    SILL_EXPORT_AS("RegDeleteValueA", advapi32::RegDeleteValueA),
    SILL_EXPORT_AS("RegDeleteValueW", advapi32::RegDeleteValueW),
    SILL_EXPORT_AS("RegEnumKeyA", advapi32::RegEnumKeyA),
    SILL_EXPORT_AS("RegEnumKeyExA", advapi32::RegEnumKeyExA),
    SILL_EXPORT_AS("RegEnumKeyExW", advapi32::RegEnumKeyExW),
    SILL_EXPORT_AS("RegEnumKeyW", advapi32::RegEnumKeyW),
    SILL_EXPORT_AS("RegEnumValueA", advapi32::RegEnumValueA),
    SILL_EXPORT_AS("RegEnumValueW", advapi32::RegEnumValueW),
    SILL_EXPORT_AS("RegFlushKey", advapi32::RegFlushKey),
    SILL_EXPORT_AS("RegGetValueA", advapi32::RegGetValueA),
    SILL_EXPORT_AS("RegGetValueW", advapi32::RegGetValueW),
    SILL_EXPORT_AS("RegNotifyChangeKeyValue", advapi32::RegNotifyChangeKeyValue),
    SILL_EXPORT_AS("RegOpenCurrentUser", advapi32::RegOpenCurrentUser),
    SILL_EXPORT_AS("RegOpenKeyA", advapi32::RegOpenKeyA),
    SILL_EXPORT_AS("RegOpenKeyExA", advapi32::RegOpenKeyExA),
    SILL_EXPORT_AS("RegOpenKeyExW", advapi32::RegOpenKeyExW),
    SILL_EXPORT_AS("RegOpenKeyW", advapi32::RegOpenKeyW),
    SILL_EXPORT_AS("RegQueryInfoKeyA", advapi32::RegQueryInfoKeyA),
    SILL_EXPORT_AS("RegQueryInfoKeyW", advapi32::RegQueryInfoKeyW),
    SILL_EXPORT_AS("RegQueryValueExA", advapi32::RegQueryValueExA),
    SILL_EXPORT_AS("RegQueryValueExW", advapi32::RegQueryValueExW),
    SILL_EXPORT_AS("RegRenameKey", advapi32::RegRenameKey),
    SILL_EXPORT_AS("RegSetKeyValueA", advapi32::RegSetKeyValueA),
    SILL_EXPORT_AS("RegSetKeyValueW", advapi32::RegSetKeyValueW),
    SILL_EXPORT_AS("RegSetValueExA", advapi32::RegSetValueExA),
    SILL_EXPORT_AS("RegSetValueExW", advapi32::RegSetValueExW),

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
