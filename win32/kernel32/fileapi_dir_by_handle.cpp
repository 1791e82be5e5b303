// Directory entries through an open directory handle. The kernel's position in the directory's
// open file description is the enumeration cursor Windows keeps per handle: getdents64 reads on
// from it, and an entry that no longer fits the caller's buffer is given back by seeking to the
// cookie (d_off) of the last entry returned.
#include "win32/kernel32/fileapi_dir_by_handle.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <cerrno>
#include <cstddef>
#include <cstring>

#include "base/unicode.h"
#include "ntdll/handle_table.h"
#include "ntdll/path_mapping.h"
#include "win32/kernel32/kernel32.h"
#include "win32/kernel32/kernel32_internal.h"

namespace sill::kernel32 {

namespace {

// FILE_FULL_DIR_INFO and FILE_ID_BOTH_DIR_INFO (minwinbase.h), without their names.
#define SILL_DIR_INFO_COMMON_FIELDS                                                                   \
  DWORD NextEntryOffset;                                                                              \
  DWORD FileIndex;                                                                                    \
  std::int64_t CreationTime, LastAccessTime, LastWriteTime, ChangeTime, EndOfFile, AllocationSize;    \
  DWORD FileAttributes;                                                                               \
  DWORD FileNameLength;                                                                               \
  DWORD EaSize;
struct FullDirInfo {
  SILL_DIR_INFO_COMMON_FIELDS
};
static_assert(offsetof(FullDirInfo, FileAttributes) == 56 && offsetof(FullDirInfo, EaSize) == 64);
constexpr std::size_t kFullNameOffset = 68;

struct IdBothDirInfo {
  SILL_DIR_INFO_COMMON_FIELDS
  char ShortNameLength;
  char16_t ShortName[12];
  std::int64_t FileId;
};
#undef SILL_DIR_INFO_COMMON_FIELDS
static_assert(offsetof(IdBothDirInfo, ShortName) == 70 && offsetof(IdBothDirInfo, FileId) == 96);
constexpr std::size_t kIdBothNameOffset = 104;

struct LinuxDirent64 {
  std::uint64_t d_ino;
  std::int64_t d_off;
  unsigned short d_reclen;
  unsigned char d_type;
  char d_name[1];
};

std::int64_t filetime(const timespec& ts) { return nt::filetime_from_unix(ts.tv_sec, ts.tv_nsec); }

// Writes one entry at `out` (room bytes free); returns its size, or 0 if it does not fit.
std::size_t write_entry(int dirfd, const char* name, bool id_both, std::uint8_t* out, std::size_t room) {
  struct stat st;
  if (fstatat(dirfd, name, &st, AT_SYMLINK_NOFOLLOW) != 0) return SIZE_MAX;  // gone meanwhile: skip
  std::u16string wide = utf8_to_utf16(name);
  const std::size_t name_offset = id_both ? kIdBothNameOffset : kFullNameOffset;
  const std::size_t bytes = name_offset + wide.size() * 2;
  if (bytes > room) return 0;
  auto fill = [&](auto& info) {
    info.CreationTime = filetime(st.st_mtim);
    info.LastAccessTime = filetime(st.st_atim);
    info.LastWriteTime = filetime(st.st_mtim);
    info.ChangeTime = filetime(st.st_ctim);
    const bool dir = S_ISDIR(st.st_mode);
    info.EndOfFile = dir ? 0 : st.st_size;
    info.AllocationSize = dir ? 0 : static_cast<std::int64_t>(st.st_blocks) * 512;
    info.FileAttributes = nt::attributes_from_stat(st, name);
    info.FileNameLength = static_cast<DWORD>(wide.size() * 2);
  };
  if (id_both) {
    IdBothDirInfo info{};
    fill(info);
    info.FileId = static_cast<std::int64_t>(st.st_ino);
    std::memcpy(out, &info, kIdBothNameOffset);
  } else {
    FullDirInfo info{};
    fill(info);
    std::memcpy(out, &info, kFullNameOffset);
  }
  std::memcpy(out + name_offset, wide.data(), wide.size() * 2);
  return bytes;
}

}  // namespace

BOOL directory_info_by_handle(nt::File& dir, int info_class, void* buffer, DWORD size) {
  const int fd = dir.fd();
  const bool restart = info_class == 11 || info_class == 15;
  const bool id_both = info_class == 10 || info_class == 11;
  if (!dir.is_directory()) return fail_error(win::ERROR_INVALID_PARAMETER, FALSE);
  if (restart && lseek(fd, 0, SEEK_SET) < 0) return fail_status(nt::status_from_errno(errno), FALSE);

  auto* out = static_cast<std::uint8_t*>(buffer);
  std::size_t used = 0, last = SIZE_MAX;  // offset of the last entry written
  bool full = false;
  alignas(8) char batch[16 * 1024];
  while (!full) {
    off_t before = lseek(fd, 0, SEEK_CUR);
    long n = syscall(SYS_getdents64, fd, batch, sizeof batch);
    if (n < 0) return fail_status(nt::status_from_errno(errno), FALSE);
    if (n == 0) break;
    for (long pos = 0; pos < n;) {
      const auto* e = reinterpret_cast<const LinuxDirent64*>(batch + pos);
      const std::size_t start = (used + 7) & ~std::size_t{7};
      std::size_t wrote = start <= size ? write_entry(fd, e->d_name, id_both, out + start, size - start) : 0;
      if (wrote == 0) {
        lseek(fd, before, SEEK_SET);  // this entry and the rest of the batch come next time
        full = true;
        break;
      }
      if (wrote != SIZE_MAX) {
        if (last != SIZE_MAX) {
          const DWORD next = static_cast<DWORD>(start - last);
          std::memcpy(out + last, &next, sizeof next);
        }
        last = start;
        used = start + wrote;
      }
      before = e->d_off;
      pos += e->d_reclen;
    }
  }
  if (last == SIZE_MAX) return fail_error(full ? win::ERROR_MORE_DATA : win::ERROR_NO_MORE_FILES, FALSE);
  const DWORD zero = 0;
  std::memcpy(out + last, &zero, sizeof zero);  // the last entry's NextEntryOffset
  return TRUE;
}

BOOL WINAPI GetVolumeInformationByHandleW(HANDLE h, LPWSTR name, DWORD name_size, DWORD* serial, DWORD* max_component,
                                          DWORD* flags, LPWSTR fs_name, DWORD fs_name_size) noexcept {
  try {
    auto f = nt::handle_table().get<nt::File>(h);
    if (!f) return fail_status(f.error(), FALSE);
    struct stat st;
    if (fstat((*f)->fd(), &st) != 0) return fail_status(nt::status_from_errno(errno), FALSE);
    // The volume the file is on is the drive its DOS path starts with.
    std::u16string dos = nt::unix_path_to_dos((*f)->unix_path());
    if (dos.size() < 3 || dos[1] != u':') return fail_error(win::ERROR_INVALID_FUNCTION, FALSE);
    const char16_t root[] = {dos[0], u':', u'\\', 0};
    if (!GetVolumeInformationW(root, name, name_size, nullptr, max_component, flags, fs_name, fs_name_size))
      return FALSE;
    if (serial) *serial = static_cast<DWORD>(st.st_dev);  // as GetFileInformationByHandle reports it
    return TRUE;
  } catch (...) {
    return fail_error(win::ERROR_NOT_ENOUGH_MEMORY, FALSE);
  }
}

}  // namespace sill::kernel32
