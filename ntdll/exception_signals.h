// Hardware faults as Windows exceptions: SIGSEGV, SIGBUS, SIGILL, SIGFPE and
// SIGTRAP become an EXCEPTION_RECORD + CONTEXT dispatched on the faulting
// thread's own stack, so handlers can continue execution with a changed CONTEXT.
#pragma once

namespace sill::nt {

// Installs the handlers (once per process) and the calling thread's alternate signal stack.
// Call at process start, before the first PE instruction.
void install_fault_handlers();
// Gives the calling thread its alternate signal stack (each thread that runs PE code).
void init_thread_signal_stack();

}  // namespace sill::nt
