// signal and raise with Windows' signal numbers. Handlers are ms_abi functions of the
// program. raise() delivers synchronously; Ctrl-C and Ctrl-Break arrive through a console
// control handler, as in Microsoft's CRT; hardware faults are not yet routed to these handlers.
#include <mutex>

#include "base/debug.h"
#include "loader/callback.h"
#include "win32/kernel32/kernel32.h"
#include "win32/msvcrt/msvcrt.h"
#include "win32/msvcrt/msvcrt_api.h"

SILL_DEFAULT_DEBUG_CHANNEL(msvcrt);

namespace sill::msvcrt {
namespace {

const sighandler_t SIG_DFL_ = nullptr;
const sighandler_t SIG_IGN_ = reinterpret_cast<sighandler_t>(1);
const sighandler_t SIG_ERR_ = reinterpret_cast<sighandler_t>(-1);

std::mutex g_lock;
sighandler_t g_handlers[23] = {};

bool valid(int sig) {
  switch (sig) {
    case SIGNAL_INT: case SIGNAL_ILL: case SIGNAL_FPE: case SIGNAL_SEGV: case SIGNAL_TERM:
    case SIGNAL_BREAK: case SIGNAL_ABRT: case SIGNAL_ABRT_COMPAT:
      return true;
    default:
      return false;
  }
}

int slot(int sig) { return sig == SIGNAL_ABRT_COMPAT ? SIGNAL_ABRT : sig; }

// CTRL_C_EVENT and CTRL_BREAK_EVENT go to the SIGINT and SIGBREAK handlers (reset to SIG_DFL
// first); with SIG_DFL the next console handler, finally the default action, decides.
win::BOOL WINAPI console_event(win::DWORD event) noexcept {
  int sig = event == 0 ? SIGNAL_INT : event == 1 ? SIGNAL_BREAK : 0;
  if (!sig) return FALSE;
  sighandler_t h;
  {
    std::lock_guard<std::mutex> g(g_lock);
    h = g_handlers[sig];
    if (h != SIG_IGN_ && h != SIG_DFL_) g_handlers[sig] = SIG_DFL_;
  }
  if (h == SIG_DFL_) return FALSE;
  if (h != SIG_IGN_) loader::call_program("signal handler", h, sig);
  return TRUE;
}

}  // namespace

bool signal_handler_installed(int sig) {
  if (!valid(sig)) return false;
  std::lock_guard<std::mutex> g(g_lock);
  sighandler_t h = g_handlers[slot(sig)];
  return h != SIG_DFL_ && h != SIG_IGN_;
}

sighandler_t WINAPI signal(int sig, sighandler_t handler) noexcept {
  if (!valid(sig) || handler == SIG_ERR_) {
    set_errno(err::einval);
    return SIG_ERR_;
  }
  if (sig == SIGNAL_INT || sig == SIGNAL_BREAK) {
    static std::once_flag console_handler;
    std::call_once(console_handler, [] { kernel32::SetConsoleCtrlHandler(console_event, TRUE); });
  } else if (sig == SIGNAL_ILL || sig == SIGNAL_FPE || sig == SIGNAL_SEGV) {
    if (handler != SIG_DFL_ && handler != SIG_IGN_)
      FIXME_ONCE("signal %d: only raise() reaches the handler, not faults\n", sig);
  }
  std::lock_guard<std::mutex> g(g_lock);
  sighandler_t old = g_handlers[slot(sig)];
  g_handlers[slot(sig)] = handler;
  return old;
}

int WINAPI raise(int sig) noexcept {
  if (!valid(sig)) {
    set_errno(err::einval);
    return -1;
  }
  sighandler_t h;
  {
    std::lock_guard<std::mutex> g(g_lock);
    h = g_handlers[slot(sig)];
    // The handler is reset before it runs, except for SIGFPE's (as in msvcrt).
    if (h != SIG_IGN_ && h != SIG_DFL_ && sig != SIGNAL_FPE) g_handlers[slot(sig)] = SIG_DFL_;
  }
  if (h == SIG_IGN_) return 0;
  if (h == SIG_DFL_) {
    _exit(3);  // the default action ends the process with status 3
  }
  h(sig);
  return 0;
}

}  // namespace sill::msvcrt
