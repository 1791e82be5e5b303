// _resetstkoflw: after a handler caught STATUS_STACK_OVERFLOW and left the overflow's frames,
// re-arms the thread's stack guard so that the next overflow is caught again
// (ntdll/thread_stack.h). Returns 0 while the stack pointer is still inside the guard's pages.
#include "ntdll/thread_stack.h"
#include "win32/msvcrt/msvcrt_api.h"

namespace sill::msvcrt {

int WINAPI _resetstkoflw() noexcept { return nt::reset_stack_guard() ? 1 : 0; }

}  // namespace sill::msvcrt
