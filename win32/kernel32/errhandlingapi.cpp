// kernel32's exception entry points: the unhandled-exception filter. The
// dispatcher itself lives in ntdll (ntdll/exception_dispatch.cpp).
#include "win32/kernel32/errhandlingapi.h"

#include "base/debug.h"

SILL_DEFAULT_DEBUG_CHANNEL(seh);

namespace sill::kernel32 {

LONG WINAPI UnhandledExceptionFilter(nt::EXCEPTION_POINTERS* pointers) noexcept {
  if (!pointers || !pointers->ExceptionRecord || !pointers->ContextRecord) return nt::EXCEPTION_CONTINUE_SEARCH;
  // Windows would offer a debugger or error reporting here; Sill prints its report.
  return nt::unhandled_exception(pointers);
}

nt::TOP_LEVEL_EXCEPTION_FILTER WINAPI SetUnhandledExceptionFilter(nt::TOP_LEVEL_EXCEPTION_FILTER filter) noexcept {
  TRACE("%p\n", reinterpret_cast<void*>(filter));
  return nt::set_unhandled_filter(filter);
}

}  // namespace sill::kernel32
