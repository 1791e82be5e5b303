// Process-wide NT state shared between ntdll's files (not for other layers).
#pragma once
#include "ntdll/nt_structs.h"

namespace sill::nt {

// The PEB given to initialize_process_state, or nullptr before it ran (unit tests).
PEB* process_peb();
// The Unix thread id (gettid), cached per thread; the value Windows calls the thread id.
// Inline with a zero-initialized thread_local: critical sections ask on every enter, and a call
// out of an ms_abi function would make it save xmm6-15 first.
extern thread_local constinit win::DWORD t_current_thread_id;
win::DWORD WINAPI fetch_thread_id();
inline win::DWORD current_thread_id() {
  win::DWORD tid = t_current_thread_id;
  return __builtin_expect(tid != 0, 1) ? tid : fetch_thread_id();
}
win::DWORD current_process_id();

}  // namespace sill::nt
