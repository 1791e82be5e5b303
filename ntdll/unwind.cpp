// RtlVirtualUnwind: undoes one frame on a CONTEXT using the function's x64
// unwind information (Microsoft's "x64 exception handling" ABI document):
// partially executed prologs, every unwind opcode, chained unwind info, and
// epilogs recognised from the instruction bytes.
#include <cstring>

#include "base/debug.h"
#include "ntdll/unwind.h"
#include "ntdll/unwind_elf.h"

SILL_DEFAULT_DEBUG_CHANNEL(unwind);

namespace sill::nt {
namespace {

template <class T>
T load(DWORD64 address) {
  T v;
  std::memcpy(&v, reinterpret_cast<const void*>(address), sizeof(T));
  return v;
}

// Number of UNWIND_CODE slots an opcode occupies.
unsigned code_slots(const UNWIND_CODE& c, unsigned version) {
  switch (c.s.UnwindOp) {
    case UWOP_ALLOC_LARGE: return c.s.OpInfo == 0 ? 2 : 3;
    case UWOP_SAVE_NONVOL: return 2;
    case UWOP_SAVE_NONVOL_FAR: return 3;
    case UWOP_EPILOG: return version >= 2 ? 1 : 2;
    case UWOP_SPARE_CODE: return 3;
    case UWOP_SAVE_XMM128: return 2;
    case UWOP_SAVE_XMM128_FAR: return 3;
    default: return 1;
  }
}

void pop_gpr(CONTEXT& ctx, unsigned reg, KNONVOLATILE_CONTEXT_POINTERS* ptrs) {
  ctx.gpr(reg) = load<DWORD64>(ctx.Rsp);
  if (ptrs) ptrs->IntegerContext[reg] = reinterpret_cast<DWORD64*>(ctx.Rsp);
  ctx.Rsp += 8;
}

// Recognises "[add rsp,N | lea rsp,[fp+N]] pop* (ret | jmp)" at pc, the only
// epilog shape the ABI allows, and if it matches emulates it to the return.
bool unwind_epilog(DWORD64 image_base, const RUNTIME_FUNCTION& fn, const UNWIND_INFO& info, DWORD64 pc,
                   CONTEXT& ctx, KNONVOLATILE_CONTEXT_POINTERS* ptrs) {
  const auto* code = reinterpret_cast<const BYTE*>(pc);
  unsigned i = 0;
  DWORD64 rsp = ctx.Rsp;
  // Optional stack deallocation.
  if ((code[0] & 0xF8) == 0x48 && code[1] == 0x83 && code[2] == 0xC4) {  // add rsp, imm8
    rsp += static_cast<std::int8_t>(code[3]);
    i = 4;
  } else if ((code[0] & 0xF8) == 0x48 && code[1] == 0x81 && code[2] == 0xC4) {  // add rsp, imm32
    rsp += load<std::int32_t>(pc + 3);
    i = 7;
  } else if ((code[0] & 0xFE) == 0x48 && code[1] == 0x8D && (code[2] & 0x38) == 0x20) {  // lea rsp, [reg+disp]
    unsigned base = (code[2] & 7) + ((code[0] & 1) ? 8 : 0);
    unsigned mod = code[2] >> 6;
    if (info.FrameRegister == 0 || base != info.FrameRegister || mod == 3 || (code[2] & 7) == 4) return false;
    DWORD64 value = ctx.gpr(base);
    if (mod == 1) {
      value += static_cast<std::int8_t>(code[3]);
      i = 4;
    } else if (mod == 2) {
      value += load<std::int32_t>(pc + 3);
      i = 7;
    } else {
      i = 3;
    }
    rsp = value;
  }
  // Pops, then the transfer that ends the epilog.
  unsigned j = i;
  unsigned pops = 0;
  for (;;) {
    BYTE b = code[j];
    if ((b & 0xF8) == 0x58) {
      j += 1;
      ++pops;
    } else if (b == 0x41 && (code[j + 1] & 0xF8) == 0x58) {
      j += 2;
      ++pops;
    } else {
      break;
    }
  }
  BYTE b = code[j];
  bool is_end = false;
  if (b == 0xC3 || b == 0xC2) {
    is_end = true;
  } else if (b == 0xF3 && code[j + 1] == 0xC3) {  // rep ret
    is_end = true;
  } else if (b == 0xE9 || b == 0xEB) {  // tail call: only when it leaves the function
    DWORD64 next = pc + j + (b == 0xE9 ? 5 : 2);
    DWORD64 target = next + (b == 0xE9 ? load<std::int32_t>(pc + j + 1) : static_cast<std::int8_t>(code[j + 1]));
    is_end = target < image_base + fn.BeginAddress || target >= image_base + fn.EndAddress;
  } else {
    unsigned k = j;
    if ((code[k] & 0xF0) == 0x40) ++k;  // REX prefix
    if (code[k] == 0xFF && ((code[k + 1] >> 3) & 7) == 4) {  // jmp r/m64
      unsigned mod = code[k + 1] >> 6;
      is_end = mod == 0 || mod == 3;
    }
  }
  if (!is_end) return false;
  // A bare jump in a function that changed rsp is a jump to a cold part, not a tail call.
  if (i == 0 && pops == 0 && b != 0xC3 && b != 0xC2 && b != 0xF3 && info.CountOfCodes != 0) return false;
  // It is an epilog: apply it.
  ctx.Rsp = rsp;
  for (unsigned k = i; k < j;) {
    unsigned reg;
    if (code[k] == 0x41) {
      reg = 8 + (code[k + 1] & 7);
      k += 2;
    } else {
      reg = code[k] & 7;
      k += 1;
    }
    pop_gpr(ctx, reg, ptrs);
  }
  ctx.Rip = load<DWORD64>(ctx.Rsp);
  ctx.Rsp += 8;
  return true;
}

const UNWIND_INFO* info_at(DWORD64 image_base, const RUNTIME_FUNCTION* fn) {
  return reinterpret_cast<const UNWIND_INFO*>(image_base + fn->UnwindData);
}

// The RUNTIME_FUNCTION that follows the codes of a chained UNWIND_INFO (also the handler slot).
const void* after_codes(const UNWIND_INFO* info) {
  return &info->UnwindCode[(info->CountOfCodes + 1) & ~1u];
}

}  // namespace
}  // namespace sill::nt

using namespace sill::nt;

extern "C" EXCEPTION_ROUTINE WINAPI RtlVirtualUnwind(DWORD handler_type, DWORD64 image_base, DWORD64 control_pc,
                                                     RUNTIME_FUNCTION* function_entry, CONTEXT* ctx,
                                                     void** handler_data, DWORD64* establisher_frame,
                                                     KNONVOLATILE_CONTEXT_POINTERS* ptrs) noexcept {
  if (handler_data) *handler_data = nullptr;
  if (!function_entry) {
    // Sill's own code (a caller walking the stack itself reached a built-in): its DWARF CFI.
    if (!is_pe_code(control_pc)) {
      CONTEXT probe = *ctx;
      probe.Rip = control_pc;
      if (unwind_elf_frame(probe, true)) {
        if (establisher_frame) *establisher_frame = ctx->Rsp;
        *ctx = probe;
        return nullptr;
      }
    }
    // A leaf function: no prolog, the return address is on top of the stack.
    if (establisher_frame) *establisher_frame = ctx->Rsp;
    ctx->Rip = load<DWORD64>(ctx->Rsp);
    ctx->Rsp += 8;
    return nullptr;
  }
  const RUNTIME_FUNCTION* fn = function_entry;
  const UNWIND_INFO* info = info_at(image_base, fn);
  const DWORD64 offset = control_pc - (image_base + fn->BeginAddress);
  const bool in_prolog = offset < info->SizeOfProlog;

  // The frame base: the frame register's value minus its offset once SET_FPREG ran, else rsp.
  bool fpreg_set = info->FrameRegister != 0;
  if (fpreg_set && in_prolog) {
    fpreg_set = false;
    for (unsigned i = 0; i < info->CountOfCodes; i += code_slots(info->UnwindCode[i], info->Version)) {
      const auto& c = info->UnwindCode[i];
      if (c.s.UnwindOp == UWOP_SET_FPREG && c.s.CodeOffset <= offset) fpreg_set = true;
    }
  }
  DWORD64 frame_base = fpreg_set ? ctx->gpr(info->FrameRegister) - 16ull * info->FrameOffset : ctx->Rsp;
  if (establisher_frame) *establisher_frame = frame_base;

  if (!in_prolog && unwind_epilog(image_base, *fn, *info, control_pc, *ctx, ptrs)) return nullptr;

  bool machine_frame = false;
  bool primary = true;
  for (;;) {
    if (info->Version != 1 && info->Version != 2) {
      ERR("unknown unwind info version %u at %p\n", info->Version, static_cast<const void*>(info));
      break;
    }
    for (unsigned i = 0; i < info->CountOfCodes;) {
      const UNWIND_CODE& c = info->UnwindCode[i];
      const unsigned slots = code_slots(c, info->Version);
      // In a partly executed prolog, codes of instructions not yet run are skipped.
      if (primary && in_prolog && c.s.CodeOffset > offset) {
        i += slots;
        continue;
      }
      const unsigned reg = c.s.OpInfo;
      switch (c.s.UnwindOp) {
        case UWOP_PUSH_NONVOL:
          pop_gpr(*ctx, reg, ptrs);
          break;
        case UWOP_ALLOC_LARGE:
          if (reg == 0)
            ctx->Rsp += 8ull * info->UnwindCode[i + 1].FrameOffset;
          else
            ctx->Rsp += info->UnwindCode[i + 1].FrameOffset |
                        (static_cast<DWORD>(info->UnwindCode[i + 2].FrameOffset) << 16);
          break;
        case UWOP_ALLOC_SMALL:
          ctx->Rsp += 8ull * reg + 8;
          break;
        case UWOP_SET_FPREG:
          ctx->Rsp = ctx->gpr(info->FrameRegister) - 16ull * info->FrameOffset;
          frame_base = ctx->Rsp;
          break;
        case UWOP_SAVE_NONVOL:
        case UWOP_SAVE_NONVOL_FAR: {
          DWORD64 off = c.s.UnwindOp == UWOP_SAVE_NONVOL
                            ? 8ull * info->UnwindCode[i + 1].FrameOffset
                            : (info->UnwindCode[i + 1].FrameOffset |
                               (static_cast<DWORD>(info->UnwindCode[i + 2].FrameOffset) << 16));
          ctx->gpr(reg) = load<DWORD64>(frame_base + off);
          if (ptrs) ptrs->IntegerContext[reg] = reinterpret_cast<DWORD64*>(frame_base + off);
          break;
        }
        case UWOP_SAVE_XMM128:
        case UWOP_SAVE_XMM128_FAR: {
          DWORD64 off = c.s.UnwindOp == UWOP_SAVE_XMM128
                            ? 16ull * info->UnwindCode[i + 1].FrameOffset
                            : (info->UnwindCode[i + 1].FrameOffset |
                               (static_cast<DWORD>(info->UnwindCode[i + 2].FrameOffset) << 16));
          std::memcpy(&ctx->xmm(reg), reinterpret_cast<const void*>(frame_base + off), 16);
          if (ptrs) ptrs->FloatingContext[reg] = reinterpret_cast<M128A*>(frame_base + off);
          break;
        }
        case UWOP_PUSH_MACHFRAME: {
          // The CPU's interrupt frame: [error code] rip cs eflags rsp ss.
          DWORD64 p = ctx->Rsp + (reg ? 8 : 0);
          ctx->Rip = load<DWORD64>(p);
          ctx->SegCs = static_cast<WORD>(load<DWORD64>(p + 8));
          ctx->EFlags = static_cast<DWORD>(load<DWORD64>(p + 16));
          ctx->Rsp = load<DWORD64>(p + 24);
          ctx->SegSs = static_cast<WORD>(load<DWORD64>(p + 32));
          machine_frame = true;
          break;
        }
        case UWOP_EPILOG:
          break;  // epilog descriptions (version 2): epilogs are recognised from the code instead
        default:
          FIXME_ONCE("unwind opcode %u (version %u) not supported\n", c.s.UnwindOp, info->Version);
          break;
      }
      i += slots;
    }
    if (!(info->Flags & UNW_FLAG_CHAININFO)) break;
    fn = static_cast<const RUNTIME_FUNCTION*>(after_codes(info));
    info = info_at(image_base, fn);
    primary = false;
  }

  if (!machine_frame) {
    ctx->Rip = load<DWORD64>(ctx->Rsp);
    ctx->Rsp += 8;
  }

  // Handlers belong to the primary info, and only apply once the prolog has run.
  const UNWIND_INFO* first = info_at(image_base, function_entry);
  if (in_prolog || !(first->Flags & handler_type & (UNW_FLAG_EHANDLER | UNW_FLAG_UHANDLER))) return nullptr;
  const auto* handler_slot = static_cast<const DWORD*>(after_codes(first));
  if (handler_data) *handler_data = const_cast<DWORD*>(handler_slot + 1);
  return reinterpret_cast<EXCEPTION_ROUTINE>(image_base + *handler_slot);
}
