// Hardware faults as Windows exceptions: SIGSEGV, SIGBUS, SIGILL, SIGFPE and
// SIGTRAP become an EXCEPTION_RECORD + CONTEXT dispatched on the faulting
// thread's own stack, so handlers can continue execution with a changed CONTEXT.
#pragma once
#include <cstddef>

namespace sill::nt {

inline constexpr std::size_t kSignalStackSize = 64 * 1024;

// Installs the handlers (once per process) and the calling thread's alternate signal stack.
// Call at process start, before the first PE instruction.
void install_fault_handlers();
// Gives the calling thread its alternate signal stack (each thread that runs PE code): a new one,
// or `memory` (kSignalStackSize bytes the caller keeps for the thread's life).
void init_thread_signal_stack();
void use_signal_stack(void* memory);

}  // namespace sill::nt
