// <sys/stat.h> and _access: file status in msvcrt's structures, from kernel32's file
// information. Permission bits are Windows' (read always, write unless read-only,
// execute for .exe/.com/.bat/.cmd), copied to group and other as msvcrt does.
#include <cstring>
#include <string>

#include "base/debug.h"
#include "win32/kernel32/kernel32.h"
#include "win32/msvcrt/msvcrt.h"
#include "win32/msvcrt/msvcrt_api.h"

SILL_DEFAULT_DEBUG_CHANNEL(msvcrt);

namespace sill::msvcrt {

namespace k32 = sill::kernel32;

namespace {

constexpr unsigned S_IFDIR = 0x4000, S_IFCHR = 0x2000, S_IFIFO = 0x1000, S_IFREG = 0x8000, S_IREAD = 0x100,
                   S_IWRITE = 0x80, S_IEXEC = 0x40;

time64_t to_unix(FILETIME ft) {
  std::uint64_t v = (static_cast<std::uint64_t>(ft.dwHighDateTime) << 32) | ft.dwLowDateTime;
  if (v < 116444736000000000ULL) return 0;
  return static_cast<time64_t>((v - 116444736000000000ULL) / 10000000ULL);
}

unsigned spread(unsigned mode) { return mode | ((mode & 0700) >> 3) | ((mode & 0700) >> 6); }

bool executable_name(const std::u16string& path) {
  std::size_t dot = path.rfind(u'.');
  if (dot == std::u16string::npos || path.size() - dot != 4) return false;
  std::u16string ext = path.substr(dot + 1);
  for (auto& c : ext) {
    if (c >= u'A' && c <= u'Z') c = static_cast<char16_t>(c + 32);
  }
  return ext == u"exe" || ext == u"com" || ext == u"bat" || ext == u"cmd";
}

int drive_of(const std::u16string& path) {
  if (path.size() >= 2 && path[1] == u':') {
    char16_t c = path[0];
    if (c >= u'a' && c <= u'z') return c - u'a';
    if (c >= u'A' && c <= u'Z') return c - u'A';
  }
  wchar cwd[4] = {};
  if (k32::GetCurrentDirectoryW(4, cwd) >= 2 && cwd[1] == u':') {
    char16_t c = cwd[0];
    return (c >= u'a' ? c - u'a' : c - u'A');
  }
  return 2;
}

int fill_from_path(const wchar* path, STAT64* st) {
  if (!path || !st) {
    set_errno(err::einval);
    return -1;
  }
  std::u16string p(path);
  // A trailing slash is only accepted on directories and roots.
  bool trailing = !p.empty() && (p.back() == u'\\' || p.back() == u'/');
  k32::WIN32_FILE_ATTRIBUTE_DATA data{};
  if (!k32::GetFileAttributesExW(path, 0, &data)) {
    set_errno(err::enoent);
    return -1;
  }
  bool dir = data.dwFileAttributes & k32::FILE_ATTRIBUTE_DIRECTORY;
  if (trailing && !dir && !(p.size() == 3 && p[1] == u':')) {
    set_errno(err::enoent);
    return -1;
  }
  std::memset(st, 0, sizeof *st);
  unsigned mode = dir ? (S_IFDIR | S_IEXEC) : S_IFREG;
  mode |= S_IREAD;
  if (!(data.dwFileAttributes & k32::FILE_ATTRIBUTE_READONLY)) mode |= S_IWRITE;
  if (!dir && executable_name(p)) mode |= S_IEXEC;
  st->st_mode = static_cast<std::uint16_t>(spread(mode));
  st->st_nlink = 1;
  st->st_dev = st->st_rdev = static_cast<std::uint32_t>(drive_of(p));
  st->st_size = dir ? 0 : static_cast<std::int64_t>((static_cast<std::uint64_t>(data.nFileSizeHigh) << 32) | data.nFileSizeLow);
  st->atime = to_unix(data.ftLastAccessTime);
  st->mtime = to_unix(data.ftLastWriteTime);
  st->ctime = to_unix(data.ftCreationTime);
  return 0;
}

int narrow_stat(const STAT64& s, STAT32SIZE* out) {
  if (s.st_size > 0x7FFFFFFF) {
    set_errno(err::eoverflow);
    return -1;
  }
  out->st_dev = s.st_dev;
  out->st_ino = s.st_ino;
  out->st_mode = s.st_mode;
  out->st_nlink = s.st_nlink;
  out->st_uid = s.st_uid;
  out->st_gid = s.st_gid;
  out->st_rdev = s.st_rdev;
  out->st_size = static_cast<crt_long>(s.st_size);
  out->atime = s.atime;
  out->mtime = s.mtime;
  out->ctime = s.ctime;
  return 0;
}

}  // namespace

int WINAPI _fstat64(int fd, STAT64* st) noexcept {
  HANDLE h = lowio::handle_of(fd);
  if (h == INVALID_HANDLE_VALUE) {
    set_errno(err::ebadf);
    return -1;
  }
  if (!st) {
    set_errno(err::einval);
    return -1;
  }
  std::memset(st, 0, sizeof *st);
  st->st_nlink = 1;
  DWORD type = k32::GetFileType(h);
  if (type == k32::FILE_TYPE_CHAR || type == k32::FILE_TYPE_PIPE) {
    st->st_mode = static_cast<std::uint16_t>(type == k32::FILE_TYPE_CHAR ? S_IFCHR : S_IFIFO);
    st->st_dev = st->st_rdev = static_cast<std::uint32_t>(fd);
    if (type == k32::FILE_TYPE_PIPE) st->st_mode |= static_cast<std::uint16_t>(spread(S_IREAD | S_IWRITE));
    return 0;
  }
  k32::BY_HANDLE_FILE_INFORMATION info{};
  if (!k32::GetFileInformationByHandle(h, &info)) {
    set_errno_from_win32(k32::GetLastError());
    return -1;
  }
  unsigned mode = (info.dwFileAttributes & k32::FILE_ATTRIBUTE_DIRECTORY) ? (S_IFDIR | S_IEXEC) : S_IFREG;
  mode |= S_IREAD;
  if (!(info.dwFileAttributes & k32::FILE_ATTRIBUTE_READONLY)) mode |= S_IWRITE;
  st->st_mode = static_cast<std::uint16_t>(spread(mode));
  st->st_nlink = static_cast<std::int16_t>(info.nNumberOfLinks);
  st->st_size = static_cast<std::int64_t>((static_cast<std::uint64_t>(info.nFileSizeHigh) << 32) | info.nFileSizeLow);
  st->atime = to_unix(info.ftLastAccessTime);
  st->mtime = to_unix(info.ftLastWriteTime);
  st->ctime = to_unix(info.ftCreationTime);
  return 0;
}

int WINAPI _wstat64(const wchar* path, STAT64* st) noexcept { return fill_from_path(path, st); }

int WINAPI _stat64(const char* path, STAT64* st) noexcept {
  if (!path) {
    set_errno(err::einval);
    return -1;
  }
  std::u16string w = ansi_to_wide(path);
  return fill_from_path(w.c_str(), st);
}

int WINAPI _fstat(int fd, STAT32SIZE* st) noexcept {
  STAT64 s;
  if (!st || _fstat64(fd, &s) < 0) return -1;
  return narrow_stat(s, st);
}

int WINAPI _stat(const char* path, STAT32SIZE* st) noexcept {
  STAT64 s;
  if (!st || _stat64(path, &s) < 0) return -1;
  return narrow_stat(s, st);
}

int WINAPI _wstat(const wchar* path, STAT32SIZE* st) noexcept {
  STAT64 s;
  if (!st || _wstat64(path, &s) < 0) return -1;
  return narrow_stat(s, st);
}

int WINAPI _waccess(const wchar* path, int mode) noexcept {
  if (!path || (mode & ~6)) {
    set_errno(err::einval);
    return -1;
  }
  DWORD attrs = k32::GetFileAttributesW(path);
  if (attrs == k32::INVALID_FILE_ATTRIBUTES) {
    set_errno_from_win32(k32::GetLastError());
    return -1;
  }
  if ((mode & 2) && (attrs & k32::FILE_ATTRIBUTE_READONLY) && !(attrs & k32::FILE_ATTRIBUTE_DIRECTORY)) {
    set_errno(err::eacces);
    return -1;
  }
  return 0;
}

int WINAPI _access(const char* path, int mode) noexcept {
  if (!path) {
    set_errno(err::einval);
    return -1;
  }
  std::u16string w = ansi_to_wide(path);
  return _waccess(w.c_str(), mode);
}

}  // namespace sill::msvcrt
