// Console control events: SetConsoleCtrlHandler and GenerateConsoleCtrlEvent.
// SIGINT becomes CTRL_C_EVENT, SIGTERM and SIGHUP CTRL_CLOSE_EVENT. The signal handler only
// writes the event to a self-pipe; a kernel32 dispatcher thread reads it and, as Windows does,
// runs the handlers on a new thread, last registered first. When none returns TRUE the process
// ends with STATUS_CONTROL_C_EXIT.
#include <fcntl.h>
#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <mutex>

#include "base/debug.h"
#include "loader/callback.h"
#include "loader/module.h"
#include "ntdll/process_object.h"
#include "win32/kernel32/console.h"
#include "win32/kernel32/kernel32.h"
#include "win32/kernel32/kernel32_internal.h"

SILL_DEFAULT_DEBUG_CHANNEL(console);

namespace sill::kernel32 {

namespace {
constexpr DWORD CTRL_C_EVENT = 0, CTRL_BREAK_EVENT = 1, CTRL_CLOSE_EVENT = 2;
constexpr UINT STATUS_CONTROL_C_EXIT = 0xC000013A;

std::mutex g_handlers_lock;
PHANDLER_ROUTINE g_handlers[64];
unsigned g_handler_count = 0;
std::atomic<bool> g_ignore_ctrl_c{false};

int g_pipe[2] = {-1, -1};
std::atomic<bool> g_dispatcher_running{false};
std::once_flag g_dispatcher_once;

// Async-signal-safe: a byte into the pipe once the dispatcher runs. Before that no handler
// can be registered, so the default handler's action is taken here: the process ends.
void on_signal(int sig) {
  unsigned char event = sig == SIGINT ? CTRL_C_EVENT : CTRL_CLOSE_EVENT;
  if (g_dispatcher_running.load(std::memory_order_acquire)) {
    int saved = errno;
    ssize_t r;
    do r = write(g_pipe[1], &event, 1);
    while (r < 0 && errno == EINTR);
    errno = saved;
    return;
  }
  // FIXME: DLLs are not detached and msvcrt's buffers are not flushed on this path.
  nt::report_exit_code(STATUS_CONTROL_C_EXIT);
  _exit(static_cast<int>(STATUS_CONTROL_C_EXIT & 0xFF));
}


// Runs the handlers for one event on its own thread.
DWORD WINAPI control_thread(void* parameter) {
  auto event = static_cast<DWORD>(reinterpret_cast<ULONG_PTR>(parameter));
  PHANDLER_ROUTINE handlers[64];
  unsigned count;
  {
    std::lock_guard g(g_handlers_lock);
    count = g_handler_count;
    std::memcpy(handlers, g_handlers, count * sizeof handlers[0]);
  }
  for (unsigned i = count; i-- > 0;) {
    if (loader::call_program("console control handler", handlers[i], event)) {
      // A handled close event still ends the process once the handler returns, as on Windows.
      if (event == CTRL_CLOSE_EVENT) ExitProcess(STATUS_CONTROL_C_EXIT);
      return 0;
    }
  }
  ExitProcess(STATUS_CONTROL_C_EXIT);
}

DWORD WINAPI dispatcher_thread(void*) {
  for (;;) {
    unsigned char event;
    ssize_t r = read(g_pipe[0], &event, 1);
    if (r < 0 && errno == EINTR) continue;
    if (r != 1) {
      ERR("console control pipe failed: %s", std::strerror(errno));
      return 1;
    }
    if (event == CTRL_C_EVENT && g_ignore_ctrl_c.load()) continue;
    HANDLE t = CreateThread(nullptr, 0, control_thread, reinterpret_cast<void*>(ULONG_PTR{event}), 0, nullptr);
    if (!t) {
      ERR("cannot start a thread for console control event %u", event);
      continue;
    }
    CloseHandle(t);
  }
}

// Starts the dispatcher on first use (from a thread of the program, so it gets a TEB).
bool ensure_dispatcher() {
  std::call_once(g_dispatcher_once, [] {
    if (g_pipe[0] < 0) return;
    HANDLE t = CreateThread(nullptr, 0, dispatcher_thread, nullptr, 0, nullptr);
    if (!t) return;
    CloseHandle(t);
    g_dispatcher_running.store(true, std::memory_order_release);
  });
  return g_dispatcher_running.load(std::memory_order_acquire);
}
}  // namespace

// Called from kernel32's DLL_PROCESS_ATTACH, before the program runs, so a Ctrl-C without
// handlers ends it as on Windows (and only in processes that run a program).
void install_console_control_signals() {
  if (pipe2(g_pipe, O_CLOEXEC) != 0) return;
  struct sigaction sa{};
  sa.sa_handler = on_signal;
  sigemptyset(&sa.sa_mask);
  sa.sa_flags = SA_RESTART;
  for (int sig : {SIGINT, SIGTERM, SIGHUP}) {
    struct sigaction old{};
    // A signal ignored by whoever started us (nohup, background jobs) stays ignored.
    if (sigaction(sig, nullptr, &old) == 0 && old.sa_handler == SIG_IGN) continue;
    sigaction(sig, &sa, nullptr);
  }
}

BOOL WINAPI SetConsoleCtrlHandler(PHANDLER_ROUTINE handler, BOOL add) noexcept {
  if (!ensure_dispatcher()) return fail_error(win::ERROR_NOT_ENOUGH_MEMORY, FALSE);
  std::lock_guard g(g_handlers_lock);
  if (!handler) {
    g_ignore_ctrl_c = add != FALSE;
    return TRUE;
  }
  if (add) {
    if (g_handler_count == 64) return fail_error(win::ERROR_NOT_ENOUGH_MEMORY, FALSE);
    g_handlers[g_handler_count++] = handler;
    return TRUE;
  }
  for (unsigned i = g_handler_count; i-- > 0;) {
    if (g_handlers[i] == handler) {
      std::memmove(&g_handlers[i], &g_handlers[i + 1], (g_handler_count - i - 1) * sizeof handler);
      --g_handler_count;
      return TRUE;
    }
  }
  return fail_error(win::ERROR_INVALID_PARAMETER, FALSE);
}

BOOL WINAPI GenerateConsoleCtrlEvent(DWORD event, DWORD group) noexcept {
  if (event != CTRL_C_EVENT && event != CTRL_BREAK_EVENT) return fail_error(win::ERROR_INVALID_PARAMETER, FALSE);
  // Documented: CTRL_C_EVENT for a process group succeeds and is not received there.
  if (group != 0 && event == CTRL_C_EVENT) return TRUE;
  if (group != 0) {
    FIXME("Ctrl-Break for other process groups (%u) is not delivered", group);
    return fail_error(win::ERROR_INVALID_PARAMETER, FALSE);
  }
  if (!ensure_dispatcher()) return fail_error(win::ERROR_NOT_ENOUGH_MEMORY, FALSE);
  unsigned char byte = static_cast<unsigned char>(event);
  ssize_t r;
  do r = write(g_pipe[1], &byte, 1);
  while (r < 0 && errno == EINTR);
  if (r != 1) return fail_status(nt::status_from_errno(errno), FALSE);
  return TRUE;
}

}  // namespace sill::kernel32
