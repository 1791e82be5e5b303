// GetLastError/SetLastError: the TEB's LastErrorValue, which programs may also read directly.
#include "ntdll/nt_structs.h"
#include "win32/kernel32/kernel32.h"

namespace sill::kernel32 {

DWORD WINAPI GetLastError() noexcept { return nt::current_teb()->LastErrorValue; }
void WINAPI SetLastError(DWORD code) noexcept { nt::current_teb()->LastErrorValue = code; }

}  // namespace sill::kernel32
