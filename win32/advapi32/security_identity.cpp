// Who the program runs as: the prefix's user (a local account,
// S-1-5-21-0-0-0-1000, the same on every Sill installation), elevated when
// Sill runs as root; the privilege names with their well-known LUIDs.
#include <unistd.h>

#include <cstring>

#include "ntdll/codepage.h"
#include "ntdll/prefix.h"
#include "ntdll/status.h"
#include "ntdll/winerror.h"
#include "win32/advapi32/advapi32.h"
#include "win32/advapi32/security.h"

namespace sill::advapi32 {
namespace {

constexpr DWORD ERROR_NO_SUCH_PRIVILEGE = 1313;

// winnt.h's SE_*_PRIVILEGE values: the LUID of privilege n is {n, 0}.
constexpr std::u16string_view kPrivileges[] = {
    u"SeCreateTokenPrivilege",          // 2
    u"SeAssignPrimaryTokenPrivilege",   // 3
    u"SeLockMemoryPrivilege",           // 4
    u"SeIncreaseQuotaPrivilege",        // 5
    u"SeMachineAccountPrivilege",       // 6
    u"SeTcbPrivilege",                  // 7
    u"SeSecurityPrivilege",             // 8
    u"SeTakeOwnershipPrivilege",        // 9
    u"SeLoadDriverPrivilege",           // 10
    u"SeSystemProfilePrivilege",        // 11
    u"SeSystemtimePrivilege",           // 12
    u"SeProfileSingleProcessPrivilege", // 13
    u"SeIncreaseBasePriorityPrivilege", // 14
    u"SeCreatePagefilePrivilege",       // 15
    u"SeCreatePermanentPrivilege",      // 16
    u"SeBackupPrivilege",               // 17
    u"SeRestorePrivilege",              // 18
    u"SeShutdownPrivilege",             // 19
    u"SeDebugPrivilege",                // 20
    u"SeAuditPrivilege",                // 21
    u"SeSystemEnvironmentPrivilege",    // 22
    u"SeChangeNotifyPrivilege",         // 23
    u"SeRemoteShutdownPrivilege",       // 24
    u"SeUndockPrivilege",               // 25
    u"SeSyncAgentPrivilege",            // 26
    u"SeEnableDelegationPrivilege",     // 27
    u"SeManageVolumePrivilege",         // 28
    u"SeImpersonatePrivilege",          // 29
    u"SeCreateGlobalPrivilege",         // 30
    u"SeTrustedCredManAccessPrivilege", // 31
    u"SeRelabelPrivilege",              // 32
    u"SeIncreaseWorkingSetPrivilege",   // 33
    u"SeTimeZonePrivilege",             // 34
    u"SeCreateSymbolicLinkPrivilege",   // 35
    u"SeDelegateSessionUserImpersonatePrivilege",  // 36
};

char16_t fold(char16_t c) { return c >= u'A' && c <= u'Z' ? static_cast<char16_t>(c - u'A' + u'a') : c; }

bool same_name(std::u16string_view a, std::u16string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (fold(a[i]) != fold(b[i])) return false;
  return true;
}

}  // namespace

const std::vector<BYTE>& user_sid() {
  static const BYTE nt_authority[6] = {0, 0, 0, 0, 0, 5};
  static const std::vector<BYTE> sid = make_sid(nt_authority, {21, 0, 0, 0, 1000});
  return sid;
}

bool process_elevated() { return geteuid() == 0; }

std::u16string user_name() { return nt::ansi_to_utf16(nt::prefix_user_name()); }

DWORD privilege_luid(std::u16string_view name) {
  for (std::size_t i = 0; i < std::size(kPrivileges); ++i)
    if (same_name(name, kPrivileges[i])) return static_cast<DWORD>(i + 2);
  return 0;
}

BOOL WINAPI LookupPrivilegeValueW(LPCWSTR system, LPCWSTR name, LUID* luid) noexcept {
  if (system && *system) {
    nt::set_last_error(win::ERROR_NOT_SUPPORTED);  // remote systems are not reachable here
    return FALSE;
  }
  const DWORD value = name ? privilege_luid(name) : 0;
  if (!value) {
    nt::set_last_error(ERROR_NO_SUCH_PRIVILEGE);
    return FALSE;
  }
  luid->LowPart = value;
  luid->HighPart = 0;
  return TRUE;
}

BOOL WINAPI LookupPrivilegeValueA(LPCSTR system, LPCSTR name, LUID* luid) noexcept {
  try {
    const std::u16string wsystem = system ? nt::ansi_to_utf16(system) : std::u16string();
    const std::u16string wname = name ? nt::ansi_to_utf16(name) : std::u16string();
    return LookupPrivilegeValueW(system ? wsystem.c_str() : nullptr, name ? wname.c_str() : nullptr, luid);
  } catch (...) {
    nt::set_last_error(win::ERROR_NOT_ENOUGH_MEMORY);
    return FALSE;
  }
}

// *size counts characters with the NUL, in and out.
BOOL WINAPI GetUserNameW(LPWSTR buffer, DWORD* size) noexcept {
  if (!size) {
    nt::set_last_error(win::ERROR_INVALID_PARAMETER);
    return FALSE;
  }
  const std::u16string name = user_name();
  const DWORD want = static_cast<DWORD>(name.size() + 1);
  if (!buffer || *size < want) {
    *size = want;
    nt::set_last_error(win::ERROR_INSUFFICIENT_BUFFER);
    return FALSE;
  }
  std::memcpy(buffer, name.c_str(), want * sizeof(char16_t));
  *size = want;
  return TRUE;
}

BOOL WINAPI GetUserNameA(LPSTR buffer, DWORD* size) noexcept {
  if (!size) {
    nt::set_last_error(win::ERROR_INVALID_PARAMETER);
    return FALSE;
  }
  const std::string name = nt::utf16_to_ansi(user_name());
  const DWORD want = static_cast<DWORD>(name.size() + 1);
  if (!buffer || *size < want) {
    *size = want;
    nt::set_last_error(win::ERROR_INSUFFICIENT_BUFFER);
    return FALSE;
  }
  std::memcpy(buffer, name.c_str(), want);
  *size = want;
  return TRUE;
}

}  // namespace sill::advapi32
