// fileapi.h, the rest: byte-range locks, temporary file names, disk and volume
// information, CopyFileEx, ReplaceFile, GetFileInformationByHandleEx.
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <limits>
#include <mutex>
#include <vector>

#include "base/debug.h"
#include "ntdll/file.h"
#include "ntdll/handle_table.h"
#include "ntdll/path_mapping.h"
#include "win32/kernel32/fileapi_dir_by_handle.h"
#include "win32/kernel32/kernel32.h"
#include "win32/kernel32/kernel32_internal.h"

SILL_DEFAULT_DEBUG_CHANNEL(file);

namespace sill::kernel32 {

namespace {
constexpr DWORD LOCKFILE_FAIL_IMMEDIATELY = 1, LOCKFILE_EXCLUSIVE_LOCK = 2;
constexpr DWORD COPY_FILE_FAIL_IF_EXISTS = 1;
constexpr DWORD kMaxPath = 260;

Expected<nt::Ref<nt::File>, NTSTATUS> file_of(HANDLE h) { return nt::handle_table().get<nt::File>(h); }

// ---- byte-range locks ----
// The kernel's OFD locks (one owner per open file description, so per handle here) decide conflicts
// between handles and with other processes. What the kernel cannot say -- which ranges this handle
// locked and how often (Windows unlocks exactly the ranges it locked, one lock per unlock) -- is
// kept in `g_locks`, keyed by the File object and validated against its fd and inode.
struct HeldLock {
  const nt::File* owner;
  int fd;
  ino_t ino;
  dev_t dev;
  std::uint64_t offset, length;
  bool exclusive;
};
std::mutex g_lock_mutex;
std::vector<HeldLock> g_locks;

bool overlaps(std::uint64_t a, std::uint64_t alen, std::uint64_t b, std::uint64_t blen) {
  if (!alen || !blen) return false;
  std::uint64_t aend = a + alen - 1, bend = b + blen - 1;  // inclusive ends (no overflow: checked by callers)
  return a <= bend && b <= aend;
}

// Kernel lock call for one range; ranges past INT64_MAX are clamped (nothing there to read or write).
int ofd_lock(int fd, short type, std::uint64_t offset, std::uint64_t length, bool wait) {
  constexpr std::uint64_t kMax = static_cast<std::uint64_t>(std::numeric_limits<off_t>::max());
  if (!length || offset >= kMax) return 0;
  if (length > kMax - offset) length = kMax - offset;
  struct flock fl{};
  fl.l_type = type;
  fl.l_whence = SEEK_SET;
  fl.l_start = static_cast<off_t>(offset);
  fl.l_len = static_cast<off_t>(length);
  int r;
  do r = fcntl(fd, wait ? F_OFD_SETLKW : F_OFD_SETLK, &fl);
  while (r < 0 && errno == EINTR);
  return r;
}

// True when this handle holds no OFD lock in the kernel: then entries in g_locks for a File at the same
// address are left from a closed handle. /proc/self/fdinfo lists the locks owned by that description.
bool kernel_shows_no_locks(int fd) {
  char path[64];
  std::snprintf(path, sizeof path, "/proc/self/fdinfo/%d", fd);
  FILE* f = std::fopen(path, "re");
  if (!f) return false;
  char line[256];
  bool any = false;
  while (std::fgets(line, sizeof line, f))
    if (std::strncmp(line, "lock:", 5) == 0) any = true;
  std::fclose(f);
  return !any;
}

// Drops stale entries for `file` (caller holds g_lock_mutex).
void prune_locks(const nt::File& file, const struct stat& st) {
  bool mine_any = false;
  for (auto& l : g_locks)
    if (l.owner == &file) mine_any = true;
  if (!mine_any) return;
  bool stale_identity = false;
  for (auto& l : g_locks)
    if (l.owner == &file && (l.fd != file.fd() || l.ino != st.st_ino || l.dev != st.st_dev)) stale_identity = true;
  bool has_kernel_range = false;
  for (auto& l : g_locks)
    if (l.owner == &file && l.length && l.offset < static_cast<std::uint64_t>(std::numeric_limits<off_t>::max()))
      has_kernel_range = true;
  if (stale_identity || (has_kernel_range && kernel_shows_no_locks(file.fd())))
    std::erase_if(g_locks, [&](const HeldLock& l) { return l.owner == &file; });
}

NTSTATUS lock_range(nt::File& file, std::uint64_t offset, std::uint64_t length, bool exclusive, bool wait) {
  if (length && offset + length - 1 < offset) return nt::STATUS_INVALID_PARAMETER;
  FIXME_ONCE("byte-range locks are advisory: ReadFile/WriteFile through other handles are not refused");
  struct stat st;
  if (fstat(file.fd(), &st) != 0) return nt::status_from_errno(errno);
  {
    std::lock_guard g(g_lock_mutex);
    prune_locks(file, st);
    // Overlapping locks of the same handle: exclusive conflicts with everything, shared with shared is fine.
    for (auto& l : g_locks)
      if (l.owner == &file && overlaps(l.offset, l.length, offset, length) && (l.exclusive || exclusive))
        return nt::status(0xC0000054);  // STATUS_FILE_LOCK_CONFLICT
    if (!wait) {
      if (ofd_lock(file.fd(), exclusive ? F_WRLCK : F_RDLCK, offset, length, false) != 0)
        return (errno == EAGAIN || errno == EACCES) ? nt::status(0xC0000055) /* STATUS_LOCK_NOT_GRANTED */
                                                    : nt::status_from_errno(errno);
      g_locks.push_back({&file, file.fd(), st.st_ino, st.st_dev, offset, length, exclusive});
      return nt::STATUS_SUCCESS;
    }
  }
  // Waiting: the kernel blocks until the other handle (or process) lets go; not under our mutex.
  if (ofd_lock(file.fd(), exclusive ? F_WRLCK : F_RDLCK, offset, length, true) != 0)
    return nt::status_from_errno(errno);
  std::lock_guard g(g_lock_mutex);
  g_locks.push_back({&file, file.fd(), st.st_ino, st.st_dev, offset, length, exclusive});
  return nt::STATUS_SUCCESS;
}

NTSTATUS unlock_range(nt::File& file, std::uint64_t offset, std::uint64_t length) {
  struct stat st;
  if (fstat(file.fd(), &st) != 0) return nt::status_from_errno(errno);
  std::lock_guard g(g_lock_mutex);
  prune_locks(file, st);
  // Windows removes an exclusive lock before a shared one on the same range.
  auto found = g_locks.end();
  for (auto it = g_locks.begin(); it != g_locks.end(); ++it)
    if (it->owner == &file && it->offset == offset && it->length == length &&
        (found == g_locks.end() || (it->exclusive && !found->exclusive)))
      found = it;
  if (found == g_locks.end()) return nt::status(0xC000007E);  // STATUS_RANGE_NOT_LOCKED
  g_locks.erase(found);
  ofd_lock(file.fd(), F_UNLCK, offset, length, false);
  // The kernel merged this handle's ranges: give back the ones still held that the unlock cut into.
  for (auto& l : g_locks)
    if (l.owner == &file && overlaps(l.offset, l.length, offset, length))
      ofd_lock(file.fd(), l.exclusive ? F_WRLCK : F_RDLCK, l.offset, l.length, false);
  return nt::STATUS_SUCCESS;
}

BOOL lock_result(NTSTATUS s) {
  if (nt::nt_success(s)) return TRUE;
  if (s == nt::status(0xC0000054) || s == nt::status(0xC0000055)) return fail_error(win::ERROR_LOCK_VIOLATION, FALSE);
  if (s == nt::status(0xC000007E)) return fail_error(win::ERROR_NOT_LOCKED, FALSE);
  return fail_status(s, FALSE);
}

std::uint64_t qword(DWORD low, DWORD high) { return (static_cast<std::uint64_t>(high) << 32) | low; }

// ---- path helpers ----

std::u16string hex(unsigned v) {
  char b[16];
  std::snprintf(b, sizeof b, "%X", v);
  return std::u16string(b, b + std::strlen(b));
}

// Unix path of a volume root argument (NULL: the current directory's drive).
Expected<std::string, NTSTATUS> root_path(LPCWSTR root) {
  if (!root) return nt::dos_path_to_unix(nt::current_directory().substr(0, 3));
  return nt::dos_path_to_unix(root);
}

LARGE_INTEGER large(std::int64_t v) {
  LARGE_INTEGER l;
  l.QuadPart = v;
  return l;
}
}  // namespace

BOOL WINAPI LockFileEx(HANDLE h, DWORD flags, DWORD reserved, DWORD length_low, DWORD length_high,
                       OVERLAPPED* ov) noexcept {
  try {
    if (reserved || !ov) return fail_error(win::ERROR_INVALID_PARAMETER, FALSE);
    auto f = file_of(h);
    if (!f) return fail_status(f.error(), FALSE);
    bool wait = !(flags & LOCKFILE_FAIL_IMMEDIATELY);
    if (wait) FIXME_ONCE("LockFileEx waits synchronously, also on overlapped handles");
    NTSTATUS s = lock_range(**f, qword(ov->u.s.Offset, ov->u.s.OffsetHigh), qword(length_low, length_high),
                            flags & LOCKFILE_EXCLUSIVE_LOCK, wait);
    ov->Internal = static_cast<ULONG_PTR>(static_cast<std::uint32_t>(s));
    return lock_result(s);
  } catch (...) {
    return fail_error(win::ERROR_NOT_ENOUGH_MEMORY, FALSE);
  }
}

BOOL WINAPI UnlockFileEx(HANDLE h, DWORD reserved, DWORD length_low, DWORD length_high, OVERLAPPED* ov) noexcept {
  try {
    if (reserved || !ov) return fail_error(win::ERROR_INVALID_PARAMETER, FALSE);
    auto f = file_of(h);
    if (!f) return fail_status(f.error(), FALSE);
    return lock_result(unlock_range(**f, qword(ov->u.s.Offset, ov->u.s.OffsetHigh), qword(length_low, length_high)));
  } catch (...) {
    return fail_error(win::ERROR_NOT_ENOUGH_MEMORY, FALSE);
  }
}

BOOL WINAPI LockFile(HANDLE h, DWORD offset_low, DWORD offset_high, DWORD length_low, DWORD length_high) noexcept {
  try {
    auto f = file_of(h);
    if (!f) return fail_status(f.error(), FALSE);
    return lock_result(
        lock_range(**f, qword(offset_low, offset_high), qword(length_low, length_high), true, false));
  } catch (...) {
    return fail_error(win::ERROR_NOT_ENOUGH_MEMORY, FALSE);
  }
}

BOOL WINAPI UnlockFile(HANDLE h, DWORD offset_low, DWORD offset_high, DWORD length_low, DWORD length_high) noexcept {
  try {
    auto f = file_of(h);
    if (!f) return fail_status(f.error(), FALSE);
    return lock_result(unlock_range(**f, qword(offset_low, offset_high), qword(length_low, length_high)));
  } catch (...) {
    return fail_error(win::ERROR_NOT_ENOUGH_MEMORY, FALSE);
  }
}

UINT WINAPI GetTempFileNameW(LPCWSTR path, LPCWSTR prefix, UINT unique, LPWSTR buffer) noexcept {
  try {
    if (!path || !buffer) return fail_error(win::ERROR_INVALID_PARAMETER, 0u);
    std::u16string dir(path);
    if (dir.size() > kMaxPath - 14) return fail_error(win::ERROR_BUFFER_OVERFLOW, 0u);
    if (!dir.empty() && dir.back() != u'\\' && dir.back() != u'/') dir += u'\\';
    if (prefix)
      for (int i = 0; i < 3 && prefix[i]; ++i) dir += prefix[i];
    auto name_for = [&](unsigned v) { return dir + hex(v & 0xFFFF) + u".tmp"; };
    auto emit = [&](const std::u16string& s) {
      std::char_traits<char16_t>::copy(buffer, s.c_str(), s.size() + 1);
    };
    if (unique) {
      emit(name_for(unique));
      return unique & 0xFFFF;
    }
    auto udir = nt::dos_path_to_unix(path);
    struct stat st;
    if (!udir || stat(udir->c_str(), &st) != 0 || !S_ISDIR(st.st_mode)) return fail_error(win::ERROR_DIRECTORY, 0u);
    unsigned start = static_cast<unsigned>(std::time(nullptr) ^ getpid()) & 0xFFFF;
    if (!start) start = 1;
    unsigned v = start;
    do {
      std::u16string name = name_for(v);
      HANDLE h = CreateFileW(name.c_str(), GENERIC_WRITE, 0, nullptr, CREATE_NEW, FILE_ATTRIBUTE_NORMAL, nullptr);
      if (h != INVALID_HANDLE_VALUE) {
        CloseHandle(h);
        emit(name);
        nt::set_last_error(win::ERROR_SUCCESS);
        return v;
      }
      DWORD e = nt::last_error();
      // Access denied on a name that exists (a folder, a read-only file) means "taken"; otherwise it is final.
      bool taken = e == win::ERROR_FILE_EXISTS || e == win::ERROR_ALREADY_EXISTS ||
                   (e == win::ERROR_ACCESS_DENIED && GetFileAttributesW(name.c_str()) != nt::INVALID_FILE_ATTRIBUTES);
      if (!taken) return fail_error(e, 0u);
      v = (v + 1) & 0xFFFF;
      if (!v) v = 1;
    } while (v != start);
    return fail_error(win::ERROR_FILE_EXISTS, 0u);
  } catch (...) {
    return fail_error(win::ERROR_NOT_ENOUGH_MEMORY, 0u);
  }
}

UINT WINAPI GetTempFileNameA(LPCSTR path, LPCSTR prefix, UINT unique, LPSTR buffer) noexcept {
  try {
    if (!path || !buffer) return fail_error(win::ERROR_INVALID_PARAMETER, 0u);
    auto wp = from_ansi(path), wx = from_ansi(prefix);
    char16_t wbuf[kMaxPath];
    UINT r = GetTempFileNameW(ptr(wp), ptr(wx), unique, wbuf);
    if (!r) return 0;
    std::string a = nt::utf16_to_ansi(wbuf);
    std::memcpy(buffer, a.c_str(), a.size() + 1);
    return r;
  } catch (...) {
    return fail_error(win::ERROR_NOT_ENOUGH_MEMORY, 0u);
  }
}

BOOL WINAPI GetDiskFreeSpaceExW(LPCWSTR dir, std::uint64_t* avail, std::uint64_t* total,
                                std::uint64_t* total_free) noexcept {
  try {
    auto r = nt::dos_path_to_unix(dir ? std::u16string(dir) : nt::current_directory());
    if (!r) return fail_status(r.error(), FALSE);
    const std::string& u = *r;
    struct statvfs sv;
    if (statvfs(u.c_str(), &sv) != 0) return fail_status(nt::path_errno_status(errno, u), FALSE);
    if (avail) *avail = static_cast<std::uint64_t>(sv.f_bavail) * sv.f_frsize;
    if (total) *total = static_cast<std::uint64_t>(sv.f_blocks) * sv.f_frsize;
    if (total_free) *total_free = static_cast<std::uint64_t>(sv.f_bfree) * sv.f_frsize;
    return TRUE;
  } catch (...) {
    return fail_error(win::ERROR_NOT_ENOUGH_MEMORY, FALSE);
  }
}

BOOL WINAPI GetDiskFreeSpaceExA(LPCSTR dir, std::uint64_t* avail, std::uint64_t* total,
                                std::uint64_t* total_free) noexcept {
  return with_ansi(dir, FALSE, [&](LPCWSTR w) { return GetDiskFreeSpaceExW(w, avail, total, total_free); });
}

BOOL WINAPI GetDiskFreeSpaceW(LPCWSTR root, DWORD* sectors_per_cluster, DWORD* bytes_per_sector,
                              DWORD* free_clusters, DWORD* total_clusters) noexcept {
  try {
    auto u = root_path(root);
    if (!u) return fail_status(u.error(), FALSE);
    struct statvfs sv;
    if (statvfs(u->c_str(), &sv) != 0) return fail_status(nt::path_errno_status(errno, *u), FALSE);
    std::uint64_t cluster = sv.f_frsize ? sv.f_frsize : 4096;
    constexpr std::uint64_t kSector = 512;
    auto clamp = [](std::uint64_t v) { return static_cast<DWORD>(v > 0xFFFFFFFFu ? 0xFFFFFFFFu : v); };
    if (sectors_per_cluster) *sectors_per_cluster = clamp(cluster >= kSector ? cluster / kSector : 1);
    if (bytes_per_sector) *bytes_per_sector = static_cast<DWORD>(kSector);
    if (free_clusters) *free_clusters = clamp(static_cast<std::uint64_t>(sv.f_bavail) * sv.f_frsize / cluster);
    if (total_clusters) *total_clusters = clamp(static_cast<std::uint64_t>(sv.f_blocks) * sv.f_frsize / cluster);
    return TRUE;
  } catch (...) {
    return fail_error(win::ERROR_NOT_ENOUGH_MEMORY, FALSE);
  }
}

BOOL WINAPI GetDiskFreeSpaceA(LPCSTR root, DWORD* sectors_per_cluster, DWORD* bytes_per_sector, DWORD* free_clusters,
                              DWORD* total_clusters) noexcept {
  return with_ansi(root, FALSE, [&](LPCWSTR w) {
    return GetDiskFreeSpaceW(w, sectors_per_cluster, bytes_per_sector, free_clusters, total_clusters);
  });
}

BOOL WINAPI GetVolumeInformationW(LPCWSTR root, LPWSTR name, DWORD name_size, DWORD* serial, DWORD* max_component,
                                  DWORD* flags, LPWSTR fs_name, DWORD fs_name_size) noexcept {
  try {
    if (root) {
      std::u16string_view r(root);
      if (r.empty() || (r.back() != u'\\' && r.back() != u'/')) return fail_error(win::ERROR_INVALID_NAME, FALSE);
    }
    auto u = root_path(root);
    if (!u) return fail_status(u.error(), FALSE);
    struct stat st;
    if (stat(u->c_str(), &st) != 0) return fail_status(nt::path_errno_status(errno, *u), FALSE);
    if (!S_ISDIR(st.st_mode)) return fail_error(win::ERROR_DIRECTORY, FALSE);
    FIXME_ONCE("volume label and file system are made up (label \"\", NTFS)");
    constexpr std::u16string_view kLabel = u"", kFs = u"NTFS";
    if (name) {
      if (name_size <= kLabel.size()) return fail_error(win::ERROR_BAD_LENGTH, FALSE);
      copy_out(kLabel, name, name_size);
    }
    if (fs_name) {
      if (fs_name_size <= kFs.size()) return fail_error(win::ERROR_BAD_LENGTH, FALSE);
      copy_out(kFs, fs_name, fs_name_size);
    }
    if (serial) *serial = static_cast<DWORD>(st.st_dev ^ (st.st_dev >> 32));
    if (max_component) *max_component = 255;
    // FILE_CASE_SENSITIVE_SEARCH | FILE_CASE_PRESERVED_NAMES | FILE_UNICODE_ON_DISK | FILE_PERSISTENT_ACLS
    // | FILE_SUPPORTS_SPARSE_FILES | FILE_SUPPORTS_REPARSE_POINTS | FILE_NAMED_STREAMS (as NTFS reports).
    if (flags) *flags = 0x1 | 0x2 | 0x4 | 0x8 | 0x40 | 0x80 | 0x40000;
    return TRUE;
  } catch (...) {
    return fail_error(win::ERROR_NOT_ENOUGH_MEMORY, FALSE);
  }
}

BOOL WINAPI GetVolumeInformationA(LPCSTR root, LPSTR name, DWORD name_size, DWORD* serial, DWORD* max_component,
                                  DWORD* flags, LPSTR fs_name, DWORD fs_name_size) noexcept {
  try {
    auto w = from_ansi(root);
    char16_t wname[kMaxPath + 1], wfs[kMaxPath + 1];
    if (!GetVolumeInformationW(ptr(w), name ? wname : nullptr, kMaxPath + 1, serial, max_component, flags,
                               fs_name ? wfs : nullptr, kMaxPath + 1))
      return FALSE;
    auto put = [](const char16_t* s, LPSTR out, DWORD size) {
      std::string a = nt::utf16_to_ansi(s);
      if (size <= a.size()) return false;
      std::memcpy(out, a.c_str(), a.size() + 1);
      return true;
    };
    if (name && !put(wname, name, name_size)) return fail_error(win::ERROR_BAD_LENGTH, FALSE);
    if (fs_name && !put(wfs, fs_name, fs_name_size)) return fail_error(win::ERROR_BAD_LENGTH, FALSE);
    return TRUE;
  } catch (...) {
    return fail_error(win::ERROR_NOT_ENOUGH_MEMORY, FALSE);
  }
}

BOOL WINAPI CopyFileExW(LPCWSTR from, LPCWSTR to, void* progress, void* data, BOOL* cancel, DWORD flags) noexcept {
  (void)data;
  if (progress) FIXME_ONCE("CopyFileEx progress routine is not called");
  if (cancel && *cancel) return fail_error(1235u /* ERROR_REQUEST_ABORTED */, FALSE);
  if (flags & ~COPY_FILE_FAIL_IF_EXISTS) FIXME_ONCE("CopyFileEx flags %#x ignored", flags & ~COPY_FILE_FAIL_IF_EXISTS);
  if (!CopyFileW(from, to, (flags & COPY_FILE_FAIL_IF_EXISTS) ? TRUE : FALSE)) return FALSE;
  // CopyFile keeps contents, times and mode; the Windows attributes follow the source's.
  DWORD attrs = GetFileAttributesW(from);
  if (attrs != nt::INVALID_FILE_ATTRIBUTES) SetFileAttributesW(to, attrs & ~nt::FILE_ATTRIBUTE_DIRECTORY);
  nt::set_last_error(win::ERROR_SUCCESS);
  return TRUE;
}

BOOL WINAPI CopyFileExA(LPCSTR from, LPCSTR to, void* progress, void* data, BOOL* cancel, DWORD flags) noexcept {
  return with_ansi(from, FALSE, [&](LPCWSTR wf) {
    return with_ansi(to, FALSE, [&](LPCWSTR wt) { return CopyFileExW(wf, wt, progress, data, cancel, flags); });
  });
}

BOOL WINAPI ReplaceFileW(LPCWSTR replaced, LPCWSTR replacement, LPCWSTR backup, DWORD flags, void* exclude,
                         void* reserved) noexcept {
  try {
    if (!replaced || !replacement || exclude || reserved) return fail_error(win::ERROR_INVALID_PARAMETER, FALSE);
    if (flags) FIXME_ONCE("ReplaceFile flags %#x ignored", flags);
    auto dst = nt::dos_path_to_unix(replaced);
    if (!dst) return fail_status(dst.error(), FALSE);
    auto src = nt::dos_path_to_unix(replacement);
    if (!src) return fail_status(src.error(), FALSE);
    struct stat st;
    struct stat rst;
    if (stat(dst->c_str(), &st) != 0) return fail_status(nt::path_errno_status(errno, *dst), FALSE);
    if (stat(src->c_str(), &rst) != 0) return fail_status(nt::path_errno_status(errno, *src), FALSE);
    // The result keeps the replaced file's permissions (Windows keeps its attributes and ACLs).
    FIXME_ONCE("ReplaceFile keeps the replaced file's mode only, not its creation time or streams");
    chmod(src->c_str(), st.st_mode & 07777);
    if (backup) {
      auto b = nt::dos_path_to_unix(backup);
      if (!b) return fail_status(b.error(), FALSE);
      if (rename(dst->c_str(), b->c_str()) != 0) return fail_status(nt::path_errno_status(errno, *b), FALSE);
    }
    if (rename(src->c_str(), dst->c_str()) != 0) return fail_error(win::ERROR_UNABLE_TO_MOVE_REPLACEMENT, FALSE);
    return TRUE;
  } catch (...) {
    return fail_error(win::ERROR_NOT_ENOUGH_MEMORY, FALSE);
  }
}

BOOL WINAPI ReplaceFileA(LPCSTR replaced, LPCSTR replacement, LPCSTR backup, DWORD flags, void* exclude,
                         void* reserved) noexcept {
  try {
    auto a = from_ansi(replaced), b = from_ansi(replacement), c = from_ansi(backup);
    return ReplaceFileW(ptr(a), ptr(b), ptr(c), flags, exclude, reserved);
  } catch (...) {
    return fail_error(win::ERROR_NOT_ENOUGH_MEMORY, FALSE);
  }
}

BOOL WINAPI GetFileInformationByHandleEx(HANDLE h, int info_class, void* buffer, DWORD size) noexcept {
  try {
    auto f = file_of(h);
    if (!f) return fail_status(f.error(), FALSE);
    if (is_directory_info_class(info_class)) return directory_info_by_handle(**f, info_class, buffer, size);
    struct stat st;
    if (fstat((*f)->fd(), &st) != 0) return fail_status(nt::status_from_errno(errno), FALSE);
    const std::string& up = (*f)->unix_path();
    DWORD attrs = nt::attributes_from_stat(st, std::string_view(up).substr(up.find_last_of('/') + 1));
    auto ft = [](const timespec& ts) { return large(nt::filetime_from_unix(ts.tv_sec, ts.tv_nsec)); };
    switch (info_class) {
      case 0: {  // FileBasicInfo
        struct Basic {
          LARGE_INTEGER creation, access, write, change;
          DWORD attributes;
        };
        static_assert(sizeof(Basic) == 40);
        if (size < sizeof(Basic)) return fail_error(win::ERROR_BAD_LENGTH, FALSE);
        Basic b{ft(st.st_mtim), ft(st.st_atim), ft(st.st_mtim), ft(st.st_ctim), attrs};
        std::memcpy(buffer, &b, sizeof b);
        return TRUE;
      }
      case 1: {  // FileStandardInfo
        struct Standard {
          LARGE_INTEGER allocation, end_of_file;
          DWORD links;
          BOOLEAN delete_pending, directory;
        };
        static_assert(sizeof(Standard) == 24);
        if (size < sizeof(Standard)) return fail_error(win::ERROR_BAD_LENGTH, FALSE);
        bool dir = S_ISDIR(st.st_mode);
        Standard s{large(dir ? 0 : static_cast<std::int64_t>(st.st_blocks) * 512),
                   large(dir ? 0 : static_cast<std::int64_t>(st.st_size)), static_cast<DWORD>(st.st_nlink),
                   static_cast<BOOLEAN>((*f)->delete_on_close.load() ? 1 : 0), static_cast<BOOLEAN>(dir ? 1 : 0)};
        std::memcpy(buffer, &s, sizeof s);
        return TRUE;
      }
      case 2: {  // FileNameInfo: the path without the drive, "\dir\file"
        if (size < 8) return fail_error(win::ERROR_BAD_LENGTH, FALSE);
        std::u16string dos = nt::unix_path_to_dos(up);
        if (dos.size() >= 2 && dos[1] == u':') dos.erase(0, 2);
        DWORD bytes = static_cast<DWORD>(dos.size() * 2);
        std::memcpy(buffer, &bytes, 4);
        DWORD room = size - 4;
        std::memcpy(static_cast<char*>(buffer) + 4, dos.data(), bytes < room ? bytes : room);
        if (room < bytes) return fail_error(win::ERROR_MORE_DATA, FALSE);
        return TRUE;
      }
      case 9: {  // FileAttributeTagInfo
        if (size < 8) return fail_error(win::ERROR_BAD_LENGTH, FALSE);
        DWORD v[2] = {attrs, 0};
        std::memcpy(buffer, v, sizeof v);
        return TRUE;
      }
      default:
        FIXME("GetFileInformationByHandleEx class %d not supported", info_class);
        return fail_error(win::ERROR_INVALID_PARAMETER, FALSE);
    }
  } catch (...) {
    return fail_error(win::ERROR_NOT_ENOUGH_MEMORY, FALSE);
  }
}

}  // namespace sill::kernel32
