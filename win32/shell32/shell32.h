// Declarations of Sill's shell32.dll exports: the command-line splitter and the special
// folders, which is what command-line programs ask of the shell.
#pragma once
#include "base/wintypes.h"

namespace sill::shell32 {

using namespace sill::win;

struct GUID {
  std::uint32_t data1;
  std::uint16_t data2, data3;
  std::uint8_t data4[8];
};
static_assert(sizeof(GUID) == 16);

WCHAR** WINAPI CommandLineToArgvW(const WCHAR* command_line, int* count) noexcept;
HRESULT WINAPI SHGetKnownFolderPath(const GUID* id, DWORD flags, HANDLE token, WCHAR** path) noexcept;
HRESULT WINAPI SHGetFolderPathW(void* owner, int csidl, HANDLE token, DWORD flags, WCHAR* path) noexcept;

}  // namespace sill::shell32
