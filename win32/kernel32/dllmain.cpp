// kernel32's own DLL entry point: process-wide set-up that must happen before
// the program's first instruction (and only in processes that run one).
#include "win32/kernel32/console.h"
#include "win32/kernel32/kernel32.h"

namespace sill::kernel32 {

BOOL WINAPI dll_main(HINSTANCE, DWORD reason, void*) noexcept {
  constexpr DWORD kProcessAttach = 1;
  if (reason == kProcessAttach) install_console_control_signals();
  return TRUE;
}

}  // namespace sill::kernel32
