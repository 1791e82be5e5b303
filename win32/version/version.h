// Declarations of Sill's version.dll exports (winver.h).
#pragma once
#include "base/wintypes.h"

namespace sill::version {

using namespace sill::win;

// version_info.cpp
DWORD WINAPI GetFileVersionInfoSizeW(LPCWSTR file, DWORD* handle) noexcept;
DWORD WINAPI GetFileVersionInfoSizeA(LPCSTR file, DWORD* handle) noexcept;
DWORD WINAPI GetFileVersionInfoSizeExW(DWORD flags, LPCWSTR file, DWORD* handle) noexcept;
DWORD WINAPI GetFileVersionInfoSizeExA(DWORD flags, LPCSTR file, DWORD* handle) noexcept;
BOOL WINAPI GetFileVersionInfoW(LPCWSTR file, DWORD handle, DWORD size, void* data) noexcept;
BOOL WINAPI GetFileVersionInfoA(LPCSTR file, DWORD handle, DWORD size, void* data) noexcept;
BOOL WINAPI GetFileVersionInfoExW(DWORD flags, LPCWSTR file, DWORD handle, DWORD size, void* data) noexcept;
BOOL WINAPI GetFileVersionInfoExA(DWORD flags, LPCSTR file, DWORD handle, DWORD size, void* data) noexcept;

// ver_query.cpp
BOOL WINAPI VerQueryValueW(const void* block, LPCWSTR sub_block, void** buffer, UINT* length) noexcept;
BOOL WINAPI VerQueryValueA(const void* block, LPCSTR sub_block, void** buffer, UINT* length) noexcept;
DWORD WINAPI VerLanguageNameW(DWORD language, LPWSTR buffer, DWORD size) noexcept;
DWORD WINAPI VerLanguageNameA(DWORD language, LPSTR buffer, DWORD size) noexcept;

}  // namespace sill::version
