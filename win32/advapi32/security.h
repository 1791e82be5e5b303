// Security and identity inside advapi32: SIDs, access tokens, privileges.
// Sill runs every program as one user, the prefix's: the token says who that
// is (a local account SID), what groups it belongs to, and which privileges
// it holds; root on Linux is an elevated administrator.
#pragma once
#include <cstddef>
#include <string>
#include <vector>

#include "base/wintypes.h"

namespace sill::advapi32 {

using namespace sill::win;

inline constexpr BYTE SID_REVISION = 1;
inline constexpr BYTE SID_MAX_SUB_AUTHORITIES = 15;

struct SID_IDENTIFIER_AUTHORITY {
  BYTE Value[6];
};

struct SID {
  BYTE Revision;
  BYTE SubAuthorityCount;
  SID_IDENTIFIER_AUTHORITY IdentifierAuthority;
  DWORD SubAuthority[1];
};
static_assert(offsetof(SID, SubAuthority) == 8);

struct SID_AND_ATTRIBUTES {
  SID* Sid;
  DWORD Attributes;
};
static_assert(sizeof(SID_AND_ATTRIBUTES) == 16);

struct LUID {
  DWORD LowPart;
  LONG HighPart;
};
static_assert(sizeof(LUID) == 8);

struct LUID_AND_ATTRIBUTES {
  LUID Luid;
  DWORD Attributes;
};
static_assert(sizeof(LUID_AND_ATTRIBUTES) == 12);

struct TOKEN_PRIVILEGES {
  DWORD PrivilegeCount;
  LUID_AND_ATTRIBUTES Privileges[1];
};
static_assert(offsetof(TOKEN_PRIVILEGES, Privileges) == 4);

inline constexpr DWORD SE_PRIVILEGE_ENABLED_BY_DEFAULT = 0x1, SE_PRIVILEGE_ENABLED = 0x2,
                       SE_PRIVILEGE_REMOVED = 0x4;
inline constexpr DWORD SE_GROUP_MANDATORY = 0x1, SE_GROUP_ENABLED_BY_DEFAULT = 0x2, SE_GROUP_ENABLED = 0x4,
                       SE_GROUP_OWNER = 0x8, SE_GROUP_INTEGRITY = 0x20, SE_GROUP_INTEGRITY_ENABLED = 0x40;

// A SID in its variable-length binary form, built from its parts.
std::vector<BYTE> make_sid(const BYTE (&authority)[6], std::initializer_list<DWORD> sub_authorities);
DWORD sid_length(const SID* sid);
bool sid_valid(const SID* sid);
std::u16string sid_string(const SID* sid);

// The identity every program runs under.
const std::vector<BYTE>& user_sid();
bool process_elevated();
std::u16string user_name();

// Privilege names (SeBackupPrivilege ...) and their well-known LUIDs; 0 when unknown.
DWORD privilege_luid(std::u16string_view name);

}  // namespace sill::advapi32
