// TerminateThread on another thread: a real-time signal whose handler parks the thread for good
// on its signal stack. Nothing of the thread is unwound and no DLL is notified, as on Windows; a
// lock the thread held stays held, which is the danger Microsoft documents for TerminateThread.
#include <signal.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <atomic>
#include <mutex>

#include "base/debug.h"
#include "ntdll/status.h"
#include "ntdll/sync.h"
#include "win32/kernel32/thread_internal.h"

SILL_DEFAULT_DEBUG_CHANNEL(thread);

namespace sill::kernel32 {

namespace {
// SIGRTMIN and SIGRTMIN+1 are glibc's own; +2 is kept free for thread suspension.
int terminate_signal() { return SIGRTMIN + 3; }

// Set by a parked thread; the terminator waits on it. One termination at a time.
std::mutex g_terminate_lock;
std::atomic<std::int32_t> g_parked{0};
// Set by a thread that is past its end: a late signal must not park it (its memory block waits
// for it to exit), and the terminator sees it ended anyway.
thread_local constinit bool t_ending = false;

void park_forever(int, siginfo_t*, void*) {
  if (t_ending) return;
  g_parked.store(1, std::memory_order_release);
  nt::futex_wake(reinterpret_cast<volatile std::int32_t*>(&g_parked), 1);
  sigset_t none;
  sigfillset(&none);
  for (;;) sigsuspend(&none);  // every signal blocked: only the process's end takes it away
}

void install_handler() {
  static std::once_flag once;
  std::call_once(once, [] {
    struct sigaction sa{};
    sa.sa_sigaction = park_forever;
    sa.sa_flags = SA_SIGINFO | SA_ONSTACK;
    sigfillset(&sa.sa_mask);
    sigaction(terminate_signal(), &sa, nullptr);
  });
}
}  // namespace

void refuse_termination() { t_ending = true; }

win::NTSTATUS stop_other_thread(nt::Thread& t) {
  install_handler();
  std::lock_guard g(g_terminate_lock);
  g_parked.store(0);
  if (syscall(SYS_tgkill, getpid(), static_cast<pid_t>(t.tid()), terminate_signal()) != 0)
    return nt::STATUS_INVALID_HANDLE;  // it ended meanwhile
  // Until it parks, or ends by itself first (then it ignores the signal).
  while (g_parked.load(std::memory_order_acquire) == 0) {
    nt::lock_waits();
    const bool ended = t.ended;
    nt::unlock_waits();
    if (ended) break;
    nt::futex_wait(reinterpret_cast<volatile std::int32_t*>(&g_parked), 0, 10);
  }
  return nt::STATUS_SUCCESS;
}

}  // namespace sill::kernel32
