// __C_specific_handler: the language handler of C __try/__except/__finally
// (MSVC, clang). Its HandlerData is a SCOPE_TABLE; scopes are listed
// innermost first, addresses are RVAs.
#include "base/debug.h"
#include "ntdll/exception.h"
#include "ntdll/exception_bridge.h"

SILL_DEFAULT_DEBUG_CHANNEL(seh);

using namespace sill::nt;

namespace {

using ExceptionFilter = LONG(WINAPI*)(EXCEPTION_POINTERS* pointers, DWORD64 establisher_frame);
using TerminationHandler = void(WINAPI*)(BOOLEAN abnormal, DWORD64 establisher_frame);

bool in_scope(DWORD64 rva, DWORD begin, DWORD end) { return rva >= begin && rva < end; }

}  // namespace

extern "C" LONG WINAPI __C_specific_handler(EXCEPTION_RECORD* rec, void* establisher_frame, CONTEXT* ctx,
                                            DISPATCHER_CONTEXT* dc) noexcept {
  const auto* table = static_cast<const SCOPE_TABLE*>(dc->HandlerData);
  const DWORD64 base = dc->ImageBase;
  const DWORD64 pc = dc->ControlPc - base;
  const auto frame = reinterpret_cast<DWORD64>(establisher_frame);

  if (!(rec->ExceptionFlags & EXCEPTION_UNWIND)) {
    // Dispatch: evaluate the filters of the __except scopes around pc.
    for (DWORD i = dc->ScopeIndex; i < table->Count; ++i) {
      const auto& s = table->ScopeRecord[i];
      if (!in_scope(pc, s.BeginAddress, s.EndAddress) || s.JumpTarget == 0) continue;
      LONG r = EXCEPTION_EXECUTE_HANDLER;
      if (s.HandlerAddress != 1) {  // 1 stands for the constant filter EXCEPTION_EXECUTE_HANDLER
        EXCEPTION_POINTERS pointers{rec, ctx};
        Bridge bridge{BridgeKind::Dispatch, rec, dc, ctx, nullptr, 0, 0};
        r = static_cast<LONG>(sill_seh_call_bridged(reinterpret_cast<const void*>(base + s.HandlerAddress),
                                                    reinterpret_cast<std::uint64_t>(&pointers), frame, 0, 0,
                                                    &bridge));
      }
      TRACE("scope %u filter returned %d\n", i, r);
      if (r < 0) return ExceptionContinueExecution;
      if (r > 0) {
        // Run the __finally blocks between here and the frame, then jump to the __except block
        // with the exception code in rax. The unwind starts at the frame that raised.
        unwind_from(ctx, establisher_frame, reinterpret_cast<void*>(base + s.JumpTarget), rec,
                    reinterpret_cast<void*>(static_cast<ULONG_PTR>(rec->ExceptionCode)), dc->HistoryTable);
      }
    }
    return ExceptionContinueSearch;
  }

  // Unwind: run the __finally blocks around pc, stopping at the target __except block.
  const DWORD64 target = dc->TargetIp - base;
  for (DWORD i = dc->ScopeIndex; i < table->Count; ++i) {
    const auto& s = table->ScopeRecord[i];
    if (!in_scope(pc, s.BeginAddress, s.EndAddress)) continue;
    if (rec->ExceptionFlags & EXCEPTION_TARGET_UNWIND) {
      // The target lies in this scope (or is its handler): the scope stays active.
      if (s.JumpTarget == target || in_scope(target, s.BeginAddress, s.EndAddress)) break;
    }
    if (s.JumpTarget != 0) continue;  // an __except scope: nothing to run while unwinding
    // Progress is recorded first, so a collided unwind does not run this block again.
    dc->ScopeIndex = i + 1;
    Bridge bridge{BridgeKind::Unwind, rec, dc, dc->ContextRecord, nullptr, 0, dc->TargetIp};
    TRACE("scope %u: calling termination handler %#llx\n", i,
          static_cast<unsigned long long>(base + s.HandlerAddress));
    // The termination handler runs through a bridge so an unwind from inside it collides properly.
    CONTEXT next = *dc->ContextRecord;
    bridge.next = &next;
    {
      Frame f;
      step_frame(0, next, f, dc->HistoryTable);
    }
    sill_seh_call_bridged(reinterpret_cast<const void*>(base + s.HandlerAddress), 1, frame, 0, 0, &bridge);
  }
  return ExceptionContinueSearch;
}
