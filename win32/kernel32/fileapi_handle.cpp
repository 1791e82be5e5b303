// File operations by handle that MSVC and Rust programs lean on: GetFinalPathNameByHandleW
// (Rust's canonicalize), SetFileInformationByHandle (times, delete disposition, size,
// rename), and ReadDirectoryChangesW, which has no watcher behind it yet and says so.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>

#include "base/debug.h"
#include "ntdll/file.h"
#include "ntdll/handle_table.h"
#include "ntdll/path_mapping.h"
#include "ntdll/shortcut_watch.h"
#include "win32/kernel32/kernel32_internal.h"

SILL_DEFAULT_DEBUG_CHANNEL(file);

namespace sill::kernel32 {

namespace {

constexpr DWORD VOLUME_NAME_DOS = 0x0, VOLUME_NAME_GUID = 0x1, VOLUME_NAME_NT = 0x2, VOLUME_NAME_NONE = 0x4;

Expected<nt::Ref<nt::File>, NTSTATUS> file_by_handle(HANDLE h) { return nt::handle_table().get<nt::File>(h); }

// The open file's current Unix path (it may have been renamed since it was opened).
std::string current_unix_path(const nt::File& f) {
  char link[64], target[4096];
  std::snprintf(link, sizeof link, "/proc/self/fd/%d", f.fd());
  ssize_t n = readlink(link, target, sizeof target - 1);
  if (n <= 0) return f.unix_path();
  return std::string(target, static_cast<std::size_t>(n));
}

timespec unix_time(std::int64_t filetime) {
  if (filetime == 0 || filetime == -1) return {0, UTIME_OMIT};  // 0: unchanged; -1: stop updating (not kept)
  std::int64_t sec;
  long nsec;
  nt::unix_from_filetime(filetime, &sec, &nsec);
  return {static_cast<time_t>(sec), nsec};
}

}  // namespace

DWORD WINAPI GetFinalPathNameByHandleW(HANDLE h, LPWSTR buffer, DWORD size, DWORD flags) noexcept {
  try {
    auto f = file_by_handle(h);
    if (!f) return fail_status(f.error(), DWORD{0});
    std::u16string dos = nt::unix_path_to_dos(current_unix_path(**f));
    std::u16string path;
    switch (flags & 0x7) {
      case VOLUME_NAME_DOS:
        path = u"\\\\?\\" + dos;
        break;
      case VOLUME_NAME_NONE:
        path = dos.size() >= 2 && dos[1] == u':' ? dos.substr(2) : dos;
        break;
      case VOLUME_NAME_NT:
      case VOLUME_NAME_GUID:
        FIXME("volume names of kind %#x are not provided\n", flags & 0x7);
        return fail_error(win::ERROR_NOT_SUPPORTED, DWORD{0});
      default:
        return fail_error(win::ERROR_INVALID_PARAMETER, DWORD{0});
    }
    // The length without the terminator when it fits, else the size needed with it.
    if (!buffer || size <= path.size()) return static_cast<DWORD>(path.size() + 1);
    std::memcpy(buffer, path.c_str(), (path.size() + 1) * sizeof(char16_t));
    return static_cast<DWORD>(path.size());
  } catch (...) {
    return fail_error(win::ERROR_NOT_ENOUGH_MEMORY, DWORD{0});
  }
}

BOOL WINAPI SetFileInformationByHandle(HANDLE h, int info_class, void* buffer, DWORD size) noexcept {
  try {
    auto f = file_by_handle(h);
    if (!f) return fail_status(f.error(), FALSE);
    if (!buffer) return fail_error(win::ERROR_INVALID_PARAMETER, FALSE);
    int fd = (*f)->fd();
    switch (info_class) {
      case 0: {  // FileBasicInfo: times (0 leaves one alone) and attributes
        struct Basic {
          std::int64_t creation, access, write, change;
          DWORD attributes;
        };
        static_assert(sizeof(Basic) == 40);
        if (size < sizeof(Basic)) return fail_error(win::ERROR_BAD_LENGTH, FALSE);
        Basic b;
        std::memcpy(&b, buffer, sizeof b);
        timespec times[2] = {unix_time(b.access), unix_time(b.write)};
        if (futimens(fd, times) != 0) return fail_status(nt::status_from_errno(errno), FALSE);
        if (b.attributes & ~(nt::FILE_ATTRIBUTE_NORMAL | nt::FILE_ATTRIBUTE_ARCHIVE))
          FIXME("file attributes %#x are not kept\n", b.attributes);
        return TRUE;
      }
      case 3: {  // FileRenameInfo: ReplaceIfExists, RootDirectory, FileNameLength, FileName
        if (size < 24) return fail_error(win::ERROR_BAD_LENGTH, FALSE);
        auto* p = static_cast<const unsigned char*>(buffer);
        bool replace = p[0] != 0;
        DWORD bytes;
        std::memcpy(&bytes, p + 16, 4);
        if (20 + static_cast<std::size_t>(bytes) > size) return fail_error(win::ERROR_BAD_LENGTH, FALSE);
        std::u16string name(reinterpret_cast<const char16_t*>(p + 20), bytes / 2);
        auto full = nt::full_dos_path(name);
        if (!full) return fail_status(full.error(), FALSE);
        auto target = nt::dos_path_to_unix(*full);
        if (!target) return fail_status(target.error(), FALSE);
        std::string from = current_unix_path(**f);
        unsigned rename_flags = replace ? 0 : RENAME_NOREPLACE;
        if (renameat2(AT_FDCWD, from.c_str(), AT_FDCWD, target->c_str(), rename_flags) != 0)
          return fail_status(nt::status_from_errno(errno), FALSE);
        nt::note_possible_shortcut_rename(from, *target);
        return TRUE;
      }
      case 4: {  // FileDispositionInfo: delete when the last handle closes
        (*f)->delete_on_close = *static_cast<const BOOLEAN*>(buffer) != 0;
        return TRUE;
      }
      case 6: {  // FileEndOfFileInfo
        std::int64_t end;
        if (size < sizeof end) return fail_error(win::ERROR_BAD_LENGTH, FALSE);
        std::memcpy(&end, buffer, sizeof end);
        if (ftruncate(fd, end) != 0) return fail_status(nt::status_from_errno(errno), FALSE);
        return TRUE;
      }
      default:
        FIXME("SetFileInformationByHandle class %d is not supported\n", info_class);
        return fail_error(win::ERROR_INVALID_PARAMETER, FALSE);
    }
  } catch (...) {
    return fail_error(win::ERROR_NOT_ENOUGH_MEMORY, FALSE);
  }
}

BOOL WINAPI ReadDirectoryChangesW(HANDLE dir, void* buffer, DWORD size, BOOL subtree, DWORD filter, DWORD* returned,
                                  void* overlapped, void* completion) noexcept {
  FIXME("directory change notifications are not supported yet\n");
  return fail_error(win::ERROR_INVALID_FUNCTION, FALSE);
}

}  // namespace sill::kernel32
