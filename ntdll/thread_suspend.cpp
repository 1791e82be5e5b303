// Suspend counts and the park: see thread_suspend.h for the design.
#include "ntdll/thread_suspend.h"

#include <signal.h>
#include <linux/futex.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <cerrno>
#include <climits>

#include "base/debug.h"
#include "ntdll/handle_table.h"
#include "ntdll/process_internal.h"
#include "ntdll/status.h"

SILL_DEFAULT_DEBUG_CHANNEL(thread);

namespace sill::nt {
namespace {

using RunState = ThreadObject::RunState;

// The calling thread's object, for the signal handler: a plain pointer (no TLS initializer
// runs in a signal handler). The thread holds one reference from attach to detach.
thread_local constinit ThreadObject* t_self = nullptr;

RunState& run_state(ThreadObject& t) { return t.run_state; }

void futex_wait_word(std::atomic<std::int32_t>* word, std::int32_t expected) {
  syscall(SYS_futex, reinterpret_cast<std::int32_t*>(word), FUTEX_WAIT_PRIVATE, expected, nullptr, nullptr, 0);
}
void futex_wake_word(std::atomic<std::int32_t>* word) {
  syscall(SYS_futex, reinterpret_cast<std::int32_t*>(word), FUTEX_WAKE_PRIVATE, INT_MAX, nullptr, nullptr, 0);
}

void wait_while_suspended(ThreadObject& t) {
  for (std::int32_t c; (c = t.suspend_count.load()) != 0;) futex_wait_word(&t.suspend_count, c);
}

// The park. Async-signal-safe: atomics and futexes only.
void on_suspend_signal(int, siginfo_t*, void* ucv) {
  ThreadObject* t = t_self;
  if (!t) return;
  const int saved_errno = errno;
  t->stopped_at = static_cast<ucontext_t*>(ucv);
  for (;;) {
    t->parked.store(1);
    futex_wake_word(&t->parked);
    wait_while_suspended(*t);
    // Announce the leave before the last look at the count: a suspender that raised it after
    // that look waits for the next park, one that raised it before is seen here.
    t->parked.store(0);
    if (t->suspend_count.load() == 0) break;
  }
  errno = saved_errno;
}

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

}  // namespace

Ref<ThreadObject> current_thread_object() {
  if (!t_self) {
    // The main thread, or a thread Sill started without an object (thread pools): made on first
    // use and kept for the thread's life (and past it: such threads do not detach).
    auto* t = new ThreadObject();
    t->tid = current_thread_id();
    run_state(*t) = RunState::Running;
    t_self = t;
  }
  return Ref<ThreadObject>::share(t_self);
}

void attach_thread_object(Ref<ThreadObject> thread) {
  ThreadObject* t = thread.detach();
  t->tid = current_thread_id();
  t_self = t;
  std::lock_guard guard(t->lock);
  run_state(*t) = RunState::Running;
}

void wait_until_resumed() {
  if (t_self) wait_while_suspended(*t_self);
}

void detach_thread_object() {
  ThreadObject* t = t_self;
  if (!t) return;
  {
    std::lock_guard guard(t->lock);
    run_state(*t) = RunState::Ended;
  }
  t_self = nullptr;
  t->release();
}

bool is_current_thread(const ThreadObject& t) { return &t == t_self; }

NTSTATUS suspend_locked(ThreadObject& t, ULONG* previous) {
  if (run_state(t) == RunState::Ended) return STATUS_THREAD_IS_TERMINATING;
  const std::int32_t prev = t.suspend_count.load();
  if (prev >= static_cast<std::int32_t>(MAXIMUM_SUSPEND_COUNT)) return STATUS_SUSPEND_COUNT_EXCEEDED;
  t.suspend_count.store(prev + 1);
  if (previous) *previous = static_cast<ULONG>(prev);
  if (prev != 0 || run_state(t) != RunState::Running || is_current_thread(t)) return STATUS_SUCCESS;
  install_suspend_handler();
  if (syscall(SYS_tgkill, getpid(), t.tid, suspend_signal()) != 0) {
    t.suspend_count.store(prev);
    return STATUS_THREAD_IS_TERMINATING;
  }
  while (t.parked.load() == 0) futex_wait_word(&t.parked, 0);
  return STATUS_SUCCESS;
}

void resume_locked(ThreadObject& t, ULONG* previous) {
  const std::int32_t prev = t.suspend_count.load();
  if (previous) *previous = static_cast<ULONG>(prev);
  if (prev == 0) return;
  t.suspend_count.store(prev - 1);
  if (prev == 1) futex_wake_word(&t.suspend_count);
}

NTSTATUS suspend_thread(ThreadObject& t, ULONG* previous) {
  NTSTATUS s;
  {
    std::lock_guard guard(t.lock);
    s = suspend_locked(t, previous);
  }
  // Suspending oneself parks right away, outside the lock, until another thread resumes.
  if (nt_success(s) && is_current_thread(t) && t.suspend_count.load() != 0) {
    install_suspend_handler();
    syscall(SYS_tgkill, getpid(), t.tid, suspend_signal());
  }
  return s;
}

NTSTATUS resume_thread(ThreadObject& t, ULONG* previous) {
  std::lock_guard guard(t.lock);
  resume_locked(t, previous);
  return STATUS_SUCCESS;
}

Expected<Ref<ThreadObject>, NTSTATUS> thread_from_handle(HANDLE h) {
  if (h == current_thread_handle()) return current_thread_object();
  // The main thread of a child started with CREATE_SUSPENDED (CreateProcess) lives in another
  // process: its handle is not a ThreadObject and ends here with STATUS_OBJECT_TYPE_MISMATCH.
  // Resuming it belongs next to this lookup: NtResumeThread would hand it to the child's object.
  return handle_table().get<ThreadObject>(h);
}

}  // namespace sill::nt
