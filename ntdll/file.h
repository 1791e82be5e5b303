// File objects (a Unix fd behind a handle) and the NT-level file operations
// that NtCreateFile/NtReadFile/... and kernel32's fileapi share.
#pragma once
#include <atomic>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

#include <sys/stat.h>

#include "base/expected.h"
#include "base/wintypes.h"
#include "ntdll/file_sharing.h"
#include "ntdll/object.h"

namespace sill::nt {

// Access rights (winnt.h).
inline constexpr win::DWORD FILE_READ_DATA = 0x1, FILE_WRITE_DATA = 0x2, FILE_APPEND_DATA = 0x4,
                            FILE_READ_ATTRIBUTES = 0x80, FILE_WRITE_ATTRIBUTES = 0x100,
                            DELETE_ACCESS = 0x10000, SYNCHRONIZE = 0x100000,
                            MAXIMUM_ALLOWED = 0x02000000, GENERIC_ALL = 0x10000000,
                            GENERIC_EXECUTE = 0x20000000, GENERIC_WRITE = 0x40000000,
                            GENERIC_READ = 0x80000000;
// NtCreateFile dispositions and options.
inline constexpr win::ULONG FILE_SUPERSEDE = 0, FILE_OPEN = 1, FILE_CREATE = 2, FILE_OPEN_IF = 3,
                            FILE_OVERWRITE = 4, FILE_OVERWRITE_IF = 5;
inline constexpr win::ULONG FILE_DIRECTORY_FILE = 0x1, FILE_NON_DIRECTORY_FILE = 0x40,
                            FILE_DELETE_ON_CLOSE = 0x1000, FILE_OPEN_FOR_BACKUP_INTENT = 0x4000;
// IO_STATUS_BLOCK.Information after a create.
inline constexpr win::ULONG FILE_SUPERSEDED = 0, FILE_OPENED = 1, FILE_CREATED = 2, FILE_OVERWRITTEN = 3;
// File attributes.
inline constexpr win::DWORD FILE_ATTRIBUTE_READONLY = 0x1, FILE_ATTRIBUTE_HIDDEN = 0x2,
                            FILE_ATTRIBUTE_DIRECTORY = 0x10, FILE_ATTRIBUTE_ARCHIVE = 0x20,
                            FILE_ATTRIBUTE_DEVICE = 0x40, FILE_ATTRIBUTE_NORMAL = 0x80,
                            FILE_ATTRIBUTE_REPARSE_POINT = 0x400;
inline constexpr win::DWORD INVALID_FILE_ATTRIBUTES = 0xFFFFFFFF;

class File : public Object {
 public:
  static constexpr ObjectType kType = ObjectType::File;
  File(int fd, std::string unix_path, win::DWORD access, bool is_directory);
  ~File() override;

  int fd() const { return fd_; }
  const std::string& unix_path() const { return unix_path_; }
  win::DWORD access() const { return access_; }
  bool is_directory() const { return is_directory_; }
  bool can_read() const;
  bool can_write() const;
  bool is_tty() const { return is_tty_; }  // decided once: WriteFile/ReadFile ask on every call

  std::atomic<bool> delete_on_close{false};
  ShareClaim share_claim;  // released when the last handle goes
  // Console state, meaningful on ttys.
  std::atomic<win::DWORD> console_mode{0};
  std::mutex input_lock;
  std::u16string pending_input;  // decoded console input not yet returned

  // Overlapped I/O (ntdll/overlapped_io.h): set once when the handle is opened with
  // FILE_FLAG_OVERLAPPED (not FILE_SYNCHRONOUS_IO_*); its I/O may then finish in the background.
  bool overlapped = false;
  // The completion port the handle is associated with (CreateIoCompletionPort), set once.
  Ref<Object> completion_port;  // an IoCompletion
  win::ULONG_PTR completion_key = 0;
  std::mutex completion_lock;  // guards the two above
  // SetFileCompletionNotificationModes flags.
  std::atomic<std::uint8_t> completion_modes{0};
  // The last handle to the file closed: cancels its pending overlapped I/O.
  void last_handle_closed() override;
  // Named pipe ends (ntdll/named_pipe.h) are Files with pipe state; nullptr for other files.
  virtual class PipeEnd* pipe_end() { return nullptr; }

 private:
  int fd_;
  std::string unix_path_;
  win::DWORD access_;
  bool is_directory_;
  bool is_tty_;
};

struct OpenRequest {
  std::string unix_path;
  win::DWORD access = 0;
  win::DWORD share = 0;
  win::ULONG disposition = FILE_OPEN;
  win::ULONG options = 0;
  win::DWORD attributes = 0;
};
struct OpenResult {
  Ref<File> file;
  win::ULONG information = FILE_OPENED;
};
Expected<OpenResult, win::NTSTATUS> open_file(const OpenRequest& req);

// STATUS_OBJECT_NAME_NOT_FOUND, or STATUS_OBJECT_PATH_NOT_FOUND when the parent folder is missing.
win::NTSTATUS not_found_status(const std::string& unix_path);
// errno from a call on a path -> NTSTATUS, with the name/path distinction above.
win::NTSTATUS path_errno_status(int err, const std::string& unix_path);

// Wraps an existing fd (takes ownership); used for the standard handles and pipes.
Ref<File> file_from_fd(int fd, win::DWORD access);

// Reads/writes at the file pointer, or at `offset` (then the pointer follows, as
// on Windows for synchronous handles). Reading at end of file gives 0 bytes and
// success; a pipe whose writers are gone gives STATUS_PIPE_BROKEN.
win::NTSTATUS read_file(File& f, void* buf, std::size_t len, std::optional<std::int64_t> offset,
                        std::size_t* done);
win::NTSTATUS write_file(File& f, const void* buf, std::size_t len, std::optional<std::int64_t> offset,
                         std::size_t* done);

// Unix time <-> FILETIME (100 ns since 1601).
std::int64_t filetime_from_unix(std::int64_t sec, long nsec);
void unix_from_filetime(std::int64_t ft, std::int64_t* sec, long* nsec);

// Windows attributes of a stat()ed file whose last name component is `name`.
win::DWORD attributes_from_stat(const struct ::stat& st, std::string_view name);

}  // namespace sill::nt
