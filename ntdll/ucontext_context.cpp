// CONTEXT <-> the registers the kernel saves for a signal handler (ucontext_t): fault handlers
// build the exception's CONTEXT from them, thread suspension reads and rewrites them.
#include "ntdll/ucontext_context.h"

#include <cstring>

#include "base/debug.h"

SILL_DEFAULT_DEBUG_CHANNEL(seh);

namespace sill::nt {

namespace {
// The kernel's signal frame: an XSAVE area follows the legacy FXSAVE image when these are set.
constexpr std::uint32_t kFpXstateMagic1 = 0x46505853;
constexpr std::size_t kXsaveHeaderOffset = 512, kSwReservedOffset = 464;
}  // namespace

void context_from_ucontext(const ucontext_t* uc, DWORD flags, CONTEXT* ctx) {
  const greg_t* g = uc->uc_mcontext.gregs;
  std::memset(ctx, 0, sizeof *ctx);
  ctx->ContextFlags = flags;
  constexpr int kGregOf[16] = {REG_RAX, REG_RCX, REG_RDX, REG_RBX, REG_RSP, REG_RBP, REG_RSI, REG_RDI,
                               REG_R8,  REG_R9,  REG_R10, REG_R11, REG_R12, REG_R13, REG_R14, REG_R15};
  for (unsigned i = 0; i < 16; ++i) ctx->gpr(i) = static_cast<DWORD64>(g[kGregOf[i]]);
  ctx->Rip = static_cast<DWORD64>(g[REG_RIP]);
  ctx->EFlags = static_cast<DWORD>(g[REG_EFL]);
  const auto csgsfs = static_cast<std::uint64_t>(g[REG_CSGSFS]);
  ctx->SegCs = static_cast<WORD>(csgsfs);
  ctx->SegGs = static_cast<WORD>(csgsfs >> 16);
  ctx->SegFs = static_cast<WORD>(csgsfs >> 32);
  WORD ss, ds;
  asm("movw %%ss, %0; movw %%ds, %1" : "=r"(ss), "=r"(ds));
  ctx->SegSs = ss;
  ctx->SegDs = ctx->SegEs = ds;
  if (uc->uc_mcontext.fpregs) {
    static_assert(sizeof(*uc->uc_mcontext.fpregs) == sizeof(ctx->u.FltSave));
    std::memcpy(&ctx->u.FltSave, uc->uc_mcontext.fpregs, sizeof(ctx->u.FltSave));
    ctx->MxCsr = ctx->u.FltSave.MxCsr;
  }
}

void context_to_ucontext(const CONTEXT* ctx, ucontext_t* uc) {
  greg_t* g = uc->uc_mcontext.gregs;
  const DWORD f = ctx->ContextFlags;
  if ((f & CONTEXT_CONTROL) == CONTEXT_CONTROL) {
    g[REG_RSP] = static_cast<greg_t>(ctx->Rsp);
    g[REG_RBP] = static_cast<greg_t>(ctx->Rbp);
    g[REG_RIP] = static_cast<greg_t>(ctx->Rip);
    // Arithmetic flags and the direction flag; the kernel keeps the rest as it must be.
    g[REG_EFL] = static_cast<greg_t>((g[REG_EFL] & ~0xcd5ll) | (ctx->EFlags & 0xcd5));
  }
  if ((f & CONTEXT_INTEGER) == CONTEXT_INTEGER) {
    constexpr int kGregOf[16] = {REG_RAX, REG_RCX, REG_RDX, REG_RBX, -1,      -1,      REG_RSI, REG_RDI,
                                 REG_R8,  REG_R9,  REG_R10, REG_R11, REG_R12, REG_R13, REG_R14, REG_R15};
    for (unsigned i = 0; i < 16; ++i)
      if (kGregOf[i] >= 0) g[kGregOf[i]] = static_cast<greg_t>(const_cast<CONTEXT*>(ctx)->gpr(i));
  }
  if ((f & CONTEXT_FLOATING_POINT) == CONTEXT_FLOATING_POINT && uc->uc_mcontext.fpregs) {
    auto* fx = reinterpret_cast<std::uint8_t*>(uc->uc_mcontext.fpregs);
    std::memcpy(fx, &ctx->u.FltSave, sizeof(ctx->u.FltSave));
    uc->uc_mcontext.fpregs->mxcsr = ctx->MxCsr;
    // With XSAVE frames the kernel restores x87/SSE only if the header says they are in use.
    std::uint32_t magic;
    std::memcpy(&magic, fx + kSwReservedOffset, sizeof magic);
    if (magic == kFpXstateMagic1) {
      std::uint64_t xstate_bv;
      std::memcpy(&xstate_bv, fx + kXsaveHeaderOffset, sizeof xstate_bv);
      xstate_bv |= 3;
      std::memcpy(fx + kXsaveHeaderOffset, &xstate_bv, sizeof xstate_bv);
    }
  }
  if ((f & CONTEXT_DEBUG_REGISTERS) == CONTEXT_DEBUG_REGISTERS &&
      (ctx->Dr0 | ctx->Dr1 | ctx->Dr2 | ctx->Dr3 | (ctx->Dr7 & 0xff))) {
    FIXME_ONCE("hardware breakpoints (debug registers) are not set\n");
  }
}

}  // namespace sill::nt
