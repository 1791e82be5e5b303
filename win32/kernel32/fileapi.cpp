// fileapi.h, handle side: CreateFile, ReadFile/WriteFile, file pointer, size, times, type.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "base/debug.h"
#include "ntdll/file.h"
#include "ntdll/handle_table.h"
#include "ntdll/named_pipe.h"
#include "ntdll/path_mapping.h"
#include "ntdll/sync.h"
#include "win32/kernel32/console.h"
#include "win32/kernel32/kernel32.h"
#include "win32/kernel32/kernel32_internal.h"
#include "win32/kernel32/overlapped.h"

SILL_DEFAULT_DEBUG_CHANNEL(file);

namespace sill::kernel32 {

namespace {
constexpr DWORD FILE_FLAG_OVERLAPPED = 0x40000000, FILE_FLAG_BACKUP_SEMANTICS = 0x02000000;
constexpr DWORD INVALID_SET_FILE_POINTER = 0xFFFFFFFF, INVALID_FILE_SIZE = 0xFFFFFFFF;

Expected<nt::Ref<nt::File>, NTSTATUS> file_of(HANDLE h) { return nt::handle_table().get<nt::File>(h); }

FILETIME to_filetime(const timespec& ts) {
  std::int64_t v = nt::filetime_from_unix(ts.tv_sec, ts.tv_nsec);
  return {static_cast<DWORD>(v), static_cast<DWORD>(v >> 32)};
}

}  // namespace

HANDLE WINAPI CreateFileW(LPCWSTR name, DWORD access, DWORD share, SECURITY_ATTRIBUTES* sa, DWORD disposition,
                          DWORD flags, HANDLE template_file) noexcept {
  try {
    if (!name || !*name) return fail_error(win::ERROR_PATH_NOT_FOUND, INVALID_HANDLE_VALUE);
    static constexpr ULONG kNtDisposition[] = {0, nt::FILE_CREATE, nt::FILE_OVERWRITE_IF, nt::FILE_OPEN,
                                               nt::FILE_OPEN_IF, nt::FILE_OVERWRITE};
    if (disposition < CREATE_NEW || disposition > TRUNCATE_EXISTING)
      return fail_error(win::ERROR_INVALID_PARAMETER, INVALID_HANDLE_VALUE);
    if (disposition == TRUNCATE_EXISTING && !(access & (GENERIC_WRITE | nt::FILE_WRITE_DATA | nt::GENERIC_ALL)))
      return fail_error(win::ERROR_INVALID_PARAMETER, INVALID_HANDLE_VALUE);
    if (template_file) FIXME_ONCE("template files are ignored");
    if (nt::is_pipe_name(name)) {
      auto pipe = nt::open_pipe_client(name, access, (flags & FILE_FLAG_OVERLAPPED) != 0);
      if (!pipe) return fail_status(pipe.error(), INVALID_HANDLE_VALUE);
      nt::set_last_error(win::ERROR_SUCCESS);
      return nt::handle_table().insert(*pipe, access, (sa && sa->bInheritHandle) ? nt::HANDLE_FLAG_INHERIT : 0);
    }
    auto unix_path = nt::dos_path_to_unix(name);
    if (!unix_path) return fail_status(unix_path.error(), INVALID_HANDLE_VALUE);
    nt::OpenRequest req;
    req.unix_path = *unix_path;
    req.access = access;
    req.share = share;
    req.disposition = kNtDisposition[disposition];
    req.options = (flags & FILE_FLAG_BACKUP_SEMANTICS) ? 0 : nt::FILE_NON_DIRECTORY_FILE;
    if (flags & FILE_FLAG_DELETE_ON_CLOSE) req.options |= nt::FILE_DELETE_ON_CLOSE;
    req.attributes = flags & 0xFFFF;
    auto r = nt::open_file(req);
    if (!r) {
      // CREATE_NEW on an existing file is "file exists", not "already exists".
      if (r.error() == nt::STATUS_OBJECT_NAME_COLLISION) return fail_error(win::ERROR_FILE_EXISTS, INVALID_HANDLE_VALUE);
      return fail_status(r.error(), INVALID_HANDLE_VALUE);
    }
    if (r->file->is_tty()) r->file->console_mode = 0x3;
    if (flags & FILE_FLAG_OVERLAPPED) {
      r->file->overlapped = true;
      nt::make_nonblocking(*r->file);
    }
    HANDLE h = nt::handle_table().insert(r->file, access, (sa && sa->bInheritHandle) ? nt::HANDLE_FLAG_INHERIT : 0);
    bool existed = r->information != nt::FILE_CREATED;
    nt::set_last_error((existed && (disposition == CREATE_ALWAYS || disposition == OPEN_ALWAYS))
                           ? win::ERROR_ALREADY_EXISTS
                           : win::ERROR_SUCCESS);
    return h;
  } catch (...) {
    return fail_error(win::ERROR_NOT_ENOUGH_MEMORY, INVALID_HANDLE_VALUE);
  }
}

HANDLE WINAPI CreateFileA(LPCSTR name, DWORD access, DWORD share, SECURITY_ATTRIBUTES* sa, DWORD disposition,
                          DWORD flags, HANDLE template_file) noexcept {
  try {
    auto w = from_ansi(name);
    return CreateFileW(ptr(w), access, share, sa, disposition, flags, template_file);
  } catch (...) {
    return fail_error(win::ERROR_NOT_ENOUGH_MEMORY, INVALID_HANDLE_VALUE);
  }
}

BOOL WINAPI ReadFile(HANDLE h, void* buffer, DWORD to_read, DWORD* read_count, OVERLAPPED* ov) noexcept {
  if (read_count) *read_count = 0;
  auto f = file_of(h);
  if (!f) return fail_status(f.error(), FALSE);
  if (!read_count && !ov) return fail_error(win::ERROR_INVALID_PARAMETER, FALSE);
  return transfer(*f, false, buffer, to_read, read_count, ov, nullptr);
}

BOOL WINAPI WriteFile(HANDLE h, const void* buffer, DWORD to_write, DWORD* written, OVERLAPPED* ov) noexcept {
  if (written) *written = 0;
  auto f = file_of(h);
  if (!f) return fail_status(f.error(), FALSE);
  if (!written && !ov) return fail_error(win::ERROR_INVALID_PARAMETER, FALSE);
  return transfer(*f, true, const_cast<void*>(buffer), to_write, written, ov, nullptr);
}

BOOL WINAPI SetFilePointerEx(HANDLE h, LARGE_INTEGER distance, LARGE_INTEGER* new_pos, DWORD method) noexcept {
  auto f = file_of(h);
  if (!f) return fail_status(f.error(), FALSE);
  if (method > FILE_END) return fail_error(win::ERROR_INVALID_PARAMETER, FALSE);
  int whence = method == FILE_BEGIN ? SEEK_SET : method == FILE_CURRENT ? SEEK_CUR : SEEK_END;
  off_t base = whence == SEEK_SET ? 0 : lseek((*f)->fd(), 0, whence);
  if (base < 0) return fail_status(nt::status_from_errno(errno), FALSE);
  std::int64_t target = base + distance.QuadPart;
  if (target < 0) return fail_error(win::ERROR_NEGATIVE_SEEK, FALSE);
  if (lseek((*f)->fd(), target, SEEK_SET) < 0) return fail_status(nt::status_from_errno(errno), FALSE);
  if (new_pos) new_pos->QuadPart = target;
  return TRUE;
}

DWORD WINAPI SetFilePointer(HANDLE h, LONG distance, LONG* distance_high, DWORD method) noexcept {
  LARGE_INTEGER d, pos;
  d.QuadPart = distance_high ? ((static_cast<std::int64_t>(*distance_high) << 32) | static_cast<DWORD>(distance))
                             : distance;
  if (!SetFilePointerEx(h, d, &pos, method)) return INVALID_SET_FILE_POINTER;
  if (distance_high) *distance_high = pos.u.HighPart;
  nt::set_last_error(win::ERROR_SUCCESS);  // lets callers tell a real 0xFFFFFFFF from failure
  return pos.u.LowPart;
}

BOOL WINAPI GetFileSizeEx(HANDLE h, LARGE_INTEGER* size) noexcept {
  auto f = file_of(h);
  if (!f) return fail_status(f.error(), FALSE);
  struct stat st;
  if (fstat((*f)->fd(), &st) != 0) return fail_status(nt::status_from_errno(errno), FALSE);
  size->QuadPart = S_ISREG(st.st_mode) ? st.st_size : 0;
  return TRUE;
}

DWORD WINAPI GetFileSize(HANDLE h, DWORD* high) noexcept {
  LARGE_INTEGER size;
  if (!GetFileSizeEx(h, &size)) return INVALID_FILE_SIZE;
  if (high) *high = static_cast<DWORD>(size.u.HighPart);
  nt::set_last_error(win::ERROR_SUCCESS);
  return size.u.LowPart;
}

BOOL WINAPI SetEndOfFile(HANDLE h) noexcept {
  auto f = file_of(h);
  if (!f) return fail_status(f.error(), FALSE);
  off_t pos = lseek((*f)->fd(), 0, SEEK_CUR);
  if (pos < 0 || ftruncate((*f)->fd(), pos) != 0) return fail_status(nt::status_from_errno(errno), FALSE);
  return TRUE;
}

BOOL WINAPI FlushFileBuffers(HANDLE h) noexcept {
  auto f = file_of(h);
  if (!f) return fail_status(f.error(), FALSE);
  if (fsync((*f)->fd()) != 0 && errno != EINVAL && errno != EROFS) return fail_status(nt::status_from_errno(errno), FALSE);
  return TRUE;
}

DWORD WINAPI GetFileType(HANDLE h) noexcept {
  auto f = file_of(h);
  if (!f) {
    if (h == nt::current_process_handle() || h == nt::current_thread_handle())
      return fail_error(win::ERROR_SUCCESS, FILE_TYPE_UNKNOWN);
    return fail_status(f.error(), FILE_TYPE_UNKNOWN);
  }
  struct stat st;
  if (fstat((*f)->fd(), &st) != 0) return fail_status(nt::status_from_errno(errno), FILE_TYPE_UNKNOWN);
  nt::set_last_error(win::ERROR_SUCCESS);
  if (S_ISCHR(st.st_mode)) return FILE_TYPE_CHAR;
  if (S_ISFIFO(st.st_mode) || S_ISSOCK(st.st_mode)) return FILE_TYPE_PIPE;
  return FILE_TYPE_DISK;
}

BOOL WINAPI GetFileInformationByHandle(HANDLE h, BY_HANDLE_FILE_INFORMATION* info) noexcept {
  auto f = file_of(h);
  if (!f) return fail_status(f.error(), FALSE);
  struct stat st;
  if (fstat((*f)->fd(), &st) != 0) return fail_status(nt::status_from_errno(errno), FALSE);
  std::string_view path = (*f)->unix_path();
  info->dwFileAttributes = nt::attributes_from_stat(st, path.substr(path.find_last_of('/') + 1));
  info->ftCreationTime = to_filetime(st.st_mtim);
  info->ftLastAccessTime = to_filetime(st.st_atim);
  info->ftLastWriteTime = to_filetime(st.st_mtim);
  info->dwVolumeSerialNumber = static_cast<DWORD>(st.st_dev);
  std::uint64_t size = S_ISDIR(st.st_mode) ? 0 : static_cast<std::uint64_t>(st.st_size);
  info->nFileSizeHigh = static_cast<DWORD>(size >> 32);
  info->nFileSizeLow = static_cast<DWORD>(size);
  info->nNumberOfLinks = static_cast<DWORD>(st.st_nlink);
  info->nFileIndexHigh = static_cast<DWORD>(st.st_ino >> 32);
  info->nFileIndexLow = static_cast<DWORD>(st.st_ino);
  return TRUE;
}

BOOL WINAPI GetFileTime(HANDLE h, FILETIME* creation, FILETIME* access, FILETIME* write) noexcept {
  auto f = file_of(h);
  if (!f) return fail_status(f.error(), FALSE);
  struct stat st;
  if (fstat((*f)->fd(), &st) != 0) return fail_status(nt::status_from_errno(errno), FALSE);
  // Linux keeps no creation time everywhere; the modification time stands in.
  if (creation) *creation = to_filetime(st.st_mtim);
  if (access) *access = to_filetime(st.st_atim);
  if (write) *write = to_filetime(st.st_mtim);
  return TRUE;
}

BOOL WINAPI SetFileTime(HANDLE h, const FILETIME* creation, const FILETIME* access, const FILETIME* write) noexcept {
  auto f = file_of(h);
  if (!f) return fail_status(f.error(), FALSE);
  timespec ts[2] = {{0, UTIME_OMIT}, {0, UTIME_OMIT}};
  auto set = [](timespec& t, const FILETIME* ft) {
    if (!ft) return;
    std::int64_t v = (static_cast<std::int64_t>(ft->dwHighDateTime) << 32) | ft->dwLowDateTime;
    if (v == 0 || v == -1) return;  // 0: leave unchanged; -1: stop updating (not supported, left as is)
    std::int64_t sec;
    long nsec;
    nt::unix_from_filetime(v, &sec, &nsec);
    t = {static_cast<time_t>(sec), nsec};
  };
  set(ts[0], access);
  set(ts[1], write);
  if (creation) FIXME_ONCE("creation times cannot be set on Linux");
  if (futimens((*f)->fd(), ts) != 0) return fail_status(nt::status_from_errno(errno), FALSE);
  return TRUE;
}

}  // namespace sill::kernel32
