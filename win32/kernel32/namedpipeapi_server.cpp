// namedpipeapi.h, servers and clients: CreateNamedPipe, ConnectNamedPipe, DisconnectNamedPipe,
// WaitNamedPipe, TransactNamedPipe, CallNamedPipe over ntdll/named_pipe.h. Clients open pipes with
// CreateFile (fileapi.cpp).
#include "base/debug.h"
#include "ntdll/file.h"
#include "ntdll/handle_table.h"
#include "ntdll/named_pipe.h"
#include "win32/kernel32/kernel32.h"
#include "win32/kernel32/kernel32_internal.h"
#include "win32/kernel32/overlapped.h"

SILL_DEFAULT_DEBUG_CHANNEL(file);

namespace sill::kernel32 {

HANDLE WINAPI CreateNamedPipeW(LPCWSTR name, DWORD open_mode, DWORD pipe_mode, DWORD max_instances, DWORD out_size,
                               DWORD in_size, DWORD default_timeout, SECURITY_ATTRIBUTES* sa) noexcept {
  if (!name) return fail_error(win::ERROR_INVALID_PARAMETER, INVALID_HANDLE_VALUE);
  try {
    nt::CreatePipeRequest req{name, open_mode, pipe_mode, max_instances, out_size, in_size, default_timeout};
    auto p = nt::create_pipe_instance(req);
    if (!p) return fail_status(p.error(), INVALID_HANDLE_VALUE);
    nt::set_last_error(win::ERROR_SUCCESS);
    return nt::handle_table().insert(*p, (*p)->access(), (sa && sa->bInheritHandle) ? nt::HANDLE_FLAG_INHERIT : 0);
  } catch (...) {
    return fail_error(win::ERROR_NOT_ENOUGH_MEMORY, INVALID_HANDLE_VALUE);
  }
}

HANDLE WINAPI CreateNamedPipeA(LPCSTR name, DWORD open_mode, DWORD pipe_mode, DWORD max_instances, DWORD out_size,
                               DWORD in_size, DWORD default_timeout, SECURITY_ATTRIBUTES* sa) noexcept {
  return with_ansi(name, INVALID_HANDLE_VALUE, [&](LPCWSTR w) {
    return CreateNamedPipeW(w, open_mode, pipe_mode, max_instances, out_size, in_size, default_timeout, sa);
  });
}

BOOL WINAPI ConnectNamedPipe(HANDLE h, OVERLAPPED* ov) noexcept {
  auto f = nt::handle_table().get<nt::File>(h);
  if (!f) return fail_status(f.error(), FALSE);
  NTSTATUS s;
  try {
    s = nt::connect_pipe(*f, overlapped_target(ov));
  } catch (...) {
    return fail_error(win::ERROR_NOT_ENOUGH_MEMORY, FALSE);
  }
  if (s == nt::STATUS_SUCCESS) return TRUE;
  return fail_status(s, FALSE);
}

BOOL WINAPI DisconnectNamedPipe(HANDLE h) noexcept {
  auto f = nt::handle_table().get<nt::File>(h);
  if (!f) return fail_status(f.error(), FALSE);
  NTSTATUS s;
  try {
    s = nt::disconnect_pipe(**f);
  } catch (...) {
    return fail_error(win::ERROR_NOT_ENOUGH_MEMORY, FALSE);
  }
  if (s != nt::STATUS_SUCCESS) return fail_status(s, FALSE);
  return TRUE;
}

BOOL WINAPI WaitNamedPipeW(LPCWSTR name, DWORD timeout) noexcept {
  if (!name) return fail_error(win::ERROR_INVALID_PARAMETER, FALSE);
  NTSTATUS s;
  try {
    s = nt::wait_pipe(name, timeout);
  } catch (...) {
    return fail_error(win::ERROR_NOT_ENOUGH_MEMORY, FALSE);
  }
  if (s != nt::STATUS_SUCCESS) return fail_status(s, FALSE);
  return TRUE;
}

BOOL WINAPI WaitNamedPipeA(LPCSTR name, DWORD timeout) noexcept {
  return with_ansi(name, FALSE, [&](LPCWSTR w) { return WaitNamedPipeW(w, timeout); });
}

BOOL WINAPI TransactNamedPipe(HANDLE h, void* in, DWORD in_size, void* out, DWORD out_size, DWORD* read,
                              OVERLAPPED* ov) noexcept {
  auto f = nt::handle_table().get<nt::File>(h);
  if (!f) return fail_status(f.error(), FALSE);
  nt::PipeEnd* p = (*f)->pipe_end();
  if (!p || !p->read_message_mode) return fail_error(win::ERROR_BAD_PIPE, FALSE);
  // A transaction starts on an empty pipe: an unread answer would be taken for its own.
  std::size_t copied = 0, available = 0, left = 0;
  if (NTSTATUS s = p->peek(nullptr, 0, &copied, &available, &left); !nt::nt_success(s)) return fail_status(s, FALSE);
  if (available > 0) return fail_error(win::ERROR_PIPE_BUSY, FALSE);
  // The request goes out whole before the answer is read; only the read may stay pending.
  DWORD written = 0;
  if (!transfer(*f, true, in, in_size, &written, nullptr, nullptr)) return FALSE;
  return transfer(*f, false, out, out_size, read, ov, nullptr);
}

BOOL WINAPI CallNamedPipeW(LPCWSTR name, void* in, DWORD in_size, void* out, DWORD out_size, DWORD* read,
                           DWORD timeout) noexcept {
  HANDLE h = CreateFileW(name, GENERIC_READ | GENERIC_WRITE, 0, nullptr, OPEN_EXISTING, 0, nullptr);
  if (h == INVALID_HANDLE_VALUE && GetLastError() == win::ERROR_PIPE_BUSY) {
    if (!WaitNamedPipeW(name, timeout)) return FALSE;
    h = CreateFileW(name, GENERIC_READ | GENERIC_WRITE, 0, nullptr, OPEN_EXISTING, 0, nullptr);
  }
  if (h == INVALID_HANDLE_VALUE) return FALSE;
  DWORD mode = nt::PIPE_READMODE_MESSAGE;
  BOOL ok = SetNamedPipeHandleState(h, &mode, nullptr, nullptr) &&
            TransactNamedPipe(h, in, in_size, out, out_size, read, nullptr);
  DWORD error = GetLastError();
  CloseHandle(h);
  nt::set_last_error(ok ? win::ERROR_SUCCESS : error);
  return ok;
}

BOOL WINAPI CallNamedPipeA(LPCSTR name, void* in, DWORD in_size, void* out, DWORD out_size, DWORD* read,
                           DWORD timeout) noexcept {
  return with_ansi(name, FALSE, [&](LPCWSTR w) { return CallNamedPipeW(w, in, in_size, out, out_size, read, timeout); });
}

}  // namespace sill::kernel32
