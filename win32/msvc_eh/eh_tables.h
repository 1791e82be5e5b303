// What the frame handler needs to know about one function's C++ tables,
// whatever their encoding: FH3 (plain arrays, frame_handler3.cpp) or FH4
// (compressed, frame_handler4.cpp). The search for a catch clause, the
// unwinding of destructors and the catch call (eh_frame.cpp) only use this.
#pragma once
#include "ntdll/exception.h"
#include "win32/msvc_eh/eh_data.h"

namespace sill::msvc_eh {

using nt::CONTEXT;
using nt::DISPATCHER_CONTEXT;
using nt::EXCEPTION_RECORD;

// One catch clause of a try block.
struct CatchClause {
  DWORD adjectives = 0;                   // HT_*
  const TypeDescriptor* type = nullptr;   // null: catch(...)
  int catch_object = 0;                   // offset of the parameter in the parent frame; 0: none
  DWORD64 funclet = 0;                    // address of the catch funclet
  int parent_frame_offset = 0;            // where the funclet keeps the parent frame (from its own frame)
  unsigned continuation_count = 0;        // FH4: addresses the funclet's result selects from
  DWORD64 continuation[2] = {};
};

struct TryBlock {
  int low = 0;         // first state of the try
  int high = 0;        // last state of the try
  int catch_high = 0;  // last state of its catch clauses
  unsigned clause_count = 0;
};

class FrameTables {
 public:
  virtual ~FrameTables() = default;
  // The state the function is in at pc (-1: outside every state).
  virtual int state_at(DWORD64 pc) const = 0;
  // Try blocks innermost first, as the compilers list them.
  virtual unsigned try_block_count() const = 0;
  virtual TryBlock try_block(unsigned index) const = 0;
  virtual CatchClause clause(unsigned try_index, unsigned clause_index) const = 0;
  // Leaves state: runs its unwind action with the parent frame, returns the state left to.
  virtual int unwind_state(int state, DWORD64 parent_frame) const = 0;
  // Whether a function (or funclet) starting at this RVA is an unwind action of the map.
  virtual bool is_unwind_funclet(DWORD rva) const = 0;
  // Whether the code of the function (or funclet) dc is in has instructions in state.
  virtual bool state_in_code(int state, const DISPATCHER_CONTEXT* dc) const = 0;
  virtual bool only_cxx_exceptions() const = 0;  // compiled with /EHs
  virtual bool is_noexcept() const = 0;
  // FH4 marks catch funclets and gives where they keep the parent frame; -1 otherwise (FH3
  // puts that offset in each catch clause instead).
  virtual int funclet_parent_frame_offset() const { return -1; }
};

// The frame handler proper, for either encoding.
LONG handle_frame(const FrameTables& tables, EXCEPTION_RECORD* rec, CONTEXT* ctx, DISPATCHER_CONTEXT* dc);

}  // namespace sill::msvc_eh
