// processthreadsapi.h: what a thread handle tells and sets besides its life (see
// processthreadsapi_thread.cpp): OpenThread, ids, priority, affinity, times, stack limits and
// the stack guarantee.
#include <sched.h>
#include <sys/resource.h>
#include <unistd.h>

#include <cstdio>
#include <cstring>

#include "base/debug.h"
#include "ntdll/handle_table.h"
#include "ntdll/process_internal.h"
#include "ntdll/thread_stack.h"
#include "ntdll/time.h"
#include "win32/kernel32/kernel32.h"
#include "win32/kernel32/kernel32_internal.h"
#include "win32/kernel32/thread_internal.h"

SILL_DEFAULT_DEBUG_CHANNEL(thread);

namespace sill::kernel32 {

namespace {
constexpr int THREAD_PRIORITY_IDLE = -15, THREAD_PRIORITY_TIME_CRITICAL = 15;
constexpr int THREAD_MODE_BACKGROUND_BEGIN = 0x10000, THREAD_MODE_BACKGROUND_END = 0x20000;
constexpr DWORD THREAD_ALL_ACCESS = 0x1FFFFF;

FILETIME filetime(std::int64_t v) { return {static_cast<DWORD>(v), static_cast<DWORD>(v >> 32)}; }

// User and kernel time of thread `tid` in 100 ns units, from /proc (any thread of the process).
bool thread_cpu_times(DWORD tid, std::int64_t* user, std::int64_t* kernel) {
  char path[64];
  std::snprintf(path, sizeof path, "/proc/self/task/%u/stat", static_cast<unsigned>(tid));
  FILE* f = std::fopen(path, "re");
  if (!f) return false;
  char line[1024];
  const bool read = std::fgets(line, sizeof line, f) != nullptr;
  std::fclose(f);
  if (!read) return false;
  // Fields after the command name (which may hold spaces) in parentheses: utime is the 12th.
  const char* p = std::strrchr(line, ')');
  unsigned long long utime = 0, stime = 0;
  if (!p || std::sscanf(p + 2, "%*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %llu %llu", &utime, &stime) != 2)
    return false;
  const long ticks = sysconf(_SC_CLK_TCK);
  *user = static_cast<std::int64_t>(utime) * (10000000 / ticks);
  *kernel = static_cast<std::int64_t>(stime) * (10000000 / ticks);
  return true;
}
}  // namespace

HANDLE WINAPI OpenThread(DWORD access, BOOL inherit, DWORD tid) noexcept {
  nt::Ref<nt::Thread> t = nt::find_thread(tid);
  if (!t) return fail_error(win::ERROR_INVALID_PARAMETER, nullptr);
  try {
    return nt::handle_table().insert(t, access ? access : THREAD_ALL_ACCESS, inherit ? nt::HANDLE_FLAG_INHERIT : 0);
  } catch (...) {
    return fail_error(win::ERROR_NOT_ENOUGH_MEMORY, nullptr);
  }
}

DWORD WINAPI GetProcessIdOfThread(HANDLE thread) noexcept {
  NTSTATUS status = nt::STATUS_SUCCESS;
  if (!thread_from_handle(thread, &status)) return fail_status(status, DWORD{0});
  return nt::current_process_id();  // threads of other processes have no handles here
}

BOOL WINAPI SetThreadPriority(HANDLE thread, int priority) noexcept {
  NTSTATUS status = nt::STATUS_SUCCESS;
  nt::Ref<nt::Thread> t = thread_from_handle(thread, &status);
  if (!t) return fail_status(status, FALSE);
  if (priority == THREAD_MODE_BACKGROUND_BEGIN || priority == THREAD_MODE_BACKGROUND_END) {
    FIXME_ONCE("background mode is accepted but does not change scheduling");
    return TRUE;
  }
  if (priority != THREAD_PRIORITY_IDLE && priority != THREAD_PRIORITY_TIME_CRITICAL && (priority < -2 || priority > 2))
    return fail_error(win::ERROR_INVALID_PARAMETER, FALSE);
  // Linux lets an unprivileged thread lower its priority but never raise it back, which would
  // break the usual raise-then-restore pattern: the value is kept, the scheduler is left alone.
  FIXME_ONCE("thread priorities are recorded but do not change scheduling");
  t->priority = priority;
  return TRUE;
}

int WINAPI GetThreadPriority(HANDLE thread) noexcept {
  constexpr int THREAD_PRIORITY_ERROR_RETURN = 0x7FFFFFFF;
  NTSTATUS status = nt::STATUS_SUCCESS;
  nt::Ref<nt::Thread> t = thread_from_handle(thread, &status);
  if (!t) return fail_status(status, THREAD_PRIORITY_ERROR_RETURN);
  return t->priority;
}

DWORD_PTR WINAPI SetThreadAffinityMask(HANDLE thread, DWORD_PTR mask) noexcept {
  NTSTATUS status = nt::STATUS_SUCCESS;
  nt::Ref<nt::Thread> t = thread_from_handle(thread, &status);
  if (!t) return fail_status(status, DWORD_PTR{0});
  DWORD_PTR process_mask = 0, system_mask = 0;
  GetProcessAffinityMask(nt::current_process_handle(), &process_mask, &system_mask);
  if (!mask || (mask & ~process_mask)) return fail_error(win::ERROR_INVALID_PARAMETER, DWORD_PTR{0});
  const auto tid = static_cast<pid_t>(t->tid());
  cpu_set_t set;
  DWORD_PTR previous = 0;
  if (sched_getaffinity(tid, sizeof set, &set) == 0) {
    for (int i = 0; i < 64; ++i)
      if (CPU_ISSET(i, &set)) previous |= DWORD_PTR{1} << i;
  }
  CPU_ZERO(&set);
  for (int i = 0; i < 64; ++i)
    if (mask & (DWORD_PTR{1} << i)) CPU_SET(i, &set);
  if (sched_setaffinity(tid, sizeof set, &set) != 0) return fail_error(win::ERROR_INVALID_PARAMETER, DWORD_PTR{0});
  return previous & process_mask;
}

BOOL WINAPI GetThreadTimes(HANDLE thread, FILETIME* creation, FILETIME* exit, FILETIME* kernel,
                           FILETIME* user) noexcept {
  NTSTATUS status = nt::STATUS_SUCCESS;
  nt::Ref<nt::Thread> t = thread_from_handle(thread, &status);
  if (!t) return fail_status(status, FALSE);
  if (!creation || !exit || !kernel || !user) return fail_error(win::ERROR_NOACCESS, FALSE);
  // A thread that ended by itself kept its times; a running (or terminated, parked) one is asked.
  std::int64_t u = t->final_user_time, k = t->final_kernel_time;
  if (!u && !k) thread_cpu_times(t->tid(), &u, &k);
  if (t->creation_time) {
    *creation = filetime(t->creation_time);
  } else {
    FILETIME ignored;
    GetProcessTimes(nt::current_process_handle(), creation, &ignored, &ignored, &ignored);  // the main thread
  }
  *exit = filetime(t->exit_time);
  *kernel = filetime(k);
  *user = filetime(u);
  return TRUE;
}

void WINAPI GetCurrentThreadStackLimits(ULONG_PTR* low, ULONG_PTR* high) noexcept {
  nt::TEB* teb = nt::current_teb();
  *low = reinterpret_cast<ULONG_PTR>(teb->DeallocationStack ? teb->DeallocationStack : teb->Tib.StackLimit);
  *high = reinterpret_cast<ULONG_PTR>(teb->Tib.StackBase);
}

BOOL WINAPI SetThreadStackGuarantee(ULONG* bytes) noexcept {
  if (!bytes) return fail_error(win::ERROR_INVALID_PARAMETER, FALSE);
  return nt::set_stack_guarantee(bytes) ? TRUE : fail_error(win::ERROR_INVALID_PARAMETER, FALSE);
}

}  // namespace sill::kernel32
