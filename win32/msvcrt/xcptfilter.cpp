// _XcptFilter: the filter msvcrt's start-up code puts around main. Exceptions
// that have a C signal (access violation -> SIGSEGV, illegal instruction ->
// SIGILL, floating-point faults -> SIGFPE) go to the program's signal handler
// when it installed one; everything else to UnhandledExceptionFilter.
#include "loader/callback.h"
#include "win32/kernel32/errhandlingapi.h"
#include "win32/msvcrt/msvcrt.h"
#include "win32/msvcrt/msvcrt_api.h"

namespace sill::msvcrt {
namespace {

int signal_of(DWORD code) {
  switch (code) {
    case nt::STATUS_ACCESS_VIOLATION:
      return SIGNAL_SEGV;
    case nt::STATUS_ILLEGAL_INSTRUCTION:
    case nt::STATUS_PRIVILEGED_INSTRUCTION:
      return SIGNAL_ILL;
    case nt::STATUS_FLOAT_DENORMAL_OPERAND:
    case nt::STATUS_FLOAT_DIVIDE_BY_ZERO:
    case nt::STATUS_FLOAT_INEXACT_RESULT:
    case nt::STATUS_FLOAT_INVALID_OPERATION:
    case nt::STATUS_FLOAT_OVERFLOW:
    case nt::STATUS_FLOAT_STACK_CHECK:
    case nt::STATUS_FLOAT_UNDERFLOW:
      return SIGNAL_FPE;
    default:
      return 0;
  }
}

}  // namespace

int WINAPI _XcptFilter(unsigned long code, nt::EXCEPTION_POINTERS* pointers) noexcept {
  const auto sig_ign = reinterpret_cast<sighandler_t>(1);
  const int sig = signal_of(static_cast<DWORD>(code));
  if (sig) {
    // The handler is reset to SIG_DFL before it runs, as signal() handlers are.
    sighandler_t handler = signal(sig, nullptr);
    if (handler == sig_ign) {
      signal(sig, sig_ign);
      return nt::EXCEPTION_CONTINUE_EXECUTION;
    }
    if (handler) {
      loader::call_program("signal handler", handler, sig);
      return nt::EXCEPTION_CONTINUE_EXECUTION;
    }
  }
  return kernel32::UnhandledExceptionFilter(pointers);
}

}  // namespace sill::msvcrt
