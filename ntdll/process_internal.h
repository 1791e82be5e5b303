// Process-wide NT state shared between ntdll's files (not for other layers).
#pragma once
#include "ntdll/nt_structs.h"

namespace sill::nt {

// The PEB given to initialize_process_state, or nullptr before it ran (unit tests).
PEB* process_peb();
// The Unix thread id (gettid), cached per thread; the value Windows calls the thread id.
win::DWORD current_thread_id();
win::DWORD current_process_id();

}  // namespace sill::nt
