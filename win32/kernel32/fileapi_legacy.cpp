// Older fileapi.h/winbase.h functions programs still import: the code page of
// the ANSI file functions, FILETIME comparison, MS-DOS date/time stamps (as in
// ZIP and FAT), and the list of drive roots.
#include <atomic>

#include "base/debug.h"
#include "win32/kernel32/kernel32.h"
#include "win32/kernel32/kernel32_internal.h"

SILL_DEFAULT_DEBUG_CHANNEL(file);

namespace sill::kernel32 {
namespace {

std::atomic<bool> g_file_apis_ansi{true};

std::uint64_t ticks(const FILETIME* ft) {
  return (std::uint64_t{ft->dwHighDateTime} << 32) | ft->dwLowDateTime;
}

}  // namespace

void WINAPI SetFileApisToOEM() noexcept {
  FIXME_ONCE("the ANSI file functions keep converting with the ANSI code page, not the OEM one\n");
  g_file_apis_ansi = false;
}

void WINAPI SetFileApisToANSI() noexcept { g_file_apis_ansi = true; }

BOOL WINAPI AreFileApisANSI() noexcept { return g_file_apis_ansi ? TRUE : FALSE; }

LONG WINAPI CompareFileTime(const FILETIME* a, const FILETIME* b) noexcept {
  const std::uint64_t x = ticks(a), y = ticks(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

// MS-DOS dates count years from 1980 in 7 bits; times keep seconds / 2.
BOOL WINAPI FileTimeToDosDateTime(const FILETIME* ft, WORD* dos_date, WORD* dos_time) noexcept {
  SYSTEMTIME st;
  if (!ft || !FileTimeToSystemTime(ft, &st)) return fail_error(win::ERROR_INVALID_PARAMETER, FALSE);
  if (st.wYear < 1980 || st.wYear > 2107) return fail_error(win::ERROR_INVALID_PARAMETER, FALSE);
  if (dos_date) *dos_date = static_cast<WORD>(((st.wYear - 1980) << 9) | (st.wMonth << 5) | st.wDay);
  if (dos_time) *dos_time = static_cast<WORD>((st.wHour << 11) | (st.wMinute << 5) | (st.wSecond / 2));
  return TRUE;
}

BOOL WINAPI DosDateTimeToFileTime(WORD dos_date, WORD dos_time, FILETIME* ft) noexcept {
  SYSTEMTIME st{};
  st.wYear = static_cast<WORD>(1980 + (dos_date >> 9));
  st.wMonth = static_cast<WORD>((dos_date >> 5) & 0x0F);
  st.wDay = static_cast<WORD>(dos_date & 0x1F);
  st.wHour = static_cast<WORD>(dos_time >> 11);
  st.wMinute = static_cast<WORD>((dos_time >> 5) & 0x3F);
  st.wSecond = static_cast<WORD>((dos_time & 0x1F) * 2);
  if (!ft || !SystemTimeToFileTime(&st, ft)) return fail_error(win::ERROR_INVALID_PARAMETER, FALSE);
  return TRUE;
}

// "A:\<NUL>C:\<NUL>...<NUL>" for each drive GetLogicalDrives reports.
DWORD WINAPI GetLogicalDriveStringsW(DWORD size, LPWSTR buffer) noexcept {
  const DWORD drives = GetLogicalDrives();
  std::u16string list;
  for (int i = 0; i < 26; ++i) {
    if (!(drives & (1u << i))) continue;
    list += static_cast<char16_t>(u'A' + i);
    list += u":\\";
    list += u'\0';
  }
  // The length without the final NUL, or the size needed (with it) when the buffer is too small.
  if (!buffer || size < list.size() + 1) return static_cast<DWORD>(list.size() + 1);
  std::char_traits<char16_t>::copy(buffer, list.data(), list.size());
  buffer[list.size()] = 0;
  return static_cast<DWORD>(list.size());
}

DWORD WINAPI GetLogicalDriveStringsA(DWORD size, LPSTR buffer) noexcept {
  char16_t wide[26 * 4 + 1];
  const DWORD n = GetLogicalDriveStringsW(sizeof wide / sizeof wide[0], wide);
  if (!buffer || size < n + 1) return n + 1;
  for (DWORD i = 0; i <= n; ++i) buffer[i] = static_cast<char>(wide[i]);  // drive roots are ASCII
  return n;
}

}  // namespace sill::kernel32
