// File security descriptors. Linux files carry an owner and mode bits, not
// ACLs; no mapping between the two is made yet, so both calls report
// ERROR_NOT_SUPPORTED (after the file's existence is checked, so a missing
// file still gives ERROR_FILE_NOT_FOUND / ERROR_PATH_NOT_FOUND).
#include <sys/stat.h>

#include "base/debug.h"
#include "ntdll/path_mapping.h"
#include "ntdll/status.h"
#include "ntdll/winerror.h"
#include "win32/advapi32/advapi32.h"

SILL_DEFAULT_DEBUG_CHANNEL(advapi);

namespace sill::advapi32 {
namespace {

BOOL not_supported(LPCWSTR path, const char* what) {
  if (!path) {
    nt::set_last_error(win::ERROR_INVALID_PARAMETER);
    return FALSE;
  }
  auto unix_path = nt::dos_path_to_unix(path);
  if (!unix_path) {
    nt::set_last_status(unix_path.error());
    return FALSE;
  }
  struct stat st;
  if (stat(unix_path->c_str(), &st) != 0) {
    nt::set_last_status(nt::status_from_errno(errno));
    return FALSE;
  }
  FIXME_ONCE("%s: security descriptors of files are not mapped to Linux owners and modes\n", what);
  nt::set_last_error(win::ERROR_NOT_SUPPORTED);
  return FALSE;
}

}  // namespace

BOOL WINAPI GetFileSecurityW(LPCWSTR path, DWORD requested, void* descriptor, DWORD size, DWORD* needed) noexcept {
  if (needed) *needed = 0;
  return not_supported(path, "GetFileSecurityW");
}

BOOL WINAPI SetFileSecurityW(LPCWSTR path, DWORD information, void* descriptor) noexcept {
  return not_supported(path, "SetFileSecurityW");
}

}  // namespace sill::advapi32
