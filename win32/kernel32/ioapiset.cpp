// ioapiset.h, completion ports: CreateIoCompletionPort, GetQueuedCompletionStatus(Ex),
// PostQueuedCompletionStatus, and SetFileCompletionNotificationModes (winbase.h) over
// ntdll/io_completion.h.
#include <mutex>

#include "base/debug.h"
#include "ntdll/apc.h"
#include "ntdll/file.h"
#include "ntdll/handle_table.h"
#include "ntdll/io_completion.h"
#include "win32/kernel32/kernel32.h"
#include "win32/kernel32/kernel32_internal.h"

SILL_DEFAULT_DEBUG_CHANNEL(file);

namespace sill::kernel32 {

namespace {
constexpr DWORD IO_COMPLETION_ALL_ACCESS = 0x1F0003;
const HANDLE kInvalidHandle = reinterpret_cast<HANDLE>(-1);

// Associates `file` with `port` under `key`; a file has at most one port, for good.
NTSTATUS associate(nt::File& file, const nt::Ref<nt::IoCompletion>& port, ULONG_PTR key) {
  std::lock_guard g(file.completion_lock);
  if (file.completion_port) return nt::STATUS_INVALID_PARAMETER;
  file.completion_port = port;
  file.completion_key = key;
  return nt::STATUS_SUCCESS;
}

// Removes packets for the Get* functions: the error they report for each way of ending empty.
NTSTATUS take_packets(HANDLE port, std::span<nt::CompletionPacket> out, std::size_t* count, DWORD ms,
                      bool alertable) {
  auto p = nt::handle_table().get<nt::IoCompletion>(port);
  if (!p) return p.error();
  NTSTATUS s = (*p)->remove(out, count, ms, alertable);
  if (s == nt::STATUS_USER_APC) nt::run_user_apcs();
  return s;
}

// The last error for a wait that ended without a packet.
template <class T>
T fail_wait(NTSTATUS s, T ret) {
  if (s == nt::STATUS_TIMEOUT) return fail_error(win::WAIT_TIMEOUT_ERROR, ret);
  if (s == nt::STATUS_ABANDONED_WAIT_0) return fail_error(win::ERROR_ABANDONED_WAIT_0, ret);
  if (s == nt::STATUS_USER_APC) return fail_error(nt::WAIT_IO_COMPLETION, ret);
  return fail_status(s, ret);
}
}  // namespace

HANDLE WINAPI CreateIoCompletionPort(HANDLE file, HANDLE existing, ULONG_PTR key, DWORD threads) noexcept {
  try {
    if (file == kInvalidHandle) {
      if (existing) return fail_error(win::ERROR_INVALID_PARAMETER, HANDLE{nullptr});
      return nt::handle_table().insert(nt::make_object<nt::IoCompletion>(threads), IO_COMPLETION_ALL_ACCESS);
    }
    auto f = nt::handle_table().get<nt::File>(file);
    if (!f) return fail_status(f.error(), HANDLE{nullptr});
    nt::Ref<nt::IoCompletion> port;
    if (existing) {
      auto p = nt::handle_table().get<nt::IoCompletion>(existing);
      if (!p) return fail_status(p.error(), HANDLE{nullptr});
      port = *p;
    } else {
      port = nt::make_object<nt::IoCompletion>(threads);
    }
    if (NTSTATUS s = associate(**f, port, key); s != nt::STATUS_SUCCESS) return fail_status(s, HANDLE{nullptr});
    return existing ? existing : nt::handle_table().insert(port, IO_COMPLETION_ALL_ACCESS);
  } catch (...) {
    return fail_error(win::ERROR_NOT_ENOUGH_MEMORY, HANDLE{nullptr});
  }
}

BOOL WINAPI GetQueuedCompletionStatus(HANDLE port, DWORD* bytes, ULONG_PTR* key, OVERLAPPED** ov,
                                      DWORD ms) noexcept {
  if (!bytes || !key || !ov) return fail_error(win::ERROR_INVALID_PARAMETER, FALSE);
  *ov = nullptr;
  nt::CompletionPacket packet;
  std::size_t n = 0;
  NTSTATUS s = take_packets(port, std::span(&packet, 1), &n, ms, false);
  if (s != nt::STATUS_SUCCESS) return fail_wait(s, FALSE);
  *bytes = static_cast<DWORD>(packet.information);
  *key = packet.key;
  *ov = reinterpret_cast<OVERLAPPED*>(packet.overlapped);
  // A packet for failed I/O is returned with FALSE and the I/O's error.
  if (!nt::nt_success(packet.status)) return fail_status(packet.status, FALSE);
  return TRUE;
}

BOOL WINAPI GetQueuedCompletionStatusEx(HANDLE port, OVERLAPPED_ENTRY* entries, ULONG count, ULONG* removed,
                                        DWORD ms, BOOL alertable) noexcept {
  if (!entries || !removed || count == 0) return fail_error(win::ERROR_INVALID_PARAMETER, FALSE);
  *removed = 0;
  try {
    std::vector<nt::CompletionPacket> packets(count);
    std::size_t n = 0;
    NTSTATUS s = take_packets(port, packets, &n, ms, alertable != 0);
    if (s != nt::STATUS_SUCCESS) return fail_wait(s, FALSE);
    for (std::size_t i = 0; i < n; ++i) {
      entries[i].lpCompletionKey = packets[i].key;
      entries[i].lpOverlapped = reinterpret_cast<OVERLAPPED*>(packets[i].overlapped);
      entries[i].Internal = static_cast<ULONG_PTR>(static_cast<std::uint32_t>(packets[i].status));
      entries[i].dwNumberOfBytesTransferred = static_cast<DWORD>(packets[i].information);
    }
    *removed = static_cast<ULONG>(n);
    return TRUE;
  } catch (...) {
    return fail_error(win::ERROR_NOT_ENOUGH_MEMORY, FALSE);
  }
}

BOOL WINAPI PostQueuedCompletionStatus(HANDLE port, DWORD bytes, ULONG_PTR key, OVERLAPPED* ov) noexcept {
  auto p = nt::handle_table().get<nt::IoCompletion>(port);
  if (!p) return fail_status(p.error(), FALSE);
  try {
    (*p)->post({key, reinterpret_cast<ULONG_PTR>(ov), nt::STATUS_SUCCESS, bytes});
    return TRUE;
  } catch (...) {
    return fail_error(win::ERROR_NOT_ENOUGH_MEMORY, FALSE);
  }
}

BOOL WINAPI SetFileCompletionNotificationModes(HANDLE file, UCHAR flags) noexcept {
  constexpr UCHAR kKnown = FILE_SKIP_COMPLETION_PORT_ON_SUCCESS | FILE_SKIP_SET_EVENT_ON_HANDLE;
  if (flags & ~kKnown) return fail_error(win::ERROR_INVALID_PARAMETER, FALSE);
  auto f = nt::handle_table().get<nt::File>(file);
  if (!f) return fail_status(f.error(), FALSE);
  // Modes only add up: they cannot be cleared once set.
  (*f)->completion_modes.fetch_or(flags);
  return TRUE;
}

}  // namespace sill::kernel32
