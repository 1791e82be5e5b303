// synchapi.h's waitable timers (CreateWaitableTimer*, SetWaitableTimer, CancelWaitableTimer,
// OpenWaitableTimerW) and SignalObjectAndWait.
//
// A timer is a Waitable like an event; one scheduler thread, started on the first SetWaitableTimer,
// sleeps until the earliest armed due time, signals the timer (waking its waiters through the wait
// engine), queues its completion routine as a user APC to the thread that set it, and re-arms
// periodic timers.
#include <chrono>
#include <condition_variable>
#include <map>
#include <mutex>
#include <thread>

#include "base/debug.h"
#include "loader/callback.h"
#include "ntdll/apc.h"
#include "ntdll/handle_table.h"
#include "ntdll/object_namespace.h"
#include "ntdll/process_internal.h"
#include "ntdll/sync.h"
#include "ntdll/time.h"
#include "win32/kernel32/kernel32.h"
#include "win32/kernel32/kernel32_internal.h"

SILL_DEFAULT_DEBUG_CHANNEL(sync);

namespace sill::kernel32 {

namespace {
using Clock = std::chrono::steady_clock;

// FIXME: timers have no ObjectType of their own yet; they are told apart with dynamic_cast.
class Timer : public nt::Waitable {
 public:
  explicit Timer(bool manual_reset) : Waitable(nt::ObjectType::Other), manual(manual_reset) {}
  bool is_signaled(DWORD) const override { return signaled; }
  void acquire(DWORD) override {
    if (!manual) signaled = false;  // a synchronization timer releases one waiter
  }
  const bool manual;
  bool signaled = false;  // under the wait lock

  // Under the scheduler's lock: an armed timer has one schedule entry with its generation.
  std::uint64_t generation = 0;
  bool armed = false;
  Clock::duration period{};
  PTIMERAPCROUTINE routine = nullptr;
  void* arg = nullptr;
  DWORD apc_thread = 0;
};

struct Entry {
  nt::Ref<Timer> timer;
  std::uint64_t generation;
};

struct Scheduler {
  std::mutex lock;
  std::condition_variable changed;
  std::multimap<Clock::time_point, Entry> queue;
  bool running = false;
};

Scheduler& scheduler() {
  static auto* s = new Scheduler();  // never destroyed: its thread may outlive static destruction
  return *s;
}

void invoke_timer_apc(void* routine, ULONG_PTR arg, ULONG_PTR low, ULONG_PTR high) {
  loader::call_program("timer APC", reinterpret_cast<PTIMERAPCROUTINE>(routine), reinterpret_cast<void*>(arg),
                       static_cast<DWORD>(low), static_cast<DWORD>(high));
}

// Signals a timer whose due time has come; the scheduler's lock is held (lock order: scheduler, then waits).
void fire(Timer& t) {
  nt::signal_object(t, [&] { t.signaled = true; });
  if (t.routine) {
    auto now = static_cast<std::uint64_t>(nt::system_time_now());
    try {
      nt::queue_user_apc(t.apc_thread, {invoke_timer_apc, reinterpret_cast<void*>(t.routine),
                                        reinterpret_cast<ULONG_PTR>(t.arg), now & 0xFFFFFFFF, now >> 32});
    } catch (...) {
      ERR("out of memory: a timer completion routine is lost\n");
    }
  }
}

void run_scheduler() {
  Scheduler& s = scheduler();
  std::unique_lock g(s.lock);
  for (;;) {
    if (s.queue.empty()) {
      s.changed.wait(g);
      continue;
    }
    auto first = s.queue.begin();
    if (Clock::now() < first->first) {
      s.changed.wait_until(g, first->first);
      continue;
    }
    Clock::time_point due = first->first;
    Entry e = std::move(first->second);
    s.queue.erase(first);
    Timer& t = *e.timer;
    if (!t.armed || t.generation != e.generation) continue;  // cancelled or set again
    fire(t);
    if (t.period > Clock::duration::zero()) {
      // FIXME: a periodic timer keeps running after its last handle is closed.
      s.queue.emplace(due + t.period, std::move(e));
    } else {
      t.armed = false;
    }
  }
}

nt::Ref<Timer> get_timer(HANDLE h, NTSTATUS* status) {
  auto o = nt::handle_table().get_object(h);
  if (!o) {
    *status = o.error();
    return {};
  }
  auto* t = dynamic_cast<Timer*>(o->get());
  if (!t) {
    *status = nt::STATUS_OBJECT_TYPE_MISMATCH;
    return {};
  }
  return nt::Ref<Timer>::share(t);
}
}  // namespace

HANDLE WINAPI CreateWaitableTimerExW(SECURITY_ATTRIBUTES* sa, LPCWSTR name, DWORD flags, DWORD access) noexcept {
  constexpr DWORD CREATE_WAITABLE_TIMER_MANUAL_RESET = 1, CREATE_WAITABLE_TIMER_HIGH_RESOLUTION = 2;
  if (flags & ~(CREATE_WAITABLE_TIMER_MANUAL_RESET | CREATE_WAITABLE_TIMER_HIGH_RESOLUTION))
    return fail_error(win::ERROR_INVALID_PARAMETER, nullptr);
  try {
    if (name && *name) {
      nt::Ref<nt::Object> existing = nt::find_named_object(name);
      if (existing && !dynamic_cast<Timer*>(existing.get())) return fail_error(win::ERROR_INVALID_HANDLE, nullptr);
    }
    auto timer = nt::make_object<Timer>((flags & CREATE_WAITABLE_TIMER_MANUAL_RESET) != 0);
    return insert_new_object(name, std::move(timer), access ? access : 0x1F0003, sa);
  } catch (...) {
    return fail_error(win::ERROR_NOT_ENOUGH_MEMORY, nullptr);
  }
}
HANDLE WINAPI CreateWaitableTimerW(SECURITY_ATTRIBUTES* sa, BOOL manual_reset, LPCWSTR name) noexcept {
  return CreateWaitableTimerExW(sa, name, manual_reset ? 1 : 0, 0x1F0003);
}
HANDLE WINAPI CreateWaitableTimerA(SECURITY_ATTRIBUTES* sa, BOOL manual_reset, LPCSTR name) noexcept {
  try {
    return CreateWaitableTimerW(sa, manual_reset, ptr(from_ansi(name)));
  } catch (...) {
    return fail_error(win::ERROR_NOT_ENOUGH_MEMORY, nullptr);
  }
}

HANDLE WINAPI OpenWaitableTimerW(DWORD access, BOOL inherit, LPCWSTR name) noexcept {
  if (!name) return fail_error(win::ERROR_INVALID_PARAMETER, nullptr);
  try {
    nt::Ref<nt::Object> obj = nt::find_named_object(name);
    if (!obj) return fail_error(win::ERROR_FILE_NOT_FOUND, nullptr);
    if (!dynamic_cast<Timer*>(obj.get())) return fail_error(win::ERROR_INVALID_HANDLE, nullptr);
    return nt::handle_table().insert(std::move(obj), access, inherit ? nt::HANDLE_FLAG_INHERIT : 0);
  } catch (...) {
    return fail_error(win::ERROR_NOT_ENOUGH_MEMORY, nullptr);
  }
}

BOOL WINAPI SetWaitableTimer(HANDLE h, const LARGE_INTEGER* due, LONG period, PTIMERAPCROUTINE routine, void* arg,
                             BOOL resume) noexcept {
  if (!due || period < 0) return fail_error(win::ERROR_INVALID_PARAMETER, FALSE);
  NTSTATUS status = nt::STATUS_SUCCESS;
  nt::Ref<Timer> t = get_timer(h, &status);
  if (!t) return fail_status(status, FALSE);
  // Negative: relative, in 100 ns units; positive: absolute system time (FILETIME).
  std::int64_t ticks = due->QuadPart < 0 ? -due->QuadPart : due->QuadPart - nt::system_time_now();
  if (ticks < 0) ticks = 0;
  if (due->QuadPart > 0) FIXME_ONCE("absolute timer due times do not follow later changes of the system clock\n");
  Clock::time_point when = Clock::now() + std::chrono::nanoseconds(ticks * 100);
  try {
    nt::lock_waits();
    t->signaled = false;  // setting a timer makes it non-signaled until it is due
    nt::unlock_waits();
    Scheduler& s = scheduler();
    std::lock_guard g(s.lock);
    t->generation++;
    t->armed = true;
    t->period = std::chrono::milliseconds(period);
    t->routine = routine;
    t->arg = arg;
    t->apc_thread = nt::current_thread_id();
    s.queue.emplace(when, Entry{t, t->generation});
    if (!s.running) {
      std::thread(run_scheduler).detach();
      s.running = true;
    }
    s.changed.notify_one();
  } catch (...) {
    return fail_error(win::ERROR_NOT_ENOUGH_MEMORY, FALSE);
  }
  // The documented answer when the system cannot resume from power saving for the timer.
  if (resume) return fail_error(win::ERROR_NOT_SUPPORTED, TRUE);
  nt::set_last_error(win::ERROR_SUCCESS);
  return TRUE;
}

BOOL WINAPI CancelWaitableTimer(HANDLE h) noexcept {
  NTSTATUS status = nt::STATUS_SUCCESS;
  nt::Ref<Timer> t = get_timer(h, &status);
  if (!t) return fail_status(status, FALSE);
  Scheduler& s = scheduler();
  std::lock_guard g(s.lock);
  // The schedule entry stays and is skipped; the signaled state is left as it is.
  t->generation++;
  t->armed = false;
  return TRUE;
}

// ---- SignalObjectAndWait ----

DWORD WINAPI SignalObjectAndWait(HANDLE signal, HANDLE wait, DWORD ms, BOOL alertable) noexcept {
  auto o = nt::handle_table().get_object(signal);
  if (!o) return fail_status(o.error(), WAIT_FAILED);
  // FIXME: the signal and the start of the wait are two steps, not one atomic operation.
  BOOL ok = FALSE;
  switch ((*o)->type()) {
    case nt::ObjectType::Event:
      ok = SetEvent(signal);
      break;
    case nt::ObjectType::Semaphore:
      ok = ReleaseSemaphore(signal, 1, nullptr);
      break;
    case nt::ObjectType::Mutex:
      ok = ReleaseMutex(signal);
      break;
    default:
      return fail_error(win::ERROR_INVALID_HANDLE, WAIT_FAILED);
  }
  if (!ok) return WAIT_FAILED;  // last error set by the release
  return WaitForSingleObjectEx(wait, ms, alertable);
}

}  // namespace sill::kernel32
