// Per-process NT state the loader sets up before the first PE instruction runs.
#pragma once
#include "ntdll/nt_structs.h"

namespace sill::nt {

// Called once by the loader after the PEB, its RTL_USER_PROCESS_PARAMETERS and the
// main thread's TEB exist (GS base set), before any DLL initializer runs.
// Creates the handles for Unix fds 0, 1 and 2 and stores them in
// ProcessParameters->StandardInput/Output/Error, creates the process heap
// (PEB->ProcessHeap), and initializes the TLS-slot bitmap and other process-wide state.
// Also registers the main thread's TEB (initialize_thread_state).
void initialize_process_state(PEB* peb);

// Every thread that runs PE code: call after its TEB exists (GS set), before its
// first PE instruction; and finalize when it ends (runs FLS callbacks, frees the
// TLS expansion slots). TlsFree clears the slot in every registered thread.
void initialize_thread_state(TEB* teb);
void finalize_thread_state(TEB* teb);

}  // namespace sill::nt
