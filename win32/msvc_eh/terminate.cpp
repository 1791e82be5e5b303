// std::terminate and its handler: called when nothing catches an exception
// leaving a noexcept function or a destructor during unwinding, for `throw;`
// outside a catch block. After the handler (which should not return) comes abort().
#include <atomic>

#include "base/debug.h"
#include "loader/callback.h"
#include "win32/msvc_eh/eh_state.h"
#include "win32/msvc_eh/msvc_eh.h"
#include "win32/msvcrt/msvcrt_api.h"

SILL_DEFAULT_DEBUG_CHANNEL(cxxeh);

namespace sill::msvc_eh {
namespace {
std::atomic<TerminateHandler> g_terminate{nullptr};
}  // namespace

[[noreturn]] void WINAPI terminate() noexcept {
  if (TerminateHandler h = g_terminate.load()) loader::call_program("terminate handler", h);
  msvcrt::abort();
}

TerminateHandler WINAPI set_terminate(TerminateHandler handler) noexcept { return g_terminate.exchange(handler); }

TerminateHandler WINAPI _get_terminate() noexcept { return g_terminate.load(); }

[[noreturn]] void terminate_now(const char* why) {
  WARN("std::terminate: %s\n", why);
  terminate();
}

}  // namespace sill::msvc_eh
