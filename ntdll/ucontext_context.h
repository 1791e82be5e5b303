// CONTEXT <-> the registers the kernel saved for a signal handler.
#pragma once
#include <ucontext.h>

#include "ntdll/context.h"

namespace sill::nt {

// Fills ctx (all of it, zeroing what a signal frame does not hold) and sets ContextFlags to flags.
void context_from_ucontext(const ucontext_t* uc, DWORD flags, CONTEXT* ctx);
// Writes the parts of ctx that ctx->ContextFlags names into uc (segments and debug registers
// excepted), so that returning from the signal handler resumes with them.
void context_to_ucontext(const CONTEXT* ctx, ucontext_t* uc);

}  // namespace sill::nt
