// Unwinding one frame of ELF code (Sill itself, libc) with its DWARF CFI.
#pragma once
#include "ntdll/context.h"

namespace sill::nt {

// Replaces ctx by its caller's registers. is_return_address: ctx->Rip is a return
// address (every frame but a faulting one). False when the pc has no CFI or the
// frame is the outermost one.
bool unwind_elf_frame(CONTEXT& ctx, bool is_return_address);

}  // namespace sill::nt
