// namedpipeapi.h, pipe handles: anonymous pipes as Unix pipes, and what any pipe handle answers
// (PeekNamedPipe, GetNamedPipeInfo, the handle state). Servers and clients: namedpipeapi_server.cpp.
#include <fcntl.h>
#include <unistd.h>

#include <cerrno>

#include "base/debug.h"
#include "base/unicode.h"
#include "ntdll/file.h"
#include "ntdll/handle_table.h"
#include "ntdll/named_pipe.h"
#include "ntdll/prefix.h"
#include "win32/kernel32/kernel32.h"
#include "win32/kernel32/kernel32_internal.h"

SILL_DEFAULT_DEBUG_CHANNEL(file);

namespace sill::kernel32 {

namespace {
constexpr DWORD PIPE_SERVER_END = 1;

Expected<nt::Ref<nt::PipeEnd>, NTSTATUS> named_pipe_of(HANDLE h) {
  auto f = nt::handle_table().get<nt::File>(h);
  if (!f) return Unexpected{f.error()};
  nt::PipeEnd* p = (*f)->pipe_end();
  if (!p) return Unexpected{nt::STATUS_INVALID_PARAMETER};
  return nt::Ref<nt::PipeEnd>::share(p);
}
}  // namespace

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

BOOL WINAPI PeekNamedPipe(HANDLE h, void* buffer, DWORD size, DWORD* read, DWORD* available,
                          DWORD* left_this_message) noexcept {
  auto f = nt::handle_table().get<nt::File>(h);
  if (!f) return fail_status(f.error(), FALSE);
  std::size_t copied = 0, avail = 0, left = 0;
  NTSTATUS s;
  try {
    if (nt::PipeEnd* p = (*f)->pipe_end()) s = p->peek(buffer, size, &copied, &avail, &left);
    else s = nt::peek_unix_pipe(**f, buffer, size, &copied, &avail);
  } catch (...) {
    s = nt::STATUS_NO_MEMORY;
  }
  if (!nt::nt_success(s)) return fail_status(s, FALSE);
  if (read) *read = static_cast<DWORD>(copied);
  if (available) *available = static_cast<DWORD>(avail);
  if (left_this_message) *left_this_message = static_cast<DWORD>(left);
  return TRUE;
}

BOOL WINAPI GetNamedPipeInfo(HANDLE h, DWORD* flags, DWORD* out_size, DWORD* in_size, DWORD* max_instances) noexcept {
  auto p = named_pipe_of(h);
  if (!p) {
    if (p.error() == nt::STATUS_INVALID_PARAMETER) FIXME("GetNamedPipeInfo on an anonymous pipe or a file");
    return fail_status(p.error(), FALSE);
  }
  const nt::PipeConfig& c = (*p)->config;
  if (flags) *flags = ((*p)->server ? PIPE_SERVER_END : 0) | (c.message_type ? nt::PIPE_TYPE_MESSAGE : 0);
  if (out_size) *out_size = c.out_size;
  if (in_size) *in_size = c.in_size;
  if (max_instances) *max_instances = c.max_instances;
  return TRUE;
}

BOOL WINAPI GetNamedPipeHandleStateW(HANDLE h, DWORD* state, DWORD* instances, DWORD* max_collection,
                                     DWORD* collect_timeout, LPWSTR user_name, DWORD user_name_size) noexcept {
  auto p = named_pipe_of(h);
  if (!p) return fail_status(p.error(), FALSE);
  if (state) *state = ((*p)->nowait ? nt::PIPE_NOWAIT : 0) | ((*p)->read_message_mode ? nt::PIPE_READMODE_MESSAGE : 0);
  if (instances) *instances = nt::pipe_instance_count(**p);
  // Collection settings only matter for pipes to other machines, which Sill has none of.
  if (max_collection) *max_collection = 0;
  if (collect_timeout) *collect_timeout = 0;
  if (user_name) {
    // Every client runs as the same Unix user here.
    std::u16string name = sill::utf8_to_utf16(nt::prefix_user_name());
    if (user_name_size <= name.size()) return fail_error(win::ERROR_INSUFFICIENT_BUFFER, FALSE);
    copy_out<char16_t>(name, user_name, user_name_size);
  }
  return TRUE;
}

BOOL WINAPI GetNamedPipeHandleStateA(HANDLE h, DWORD* state, DWORD* instances, DWORD* max_collection,
                                     DWORD* collect_timeout, LPSTR user_name, DWORD user_name_size) noexcept {
  try {
    char16_t wide[256];
    if (!GetNamedPipeHandleStateW(h, state, instances, max_collection, collect_timeout, user_name ? wide : nullptr,
                                  256))
      return FALSE;
    if (user_name) {
      std::string name = nt::utf16_to_ansi(wide);
      if (user_name_size <= name.size()) return fail_error(win::ERROR_INSUFFICIENT_BUFFER, FALSE);
      copy_out<char>(name, user_name, user_name_size);
    }
    return TRUE;
  } catch (...) {
    return fail_error(win::ERROR_NOT_ENOUGH_MEMORY, FALSE);
  }
}

BOOL WINAPI SetNamedPipeHandleState(HANDLE h, DWORD* mode, DWORD* max_collection, DWORD* collect_timeout) noexcept {
  auto p = named_pipe_of(h);
  if (!p) {
    if (p.error() == nt::STATUS_INVALID_PARAMETER) FIXME("SetNamedPipeHandleState on an anonymous pipe or a file");
    return fail_status(p.error(), FALSE);
  }
  if (mode) {
    if ((*mode & ~(nt::PIPE_NOWAIT | nt::PIPE_READMODE_MESSAGE)) ||
        ((*mode & nt::PIPE_READMODE_MESSAGE) && !(*p)->config.message_type))
      return fail_error(win::ERROR_INVALID_PARAMETER, FALSE);
    (*p)->read_message_mode = (*mode & nt::PIPE_READMODE_MESSAGE) != 0;
    (*p)->nowait = (*mode & nt::PIPE_NOWAIT) != 0;
  }
  // Collection settings only matter for pipes to other machines: accepted and unused.
  (void)max_collection;
  (void)collect_timeout;
  return TRUE;
}

}  // namespace sill::kernel32
