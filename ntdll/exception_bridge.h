// Internal to the SEH implementation: how Sill's own (ELF) frames that call
// PE handlers are made walkable. Every call from the dispatcher or the
// unwinder into PE code goes through sill_seh_call_bridged (context.S), whose
// frame carries a Bridge. A walk that returns into sill_seh_bridge_return
// reads it and continues where Windows' own dispatcher frames would lead:
// a nested exception continues in the frames of the first one, and an
// unwind started inside a handler takes over the outer unwind (a collided unwind).
#pragma once
#include <cstdint>

#include "ntdll/exception.h"

namespace sill::nt {

enum class BridgeKind : std::uint32_t {
  Dispatch,     // a handler called by the exception dispatcher
  Unwind,       // a handler called by an unwind
  Consolidate,  // an unwind-consolidation callback (catch block of MSVC-style runtimes)
};

struct Bridge {
  BridgeKind kind;
  EXCEPTION_RECORD* record;
  DISPATCHER_CONTEXT* dispatch;  // Dispatch, Unwind: the outer walk's dispatcher context
  CONTEXT* resume;               // Dispatch: the exception's original context (private copy)
                                 // Unwind: the frame being unwound; Consolidate: the unwind target
  CONTEXT* next;                 // Unwind: the caller of the frame being unwound
  DWORD64 target_frame;          // Unwind: the outer unwind's target frame
  DWORD64 target_ip;
};

// The Bridge of the frame a walk has just unwound into, if it is one of ours.
const Bridge* bridge_at(const CONTEXT& ctx);

// One frame up from ctx for a walk that stays in PE code: the handler (of
// handler_type) of the frame at ctx is returned, ctx becomes its caller.
// Returns false when ctx's pc is not unwindable (Sill's or the host's ELF code).
struct Frame {
  DWORD64 control_pc = 0;
  DWORD64 image_base = 0;
  RUNTIME_FUNCTION* function = nullptr;
  EXCEPTION_ROUTINE handler = nullptr;
  void* handler_data = nullptr;
  DWORD64 establisher = 0;
};
bool step_frame(DWORD handler_type, CONTEXT& ctx, Frame& frame, UNWIND_HISTORY_TABLE* history);

// Raises a new exception from inside SEH (invalid disposition, bad stack ...), chained to outer.
[[noreturn]] void raise_status(DWORD code, EXCEPTION_RECORD* outer, const CONTEXT* ctx);

}  // namespace sill::nt

extern "C" std::uint64_t sill_seh_call_bridged(const void* fn, std::uint64_t a1, std::uint64_t a2, std::uint64_t a3,
                                               std::uint64_t a4, const sill::nt::Bridge* bridge);
extern "C" const char sill_seh_bridge_return[];
