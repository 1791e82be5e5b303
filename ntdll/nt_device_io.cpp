// NtDeviceIoControlFile: requests to a device driver. The one programs send most is
// IOCTL_AFD_POLL on \Device\Afd, which Rust's mio and libuv use to poll sockets; Sill's
// sockets have no AFD device behind them yet, so every request is refused plainly and the
// caller sees STATUS_NOT_SUPPORTED rather than a success that did nothing.
#include "base/debug.h"
#include "ntdll/ntdll_api.h"
#include "ntdll/status.h"

SILL_DEFAULT_DEBUG_CHANNEL(ntdll);

namespace sill::ntdll {

NTSTATUS WINAPI NtDeviceIoControlFile(HANDLE h, HANDLE event, void* apc, void* apc_ctx, IO_STATUS_BLOCK* io,
                                      ULONG code, void* in, ULONG in_len, void* out, ULONG out_len) noexcept {
  FIXME("device request %#x on handle %p is not supported (no device drivers yet)\n", code, h);
  return nt::STATUS_NOT_SUPPORTED;
}

}  // namespace sill::ntdll
