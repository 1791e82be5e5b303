// libloaderapi.h / winbase.h: the resource functions of kernel32 (resource.cpp,
// resource_enum.cpp). user32 (LoadString) and version.dll call them directly.
#pragma once
#include "base/wintypes.h"

namespace sill::kernel32 {

using win::BOOL;
using win::DWORD;
using win::HGLOBAL;
using win::HMODULE;
using win::LONG_PTR;
using win::LPCSTR;
using win::LPCWSTR;
using win::LPSTR;
using win::LPWSTR;
using win::WORD;
using HRSRC = struct ResourceInfo*;  // points at the resource's IMAGE_RESOURCE_DATA_ENTRY, as on Windows
using LANGID = WORD;

inline constexpr DWORD ERROR_RESOURCE_DATA_NOT_FOUND = 1812;  // the image has no resource section
inline constexpr DWORD ERROR_RESOURCE_TYPE_NOT_FOUND = 1813;
inline constexpr DWORD ERROR_RESOURCE_NAME_NOT_FOUND = 1814;
inline constexpr DWORD ERROR_RESOURCE_LANG_NOT_FOUND = 1815;

// Standard resource types (MAKEINTRESOURCE values).
inline constexpr WORD RT_ICON = 3, RT_STRING = 6, RT_RCDATA = 10, RT_GROUP_ICON = 14, RT_VERSION = 16;

// Enum*Ex flags.
inline constexpr DWORD RESOURCE_ENUM_LN = 1, RESOURCE_ENUM_MUI = 2, RESOURCE_ENUM_MUI_SYSTEM = 4,
                       RESOURCE_ENUM_VALIDATE = 8;

using ENUMRESTYPEPROCW = BOOL(WINAPI*)(HMODULE module, LPWSTR type, LONG_PTR param);
using ENUMRESTYPEPROCA = BOOL(WINAPI*)(HMODULE module, LPSTR type, LONG_PTR param);
using ENUMRESNAMEPROCW = BOOL(WINAPI*)(HMODULE module, LPCWSTR type, LPWSTR name, LONG_PTR param);
using ENUMRESNAMEPROCA = BOOL(WINAPI*)(HMODULE module, LPCSTR type, LPSTR name, LONG_PTR param);
using ENUMRESLANGPROCW = BOOL(WINAPI*)(HMODULE module, LPCWSTR type, LPCWSTR name, WORD language, LONG_PTR param);
using ENUMRESLANGPROCA = BOOL(WINAPI*)(HMODULE module, LPCSTR type, LPCSTR name, WORD language, LONG_PTR param);

HRSRC WINAPI FindResourceW(HMODULE module, LPCWSTR name, LPCWSTR type) noexcept;
HRSRC WINAPI FindResourceA(HMODULE module, LPCSTR name, LPCSTR type) noexcept;
HRSRC WINAPI FindResourceExW(HMODULE module, LPCWSTR type, LPCWSTR name, WORD language) noexcept;
HRSRC WINAPI FindResourceExA(HMODULE module, LPCSTR type, LPCSTR name, WORD language) noexcept;
HGLOBAL WINAPI LoadResource(HMODULE module, HRSRC resource) noexcept;
DWORD WINAPI SizeofResource(HMODULE module, HRSRC resource) noexcept;
void* WINAPI LockResource(HGLOBAL data) noexcept;
BOOL WINAPI FreeResource(HGLOBAL data) noexcept;

BOOL WINAPI EnumResourceTypesW(HMODULE module, ENUMRESTYPEPROCW proc, LONG_PTR param) noexcept;
BOOL WINAPI EnumResourceTypesA(HMODULE module, ENUMRESTYPEPROCA proc, LONG_PTR param) noexcept;
BOOL WINAPI EnumResourceTypesExW(HMODULE module, ENUMRESTYPEPROCW proc, LONG_PTR param, DWORD flags,
                                 LANGID language) noexcept;
BOOL WINAPI EnumResourceTypesExA(HMODULE module, ENUMRESTYPEPROCA proc, LONG_PTR param, DWORD flags,
                                 LANGID language) noexcept;
BOOL WINAPI EnumResourceNamesW(HMODULE module, LPCWSTR type, ENUMRESNAMEPROCW proc, LONG_PTR param) noexcept;
BOOL WINAPI EnumResourceNamesA(HMODULE module, LPCSTR type, ENUMRESNAMEPROCA proc, LONG_PTR param) noexcept;
BOOL WINAPI EnumResourceNamesExW(HMODULE module, LPCWSTR type, ENUMRESNAMEPROCW proc, LONG_PTR param, DWORD flags,
                                 LANGID language) noexcept;
BOOL WINAPI EnumResourceNamesExA(HMODULE module, LPCSTR type, ENUMRESNAMEPROCA proc, LONG_PTR param, DWORD flags,
                                 LANGID language) noexcept;
BOOL WINAPI EnumResourceLanguagesW(HMODULE module, LPCWSTR type, LPCWSTR name, ENUMRESLANGPROCW proc,
                                   LONG_PTR param) noexcept;
BOOL WINAPI EnumResourceLanguagesA(HMODULE module, LPCSTR type, LPCSTR name, ENUMRESLANGPROCA proc,
                                   LONG_PTR param) noexcept;
BOOL WINAPI EnumResourceLanguagesExW(HMODULE module, LPCWSTR type, LPCWSTR name, ENUMRESLANGPROCW proc, LONG_PTR param,
                                     DWORD flags, LANGID language) noexcept;
BOOL WINAPI EnumResourceLanguagesExA(HMODULE module, LPCSTR type, LPCSTR name, ENUMRESLANGPROCA proc, LONG_PTR param,
                                     DWORD flags, LANGID language) noexcept;

}  // namespace sill::kernel32
