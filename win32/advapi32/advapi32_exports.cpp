// The export table of advapi32.dll: the one list of what Sill's advapi32 provides.
// Keep entries sorted by exported name inside each block.
#include "loader/builtin_dll.h"
#include "win32/advapi32/advapi32.h"

namespace sill::builtin {

namespace {
const loader::Export exports[] = {
    // ---- Registry (win32/advapi32/registry*.cpp) ----

    // ---- Security and identity ----
    SILL_EXPORT_AS("AdjustTokenPrivileges", advapi32::AdjustTokenPrivileges),
    SILL_EXPORT_AS("AllocateAndInitializeSid", advapi32::AllocateAndInitializeSid),
    SILL_EXPORT_AS("CheckTokenMembership", advapi32::CheckTokenMembership),
    SILL_EXPORT_AS("ConvertSidToStringSidA", advapi32::ConvertSidToStringSidA),
    SILL_EXPORT_AS("ConvertSidToStringSidW", advapi32::ConvertSidToStringSidW),
    SILL_EXPORT_AS("CopySid", advapi32::CopySid),
    SILL_EXPORT_AS("EqualSid", advapi32::EqualSid),
    SILL_EXPORT_AS("FreeSid", advapi32::FreeSid),
    SILL_EXPORT_AS("GetFileSecurityW", advapi32::GetFileSecurityW),
    SILL_EXPORT_AS("GetLengthSid", advapi32::GetLengthSid),
    SILL_EXPORT_AS("GetSidIdentifierAuthority", advapi32::GetSidIdentifierAuthority),
    SILL_EXPORT_AS("GetSidSubAuthority", advapi32::GetSidSubAuthority),
    SILL_EXPORT_AS("GetSidSubAuthorityCount", advapi32::GetSidSubAuthorityCount),
    SILL_EXPORT_AS("GetTokenInformation", advapi32::GetTokenInformation),
    SILL_EXPORT_AS("GetUserNameA", advapi32::GetUserNameA),
    SILL_EXPORT_AS("GetUserNameW", advapi32::GetUserNameW),
    SILL_EXPORT_AS("IsValidSid", advapi32::IsValidSid),
    SILL_EXPORT_AS("LookupPrivilegeValueA", advapi32::LookupPrivilegeValueA),
    SILL_EXPORT_AS("LookupPrivilegeValueW", advapi32::LookupPrivilegeValueW),
    SILL_EXPORT_AS("OpenProcessToken", advapi32::OpenProcessToken),
    SILL_EXPORT_AS("OpenThreadToken", advapi32::OpenThreadToken),
    SILL_EXPORT_AS("SetFileSecurityW", advapi32::SetFileSecurityW),

    // ---- System functions ----
    SILL_EXPORT_AS("SystemFunction036", advapi32::SystemFunction036),
};
}  // namespace

extern const loader::BuiltinDll advapi32_dll;
const loader::BuiltinDll advapi32_dll{"advapi32.dll", exports, nullptr};

}  // namespace sill::builtin
