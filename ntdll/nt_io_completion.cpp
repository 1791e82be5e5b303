// NtCreateIoCompletion, NtSetIoCompletion, NtRemoveIoCompletion(Ex) over ntdll/io_completion.h.
#include "base/debug.h"
#include "ntdll/apc.h"
#include "ntdll/handle_table.h"
#include "ntdll/io_completion.h"
#include "ntdll/ntdll_api.h"

SILL_DEFAULT_DEBUG_CHANNEL(file);

namespace sill::ntdll {

NTSTATUS WINAPI NtCreateIoCompletion(HANDLE* handle, ULONG access, OBJECT_ATTRIBUTES* attr, ULONG threads) noexcept {
  if (!handle) return nt::STATUS_INVALID_PARAMETER;
  if (attr && attr->ObjectName) FIXME("named completion ports are not supported");
  try {
    *handle = nt::handle_table().insert(nt::make_object<nt::IoCompletion>(threads), access,
                                        (attr && (attr->Attributes & 2)) ? nt::HANDLE_FLAG_INHERIT : 0);
    return nt::STATUS_SUCCESS;
  } catch (...) {
    return nt::STATUS_NO_MEMORY;
  }
}

NTSTATUS WINAPI NtSetIoCompletion(HANDLE port, ULONG_PTR key, ULONG_PTR apc_context, NTSTATUS status,
                                  ULONG_PTR information) noexcept {
  auto p = nt::handle_table().get<nt::IoCompletion>(port);
  if (!p) return p.error();
  try {
    (*p)->post({key, apc_context, status, information});
    return nt::STATUS_SUCCESS;
  } catch (...) {
    return nt::STATUS_NO_MEMORY;
  }
}

NTSTATUS WINAPI NtRemoveIoCompletionEx(HANDLE port, FILE_IO_COMPLETION_INFORMATION* info, ULONG count,
                                       ULONG* removed, LARGE_INTEGER* timeout, BOOLEAN alertable) noexcept {
  if (!info || !removed || count == 0) return nt::STATUS_INVALID_PARAMETER;
  *removed = 0;
  auto p = nt::handle_table().get<nt::IoCompletion>(port);
  if (!p) return p.error();
  try {
    std::vector<nt::CompletionPacket> packets(count);
    std::size_t n = 0;
    NTSTATUS s = (*p)->remove(packets, &n, timeout_ms(timeout), alertable != 0);
    if (s == nt::STATUS_USER_APC) nt::run_user_apcs();
    for (std::size_t i = 0; i < n; ++i) {
      info[i].KeyContext = packets[i].key;
      info[i].ApcContext = packets[i].overlapped;
      info[i].IoStatusBlock.Status = packets[i].status;
      info[i].IoStatusBlock.Information = packets[i].information;
    }
    *removed = static_cast<ULONG>(n);
    return s;
  } catch (...) {
    return nt::STATUS_NO_MEMORY;
  }
}

NTSTATUS WINAPI NtRemoveIoCompletion(HANDLE port, ULONG_PTR* key, ULONG_PTR* apc_context, IO_STATUS_BLOCK* io,
                                     LARGE_INTEGER* timeout) noexcept {
  if (!key || !apc_context || !io) return nt::STATUS_INVALID_PARAMETER;
  FILE_IO_COMPLETION_INFORMATION info{};
  ULONG removed = 0;
  NTSTATUS s = NtRemoveIoCompletionEx(port, &info, 1, &removed, timeout, FALSE);
  if (s != nt::STATUS_SUCCESS) return s;
  *key = info.KeyContext;
  *apc_context = info.ApcContext;
  *io = info.IoStatusBlock;
  return nt::STATUS_SUCCESS;
}

}  // namespace sill::ntdll
