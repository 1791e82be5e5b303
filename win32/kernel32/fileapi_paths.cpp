// fileapi.h, name side: attributes, delete, directories, move/copy, path forms, drives.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "base/debug.h"
#include "ntdll/environment.h"
#include "ntdll/file.h"
#include "ntdll/path_mapping.h"
#include "ntdll/shortcut_watch.h"
#include "win32/kernel32/kernel32.h"
#include "win32/kernel32/kernel32_internal.h"

SILL_DEFAULT_DEBUG_CHANNEL(file);

namespace sill::kernel32 {

namespace {
constexpr DWORD MOVEFILE_DELAY_UNTIL_REBOOT = 4, MOVEFILE_WRITE_THROUGH = 8;

// Runs `fn(unix_path)` for a DOS path, reporting mapping failures as the last error.
template <class R, class F>
R with_unix_path(LPCWSTR path, R failure, F fn) {
  try {
    if (!path || !*path) return fail_error(win::ERROR_PATH_NOT_FOUND, failure);
    auto u = nt::dos_path_to_unix(path);
    if (!u) return fail_status(u.error(), failure);
    return fn(*u);
  } catch (...) {
    return fail_error(win::ERROR_NOT_ENOUGH_MEMORY, failure);
  }
}


FILETIME to_filetime(const timespec& ts) {
  std::int64_t v = nt::filetime_from_unix(ts.tv_sec, ts.tv_nsec);
  return {static_cast<DWORD>(v), static_cast<DWORD>(v >> 32)};
}

std::string_view leaf(std::string_view p) { return p.substr(p.find_last_of('/') + 1); }

bool copy_contents(const std::string& from, const std::string& to, bool fail_if_exists, NTSTATUS* status) {
  int in = open(from.c_str(), O_RDONLY | O_CLOEXEC);
  if (in < 0) {
    *status = nt::path_errno_status(errno, from);
    return false;
  }
  struct stat st;
  fstat(in, &st);
  if (S_ISDIR(st.st_mode)) {
    close(in);
    *status = nt::STATUS_ACCESS_DENIED;
    return false;
  }
  int out = open(to.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | (fail_if_exists ? O_EXCL : 0), st.st_mode & 0777);
  if (out < 0) {
    *status = nt::path_errno_status(errno, to);
    close(in);
    return false;
  }
  char buf[65536];
  bool ok = true;
  for (;;) {
    ssize_t n = read(in, buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      ok = n == 0;
      break;
    }
    for (ssize_t off = 0; off < n;) {
      ssize_t w = write(out, buf + off, static_cast<std::size_t>(n - off));
      if (w < 0 && errno == EINTR) continue;
      if (w < 0) {
        ok = false;
        break;
      }
      off += w;
    }
    if (!ok) break;
  }
  if (!ok) *status = nt::status_from_errno(errno);
  timespec times[2] = {st.st_atim, st.st_mtim};
  futimens(out, times);  // CopyFile keeps the source's times
  close(in);
  close(out);
  return ok;
}
}  // namespace

DWORD WINAPI GetFileAttributesW(LPCWSTR path) noexcept {
  return with_unix_path(path, nt::INVALID_FILE_ATTRIBUTES, [](const std::string& u) -> DWORD {
    struct stat st;
    if (stat(u.c_str(), &st) != 0) return fail_status(nt::path_errno_status(errno, u), nt::INVALID_FILE_ATTRIBUTES);
    return nt::attributes_from_stat(st, leaf(u));
  });
}
DWORD WINAPI GetFileAttributesA(LPCSTR path) noexcept {
  return with_ansi(path, nt::INVALID_FILE_ATTRIBUTES, [](LPCWSTR w) { return GetFileAttributesW(w); });
}

BOOL WINAPI GetFileAttributesExW(LPCWSTR path, int info_level, void* info) noexcept {
  if (info_level != 0) return fail_error(win::ERROR_INVALID_PARAMETER, FALSE);
  return with_unix_path(path, FALSE, [&](const std::string& u) -> BOOL {
    struct stat st;
    if (stat(u.c_str(), &st) != 0) return fail_status(nt::path_errno_status(errno, u), FALSE);
    WIN32_FILE_ATTRIBUTE_DATA d{};
    d.dwFileAttributes = nt::attributes_from_stat(st, leaf(u));
    d.ftCreationTime = to_filetime(st.st_mtim);
    d.ftLastAccessTime = to_filetime(st.st_atim);
    d.ftLastWriteTime = to_filetime(st.st_mtim);
    std::uint64_t size = S_ISDIR(st.st_mode) ? 0 : static_cast<std::uint64_t>(st.st_size);
    d.nFileSizeHigh = static_cast<DWORD>(size >> 32);
    d.nFileSizeLow = static_cast<DWORD>(size);
    std::memcpy(info, &d, sizeof d);
    return TRUE;
  });
}
BOOL WINAPI GetFileAttributesExA(LPCSTR path, int info_level, void* info) noexcept {
  return with_ansi(path, FALSE, [&](LPCWSTR w) { return GetFileAttributesExW(w, info_level, info); });
}

BOOL WINAPI SetFileAttributesW(LPCWSTR path, DWORD attributes) noexcept {
  return with_unix_path(path, FALSE, [&](const std::string& u) -> BOOL {
    struct stat st;
    if (stat(u.c_str(), &st) != 0) return fail_status(nt::path_errno_status(errno, u), FALSE);
    mode_t mode = st.st_mode & 07777;
    if (attributes & FILE_ATTRIBUTE_READONLY) mode &= ~0222u;
    else mode |= S_IWUSR;
    if (attributes & ~(FILE_ATTRIBUTE_READONLY | nt::FILE_ATTRIBUTE_NORMAL | nt::FILE_ATTRIBUTE_ARCHIVE |
                       FILE_ATTRIBUTE_DIRECTORY))
      FIXME_ONCE("attributes %#x other than read-only are not kept", attributes);
    if (chmod(u.c_str(), mode) != 0) return fail_status(nt::status_from_errno(errno), FALSE);
    return TRUE;
  });
}
BOOL WINAPI SetFileAttributesA(LPCSTR path, DWORD attributes) noexcept {
  return with_ansi(path, FALSE, [&](LPCWSTR w) { return SetFileAttributesW(w, attributes); });
}

BOOL WINAPI DeleteFileW(LPCWSTR name) noexcept {
  return with_unix_path(name, FALSE, [](const std::string& u) -> BOOL {
    struct stat st;
    if (lstat(u.c_str(), &st) != 0) return fail_status(nt::path_errno_status(errno, u), FALSE);
    // Windows refuses to delete folders and read-only files here.
    if (S_ISDIR(st.st_mode) || (!S_ISLNK(st.st_mode) && (st.st_mode & 0222) == 0))
      return fail_error(win::ERROR_ACCESS_DENIED, FALSE);
    // Deleting needs DELETE access: refused while an open handle does not share it.
    nt::ShareClaim claim;
    if (nt::claim_share(st.st_dev, st.st_ino, nt::DELETE_ACCESS, 7, &claim) != nt::STATUS_SUCCESS)
      return fail_error(win::ERROR_SHARING_VIOLATION, FALSE);
    nt::release_share(claim);
    if (unlink(u.c_str()) != 0) return fail_status(nt::path_errno_status(errno, u), FALSE);
    nt::note_possible_shortcut_change(u);
    return TRUE;
  });
}
BOOL WINAPI DeleteFileA(LPCSTR name) noexcept {
  return with_ansi(name, FALSE, [](LPCWSTR w) { return DeleteFileW(w); });
}

BOOL WINAPI CreateDirectoryW(LPCWSTR path, SECURITY_ATTRIBUTES* sa) noexcept {
  return with_unix_path(path, FALSE, [](const std::string& u) -> BOOL {
    if (mkdir(u.c_str(), 0777) != 0) return fail_status(nt::path_errno_status(errno, u), FALSE);
    return TRUE;
  });
}
BOOL WINAPI CreateDirectoryA(LPCSTR path, SECURITY_ATTRIBUTES* sa) noexcept {
  return with_ansi(path, FALSE, [&](LPCWSTR w) { return CreateDirectoryW(w, sa); });
}

BOOL WINAPI RemoveDirectoryW(LPCWSTR path) noexcept {
  return with_unix_path(path, FALSE, [](const std::string& u) -> BOOL {
    std::string p = u;
    while (p.size() > 1 && p.back() == '/') p.pop_back();
    if (rmdir(p.c_str()) != 0) {
      if (errno == ENOTDIR) return fail_error(win::ERROR_DIRECTORY, FALSE);
      return fail_status(nt::path_errno_status(errno, p), FALSE);
    }
    return TRUE;
  });
}
BOOL WINAPI RemoveDirectoryA(LPCSTR path) noexcept {
  return with_ansi(path, FALSE, [](LPCWSTR w) { return RemoveDirectoryW(w); });
}

BOOL WINAPI MoveFileExW(LPCWSTR from, LPCWSTR to, DWORD flags) noexcept {
  if (flags & MOVEFILE_DELAY_UNTIL_REBOOT) {
    FIXME("MOVEFILE_DELAY_UNTIL_REBOOT is not supported");
    return fail_error(win::ERROR_NOT_SUPPORTED, FALSE);
  }
  if (!to) return fail_error(win::ERROR_INVALID_PARAMETER, FALSE);
  return with_unix_path(from, FALSE, [&](const std::string& src) -> BOOL {
    return with_unix_path(to, FALSE, [&](const std::string& dst) -> BOOL {
      struct stat s1, s2;
      if (lstat(src.c_str(), &s1) != 0) return fail_status(nt::path_errno_status(errno, src), FALSE);
      bool dst_exists = lstat(dst.c_str(), &s2) == 0;
      bool same = dst_exists && s1.st_dev == s2.st_dev && s1.st_ino == s2.st_ino;  // a case-only rename
      if (dst_exists && !same) {
        if (!(flags & MOVEFILE_REPLACE_EXISTING) || S_ISDIR(s2.st_mode) || S_ISDIR(s1.st_mode))
          return fail_error(win::ERROR_ALREADY_EXISTS, FALSE);
      }
      if (rename(src.c_str(), dst.c_str()) == 0) {
        if (flags & MOVEFILE_WRITE_THROUGH) sync();
        nt::note_possible_shortcut_rename(src, dst);
        return TRUE;
      }
      if (errno == EXDEV && (flags & MOVEFILE_COPY_ALLOWED) && !S_ISDIR(s1.st_mode)) {
        NTSTATUS st = nt::STATUS_SUCCESS;
        if (!copy_contents(src, dst, false, &st)) return fail_status(st, FALSE);
        unlink(src.c_str());
        nt::note_possible_shortcut_rename(src, dst);
        return TRUE;
      }
      return fail_status(nt::path_errno_status(errno, dst), FALSE);
    });
  });
}
BOOL WINAPI MoveFileExA(LPCSTR from, LPCSTR to, DWORD flags) noexcept {
  return with_ansi(from, FALSE, [&](LPCWSTR wf) {
    return with_ansi(to, FALSE, [&](LPCWSTR wt) { return MoveFileExW(wf, wt, flags); });
  });
}
BOOL WINAPI MoveFileW(LPCWSTR from, LPCWSTR to) noexcept { return MoveFileExW(from, to, MOVEFILE_COPY_ALLOWED); }
BOOL WINAPI MoveFileA(LPCSTR from, LPCSTR to) noexcept { return MoveFileExA(from, to, MOVEFILE_COPY_ALLOWED); }

BOOL WINAPI CopyFileW(LPCWSTR from, LPCWSTR to, BOOL fail_if_exists) noexcept {
  return with_unix_path(from, FALSE, [&](const std::string& src) -> BOOL {
    return with_unix_path(to, FALSE, [&](const std::string& dst) -> BOOL {
      NTSTATUS st = nt::STATUS_SUCCESS;
      if (!copy_contents(src, dst, fail_if_exists, &st)) {
        if (st == nt::STATUS_OBJECT_NAME_COLLISION) return fail_error(win::ERROR_FILE_EXISTS, FALSE);
        return fail_status(st, FALSE);
      }
      return TRUE;
    });
  });
}
BOOL WINAPI CopyFileA(LPCSTR from, LPCSTR to, BOOL fail_if_exists) noexcept {
  return with_ansi(from, FALSE, [&](LPCWSTR wf) {
    return with_ansi(to, FALSE, [&](LPCWSTR wt) { return CopyFileW(wf, wt, fail_if_exists); });
  });
}

DWORD WINAPI GetFullPathNameW(LPCWSTR path, DWORD size, LPWSTR buffer, LPWSTR* file_part) noexcept {
  try {
    if (!path) return fail_error(win::ERROR_INVALID_PARAMETER, 0u);
    if (!*path) return fail_error(win::ERROR_INVALID_NAME, 0u);
    auto full = nt::full_dos_path(path);
    if (!full) return fail_status(full.error(), 0u);
    DWORD r = copy_out<char16_t>(*full, buffer, size);
    if (file_part && r < size) {
      std::size_t slash = full->find_last_of(u'\\');
      *file_part = (slash == std::u16string::npos || slash + 1 == full->size()) ? nullptr : buffer + slash + 1;
    }
    return r;
  } catch (...) {
    return fail_error(win::ERROR_NOT_ENOUGH_MEMORY, 0u);
  }
}

DWORD WINAPI GetFullPathNameA(LPCSTR path, DWORD size, LPSTR buffer, LPSTR* file_part) noexcept {
  try {
    if (!path) return fail_error(win::ERROR_INVALID_PARAMETER, 0u);
    if (!*path) return fail_error(win::ERROR_INVALID_NAME, 0u);
    auto full = nt::full_dos_path(nt::ansi_to_utf16(path));
    if (!full) return fail_status(full.error(), 0u);
    std::string a = nt::utf16_to_ansi(*full);
    DWORD r = copy_out<char>(a, buffer, size);
    if (file_part && r < size) {
      std::size_t slash = a.find_last_of('\\');
      *file_part = (slash == std::string::npos || slash + 1 == a.size()) ? nullptr : buffer + slash + 1;
    }
    return r;
  } catch (...) {
    return fail_error(win::ERROR_NOT_ENOUGH_MEMORY, 0u);
  }
}

DWORD WINAPI GetLongPathNameW(LPCWSTR path, LPWSTR buffer, DWORD size) noexcept {
  if (!path) return fail_error(win::ERROR_INVALID_PARAMETER, 0u);
  // Sill never makes 8.3 names, so every existing path is already in long form.
  if (GetFileAttributesW(path) == nt::INVALID_FILE_ATTRIBUTES) return 0;
  return copy_out<char16_t>(std::u16string_view(path), buffer, size);
}
DWORD WINAPI GetLongPathNameA(LPCSTR path, LPSTR buffer, DWORD size) noexcept {
  if (!path) return fail_error(win::ERROR_INVALID_PARAMETER, 0u);
  if (GetFileAttributesA(path) == nt::INVALID_FILE_ATTRIBUTES) return 0;
  return copy_out<char>(std::string_view(path), buffer, size);
}
DWORD WINAPI GetShortPathNameW(LPCWSTR path, LPWSTR buffer, DWORD size) noexcept {
  FIXME_ONCE("8.3 names are not generated: returning the long name");
  return GetLongPathNameW(path, buffer, size);
}

DWORD WINAPI GetTempPathW(DWORD size, LPWSTR buffer) noexcept {
  try {
    std::u16string dir;
    for (const char16_t* var : {u"TMP", u"TEMP", u"USERPROFILE"}) {
      if (auto v = nt::env_get(var); v && !v->empty()) {
        auto full = nt::full_dos_path(*v);
        if (full) {
          dir = *full;
          break;
        }
      }
    }
    if (dir.empty()) dir = nt::unix_path_to_dos("/tmp");
    if (dir.back() != u'\\') dir += u'\\';
    return copy_out<char16_t>(dir, buffer, size);
  } catch (...) {
    return fail_error(win::ERROR_NOT_ENOUGH_MEMORY, 0u);
  }
}
DWORD WINAPI GetTempPathA(DWORD size, LPSTR buffer) noexcept {
  try {
    char16_t w[1024];
    DWORD n = GetTempPathW(1024, w);
    if (n == 0 || n >= 1024) return 0;
    return copy_out<char>(nt::utf16_to_ansi(std::u16string_view(w, n)), buffer, size);
  } catch (...) {
    return fail_error(win::ERROR_NOT_ENOUGH_MEMORY, 0u);
  }
}

UINT WINAPI GetDriveTypeW(LPCWSTR root) noexcept {
  constexpr UINT DRIVE_NO_ROOT_DIR = 1, DRIVE_FIXED = 3;
  try {
    std::u16string r = root ? std::u16string(root) : nt::current_directory().substr(0, 3);
    if (r.size() < 2 || r[1] != u':') return DRIVE_NO_ROOT_DIR;
    if (r.size() > 3 || (r.size() == 3 && r[2] != u'\\' && r[2] != u'/')) return DRIVE_NO_ROOT_DIR;
    auto dir = nt::drive_root(r[0]);
    if (!dir) return DRIVE_NO_ROOT_DIR;
    struct stat st;
    if (stat(dir->empty() ? "/" : dir->c_str(), &st) != 0) return DRIVE_NO_ROOT_DIR;
    return DRIVE_FIXED;
  } catch (...) {
    return DRIVE_NO_ROOT_DIR;
  }
}
UINT WINAPI GetDriveTypeA(LPCSTR root) noexcept {
  return with_ansi(root, 0u, [](LPCWSTR w) { return GetDriveTypeW(w); });
}

}  // namespace sill::kernel32
