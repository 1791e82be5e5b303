// File objects over Unix fds and the create/read/write logic behind NtCreateFile & co.
#include "ntdll/file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <utility>

#include "base/debug.h"
#include "ntdll/shortcut_watch.h"
#include "ntdll/status.h"

SILL_DEFAULT_DEBUG_CHANNEL(file);

namespace sill::nt {

File::File(int fd, std::string unix_path, win::DWORD access, bool is_directory)
    : Object(ObjectType::File), fd_(fd), unix_path_(std::move(unix_path)), access_(access),
      is_directory_(is_directory), is_tty_(fd >= 0 && isatty(fd) == 1) {}

File::~File() {
  release_share(share_claim);
  if (delete_on_close && !unix_path_.empty()) {
    if (is_directory_) rmdir(unix_path_.c_str());
    else unlink(unix_path_.c_str());
  }
  if (fd_ >= 0) close(fd_);
  if (can_write() || delete_on_close) note_possible_shortcut_change(unix_path_);
}

bool File::can_read() const {
  return (access_ & (GENERIC_READ | GENERIC_ALL | FILE_READ_DATA | MAXIMUM_ALLOWED)) != 0;
}
bool File::can_write() const {
  return (access_ & (GENERIC_WRITE | GENERIC_ALL | FILE_WRITE_DATA | FILE_APPEND_DATA | MAXIMUM_ALLOWED)) != 0;
}

Ref<File> file_from_fd(int fd, win::DWORD access) {
  struct stat st;
  bool dir = fstat(fd, &st) == 0 && S_ISDIR(st.st_mode);
  return make_object<File>(fd, std::string(), access, dir);
}

// ENOENT means "path not found" when the parent folder is missing too.
NTSTATUS not_found_status(const std::string& path) {
  auto slash = path.find_last_of('/');
  if (slash == std::string::npos || slash == 0) return STATUS_OBJECT_NAME_NOT_FOUND;
  struct stat st;
  std::string parent = path.substr(0, slash);
  if (stat(parent.c_str(), &st) != 0 || !S_ISDIR(st.st_mode)) return STATUS_OBJECT_PATH_NOT_FOUND;
  return STATUS_OBJECT_NAME_NOT_FOUND;
}

namespace {
NTSTATUS open_errno_status(int err, const std::string& path) {
  if (err == ENOENT || err == ENOTDIR) return not_found_status(path);
  return status_from_errno(err);
}
}  // namespace

NTSTATUS path_errno_status(int err, const std::string& path) { return open_errno_status(err, path); }

Expected<OpenResult, win::NTSTATUS> open_file(const OpenRequest& req) {
  const std::string& path = req.unix_path;
  std::string clean = path;
  while (clean.size() > 1 && clean.back() == '/') clean.pop_back();
  struct stat st;
  bool exists = stat(clean.c_str(), &st) == 0;
  if (!exists && errno != ENOENT) return Unexpected{open_errno_status(errno, clean)};
  // An existing file is claimed before it is opened, so a refused open truncates nothing.
  ShareClaim claim;
  if (exists) {
    if (NTSTATUS s = claim_share(st.st_dev, st.st_ino, req.access, req.share, &claim); s != STATUS_SUCCESS)
      return Unexpected{s};
  }
  struct ClaimGuard {
    ShareClaim& c;
    ~ClaimGuard() { release_share(c); }
  } guard{claim};

  OpenResult result;
  bool want_create = req.disposition == FILE_CREATE || req.disposition == FILE_OPEN_IF ||
                     req.disposition == FILE_OVERWRITE_IF || req.disposition == FILE_SUPERSEDE;
  if (exists && req.disposition == FILE_CREATE) return Unexpected{STATUS_OBJECT_NAME_COLLISION};
  if (!exists && !want_create) return Unexpected{not_found_status(clean)};

  if ((exists && S_ISDIR(st.st_mode)) || (!exists && (req.options & FILE_DIRECTORY_FILE))) {
    if (req.options & FILE_NON_DIRECTORY_FILE) return Unexpected{STATUS_FILE_IS_A_DIRECTORY};
    if (exists && (req.disposition == FILE_OVERWRITE || req.disposition == FILE_OVERWRITE_IF ||
                   req.disposition == FILE_SUPERSEDE))
      return Unexpected{STATUS_OBJECT_NAME_COLLISION};
    if (!exists) {
      if (mkdir(clean.c_str(), 0777) != 0) return Unexpected{open_errno_status(errno, clean)};
      result.information = FILE_CREATED;
    }
    int fd = open(clean.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) return Unexpected{open_errno_status(errno, clean)};
    result.file = make_object<File>(fd, clean, req.access, true);
  } else {
    if (exists && (req.options & FILE_DIRECTORY_FILE)) return Unexpected{STATUS_NOT_A_DIRECTORY};
    bool rd = (req.access & (GENERIC_READ | GENERIC_ALL | FILE_READ_DATA | MAXIMUM_ALLOWED | GENERIC_EXECUTE)) != 0;
    bool wr = (req.access & (GENERIC_WRITE | GENERIC_ALL | FILE_WRITE_DATA | FILE_APPEND_DATA | MAXIMUM_ALLOWED)) != 0;
    bool append_only = (req.access & FILE_APPEND_DATA) && !(req.access & (GENERIC_WRITE | GENERIC_ALL | FILE_WRITE_DATA));
    int flags = O_CLOEXEC | (wr ? (rd ? O_RDWR : O_WRONLY) : O_RDONLY);
    if (append_only) flags |= O_APPEND;
    bool truncate = exists && (req.disposition == FILE_OVERWRITE || req.disposition == FILE_OVERWRITE_IF ||
                               req.disposition == FILE_SUPERSEDE);
    if (truncate) flags |= O_TRUNC;
    if (!exists) flags |= O_CREAT | O_EXCL;
    mode_t mode = (req.attributes & FILE_ATTRIBUTE_READONLY) ? 0444 : 0666;
    if (exists && (st.st_mode & 0222) == 0 && wr) return Unexpected{STATUS_ACCESS_DENIED};
    int fd = open(clean.c_str(), flags, mode);
    if (fd < 0 && (req.access & MAXIMUM_ALLOWED) && errno == EACCES)
      fd = open(clean.c_str(), (flags & ~(O_RDWR | O_WRONLY)) | O_RDONLY, mode);
    if (fd < 0 && errno == EEXIST && req.disposition != FILE_CREATE) {
      // Lost a race with another creator: open what is there now.
      flags &= ~(O_CREAT | O_EXCL);
      fd = open(clean.c_str(), flags, mode);
      exists = true;
    }
    if (fd < 0 && !wr && !rd && errno == EACCES) fd = open(clean.c_str(), O_PATH | O_CLOEXEC);
    if (fd < 0) return Unexpected{open_errno_status(errno, clean)};
    if (!exists) result.information = FILE_CREATED;
    else if (truncate) result.information = req.disposition == FILE_SUPERSEDE ? FILE_SUPERSEDED : FILE_OVERWRITTEN;
    result.file = make_object<File>(fd, clean, req.access, false);
  }
  if (req.options & FILE_DELETE_ON_CLOSE) result.file->delete_on_close = true;
  if (!claim.id) {
    // Created just now: claim it for the opens that follow.
    struct stat created;
    if (fstat(result.file->fd(), &created) == 0)
      claim_share(created.st_dev, created.st_ino, req.access, req.share, &claim);
  }
  result.file->share_claim = std::exchange(claim, ShareClaim{});
  return result;
}

win::NTSTATUS read_file(File& f, void* buf, std::size_t len, std::optional<std::int64_t> offset,
                        std::size_t* done) {
  *done = 0;
  if (f.is_directory()) return STATUS_INVALID_DEVICE_REQUEST;
  ssize_t n;
  do {
    n = offset ? pread(f.fd(), buf, len, *offset) : read(f.fd(), buf, len);
  } while (n < 0 && errno == EINTR);
  if (n < 0) return status_from_errno(errno);
  *done = static_cast<std::size_t>(n);
  if (offset) lseek(f.fd(), *offset + n, SEEK_SET);
  if (n == 0 && len > 0) {
    struct stat st;
    if (fstat(f.fd(), &st) == 0 && (S_ISFIFO(st.st_mode) || S_ISSOCK(st.st_mode))) return STATUS_PIPE_BROKEN;
    if (offset) return STATUS_END_OF_FILE;  // NtReadFile's answer; ReadFile turns it into success
  }
  return STATUS_SUCCESS;
}

win::NTSTATUS write_file(File& f, const void* buf, std::size_t len, std::optional<std::int64_t> offset,
                         std::size_t* done) {
  *done = 0;
  if (f.is_directory()) return STATUS_INVALID_DEVICE_REQUEST;
  const char* p = static_cast<const char*>(buf);
  while (*done < len) {
    ssize_t n = offset ? pwrite(f.fd(), p + *done, len - *done, *offset + static_cast<std::int64_t>(*done))
                       : write(f.fd(), p + *done, len - *done);
    if (n < 0) {
      if (errno == EINTR) continue;
      return status_from_errno(errno);
    }
    *done += static_cast<std::size_t>(n);
  }
  if (offset) lseek(f.fd(), *offset + static_cast<std::int64_t>(*done), SEEK_SET);
  return STATUS_SUCCESS;
}

std::int64_t filetime_from_unix(std::int64_t sec, long nsec) {
  return (sec + 11644473600LL) * 10000000LL + nsec / 100;
}
void unix_from_filetime(std::int64_t ft, std::int64_t* sec, long* nsec) {
  std::int64_t t = ft - 116444736000000000LL;
  *sec = t / 10000000LL;
  *nsec = static_cast<long>((t % 10000000LL) * 100);
  if (*nsec < 0) {
    *nsec += 1000000000L;
    *sec -= 1;
  }
}

win::DWORD attributes_from_stat(const struct ::stat& st, std::string_view name) {
  win::DWORD a = 0;
  if (S_ISDIR(st.st_mode)) a |= FILE_ATTRIBUTE_DIRECTORY;
  else if (S_ISCHR(st.st_mode) || S_ISBLK(st.st_mode)) a |= FILE_ATTRIBUTE_DEVICE;
  else a |= FILE_ATTRIBUTE_ARCHIVE;
  if ((st.st_mode & 0222) == 0) a |= FILE_ATTRIBUTE_READONLY;
  // Unix dot files are hidden, as the Windows user of a Linux home expects.
  if (name.size() > 1 && name[0] == '.' && name != "..") a |= FILE_ATTRIBUTE_HIDDEN;
  return a;
}

}  // namespace sill::nt
