// NtCreateFile, NtReadFile, NtWriteFile and friends over ntdll/file.h.
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "base/debug.h"
#include "loader/callback.h"
#include "ntdll/file.h"
#include "ntdll/handle_table.h"
#include "ntdll/nt_named_pipe.h"
#include "ntdll/ntdll_api.h"
#include "ntdll/overlapped_io.h"
#include "ntdll/path_mapping.h"
#include "ntdll/status.h"

SILL_DEFAULT_DEBUG_CHANNEL(file);

namespace sill::ntdll {

namespace {
void set_io(IO_STATUS_BLOCK* io, NTSTATUS s, ULONG_PTR info) {
  if (!io) return;
  io->Status = s;
  io->Information = info;
}

using PIO_APC_ROUTINE = void(WINAPI*)(void* context, IO_STATUS_BLOCK* io, ULONG reserved);
void invoke_io_apc(void* routine, ULONG_PTR context, ULONG_PTR io, ULONG_PTR) {
  loader::call_program("I/O APC", reinterpret_cast<PIO_APC_ROUTINE>(routine), reinterpret_cast<void*>(context),
                       reinterpret_cast<IO_STATUS_BLOCK*>(io), ULONG{0});
}

// NtReadFile/NtWriteFile on an overlapped handle, or with an APC routine: a request that reports
// to `io`, the event, the APC routine or the handle's completion port (ntdll/overlapped_io.h).
NTSTATUS start_nt_io(const nt::Ref<nt::File>& f, bool write, void* buf, ULONG len, std::optional<std::int64_t> off,
                     HANDLE event, void* apc, void* apc_ctx, IO_STATUS_BLOCK* io) {
  if (!io) return nt::STATUS_INVALID_PARAMETER;
  try {
    nt::IoTarget t;
    t.iosb = reinterpret_cast<ULONG_PTR*>(io);
    t.context = reinterpret_cast<ULONG_PTR>(apc_ctx);
    if (event) {
      auto e = nt::handle_table().get<nt::Event>(event);
      if (!e) return e.error();
      t.event = *e;
    }
    if (apc) {
      t.apc_invoke = invoke_io_apc;
      t.apc_routine = apc;
    }
    std::size_t done = 0;
    return write ? nt::start_write(f, buf, len, off, std::move(t), &done)
                 : nt::start_read(f, buf, len, off, std::move(t), &done);
  } catch (...) {
    return nt::STATUS_NO_MEMORY;
  }
}
}  // namespace

NTSTATUS WINAPI NtClose(HANDLE h) noexcept { return nt::handle_table().close(h); }

NTSTATUS WINAPI NtCreateFile(HANDLE* handle, ULONG access, OBJECT_ATTRIBUTES* attr, IO_STATUS_BLOCK* io,
                             LARGE_INTEGER* alloc_size, ULONG attributes, ULONG share, ULONG disposition,
                             ULONG options, void* ea, ULONG ea_len) noexcept {
  try {
    if (!handle || !attr) return nt::STATUS_INVALID_PARAMETER;
    if (auto pipe = open_on_pipe_fs(handle, access, attr, io, options)) return *pipe;
    if (!attr->ObjectName) return nt::STATUS_INVALID_PARAMETER;
    if (attr->RootDirectory) {
      FIXME("paths relative to a directory handle are not supported");
      return nt::STATUS_NOT_IMPLEMENTED;
    }
    std::u16string_view name(attr->ObjectName->Buffer, attr->ObjectName->Length / 2);
    auto unix_path = nt::dos_path_to_unix(name);
    if (!unix_path) return unix_path.error();
    nt::OpenRequest req{*unix_path, access, share, disposition, options, attributes};
    auto r = nt::open_file(req);
    if (!r) {
      set_io(io, r.error(), 0);
      return r.error();
    }
    // Without FILE_SYNCHRONOUS_IO_ALERT/NONALERT the handle is asynchronous (overlapped).
    constexpr ULONG FILE_SYNCHRONOUS_IO = 0x10 | 0x20;
    if (!(options & FILE_SYNCHRONOUS_IO) && !r->file->is_directory()) {
      r->file->overlapped = true;
      nt::make_nonblocking(*r->file);
    }
    *handle = nt::handle_table().insert(r->file, access, (attr->Attributes & 2) ? nt::HANDLE_FLAG_INHERIT : 0);
    set_io(io, nt::STATUS_SUCCESS, r->information);
    return nt::STATUS_SUCCESS;
  } catch (...) {
    return nt::STATUS_NO_MEMORY;
  }
}

NTSTATUS WINAPI NtOpenFile(HANDLE* handle, ULONG access, OBJECT_ATTRIBUTES* attr, IO_STATUS_BLOCK* io,
                           ULONG share, ULONG options) noexcept {
  return NtCreateFile(handle, access, attr, io, nullptr, 0, share, nt::FILE_OPEN, options, nullptr, 0);
}

NTSTATUS WINAPI NtReadFile(HANDLE h, HANDLE event, void* apc, void* apc_ctx, IO_STATUS_BLOCK* io, void* buf,
                           ULONG len, LARGE_INTEGER* offset, ULONG* key) noexcept {
  auto f = nt::handle_table().get<nt::File>(h);
  if (!f) return f.error();
  std::optional<std::int64_t> off;
  // -2 (FILE_USE_FILE_POINTER_POSITION) and -1 (FILE_WRITE_TO_END_OF_FILE) mean "no offset".
  if (offset && offset->QuadPart >= 0) off = offset->QuadPart;
  std::size_t done = 0;
  if ((*f)->overlapped || apc) return start_nt_io(*f, false, buf, len, off, event, apc, apc_ctx, io);
  if (event) FIXME_ONCE("events on synchronous handles are not signaled");
  NTSTATUS s = nt::read_file(**f, buf, len, off, &done);
  if (s == nt::STATUS_SUCCESS && done == 0 && len > 0 && !(*f)->is_tty()) {
    struct stat st;
    if (fstat((*f)->fd(), &st) == 0 && S_ISREG(st.st_mode)) s = nt::STATUS_END_OF_FILE;
  }
  set_io(io, s, done);
  return s;
}

NTSTATUS WINAPI NtWriteFile(HANDLE h, HANDLE event, void* apc, void* apc_ctx, IO_STATUS_BLOCK* io,
                            const void* buf, ULONG len, LARGE_INTEGER* offset, ULONG* key) noexcept {
  auto f = nt::handle_table().get<nt::File>(h);
  if (!f) return f.error();
  std::optional<std::int64_t> off;
  if (offset && offset->QuadPart >= 0) off = offset->QuadPart;
  if (offset && offset->QuadPart == -1) off = static_cast<std::int64_t>(lseek((*f)->fd(), 0, SEEK_END));
  if ((*f)->overlapped || apc)
    return start_nt_io(*f, true, const_cast<void*>(buf), len, off, event, apc, apc_ctx, io);
  if (event) FIXME_ONCE("events on synchronous handles are not signaled");
  std::size_t done = 0;
  NTSTATUS s = nt::write_file(**f, buf, len, off, &done);
  set_io(io, s, done);
  return s;
}

NTSTATUS WINAPI NtFlushBuffersFile(HANDLE h, IO_STATUS_BLOCK* io) noexcept {
  auto f = nt::handle_table().get<nt::File>(h);
  if (!f) return f.error();
  if (fsync((*f)->fd()) != 0 && errno != EINVAL && errno != EROFS) return nt::status_from_errno(errno);
  set_io(io, nt::STATUS_SUCCESS, 0);
  return nt::STATUS_SUCCESS;
}

namespace {
struct FILE_BASIC_INFORMATION {
  LARGE_INTEGER CreationTime, LastAccessTime, LastWriteTime, ChangeTime;
  ULONG FileAttributes;
};
struct FILE_STANDARD_INFORMATION {
  LARGE_INTEGER AllocationSize, EndOfFile;
  ULONG NumberOfLinks;
  BOOLEAN DeletePending, Directory;
};
static_assert(sizeof(FILE_BASIC_INFORMATION) == 40 && sizeof(FILE_STANDARD_INFORMATION) == 24);
constexpr int FileBasicInformation = 4, FileStandardInformation = 5, FilePositionInformation = 14,
              FileModeInformation = 16;
constexpr ULONG FILE_SYNCHRONOUS_IO_NONALERT = 0x20;
}  // namespace

NTSTATUS WINAPI NtQueryInformationFile(HANDLE h, IO_STATUS_BLOCK* io, void* info, ULONG len,
                                       int info_class) noexcept {
  auto f = nt::handle_table().get<nt::File>(h);
  if (!f) return f.error();
  struct stat st;
  if (fstat((*f)->fd(), &st) != 0) return nt::status_from_errno(errno);
  switch (info_class) {
    case FileBasicInformation: {
      if (len < sizeof(FILE_BASIC_INFORMATION)) return nt::STATUS_INFO_LENGTH_MISMATCH;
      FILE_BASIC_INFORMATION b{};
      b.CreationTime.QuadPart = nt::filetime_from_unix(st.st_mtim.tv_sec, st.st_mtim.tv_nsec);
      b.LastAccessTime.QuadPart = nt::filetime_from_unix(st.st_atim.tv_sec, st.st_atim.tv_nsec);
      b.LastWriteTime.QuadPart = nt::filetime_from_unix(st.st_mtim.tv_sec, st.st_mtim.tv_nsec);
      b.ChangeTime.QuadPart = nt::filetime_from_unix(st.st_ctim.tv_sec, st.st_ctim.tv_nsec);
      std::string_view path = (*f)->unix_path();
      b.FileAttributes = nt::attributes_from_stat(st, path.substr(path.find_last_of('/') + 1));
      std::memcpy(info, &b, sizeof b);
      set_io(io, nt::STATUS_SUCCESS, sizeof b);
      return nt::STATUS_SUCCESS;
    }
    case FileStandardInformation: {
      if (len < sizeof(FILE_STANDARD_INFORMATION)) return nt::STATUS_INFO_LENGTH_MISMATCH;
      FILE_STANDARD_INFORMATION s{};
      s.AllocationSize.QuadPart = static_cast<LONGLONG>(st.st_blocks) * 512;
      s.EndOfFile.QuadPart = S_ISDIR(st.st_mode) ? 0 : st.st_size;
      s.NumberOfLinks = static_cast<ULONG>(st.st_nlink);
      s.DeletePending = (*f)->delete_on_close;
      s.Directory = S_ISDIR(st.st_mode);
      std::memcpy(info, &s, sizeof s);
      set_io(io, nt::STATUS_SUCCESS, sizeof s);
      return nt::STATUS_SUCCESS;
    }
    case FilePositionInformation: {
      if (len < 8) return nt::STATUS_INFO_LENGTH_MISMATCH;
      off_t pos = lseek((*f)->fd(), 0, SEEK_CUR);
      LONGLONG p = pos < 0 ? 0 : pos;
      std::memcpy(info, &p, 8);
      set_io(io, nt::STATUS_SUCCESS, 8);
      return nt::STATUS_SUCCESS;
    }
    case FileModeInformation: {  // how the handle was opened; Go asks whether it is overlapped
      if (len < 4) return nt::STATUS_INFO_LENGTH_MISMATCH;
      ULONG mode = (*f)->overlapped ? 0 : FILE_SYNCHRONOUS_IO_NONALERT;
      std::memcpy(info, &mode, 4);
      set_io(io, nt::STATUS_SUCCESS, 4);
      return nt::STATUS_SUCCESS;
    }
    default:
      FIXME("information class %d is not supported", info_class);
      return nt::STATUS_INVALID_INFO_CLASS;
  }
}

}  // namespace sill::ntdll
