// threadpoolapi.h: the process's default thread pool.
//
// One queue of callbacks, guarded by one lock, is served by worker threads started through
// CreateThread (so each has a TEB, TLS blocks and DLL_THREAD_ATTACH like any Windows thread) as
// the queue outgrows the idle workers. Work objects put one entry per submission on the queue.
// Timer objects are kept in due-time order by one timer thread, which queues their callbacks
// when they come due. Each wait object that has been set gets its own waiter thread, which waits
// on the object and on a private cancel event through the wait engine and queues the callback
// with the wait's result. Objects are reference counted (the program's pointer, each queued
// entry, each timer entry, the waiter thread) and freed with the last reference.
//
// FIXME: custom pools, cleanup groups, priorities and activation contexts in a callback
// environment are ignored: every callback runs on the default pool. Idle workers never retire.
#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <map>
#include <mutex>
#include <span>

#include "base/debug.h"
#include "loader/callback.h"
#include "ntdll/handle_table.h"
#include "ntdll/sync.h"
#include "ntdll/time.h"
#include "win32/kernel32/kernel32.h"
#include "win32/kernel32/kernel32_internal.h"
#include "win32/kernel32/threadpoolapi.h"

SILL_DEFAULT_DEBUG_CHANNEL(threadpool);

namespace sill::kernel32 {

using Clock = std::chrono::steady_clock;

enum class TpKind { Work, Timer, Wait, Simple, UserItem };

struct TpObject {
  TpKind kind;
  void* callback;
  void* context;
  int refs = 1;           // all fields below are under the pool lock
  unsigned pending = 0;   // entries on the queue
  unsigned running = 0;   // callbacks running now
  bool closed = false;

  // Timers: an armed timer has one timer entry with its generation.
  bool armed = false;
  std::uint64_t generation = 0;
  Clock::duration period{};

  // Waits: the waiter thread waits on `target` (and `cancel`) while armed.
  nt::Ref<nt::Object> target_ref;
  nt::Waitable* target = nullptr;
  nt::Ref<nt::Event> cancel;
  Clock::time_point deadline{};
  bool has_deadline = false;
  bool waiter_started = false;
  std::condition_variable waiter_cv;
};

struct TpInstance {
  HANDLE event = nullptr;
  HANDLE semaphore = nullptr;
  DWORD semaphore_count = 0;
  HANDLE mutex = nullptr;
  CRITICAL_SECTION* cs = nullptr;
  HMODULE module = nullptr;
};

namespace {

struct Task {
  TpObject* obj;
  DWORD wait_result;
};

struct Pool {
  std::mutex lock;
  std::condition_variable work_cv, done_cv, timer_cv;
  std::deque<Task> queue;
  int workers = 0, idle = 0;
  std::multimap<Clock::time_point, std::pair<TpObject*, std::uint64_t>> timers;
  bool timer_thread = false;
};

constexpr int kMaxWorkers = 256;

Pool& pool() {
  static auto* p = new Pool();  // never destroyed: its threads outlive static destruction
  return *p;
}

void release(TpObject* obj) {  // pool lock held
  if (--obj->refs == 0) delete obj;
}

// Puts one callback of `obj` on the queue; true when a worker should be started (pool lock held).
bool enqueue(Pool& p, TpObject* obj, DWORD wait_result) {
  p.queue.push_back({obj, wait_result});
  ++obj->refs;
  ++obj->pending;
  p.work_cv.notify_one();
  if (static_cast<int>(p.queue.size()) > p.idle && p.workers < kMaxWorkers) {
    ++p.workers;
    return true;
  }
  return false;
}

void run_callback(const Task& t) {
  TpInstance inst;
  TpObject* o = t.obj;
  switch (o->kind) {
    case TpKind::Work:
      loader::call_program("threadpool work", reinterpret_cast<PTP_WORK_CALLBACK>(o->callback), &inst, o->context, o);
      break;
    case TpKind::Timer:
      loader::call_program("threadpool timer", reinterpret_cast<PTP_TIMER_CALLBACK>(o->callback), &inst, o->context, o);
      break;
    case TpKind::Wait:
      loader::call_program("threadpool wait", reinterpret_cast<PTP_WAIT_CALLBACK>(o->callback), &inst, o->context, o,
                           t.wait_result);
      break;
    case TpKind::Simple:
      loader::call_program("threadpool callback", reinterpret_cast<PTP_SIMPLE_CALLBACK>(o->callback), &inst,
                           o->context);
      break;
    case TpKind::UserItem:
      loader::call_program("QueueUserWorkItem", reinterpret_cast<THREAD_START_ROUTINE>(o->callback), o->context);
      break;
  }
  // What the callback asked for, once it has returned.
  if (inst.cs) LeaveCriticalSection(inst.cs);
  if (inst.mutex) ReleaseMutex(inst.mutex);
  if (inst.semaphore) ReleaseSemaphore(inst.semaphore, static_cast<LONG>(inst.semaphore_count), nullptr);
  if (inst.event) SetEvent(inst.event);
  if (inst.module) FreeLibrary(inst.module);
}

DWORD WINAPI worker_main(void*) {
  Pool& p = pool();
  std::unique_lock g(p.lock);
  for (;;) {
    while (p.queue.empty()) {
      ++p.idle;
      p.work_cv.wait(g);
      --p.idle;
    }
    Task t = p.queue.front();
    p.queue.pop_front();
    --t.obj->pending;
    ++t.obj->running;
    g.unlock();
    run_callback(t);
    g.lock();
    --t.obj->running;
    release(t.obj);
    p.done_cv.notify_all();
  }
}

void start_worker() {
  HANDLE h = CreateThread(nullptr, 0, worker_main, nullptr, 0, nullptr);
  if (h) {
    CloseHandle(h);
    return;
  }
  ERR("cannot start a thread-pool worker\n");
  Pool& p = pool();
  std::lock_guard g(p.lock);
  --p.workers;
}

// Runs `f` (which may enqueue) under the pool lock, then starts a worker if one is needed.
template <class F>
void with_pool(F&& f) {
  Pool& p = pool();
  bool spawn;
  {
    std::lock_guard g(p.lock);
    spawn = f(p);
  }
  if (spawn) start_worker();
}

// ---- timers ----

DWORD WINAPI timer_main(void*) {
  Pool& p = pool();
  std::unique_lock g(p.lock);
  for (;;) {
    if (p.timers.empty()) {
      p.timer_cv.wait(g);
      continue;
    }
    auto first = p.timers.begin();
    if (Clock::now() < first->first) {
      p.timer_cv.wait_until(g, first->first);
      continue;
    }
    Clock::time_point due = first->first;
    auto [obj, gen] = first->second;
    p.timers.erase(first);
    if (!obj->armed || obj->generation != gen) {
      release(obj);  // cancelled or set again
      continue;
    }
    bool spawn = enqueue(p, obj, 0);
    if (obj->period > Clock::duration::zero()) {
      // The next due time follows the schedule, not the callback; a late one is not repeated.
      Clock::time_point next = due + obj->period;
      if (next < Clock::now()) next = Clock::now() + obj->period;
      p.timers.emplace(next, std::make_pair(obj, gen));
    } else {
      obj->armed = false;
      release(obj);
    }
    if (spawn) {
      g.unlock();
      start_worker();
      g.lock();
    }
  }
}

// FILETIME due time: negative = relative in 100 ns units, otherwise absolute system time.
Clock::time_point due_point(const FILETIME& ft) {
  auto v = static_cast<std::int64_t>((static_cast<std::uint64_t>(ft.dwHighDateTime) << 32) | ft.dwLowDateTime);
  std::int64_t rel = v < 0 ? -v : v - nt::system_time_now();
  if (rel < 0) rel = 0;
  return Clock::now() + std::chrono::duration_cast<Clock::duration>(std::chrono::nanoseconds(rel) * 100);
}

// ---- waits ----

DWORD WINAPI waiter_main(void* arg) {
  auto* obj = static_cast<TpObject*>(arg);
  Pool& p = pool();
  std::unique_lock g(p.lock);
  while (!obj->closed) {
    if (!obj->armed) {
      obj->waiter_cv.wait(g);
      continue;
    }
    nt::Event& cancel = *obj->cancel;
    nt::signal_object(cancel, [&] { cancel.signaled = false; });
    std::uint64_t gen = obj->generation;
    nt::Ref<nt::Object> keep = obj->target_ref;
    nt::Waitable* objects[2] = {obj->target, &cancel};
    DWORD ms = INFINITE;
    if (obj->has_deadline) {
      auto left = std::chrono::ceil<std::chrono::milliseconds>(obj->deadline - Clock::now()).count();
      ms = left <= 0 ? 0 : static_cast<DWORD>(std::min<long long>(left, 0xFFFFFFFE));
    }
    g.unlock();
    DWORD r = nt::wait_for_objects(std::span<nt::Waitable* const>(objects, 2), false, ms);
    g.lock();
    if (obj->closed || !obj->armed || obj->generation != gen || r == nt::WAIT_OBJECT_0 + 1) continue;
    DWORD result = r;  // WAIT_OBJECT_0, WAIT_ABANDONED_0 or WAIT_TIMEOUT
    obj->armed = false;
    obj->target_ref = {};
    obj->target = nullptr;
    if (enqueue(p, obj, result)) {
      g.unlock();
      start_worker();
      g.lock();
    }
  }
  release(obj);
  return 0;
}

void note_environment(const TP_CALLBACK_ENVIRON* env) {
  if (env && (env->Pool || env->CleanupGroup || env->RaceDll || env->FinalizationCallback))
    FIXME_ONCE("callback environments are ignored (custom pools, cleanup groups): the default pool runs everything\n");
}

TpObject* create(TpKind kind, void* callback, void* context, const TP_CALLBACK_ENVIRON* env) {
  note_environment(env);
  try {
    auto* o = new TpObject();
    o->kind = kind;
    o->callback = callback;
    o->context = context;
    return o;
  } catch (...) {
    return nullptr;
  }
}

// Drops queued callbacks of `obj` (cancel) and waits for those running or still queued to end.
void wait_for_callbacks(TpObject* obj, bool cancel_pending) {
  Pool& p = pool();
  std::unique_lock g(p.lock);
  if (cancel_pending) {
    for (auto it = p.queue.begin(); it != p.queue.end();) {
      if (it->obj == obj) {
        it = p.queue.erase(it);
        --obj->pending;
        --obj->refs;  // the program still holds its reference
      } else {
        ++it;
      }
    }
  }
  p.done_cv.wait(g, [&] { return obj->pending == 0 && obj->running == 0; });
}

void close_object(TpObject* obj) {
  Pool& p = pool();
  std::lock_guard g(p.lock);
  obj->closed = true;
  obj->armed = false;
  ++obj->generation;
  if (obj->kind == TpKind::Wait && obj->waiter_started) {
    nt::Event& cancel = *obj->cancel;
    nt::signal_object(cancel, [&] { cancel.signaled = true; });
    obj->waiter_cv.notify_all();
  }
  release(obj);
}

}  // namespace

// ---- work ----

PTP_WORK WINAPI CreateThreadpoolWork(PTP_WORK_CALLBACK callback, void* context, TP_CALLBACK_ENVIRON* env) noexcept {
  if (!callback) return fail_error(win::ERROR_INVALID_PARAMETER, PTP_WORK{});
  TpObject* o = create(TpKind::Work, reinterpret_cast<void*>(callback), context, env);
  return o ? o : fail_error(win::ERROR_NOT_ENOUGH_MEMORY, PTP_WORK{});
}

void WINAPI SubmitThreadpoolWork(PTP_WORK work) noexcept {
  if (!work) return;
  try {
    with_pool([&](Pool& p) { return enqueue(p, work, 0); });
  } catch (...) {
    ERR("out of memory: a work callback is lost\n");
  }
}

void WINAPI WaitForThreadpoolWorkCallbacks(PTP_WORK work, BOOL cancel_pending) noexcept {
  if (work) wait_for_callbacks(work, cancel_pending != 0);
}

void WINAPI CloseThreadpoolWork(PTP_WORK work) noexcept {
  if (work) close_object(work);
}

BOOL WINAPI TrySubmitThreadpoolCallback(PTP_SIMPLE_CALLBACK callback, void* context, TP_CALLBACK_ENVIRON* env) noexcept {
  if (!callback) return fail_error(win::ERROR_INVALID_PARAMETER, FALSE);
  TpObject* o = create(TpKind::Simple, reinterpret_cast<void*>(callback), context, env);
  if (!o) return fail_error(win::ERROR_NOT_ENOUGH_MEMORY, FALSE);
  try {
    with_pool([&](Pool& p) {
      bool spawn = enqueue(p, o, 0);
      o->closed = true;
      release(o);  // the queued entry keeps it
      return spawn;
    });
  } catch (...) {
    delete o;
    return fail_error(win::ERROR_NOT_ENOUGH_MEMORY, FALSE);
  }
  return TRUE;
}

BOOL WINAPI QueueUserWorkItem(THREAD_START_ROUTINE function, void* context, ULONG flags) noexcept {
  if (!function) return fail_error(win::ERROR_INVALID_PARAMETER, FALSE);
  if (flags & ~ULONG{0x10})  // WT_EXECUTELONGFUNCTION only changes scheduling hints
    FIXME_ONCE("QueueUserWorkItem flags %#x ignored: items run on the default pool's workers\n", flags);
  TpObject* o = create(TpKind::UserItem, reinterpret_cast<void*>(function), context, nullptr);
  if (!o) return fail_error(win::ERROR_NOT_ENOUGH_MEMORY, FALSE);
  try {
    with_pool([&](Pool& p) {
      bool spawn = enqueue(p, o, 0);
      o->closed = true;
      release(o);
      return spawn;
    });
  } catch (...) {
    delete o;
    return fail_error(win::ERROR_NOT_ENOUGH_MEMORY, FALSE);
  }
  return TRUE;
}

// ---- timers ----

PTP_TIMER WINAPI CreateThreadpoolTimer(PTP_TIMER_CALLBACK callback, void* context, TP_CALLBACK_ENVIRON* env) noexcept {
  if (!callback) return fail_error(win::ERROR_INVALID_PARAMETER, PTP_TIMER{});
  TpObject* o = create(TpKind::Timer, reinterpret_cast<void*>(callback), context, env);
  return o ? o : fail_error(win::ERROR_NOT_ENOUGH_MEMORY, PTP_TIMER{});
}

BOOL WINAPI SetThreadpoolTimerEx(PTP_TIMER timer, FILETIME* due, DWORD period_ms, DWORD window_ms) noexcept {
  (void)window_ms;  // the window only allows batching; firing on time is within it
  if (!timer) return FALSE;
  Pool& p = pool();
  bool start_thread = false;
  BOOL was_set;
  try {
    std::lock_guard g(p.lock);
    was_set = timer->armed;
    ++timer->generation;
    timer->armed = false;
    if (due) {
      Clock::time_point when = due_point(*due);
      timer->period = std::chrono::milliseconds(period_ms);
      p.timers.emplace(when, std::make_pair(timer, timer->generation));
      ++timer->refs;
      timer->armed = true;
      if (!p.timer_thread) start_thread = p.timer_thread = true;
      p.timer_cv.notify_one();
    }
  } catch (...) {
    ERR("out of memory: a thread-pool timer is not set\n");
    return FALSE;
  }
  if (start_thread) {
    HANDLE h = CreateThread(nullptr, 0, timer_main, nullptr, 0, nullptr);
    if (h) {
      CloseHandle(h);
    } else {
      ERR("cannot start the thread-pool timer thread\n");
      std::lock_guard g(p.lock);
      p.timer_thread = false;
    }
  }
  return was_set;
}

void WINAPI SetThreadpoolTimer(PTP_TIMER timer, FILETIME* due, DWORD period_ms, DWORD window_ms) noexcept {
  SetThreadpoolTimerEx(timer, due, period_ms, window_ms);
}

BOOL WINAPI IsThreadpoolTimerSet(PTP_TIMER timer) noexcept {
  if (!timer) return FALSE;
  std::lock_guard g(pool().lock);
  return timer->armed ? TRUE : FALSE;
}

void WINAPI WaitForThreadpoolTimerCallbacks(PTP_TIMER timer, BOOL cancel_pending) noexcept {
  if (timer) wait_for_callbacks(timer, cancel_pending != 0);
}

void WINAPI CloseThreadpoolTimer(PTP_TIMER timer) noexcept {
  if (timer) close_object(timer);
}

// ---- waits ----

PTP_WAIT WINAPI CreateThreadpoolWait(PTP_WAIT_CALLBACK callback, void* context, TP_CALLBACK_ENVIRON* env) noexcept {
  if (!callback) return fail_error(win::ERROR_INVALID_PARAMETER, PTP_WAIT{});
  TpObject* o = create(TpKind::Wait, reinterpret_cast<void*>(callback), context, env);
  if (!o) return fail_error(win::ERROR_NOT_ENOUGH_MEMORY, PTP_WAIT{});
  try {
    o->cancel = nt::make_object<nt::Event>(false, false);
  } catch (...) {
    delete o;
    return fail_error(win::ERROR_NOT_ENOUGH_MEMORY, PTP_WAIT{});
  }
  return o;
}

BOOL WINAPI SetThreadpoolWaitEx(PTP_WAIT wait, HANDLE h, FILETIME* timeout, void* reserved) noexcept {
  (void)reserved;
  if (!wait) return FALSE;
  nt::Ref<nt::Object> target;
  nt::Waitable* waitable = nullptr;
  if (h) {
    auto o = nt::handle_table().get_object(h);
    if (o) waitable = dynamic_cast<nt::Waitable*>(o->get());
    if (!waitable) {
      ERR("SetThreadpoolWait: handle %p cannot be waited on\n", h);
      return FALSE;
    }
    target = std::move(*o);
  }
  Pool& p = pool();
  bool start_thread = false;
  BOOL was_set;
  {
    std::lock_guard g(p.lock);
    was_set = wait->armed;
    ++wait->generation;
    wait->armed = h != nullptr;
    wait->target_ref = std::move(target);
    wait->target = waitable;
    wait->has_deadline = timeout != nullptr;
    if (timeout) wait->deadline = due_point(*timeout);
    nt::Event& cancel = *wait->cancel;
    nt::signal_object(cancel, [&] { cancel.signaled = true; });  // the waiter starts over
    wait->waiter_cv.notify_all();
    if (wait->armed && !wait->waiter_started) {
      start_thread = wait->waiter_started = true;
      ++wait->refs;  // the waiter thread's
    }
  }
  if (start_thread) {
    HANDLE th = CreateThread(nullptr, 0, waiter_main, wait, 0, nullptr);
    if (th) {
      CloseHandle(th);
    } else {
      ERR("cannot start a thread-pool waiter\n");
      std::lock_guard g(p.lock);
      wait->waiter_started = false;
      wait->armed = false;
      release(wait);
    }
  }
  return was_set;
}

void WINAPI SetThreadpoolWait(PTP_WAIT wait, HANDLE h, FILETIME* timeout) noexcept {
  SetThreadpoolWaitEx(wait, h, timeout, nullptr);
}

void WINAPI WaitForThreadpoolWaitCallbacks(PTP_WAIT wait, BOOL cancel_pending) noexcept {
  if (wait) wait_for_callbacks(wait, cancel_pending != 0);
}

void WINAPI CloseThreadpoolWait(PTP_WAIT wait) noexcept {
  if (wait) close_object(wait);
}

// ---- callback instances ----

void WINAPI SetEventWhenCallbackReturns(PTP_CALLBACK_INSTANCE instance, HANDLE event) noexcept {
  if (instance) instance->event = event;
}
void WINAPI ReleaseSemaphoreWhenCallbackReturns(PTP_CALLBACK_INSTANCE instance, HANDLE semaphore, DWORD count) noexcept {
  if (!instance) return;
  instance->semaphore = semaphore;
  instance->semaphore_count = count;
}
void WINAPI ReleaseMutexWhenCallbackReturns(PTP_CALLBACK_INSTANCE instance, HANDLE mutex) noexcept {
  if (instance) instance->mutex = mutex;
}
void WINAPI LeaveCriticalSectionWhenCallbackReturns(PTP_CALLBACK_INSTANCE instance, CRITICAL_SECTION* cs) noexcept {
  if (instance) instance->cs = cs;
}
void WINAPI FreeLibraryWhenCallbackReturns(PTP_CALLBACK_INSTANCE instance, HMODULE module) noexcept {
  if (instance) instance->module = module;
}
BOOL WINAPI CallbackMayRunLong(PTP_CALLBACK_INSTANCE) noexcept {
  return TRUE;  // the pool starts another worker whenever the queue outgrows the idle ones
}
void WINAPI DisassociateCurrentThreadFromCallback(PTP_CALLBACK_INSTANCE) noexcept {
  FIXME_ONCE("WaitFor*Callbacks still waits for a callback that disassociated itself\n");
}

}  // namespace sill::kernel32
