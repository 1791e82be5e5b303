// Declarations of Sill's shell32.dll exports: the command-line splitter and the special
// folders, which is what command-line programs ask of the shell.
#pragma once
#include "base/wintypes.h"
#include "win32/combase/com.h"

namespace sill::shell32 {

using namespace sill::win;

using GUID = com::GUID;

using ITEMIDLIST = std::uint8_t;  // an IDList is a byte sequence of size-prefixed items

// ---- COM classes: CLSID_ShellLink (class_factory.cpp, shell_link*.cpp) ----
HRESULT WINAPI DllGetClassObject(const com::CLSID* clsid, const com::IID* iid, void** out) noexcept;

// ---- Item ID lists (pidl.cpp) ----
ITEMIDLIST* WINAPI ILClone(const ITEMIDLIST* pidl) noexcept;
void WINAPI ILFree(ITEMIDLIST* pidl) noexcept;
UINT WINAPI ILGetSize(const ITEMIDLIST* pidl) noexcept;
BOOL WINAPI SHGetPathFromIDListW(const ITEMIDLIST* pidl, WCHAR* path) noexcept;

WCHAR** WINAPI CommandLineToArgvW(const WCHAR* command_line, int* count) noexcept;
HRESULT WINAPI SHGetKnownFolderPath(const GUID* id, DWORD flags, HANDLE token, WCHAR** path) noexcept;
HRESULT WINAPI SHGetFolderPathW(void* owner, int csidl, HANDLE token, DWORD flags, WCHAR* path) noexcept;

}  // namespace sill::shell32
