// System folders, computer name and drives (sysinfoapi.h, winbase.h, fileapi.h).
#include <sys/stat.h>
#include <unistd.h>

#include <cstring>

#include "base/unicode.h"
#include "ntdll/path_mapping.h"
#include "win32/kernel32/kernel32.h"
#include "win32/kernel32/kernel32_internal.h"

namespace sill::kernel32 {

namespace {
// The UINT-returning folder functions share copy_out's contract.
template <class C>
UINT folder(std::u16string_view w, C* buffer, UINT size) {
  if constexpr (sizeof(C) == 2) return copy_out<char16_t>(w, reinterpret_cast<char16_t*>(buffer), size);
  else return copy_out<char>(nt::utf16_to_ansi(w), buffer, size);
}
}  // namespace

UINT WINAPI GetSystemDirectoryW(LPWSTR buffer, UINT size) noexcept { return folder(u"C:\\windows\\system32", buffer, size); }
UINT WINAPI GetSystemDirectoryA(LPSTR buffer, UINT size) noexcept { return folder(u"C:\\windows\\system32", buffer, size); }
UINT WINAPI GetWindowsDirectoryW(LPWSTR buffer, UINT size) noexcept { return folder(u"C:\\windows", buffer, size); }
UINT WINAPI GetWindowsDirectoryA(LPSTR buffer, UINT size) noexcept { return folder(u"C:\\windows", buffer, size); }
UINT WINAPI GetSystemWindowsDirectoryW(LPWSTR buffer, UINT size) noexcept { return folder(u"C:\\windows", buffer, size); }

BOOL WINAPI GetComputerNameW(LPWSTR buffer, DWORD* size) noexcept {
  if (!size) return fail_error(win::ERROR_INVALID_PARAMETER, FALSE);
  char host[256] = {};
  if (gethostname(host, sizeof host - 1) != 0) std::strcpy(host, "SILL");
  std::u16string name = utf8_to_utf16(host);
  std::size_t dot = name.find(u'.');
  if (dot != std::u16string::npos) name.resize(dot);
  if (name.size() > 15) name.resize(15);  // NetBIOS names are at most 15 characters
  for (auto& c : name)
    if (c >= u'a' && c <= u'z') c -= 32;
  if (!buffer || *size <= name.size()) {
    *size = static_cast<DWORD>(name.size() + 1);
    return fail_error(win::ERROR_BUFFER_OVERFLOW, FALSE);
  }
  std::memcpy(buffer, name.c_str(), (name.size() + 1) * 2);
  *size = static_cast<DWORD>(name.size());
  return TRUE;
}

BOOL WINAPI GetComputerNameA(LPSTR buffer, DWORD* size) noexcept {
  if (!size) return fail_error(win::ERROR_INVALID_PARAMETER, FALSE);
  char16_t w[32];
  DWORD n = 32;
  if (!GetComputerNameW(w, &n)) return FALSE;
  std::string a = nt::utf16_to_ansi(std::u16string_view(w, n));
  if (!buffer || *size <= a.size()) {
    *size = static_cast<DWORD>(a.size() + 1);
    return fail_error(win::ERROR_BUFFER_OVERFLOW, FALSE);
  }
  std::memcpy(buffer, a.c_str(), a.size() + 1);
  *size = static_cast<DWORD>(a.size());
  return TRUE;
}

DWORD WINAPI GetLogicalDrives() noexcept {
  DWORD mask = 0;
  try {
    for (int i = 0; i < 26; ++i) {
      auto root = nt::drive_root(static_cast<char16_t>(u'A' + i));
      struct stat st;
      if (root && stat(root->empty() ? "/" : root->c_str(), &st) == 0) mask |= 1u << i;
    }
  } catch (...) {
    return fail_error(win::ERROR_NOT_ENOUGH_MEMORY, 0u);
  }
  return mask;
}

}  // namespace sill::kernel32
