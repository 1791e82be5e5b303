// RaiseFailFastException: ends the process at once, past every exception handler, with the
// report an unhandled exception gets and the exception code as exit status.
#include "loader/module.h"
#include "ntdll/exception.h"
#include "win32/kernel32/kernel32.h"

namespace sill::kernel32 {

namespace {
constexpr DWORD STATUS_FAIL_FAST_EXCEPTION = 0xC0000602;
}  // namespace

void WINAPI RaiseFailFastException(nt::EXCEPTION_RECORD* rec, nt::CONTEXT* ctx, DWORD flags) noexcept {
  (void)flags;  // FAIL_FAST_GENERATE_EXCEPTION_ADDRESS: the address is only used by the report
  nt::EXCEPTION_RECORD own{};
  if (!rec) {
    own.ExceptionCode = STATUS_FAIL_FAST_EXCEPTION;
    own.ExceptionFlags = 1;  // EXCEPTION_NONCONTINUABLE
    own.ExceptionAddress = __builtin_return_address(0);
    rec = &own;
  }
  nt::CONTEXT here;
  if (!ctx) {
    RtlCaptureContext(&here);
    ctx = &here;
  }
  nt::report_unhandled(rec, ctx);
  loader::terminate_process(rec->ExceptionCode);
}

}  // namespace sill::kernel32
