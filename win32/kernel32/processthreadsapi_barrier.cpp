// FlushProcessWriteBuffers (processthreadsapi.h) and IsThreadAFiber (fibersapi.h): the
// small thread-level queries runtimes such as Rust's and .NET's make.
#include <linux/membarrier.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <atomic>
#include <mutex>

#include "win32/kernel32/kernel32_internal.h"

namespace sill::kernel32 {

// Every thread of the process passes a full memory barrier before this returns. The
// private expedited membarrier does exactly that; it must be registered once first.
void WINAPI FlushProcessWriteBuffers() noexcept {
  static std::once_flag registered;
  static bool available = false;
  std::call_once(registered, [] {
    available = syscall(SYS_membarrier, MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED, 0, 0) == 0;
  });
  if (available && syscall(SYS_membarrier, MEMBARRIER_CMD_PRIVATE_EXPEDITED, 0, 0) == 0) return;
  // Kernels without it: the shared form, which also reaches every thread (slower).
  if (syscall(SYS_membarrier, MEMBARRIER_CMD_GLOBAL, 0, 0) == 0) return;
  std::atomic_thread_fence(std::memory_order_seq_cst);
}

// A thread is a fiber once ConvertThreadToFiber gave its TEB fiber data; Sill has no fibers
// yet, so no thread is one.
BOOL WINAPI IsThreadAFiber() noexcept { return FALSE; }

}  // namespace sill::kernel32
