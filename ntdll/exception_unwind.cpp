// Unwinding (RtlUnwindEx, RtlUnwind) and RtlRestoreContext: walks from the
// caller's frame to the target frame calling each language handler with
// EXCEPTION_UNWINDING (EXCEPTION_TARGET_UNWIND at the target), takes over an
// outer unwind when started from one of its handlers (collided unwind), then
// resumes the target context at the target ip, through an unwind-consolidation
// callback (STATUS_UNWIND_CONSOLIDATE) or a longjmp buffer (STATUS_LONGJUMP).
#include <cstring>

#include "base/debug.h"
#include "loader/module.h"
#include "ntdll/exception.h"
#include "ntdll/exception_bridge.h"

SILL_DEFAULT_DEBUG_CHANNEL(seh);

namespace sill::nt {
namespace {

// msvcrt's _JUMP_BUFFER on x64: what setjmp saved, restored by STATUS_LONGJUMP.
struct JUMP_BUFFER {
  DWORD64 Frame, Rbx, Rsp, Rbp, Rsi, Rdi, R12, R13, R14, R15, Rip;
  DWORD MxCsr;
  WORD FpCsr;
  WORD Spare;
  M128A Xmm[10];  // xmm6..xmm15
};
static_assert(offsetof(JUMP_BUFFER, Rip) == 0x50 && offsetof(JUMP_BUFFER, Xmm) == 0x60 && sizeof(JUMP_BUFFER) == 0x100);

LONG call_unwind_handler(EXCEPTION_ROUTINE handler, EXCEPTION_RECORD* rec, DWORD64 frame, CONTEXT* cur,
                         DISPATCHER_CONTEXT* dc, const Bridge* bridge) {
  TRACE("unwind handler %p frame %#llx flags %#x\n", reinterpret_cast<void*>(handler),
        static_cast<unsigned long long>(frame), rec->ExceptionFlags);
  return static_cast<LONG>(sill_seh_call_bridged(reinterpret_cast<const void*>(handler),
                                                 reinterpret_cast<std::uint64_t>(rec), frame,
                                                 reinterpret_cast<std::uint64_t>(cur),
                                                 reinterpret_cast<std::uint64_t>(dc), bridge));
}

}  // namespace

[[noreturn]] void unwind_from(CONTEXT* start, void* target_frame_ptr, void* target_ip, EXCEPTION_RECORD* rec,
                              void* return_value, UNWIND_HISTORY_TABLE* history) {
  const auto target_frame = reinterpret_cast<DWORD64>(target_frame_ptr);
  EXCEPTION_RECORD local{};
  if (!rec) {
    local.ExceptionCode = STATUS_UNWIND;
    local.ExceptionAddress = reinterpret_cast<void*>(start->Rip);
    rec = &local;
  }
  const DWORD base_flags = EXCEPTION_UNWINDING | (target_frame ? 0 : EXCEPTION_EXIT_UNWIND);
  UNWIND_HISTORY_TABLE local_history{};
  if (!history) history = &local_history;

  CONTEXT cur = *start;
  CONTEXT next;
  for (unsigned depth = 0;; ++depth) {
    if (depth > 100000) raise_status(STATUS_BAD_STACK, rec, &cur);
    Frame f;
    bool collided = false;
    DWORD scope_index = 0;
    if (const Bridge* b = bridge_at(cur)) {
      if (b->kind != BridgeKind::Unwind) {
        cur = *b->resume;  // back into the frames the exception (or the consolidated unwind) came from
        continue;
      }
      // An unwind started by a handler of an outer unwind: finish the outer's frame and carry on from there.
      const DISPATCHER_CONTEXT& outer = *b->dispatch;
      cur = *b->resume;
      next = *b->next;
      f.control_pc = outer.ControlPc;
      f.image_base = outer.ImageBase;
      f.function = outer.FunctionEntry;
      f.handler = outer.LanguageHandler;
      f.handler_data = outer.HandlerData;
      f.establisher = outer.EstablisherFrame;
      scope_index = outer.ScopeIndex;  // so termination handlers already run are not run twice
      collided = true;
    } else {
      next = cur;
      if (!step_frame(UNW_FLAG_UHANDLER, next, f, history)) {
        if (!target_frame) {
          FIXME("exit unwind reached the end of the PE frames; terminating the process\n");
          loader::terminate_process(rec->ExceptionCode);
        }
        ERR("unwind target %#llx not found before non-PE code at %#llx\n",
            static_cast<unsigned long long>(target_frame), static_cast<unsigned long long>(cur.Rip));
        raise_status(STATUS_INVALID_UNWIND_TARGET, rec, &cur);
      }
    }
    if (target_frame && f.establisher > target_frame) {
      ERR("unwind passed its target frame %#llx (now at %#llx)\n", static_cast<unsigned long long>(target_frame),
          static_cast<unsigned long long>(f.establisher));
      raise_status(STATUS_INVALID_UNWIND_TARGET, rec, &cur);
    }
    if (f.handler) {
      DISPATCHER_CONTEXT dc{};
      dc.ControlPc = f.control_pc;
      dc.ImageBase = f.image_base;
      dc.FunctionEntry = f.function;
      dc.EstablisherFrame = f.establisher;
      dc.TargetIp = reinterpret_cast<DWORD64>(target_ip);
      dc.ContextRecord = &cur;
      dc.LanguageHandler = f.handler;
      dc.HandlerData = f.handler_data;
      dc.HistoryTable = history;
      dc.ScopeIndex = scope_index;
      DWORD flags = base_flags;
      if (f.establisher == target_frame) flags |= EXCEPTION_TARGET_UNWIND;
      if (collided) flags |= EXCEPTION_COLLIDED_UNWIND;
      rec->ExceptionFlags = flags;
      cur.Rax = reinterpret_cast<DWORD64>(return_value);
      Bridge bridge{BridgeKind::Unwind, rec, &dc, &cur, &next, target_frame, dc.TargetIp};
      LONG disposition = call_unwind_handler(f.handler, rec, f.establisher, &cur, &dc, &bridge);
      if (disposition != ExceptionContinueSearch) {
        ERR("unwind handler %p returned disposition %d\n", reinterpret_cast<void*>(f.handler), disposition);
        raise_status(STATUS_INVALID_DISPOSITION, rec, &cur);
      }
    }
    if (f.establisher == target_frame) break;
    cur = next;
  }
  rec->ExceptionFlags = base_flags | EXCEPTION_TARGET_UNWIND;
  cur.Rax = reinterpret_cast<DWORD64>(return_value);
  cur.Rip = reinterpret_cast<DWORD64>(target_ip);
  TRACE("resuming at %#llx rsp %#llx\n", static_cast<unsigned long long>(cur.Rip),
        static_cast<unsigned long long>(cur.Rsp));
  RtlRestoreContext(&cur, rec);
  __builtin_unreachable();
}

}  // namespace sill::nt

using namespace sill::nt;

extern "C" [[noreturn]] void sill_seh_unwind_ex_entry(CONTEXT* caller, const std::uint64_t* args) {
  unwind_from(caller, reinterpret_cast<void*>(args[0]), reinterpret_cast<void*>(args[1]),
              reinterpret_cast<EXCEPTION_RECORD*>(args[2]), reinterpret_cast<void*>(args[3]),
              reinterpret_cast<UNWIND_HISTORY_TABLE*>(args[5]));
}

extern "C" [[noreturn]] void sill_seh_unwind_entry(CONTEXT* caller, const std::uint64_t* args) {
  void* target_ip = reinterpret_cast<void*>(args[1]);
  // RtlUnwind without a target ip returns to its caller once the frames are unwound.
  if (!target_ip) target_ip = reinterpret_cast<void*>(caller->Rip);
  unwind_from(caller, reinterpret_cast<void*>(args[0]), target_ip, reinterpret_cast<EXCEPTION_RECORD*>(args[2]),
              reinterpret_cast<void*>(args[3]), nullptr);
}

extern "C" void WINAPI RtlRestoreContext(CONTEXT* ctx, EXCEPTION_RECORD* rec) noexcept {
  if (rec && rec->ExceptionCode == STATUS_LONGJUMP && rec->NumberParameters >= 1) {
    const auto* jb = reinterpret_cast<const JUMP_BUFFER*>(rec->ExceptionInformation[0]);
    ctx->Rbx = jb->Rbx;
    ctx->Rsp = jb->Rsp;
    ctx->Rbp = jb->Rbp;
    ctx->Rsi = jb->Rsi;
    ctx->Rdi = jb->Rdi;
    ctx->R12 = jb->R12;
    ctx->R13 = jb->R13;
    ctx->R14 = jb->R14;
    ctx->R15 = jb->R15;
    ctx->Rip = jb->Rip;
    ctx->MxCsr = jb->MxCsr;
    ctx->u.FltSave.MxCsr = jb->MxCsr;
    ctx->u.FltSave.ControlWord = jb->FpCsr;
    std::memcpy(&ctx->u.s.Xmm6, jb->Xmm, sizeof(jb->Xmm));
  } else if (rec && rec->ExceptionCode == STATUS_UNWIND_CONSOLIDATE && rec->NumberParameters >= 1) {
    // The callback (a catch block) runs in a bridge whose walk leads to the target
    // context, so an exception it throws is seen as coming from the target frame.
    Bridge bridge{BridgeKind::Consolidate, rec, nullptr, ctx, nullptr, 0, 0};
    std::uint64_t ip = sill_seh_call_bridged(reinterpret_cast<const void*>(rec->ExceptionInformation[0]),
                                             reinterpret_cast<std::uint64_t>(rec), 0, 0, 0, &bridge);
    ctx->Rip = ip;
  }
  sill_restore_context_raw(ctx);
}
