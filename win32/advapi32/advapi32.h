// Declarations of Sill's advapi32 exports (Windows signatures): the registry,
// security and identity, and the odd system functions programs import from it.
#pragma once
#include "base/wintypes.h"

namespace sill::advapi32 {

using namespace sill::win;

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
