// Directory listings through a directory handle (GetFileInformationByHandleEx's directory
// classes, as Go's os.ReadDir uses them) and GetVolumeInformationByHandleW.
#pragma once
#include "base/wintypes.h"
#include "ntdll/file.h"

namespace sill::kernel32 {

// FileIdBothDirectory(Restart)Info (10, 11) and FileFullDirectory(Restart)Info (14, 15).
inline bool is_directory_info_class(int info_class) {
  return info_class == 10 || info_class == 11 || info_class == 14 || info_class == 15;
}
// Fills `buffer` with as many entries as fit, after the last one returned through this handle
// (from the first for the Restart classes). Sets the last error and returns FALSE on failure
// (ERROR_NO_MORE_FILES at the end).
win::BOOL directory_info_by_handle(nt::File& dir, int info_class, void* buffer, win::DWORD size);

}  // namespace sill::kernel32
