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

// ---- Registry (registry*.cpp) ----
using HKEY = HANDLE;
using LSTATUS = LONG;
using REGSAM = DWORD;
struct SECURITY_ATTRIBUTES;

LSTATUS WINAPI RegCloseKey(HKEY key) noexcept;
LSTATUS WINAPI RegConnectRegistryA(LPCSTR machine, HKEY key, HKEY* result) noexcept;
LSTATUS WINAPI RegConnectRegistryW(LPCWSTR machine, HKEY key, HKEY* result) noexcept;
LSTATUS WINAPI RegCopyTreeA(HKEY src, LPCSTR subkey, HKEY dest) noexcept;
LSTATUS WINAPI RegCopyTreeW(HKEY src, LPCWSTR subkey, HKEY dest) noexcept;
LSTATUS WINAPI RegCreateKeyA(HKEY key, LPCSTR subkey, HKEY* result) noexcept;
LSTATUS WINAPI RegCreateKeyW(HKEY key, LPCWSTR subkey, HKEY* result) noexcept;
LSTATUS WINAPI RegCreateKeyExA(HKEY key, LPCSTR subkey, DWORD reserved, LPSTR class_name, DWORD options,
                               REGSAM access, SECURITY_ATTRIBUTES* sa, HKEY* result, DWORD* disposition) noexcept;
LSTATUS WINAPI RegCreateKeyExW(HKEY key, LPCWSTR subkey, DWORD reserved, LPWSTR class_name, DWORD options,
                               REGSAM access, SECURITY_ATTRIBUTES* sa, HKEY* result, DWORD* disposition) noexcept;
LSTATUS WINAPI RegDeleteKeyA(HKEY key, LPCSTR subkey) noexcept;
LSTATUS WINAPI RegDeleteKeyW(HKEY key, LPCWSTR subkey) noexcept;
LSTATUS WINAPI RegDeleteKeyExA(HKEY key, LPCSTR subkey, REGSAM access, DWORD reserved) noexcept;
LSTATUS WINAPI RegDeleteKeyExW(HKEY key, LPCWSTR subkey, REGSAM access, DWORD reserved) noexcept;
LSTATUS WINAPI RegDeleteKeyValueA(HKEY key, LPCSTR subkey, LPCSTR value) noexcept;
LSTATUS WINAPI RegDeleteKeyValueW(HKEY key, LPCWSTR subkey, LPCWSTR value) noexcept;
LSTATUS WINAPI RegDeleteTreeA(HKEY key, LPCSTR subkey) noexcept;
LSTATUS WINAPI RegDeleteTreeW(HKEY key, LPCWSTR subkey) noexcept;
LSTATUS WINAPI RegDeleteValueA(HKEY key, LPCSTR value) noexcept;
LSTATUS WINAPI RegDeleteValueW(HKEY key, LPCWSTR value) noexcept;
LSTATUS WINAPI RegEnumKeyA(HKEY key, DWORD index, LPSTR name, DWORD name_size) noexcept;
LSTATUS WINAPI RegEnumKeyW(HKEY key, DWORD index, LPWSTR name, DWORD name_size) noexcept;
LSTATUS WINAPI RegEnumKeyExA(HKEY key, DWORD index, LPSTR name, DWORD* name_size, DWORD* reserved, LPSTR class_name,
                             DWORD* class_size, FILETIME* last_write) noexcept;
LSTATUS WINAPI RegEnumKeyExW(HKEY key, DWORD index, LPWSTR name, DWORD* name_size, DWORD* reserved,
                             LPWSTR class_name, DWORD* class_size, FILETIME* last_write) noexcept;
LSTATUS WINAPI RegEnumValueA(HKEY key, DWORD index, LPSTR name, DWORD* name_size, DWORD* reserved, DWORD* type,
                             BYTE* data, DWORD* data_size) noexcept;
LSTATUS WINAPI RegEnumValueW(HKEY key, DWORD index, LPWSTR name, DWORD* name_size, DWORD* reserved, DWORD* type,
                             BYTE* data, DWORD* data_size) noexcept;
LSTATUS WINAPI RegFlushKey(HKEY key) noexcept;
LSTATUS WINAPI RegGetValueA(HKEY key, LPCSTR subkey, LPCSTR value, DWORD flags, DWORD* type, void* data,
                            DWORD* data_size) noexcept;
LSTATUS WINAPI RegGetValueW(HKEY key, LPCWSTR subkey, LPCWSTR value, DWORD flags, DWORD* type, void* data,
                            DWORD* data_size) noexcept;
LSTATUS WINAPI RegNotifyChangeKeyValue(HKEY key, BOOL subtree, DWORD filter, HANDLE event, BOOL asynchronous) noexcept;
LSTATUS WINAPI RegOpenCurrentUser(REGSAM access, HKEY* result) noexcept;
LSTATUS WINAPI RegOpenKeyA(HKEY key, LPCSTR subkey, HKEY* result) noexcept;
LSTATUS WINAPI RegOpenKeyW(HKEY key, LPCWSTR subkey, HKEY* result) noexcept;
LSTATUS WINAPI RegOpenKeyExA(HKEY key, LPCSTR subkey, DWORD options, REGSAM access, HKEY* result) noexcept;
LSTATUS WINAPI RegOpenKeyExW(HKEY key, LPCWSTR subkey, DWORD options, REGSAM access, HKEY* result) noexcept;
LSTATUS WINAPI RegQueryInfoKeyA(HKEY key, LPSTR class_name, DWORD* class_size, DWORD* reserved, DWORD* subkeys,
                                DWORD* max_subkey_len, DWORD* max_class_len, DWORD* values, DWORD* max_value_name_len,
                                DWORD* max_value_len, DWORD* security_descriptor_size, FILETIME* last_write) noexcept;
LSTATUS WINAPI RegQueryInfoKeyW(HKEY key, LPWSTR class_name, DWORD* class_size, DWORD* reserved, DWORD* subkeys,
                                DWORD* max_subkey_len, DWORD* max_class_len, DWORD* values, DWORD* max_value_name_len,
                                DWORD* max_value_len, DWORD* security_descriptor_size, FILETIME* last_write) noexcept;
LSTATUS WINAPI RegQueryValueExA(HKEY key, LPCSTR value, DWORD* reserved, DWORD* type, BYTE* data,
                                DWORD* data_size) noexcept;
LSTATUS WINAPI RegQueryValueExW(HKEY key, LPCWSTR value, DWORD* reserved, DWORD* type, BYTE* data,
                                DWORD* data_size) noexcept;
LSTATUS WINAPI RegRenameKey(HKEY key, LPCWSTR subkey, LPCWSTR new_name) noexcept;
LSTATUS WINAPI RegSetKeyValueA(HKEY key, LPCSTR subkey, LPCSTR value, DWORD type, const void* data,
                               DWORD size) noexcept;
LSTATUS WINAPI RegSetKeyValueW(HKEY key, LPCWSTR subkey, LPCWSTR value, DWORD type, const void* data,
                               DWORD size) noexcept;
LSTATUS WINAPI RegSetValueExA(HKEY key, LPCSTR value, DWORD reserved, DWORD type, const BYTE* data,
                              DWORD size) noexcept;
LSTATUS WINAPI RegSetValueExW(HKEY key, LPCWSTR value, DWORD reserved, DWORD type, const BYTE* data,
                              DWORD size) noexcept;

}  // namespace sill::advapi32
