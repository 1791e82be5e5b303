// Suspend counts and the park: see thread_suspend.h for the design.
#include "ntdll/thread_suspend.h"
#include "ntdll/suspend_safe_mutex.h"

#include <signal.h>
#include <linux/futex.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <cerrno>
#include <climits>
#include <cstring>

#include "base/debug.h"
#include "ntdll/handle_table.h"
#include "ntdll/process_internal.h"
#include "ntdll/status.h"

SILL_DEFAULT_DEBUG_CHANNEL(thread);

namespace sill::nt {
namespace {

using RunState = Thread::RunState;

void futex_wait_word(std::atomic<std::int32_t>* word, std::int32_t expected) {
  syscall(SYS_futex, reinterpret_cast<std::int32_t*>(word), FUTEX_WAIT_PRIVATE, expected, nullptr, nullptr, 0);
}
void futex_wake_word(std::atomic<std::int32_t>* word) {
  syscall(SYS_futex, reinterpret_cast<std::int32_t*>(word), FUTEX_WAKE_PRIVATE, INT_MAX, nullptr, nullptr, 0);
}

void wait_for_count_zero(Thread& t) {
  for (std::int32_t c; (c = t.suspend_count.load()) != 0;) futex_wait_word(&t.suspend_count, c);
}

// The park. Async-signal-safe: atomics and futexes only. The thread object comes with the signal.
void on_suspend_signal(int, siginfo_t* si, void* ucv) {
  if (si->si_code != SI_QUEUE || !si->si_value.sival_ptr) return;
  auto* t = static_cast<Thread*>(si->si_value.sival_ptr);
  if (suspend_guard::depth > 0) {  // holding a Sill lock: park at its release (suspend_safe_mutex.h)
    suspend_guard::deferred = t;
    return;
  }
  const int saved_errno = errno;
  t->stopped_at = static_cast<ucontext_t*>(ucv);
  for (;;) {
    t->parked.store(1);
    futex_wake_word(&t->parked);
    wait_for_count_zero(*t);
    // Announce the leave before the last look at the count: a suspender that raised it after
    // that look waits for the next park, one that raised it before is seen here.
    t->parked.store(0);
    if (t->suspend_count.load() == 0) break;
  }
  errno = saved_errno;
}

// SIGRTMIN and SIGRTMIN+1 are glibc's; +3 is TerminateThread's (kernel32/thread_terminate.cpp).
int suspend_signal() { return SIGRTMIN + 2; }

void install_suspend_handler() {
  static std::once_flag once;
  std::call_once(once, [] {
    struct sigaction sa{};
    sa.sa_sigaction = on_suspend_signal;
    sa.sa_flags = SA_SIGINFO | SA_ONSTACK | SA_RESTART;
    sigemptyset(&sa.sa_mask);
    sigaction(suspend_signal(), &sa, nullptr);
  });
}

// Queues the suspend signal to t, carrying t itself.
bool send_suspend_signal(Thread& t) {
  install_suspend_handler();
  siginfo_t si;
  std::memset(&si, 0, sizeof si);
  si.si_signo = suspend_signal();
  si.si_code = SI_QUEUE;
  si.si_pid = getpid();
  si.si_uid = getuid();
  si.si_value.sival_ptr = &t;
  return syscall(SYS_rt_tgsigqueueinfo, getpid(), t.tid(), suspend_signal(), &si) == 0;
}

// Without the wait lock: a thread parked by an earlier suspension may hold it.
}  // namespace

namespace suspend_guard {
thread_local int depth = 0;
thread_local void* deferred = nullptr;
void park_deferred() noexcept {
  auto* t = static_cast<Thread*>(deferred);
  deferred = nullptr;
  send_suspend_signal(*t);  // delivered to this thread before the call returns
}
}  // namespace suspend_guard

namespace {

bool has_ended(Thread& t) {
  return t.ended.load(std::memory_order_acquire);  // TerminateThread marks it without the thread's help
}

}  // namespace

void thread_started(Thread& t) {
  std::lock_guard guard(t.suspend_lock);
  t.run_state = RunState::Running;
}

void wait_while_suspended(Thread& t) { wait_for_count_zero(t); }

void thread_ended(Thread& t) {
  std::lock_guard guard(t.suspend_lock);
  t.run_state = RunState::Ended;
}

bool is_current_thread(Thread& t) { return t.run_state != RunState::NotStarted && t.tid() == current_thread_id(); }

NTSTATUS suspend_locked(Thread& t, ULONG* previous) {
  if (t.run_state == RunState::Ended || has_ended(t)) return STATUS_THREAD_IS_TERMINATING;
  const std::int32_t prev = t.suspend_count.load();
  if (prev >= static_cast<std::int32_t>(MAXIMUM_SUSPEND_COUNT)) return STATUS_SUSPEND_COUNT_EXCEEDED;
  t.suspend_count.store(prev + 1);
  if (previous) *previous = static_cast<ULONG>(prev);
  // Not started yet: it waits for its count at its start (wait_while_suspended).
  if (prev != 0 || t.run_state != RunState::Running || is_current_thread(t)) return STATUS_SUCCESS;
  if (!send_suspend_signal(t)) {
    t.suspend_count.store(prev);
    return STATUS_THREAD_IS_TERMINATING;
  }
  while (t.parked.load() == 0) futex_wait_word(&t.parked, 0);
  return STATUS_SUCCESS;
}

void resume_locked(Thread& t, ULONG* previous) {
  const std::int32_t prev = t.suspend_count.load();
  if (previous) *previous = static_cast<ULONG>(prev);
  if (prev == 0) return;
  t.suspend_count.store(prev - 1);
  if (prev == 1) futex_wake_word(&t.suspend_count);
}

NTSTATUS suspend_thread(Thread& t, ULONG* previous) {
  NTSTATUS s;
  {
    std::lock_guard guard(t.suspend_lock);
    s = suspend_locked(t, previous);
  }
  // Suspending oneself parks right away, outside the lock, until another thread resumes.
  if (nt_success(s) && is_current_thread(t) && t.suspend_count.load() != 0) send_suspend_signal(t);
  return s;
}

NTSTATUS resume_thread(Thread& t, ULONG* previous) {
  std::lock_guard guard(t.suspend_lock);
  resume_locked(t, previous);
  return STATUS_SUCCESS;
}

Expected<Ref<Thread>, NTSTATUS> thread_from_handle(HANDLE h) {
  if (h == current_thread_handle()) {
    // Threads Sill started are registered; the main thread gets its object here on first use.
    if (Ref<Thread> t = find_thread(current_thread_id())) return t;
    return Unexpected(STATUS_INVALID_HANDLE);
  }
  // The main thread of a child started with CREATE_SUSPENDED (CreateProcess) lives in another
  // process: its handle is not a Thread and ends here with STATUS_OBJECT_TYPE_MISMATCH.
  // Resuming it belongs next to this lookup: NtResumeThread would hand it to the child's object.
  return handle_table().get<Thread>(h);
}

}  // namespace sill::nt
