// Processor affinity: SetProcessAffinityMask applies to every thread of the
// process (Linux keeps affinity per thread), SetThreadAffinityMask to the
// calling thread. Masks must be subsets of the processors the process may use.
#include <dirent.h>
#include <sched.h>
#include <sys/sysinfo.h>

#include <cstdlib>

#include "base/debug.h"
#include "ntdll/handle_table.h"
#include "win32/kernel32/kernel32.h"
#include "win32/kernel32/kernel32_internal.h"

SILL_DEFAULT_DEBUG_CHANNEL(thread);

namespace sill::kernel32 {
namespace {

cpu_set_t to_cpu_set(DWORD_PTR mask) {
  cpu_set_t set;
  CPU_ZERO(&set);
  for (int i = 0; i < 64; ++i)
    if (mask & (DWORD_PTR{1} << i)) CPU_SET(i, &set);
  return set;
}

DWORD_PTR thread_mask(pid_t tid) {
  cpu_set_t set;
  DWORD_PTR mask = 0;
  if (sched_getaffinity(tid, sizeof set, &set) == 0)
    for (int i = 0; i < 64; ++i)
      if (CPU_ISSET(i, &set)) mask |= DWORD_PTR{1} << i;
  return mask;
}

// The processors of the machine (not the caller's current affinity, which these functions change).
bool valid_mask(DWORD_PTR mask) {
  const int count = get_nprocs_conf();
  const DWORD_PTR system = count >= 64 ? ~DWORD_PTR{0} : (DWORD_PTR{1} << count) - 1;
  return mask && (mask & ~system) == 0;
}

}  // namespace

BOOL WINAPI SetProcessAffinityMask(HANDLE process, DWORD_PTR mask) noexcept {
  if (process != nt::current_process_handle()) {
    FIXME_ONCE("affinity of another process is not set\n");
    return fail_error(win::ERROR_NOT_SUPPORTED, FALSE);
  }
  if (!valid_mask(mask)) return fail_error(win::ERROR_INVALID_PARAMETER, FALSE);
  const cpu_set_t set = to_cpu_set(mask);
  DIR* tasks = opendir("/proc/self/task");
  if (!tasks) return fail_status(nt::status_from_errno(errno), FALSE);
  while (dirent* e = readdir(tasks)) {
    if (e->d_name[0] == '.') continue;
    sched_setaffinity(static_cast<pid_t>(std::atoi(e->d_name)), sizeof set, &set);  // threads may end meanwhile
  }
  closedir(tasks);
  return TRUE;
}

DWORD_PTR WINAPI SetThreadAffinityMask(HANDLE thread, DWORD_PTR mask) noexcept {
  if (thread != nt::current_thread_handle()) {
    FIXME_ONCE("affinity of a thread other than the caller's (through its pseudo-handle) is not set\n");
    return fail_error(win::ERROR_NOT_SUPPORTED, DWORD_PTR{0});
  }
  if (!valid_mask(mask)) return fail_error(win::ERROR_INVALID_PARAMETER, DWORD_PTR{0});
  const DWORD_PTR old = thread_mask(0);
  const cpu_set_t set = to_cpu_set(mask);
  if (sched_setaffinity(0, sizeof set, &set) != 0) return fail_status(nt::status_from_errno(errno), DWORD_PTR{0});
  return old;
}

}  // namespace sill::kernel32
