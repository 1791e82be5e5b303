// namedpipeapi.h: anonymous pipes as Unix pipes.
#include <fcntl.h>
#include <unistd.h>

#include <cerrno>

#include "ntdll/file.h"
#include "ntdll/handle_table.h"
#include "win32/kernel32/kernel32.h"
#include "win32/kernel32/kernel32_internal.h"

namespace sill::kernel32 {

BOOL WINAPI CreatePipe(HANDLE* read_pipe, HANDLE* write_pipe, SECURITY_ATTRIBUTES* sa, DWORD size) noexcept {
  if (!read_pipe || !write_pipe) return fail_error(win::ERROR_INVALID_PARAMETER, FALSE);
  int fds[2];
  if (pipe2(fds, O_CLOEXEC) != 0) return fail_status(nt::status_from_errno(errno), FALSE);
  if (size > 4096) fcntl(fds[1], F_SETPIPE_SZ, static_cast<int>(size));
  try {
    DWORD flags = (sa && sa->bInheritHandle) ? nt::HANDLE_FLAG_INHERIT : 0;
    *read_pipe = nt::handle_table().insert(nt::file_from_fd(fds[0], GENERIC_READ | nt::SYNCHRONIZE), 0x120089, flags);
    *write_pipe = nt::handle_table().insert(nt::file_from_fd(fds[1], GENERIC_WRITE | nt::SYNCHRONIZE), 0x120116, flags);
    return TRUE;
  } catch (...) {
    close(fds[0]);
    close(fds[1]);
    return fail_error(win::ERROR_NOT_ENOUGH_MEMORY, FALSE);
  }
}

}  // namespace sill::kernel32
