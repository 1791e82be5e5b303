// std::terminate's handler as the UCRT keeps it (set_terminate, _get_terminate, terminate).
// The MSVC exception-handling module has the same three for msvcrt.dll; once both are in one
// tree, ucrtbase's table should name that module's functions and this file go, so that a
// handler set through either DLL is the one terminate() runs.
#include <atomic>

#include "loader/callback.h"
#include "win32/msvcrt/msvcrt_api.h"
#include "win32/ucrtbase/ucrtbase.h"

namespace sill::ucrtbase {

namespace {
std::atomic<terminate_handler_t> g_terminate{nullptr};
}  // namespace

[[noreturn]] void WINAPI terminate() noexcept {
  terminate_handler_t h = g_terminate.load();
  if (h) loader::call_program("terminate handler", h);
  msvcrt::abort();  // a handler that returns ends here too, as the standard requires
}

terminate_handler_t WINAPI set_terminate(terminate_handler_t handler) noexcept { return g_terminate.exchange(handler); }
terminate_handler_t WINAPI _get_terminate() noexcept { return g_terminate.load(); }

}  // namespace sill::ucrtbase
