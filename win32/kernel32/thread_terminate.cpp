// TerminateThread on another thread: a real-time signal whose handler parks the thread for good
// on its signal stack. Nothing of the thread is unwound and no DLL is notified, as on Windows; a
// lock the program's code held stays held, which is the danger Microsoft documents.
//
// Sill's own code plays the part of Windows' kernel and system DLLs, so the thread is parked only
// where Sill holds nothing for it: in the program's code, or blocked in a system call (a wait).
// Caught anywhere else in Sill's code (say, inside malloc), the handler declines and the
// terminator tries again a moment later. A thread blocked on a lock while holding another is the
// case this cannot tell apart.
#include <link.h>
#include <signal.h>
#include <sys/syscall.h>
#include <ucontext.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <mutex>

#include "base/debug.h"
#include "ntdll/status.h"
#include "ntdll/sync.h"
#include "win32/kernel32/thread_internal.h"

SILL_DEFAULT_DEBUG_CHANNEL(thread);

namespace sill::kernel32 {

namespace {
// SIGRTMIN and SIGRTMIN+1 are glibc's own; +2 is thread suspension's (ntdll/thread_suspend).
int terminate_signal() { return SIGRTMIN + 3; }

// The executable code of Sill and the libraries it links, found once: the handler tells Sill's
// code from the program's without a lock.
struct CodeRange {
  std::uintptr_t low, high;
};
constexpr int kMaxRanges = 128;
CodeRange g_host_code[kMaxRanges];
int g_host_code_count = 0;

int note_host_code(dl_phdr_info* info, std::size_t, void*) {
  for (int i = 0; i < info->dlpi_phnum && g_host_code_count < kMaxRanges; ++i) {
    const ElfW(Phdr)& ph = info->dlpi_phdr[i];
    if (ph.p_type != PT_LOAD || !(ph.p_flags & PF_X)) continue;
    const std::uintptr_t low = info->dlpi_addr + ph.p_vaddr;
    g_host_code[g_host_code_count++] = {low, low + ph.p_memsz};
  }
  return 0;
}

const CodeRange* host_code_at(std::uintptr_t pc) {
  for (int i = 0; i < g_host_code_count; ++i)
    if (pc >= g_host_code[i].low && pc < g_host_code[i].high) return &g_host_code[i];
  return nullptr;
}

// The thread's answer, for the terminator. One termination at a time.
enum : std::int32_t { kPending, kParked, kDeclined };
std::mutex g_terminate_lock;
std::atomic<std::int32_t> g_answer{kPending};
// Set by a thread that is past its end: a late signal must not park it (its memory block waits
// for it to exit), and the terminator sees it ended anyway.
thread_local constinit bool t_ending = false;

void answer(std::int32_t a) {
  g_answer.store(a, std::memory_order_release);
  nt::futex_wake(reinterpret_cast<volatile std::int32_t*>(&g_answer), 1);
}

void park_forever(int, siginfo_t*, void* ucv) {
  if (t_ending) return;
  const greg_t* g = static_cast<ucontext_t*>(ucv)->uc_mcontext.gregs;
  const auto pc = static_cast<std::uintptr_t>(g[REG_RIP]);
  if (const CodeRange* host = host_code_at(pc)) {
    // In Sill's code, only a system call the signal interrupted will do: `syscall` (0f 05) just
    // before pc, -EINTR in rax.
    const auto* code = reinterpret_cast<const unsigned char*>(pc);
    const bool blocked = g[REG_RAX] == -EINTR && pc - 2 >= host->low && code[-2] == 0x0F && code[-1] == 0x05;
    if (!blocked) {
      answer(kDeclined);
      return;
    }
  }
  answer(kParked);
  sigset_t all;
  sigfillset(&all);
  for (;;) sigsuspend(&all);  // every signal blocked: only the process's end takes it away
}

void install_handler() {
  static std::once_flag once;
  std::call_once(once, [] {
    dl_iterate_phdr(note_host_code, nullptr);
    struct sigaction sa{};
    sa.sa_sigaction = park_forever;
    sa.sa_flags = SA_SIGINFO | SA_ONSTACK;
    sigfillset(&sa.sa_mask);
    sigaction(terminate_signal(), &sa, nullptr);
  });
}

bool has_ended(nt::Thread& t) {
  nt::lock_waits();
  const bool ended = t.ended;
  nt::unlock_waits();
  return ended;
}
}  // namespace

void refuse_termination() { t_ending = true; }

win::NTSTATUS stop_other_thread(nt::Thread& t) {
  install_handler();
  std::lock_guard g(g_terminate_lock);
  for (;;) {
    g_answer.store(kPending);
    if (syscall(SYS_tgkill, getpid(), static_cast<pid_t>(t.tid()), terminate_signal()) != 0)
      return nt::STATUS_SUCCESS;  // it has exited meanwhile
    // Its answer, unless it ends by itself first (then it ignores the signal).
    while (g_answer.load(std::memory_order_acquire) == kPending && !has_ended(t))
      nt::futex_wait(reinterpret_cast<volatile std::int32_t*>(&g_answer), kPending, 10);
    if (g_answer.load() == kParked || has_ended(t)) return nt::STATUS_SUCCESS;
    TRACE("thread %u is in Sill's code: trying again\n", t.tid());
    nt::futex_wait(reinterpret_cast<volatile std::int32_t*>(&g_answer), kDeclined, 1);
  }
}

}  // namespace sill::kernel32
