// Processor affinity of the process: the mask it started with (its Linux affinity
// then), changed by SetProcessAffinityMask, which applies it to every thread (Linux
// keeps affinity per thread). SetThreadAffinityMask is in processthreadsapi_thread_info.cpp.
#include <dirent.h>
#include <sched.h>
#include <sys/sysinfo.h>

#include <atomic>
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

DWORD_PTR initial_mask() {
  cpu_set_t set;
  DWORD_PTR mask = 0;
  if (sched_getaffinity(0, sizeof set, &set) == 0)
    for (int i = 0; i < 64; ++i)
      if (CPU_ISSET(i, &set)) mask |= DWORD_PTR{1} << i;
  return mask ? mask : 1;
}

std::atomic<DWORD_PTR>& process_mask_slot() {
  static std::atomic<DWORD_PTR> mask{initial_mask()};
  return mask;
}

}  // namespace

DWORD_PTR process_affinity() { return process_mask_slot().load(); }

DWORD_PTR system_affinity() {
  const int count = get_nprocs_conf();
  return count >= 64 ? ~DWORD_PTR{0} : (DWORD_PTR{1} << count) - 1;
}

BOOL WINAPI SetProcessAffinityMask(HANDLE process, DWORD_PTR mask) noexcept {
  if (process != nt::current_process_handle()) {
    FIXME_ONCE("affinity of another process is not set\n");
    return fail_error(win::ERROR_NOT_SUPPORTED, FALSE);
  }
  if (!mask || (mask & ~system_affinity())) return fail_error(win::ERROR_INVALID_PARAMETER, FALSE);
  const cpu_set_t set = to_cpu_set(mask);
  DIR* tasks = opendir("/proc/self/task");
  if (!tasks) return fail_status(nt::status_from_errno(errno), FALSE);
  while (dirent* e = readdir(tasks)) {
    if (e->d_name[0] == '.') continue;
    sched_setaffinity(static_cast<pid_t>(std::atoi(e->d_name)), sizeof set, &set);  // threads may end meanwhile
  }
  closedir(tasks);
  process_mask_slot().store(mask);
  return TRUE;
}

}  // namespace sill::kernel32
