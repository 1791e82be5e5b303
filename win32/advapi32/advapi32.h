// Declarations of Sill's advapi32 exports (Windows signatures): the registry,
// security and identity, and the odd system functions programs import from it.
#pragma once
#include "base/wintypes.h"

namespace sill::advapi32 {

using namespace sill::win;

// ---- Security and identity (security_*.cpp; types in security.h) ----
struct SID;
struct SID_IDENTIFIER_AUTHORITY;
struct LUID;
struct TOKEN_PRIVILEGES;
BOOL WINAPI AdjustTokenPrivileges(HANDLE token, BOOL disable_all, TOKEN_PRIVILEGES* state, DWORD size,
                                  TOKEN_PRIVILEGES* previous, DWORD* needed) noexcept;
BOOL WINAPI AllocateAndInitializeSid(const SID_IDENTIFIER_AUTHORITY* authority, BYTE count, DWORD s0, DWORD s1,
                                     DWORD s2, DWORD s3, DWORD s4, DWORD s5, DWORD s6, DWORD s7, SID** sid) noexcept;
BOOL WINAPI CheckTokenMembership(HANDLE token, SID* sid, BOOL* is_member) noexcept;
BOOL WINAPI ConvertSidToStringSidA(SID* sid, LPSTR* out) noexcept;
BOOL WINAPI ConvertSidToStringSidW(SID* sid, LPWSTR* out) noexcept;
BOOL WINAPI CopySid(DWORD size, SID* dest, SID* source) noexcept;
BOOL WINAPI EqualSid(SID* a, SID* b) noexcept;
void* WINAPI FreeSid(SID* sid) noexcept;
BOOL WINAPI GetFileSecurityW(LPCWSTR path, DWORD requested, void* descriptor, DWORD size, DWORD* needed) noexcept;
DWORD WINAPI GetLengthSid(SID* sid) noexcept;
SID_IDENTIFIER_AUTHORITY* WINAPI GetSidIdentifierAuthority(SID* sid) noexcept;
DWORD* WINAPI GetSidSubAuthority(SID* sid, DWORD index) noexcept;
BYTE* WINAPI GetSidSubAuthorityCount(SID* sid) noexcept;
BOOL WINAPI GetTokenInformation(HANDLE token, int info_class, void* buffer, DWORD size, DWORD* needed) noexcept;
BOOL WINAPI GetUserNameA(LPSTR buffer, DWORD* size) noexcept;
BOOL WINAPI GetUserNameW(LPWSTR buffer, DWORD* size) noexcept;
BOOL WINAPI IsValidSid(SID* sid) noexcept;
BOOL WINAPI LookupPrivilegeValueA(LPCSTR system, LPCSTR name, LUID* luid) noexcept;
BOOL WINAPI LookupPrivilegeValueW(LPCWSTR system, LPCWSTR name, LUID* luid) noexcept;
BOOL WINAPI OpenProcessToken(HANDLE process, DWORD access, HANDLE* token) noexcept;
BOOL WINAPI OpenThreadToken(HANDLE thread, DWORD access, BOOL open_as_self, HANDLE* token) noexcept;
BOOL WINAPI SetFileSecurityW(LPCWSTR path, DWORD information, void* descriptor) noexcept;

// RtlGenRandom: fills the buffer with random bytes from the kernel.
BOOLEAN WINAPI SystemFunction036(void* buffer, ULONG length) noexcept;

}  // namespace sill::advapi32
