// kernel32's errhandlingapi.h part that concerns exceptions: RaiseException and
// the unhandled-exception filter. The vectored-handler and Rtl* unwinder entry
// points are forwarders to ntdll (see the export table).
#pragma once
#include "base/wintypes.h"
#include "ntdll/exception.h"

namespace sill::kernel32 {

using namespace sill::win;

LONG WINAPI UnhandledExceptionFilter(nt::EXCEPTION_POINTERS* pointers) noexcept;
nt::TOP_LEVEL_EXCEPTION_FILTER WINAPI SetUnhandledExceptionFilter(nt::TOP_LEVEL_EXCEPTION_FILTER filter) noexcept;

}  // namespace sill::kernel32

// RaiseException captures its caller's registers in assembly (ntdll/context.S).
extern "C" void WINAPI sill_kernel32_RaiseException(sill::win::DWORD code, sill::win::DWORD flags,
                                                    sill::win::DWORD count,
                                                    const sill::win::ULONG_PTR* arguments) noexcept;
