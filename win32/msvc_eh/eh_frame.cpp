// The C++ frame handler, for FH3 and FH4 tables alike (through FrameTables).
//
// Dispatch: the state of the frame at its pc selects the try blocks around it;
// the first catch clause that accepts the exception wins. Its parameter is
// initialised, then RtlUnwindEx runs with a consolidation record
// (STATUS_UNWIND_CONSOLIDATE): the frames below are unwound (their
// destructors run through this same handler), and the unwinder calls
// call_catch_block, which runs the catch funclet and returns where execution
// continues.
//
// Funclets: a catch funclet is a function of its own whose unwind info names
// this handler and the parent's tables; its caller, for a walk, is the parent
// frame (through the consolidation bridge). A frame only considers the try
// blocks written in its own code: a catch funclet those nested inside its
// catch, a frame whose catch is running those enclosing that try block. So an
// exception thrown inside a catch block is never caught by the same try, and a
// frame is never unwound twice.
#include <algorithm>

#include "base/debug.h"
#include "loader/callback.h"
#include "win32/msvc_eh/eh_catch.h"
#include "win32/msvc_eh/eh_state.h"

SILL_DEFAULT_DEBUG_CHANNEL(cxxeh);

namespace sill::msvc_eh {
namespace {

// The consolidation record's parameters: what the catch call needs after the unwind.
enum CatchParam : unsigned {
  kCallback,     // call_catch_block, called by RtlRestoreContext
  kRecord,       // the exception caught
  kContext,      // where it was raised
  kOwnerFrame,   // frame whose try block caught it: the unwind target
  kParentFrame,  // frame of the function the catch funclet belongs to
  kFunclet,
  kTryLow,  // the catching try block's states: the owner frame is unwound to the first
  kTryHigh,
  kCatchHigh,
  kContinuationCount,
  kContinuation0,
  kContinuation1,
  kParamCount
};
static_assert(kParamCount <= nt::EXCEPTION_MAXIMUM_PARAMETERS);

DWORD64 WINAPI call_catch_block(EXCEPTION_RECORD* consolidation) noexcept;

bool is_catch_consolidation(const EXCEPTION_RECORD* rec) {
  return rec->ExceptionCode == nt::STATUS_UNWIND_CONSOLIDATE && rec->NumberParameters == kParamCount &&
         rec->ExceptionInformation[kCallback] == reinterpret_cast<ULONG_PTR>(&call_catch_block);
}

void set_current(ThreadEh& eh) {
  eh.current_record = eh.catch_count ? eh.catches[eh.catch_count - 1].record : nullptr;
  eh.current_context = eh.catch_count ? eh.catches[eh.catch_count - 1].context : nullptr;
}

DWORD64 WINAPI call_catch_block(EXCEPTION_RECORD* consolidation) noexcept {
  const ULONG_PTR* p = consolidation->ExceptionInformation;
  auto* rec = reinterpret_cast<EXCEPTION_RECORD*>(p[kRecord]);
  ThreadEh& eh = thread_eh();
  if (eh.catch_count == ThreadEh::kMaxCatches) terminate_now("too many nested catch blocks");
  const unsigned index = eh.catch_count++;
  const TryBlock tb{static_cast<int>(p[kTryLow]), static_cast<int>(p[kTryHigh]), static_cast<int>(p[kCatchHigh]), 0};
  eh.catches[index] = ActiveCatch{rec, reinterpret_cast<CONTEXT*>(p[kContext]), p[kOwnerFrame], p[kParentFrame], tb,
                                  reinterpret_cast<std::uintptr_t>(__builtin_frame_address(0))};
  set_current(eh);
  if (is_cxx_exception(rec) && eh.uncaught > 0) --eh.uncaught;

  using Funclet = DWORD64(WINAPI*)(DWORD64, DWORD64);
  TRACE("calling catch funclet %#llx, parent frame %#llx\n", static_cast<unsigned long long>(p[kFunclet]),
        static_cast<unsigned long long>(p[kParentFrame]));
  DWORD64 result = loader::call_program("catch block", reinterpret_cast<Funclet>(p[kFunclet]), 0, p[kParentFrame]);

  // The catch block ended normally: the exception is done with.
  eh.catch_count = index;
  set_current(eh);
  destroy_exception_object(rec);
  if (p[kContinuationCount] && result < p[kContinuationCount]) result = p[kContinuation0 + result];  // FH4 index
  TRACE("continuing at %#llx\n", static_cast<unsigned long long>(result));
  return result;
}

// Catch blocks whose funclet call lies below frame are left for good by this unwind.
void abandon_catches(DWORD64 frame, const EXCEPTION_RECORD* unwind_rec) {
  const EXCEPTION_RECORD* next =
      is_catch_consolidation(unwind_rec) ? reinterpret_cast<EXCEPTION_RECORD*>(unwind_rec->ExceptionInformation[kRecord])
                                         : nullptr;
  ThreadEh& eh = thread_eh();
  while (eh.catch_count && eh.catches[eh.catch_count - 1].call_sp < frame) {
    const ActiveCatch gone = eh.catches[--eh.catch_count];
    set_current(eh);
    // A rethrown object caught again belongs to the new catch block.
    if (next && is_cxx_exception(next) && is_cxx_exception(gone.record) &&
        exception_object(next) == exception_object(gone.record))
      continue;
    destroy_exception_object(gone.record);
  }
}

// What the handler knows about the frame it is called for.
struct FrameView {
  DWORD64 establisher = 0;
  DWORD64 parent = 0;        // the function's own frame (differs inside a catch funclet)
  bool in_catch_funclet = false;
  TryBlock funclet_try;      // the try block whose catch this funclet is
  const ActiveCatch* active = nullptr;  // a catch block this frame's try block is running
  int state = -1;
};

FrameView view_frame(const FrameTables& tables, const DISPATCHER_CONTEXT* dc) {
  FrameView v;
  v.establisher = dc->EstablisherFrame;
  v.parent = v.establisher;
  const ThreadEh& eh = thread_eh();
  if (const int offset = tables.funclet_parent_frame_offset(); offset >= 0) {
    // FH4 marks catch funclets. Which catch this one runs: the innermost whose call lies above it.
    v.parent = *reinterpret_cast<const DWORD64*>(v.establisher + static_cast<DWORD>(offset));
    for (unsigned i = eh.catch_count; i-- > 0;) {
      if (eh.catches[i].call_sp <= v.establisher) continue;
      v.in_catch_funclet = true;
      v.funclet_try = eh.catches[i].try_block;
      break;
    }
  }
  // FH3: a catch funclet starts where one of the clauses' funclets does.
  const DWORD64 begin = dc->ImageBase + dc->FunctionEntry->BeginAddress;
  for (unsigned i = 0; i < tables.try_block_count() && !v.in_catch_funclet; ++i) {
    const TryBlock tb = tables.try_block(i);
    for (unsigned j = 0; j < tb.clause_count; ++j) {
      const CatchClause c = tables.clause(i, j);
      if (c.funclet != begin) continue;
      v.parent = *reinterpret_cast<const DWORD64*>(v.establisher + static_cast<DWORD>(c.parent_frame_offset));
      v.in_catch_funclet = true;
      v.funclet_try = tb;
      break;
    }
  }
  for (unsigned i = eh.catch_count; i-- > 0;) {
    if (eh.catches[i].owner_frame == v.establisher) {
      v.active = &eh.catches[i];
      break;
    }
  }
  v.state = v.active ? v.active->try_block.low : tables.state_at(dc->ControlPc);
  return v;
}

void unwind_states(const FrameTables& tables, DWORD64 parent, int state, int stop) {
  ThreadEh& eh = thread_eh();
  while (state > stop && state >= 0) {
    if (eh.action_count == ThreadEh::kMaxActions) terminate_now("unwind actions nested too deeply");
    eh.actions[eh.action_count++] = reinterpret_cast<std::uintptr_t>(__builtin_frame_address(0));
    const int next = tables.unwind_state(state, parent);
    --eh.action_count;
    if (next >= state) {
      ERR("unwind map goes from state %d to %d; stopping\n", state, next);
      return;
    }
    state = next;
  }
}

LONG unwind_frame(const FrameTables& tables, EXCEPTION_RECORD* rec, DISPATCHER_CONTEXT* dc) {
  const FrameView v = view_frame(tables, dc);
  const int start = v.state;
  int stop = v.in_catch_funclet ? v.funclet_try.high : -1;  // a funclet's own states only
  if ((rec->ExceptionFlags & nt::EXCEPTION_TARGET_UNWIND) && is_catch_consolidation(rec) &&
      rec->ExceptionInformation[kOwnerFrame] == v.establisher)
    stop = std::max(stop, static_cast<int>(rec->ExceptionInformation[kTryLow]));
  abandon_catches(v.establisher, rec);
  TRACE("unwinding frame %#llx from state %d to %d\n", static_cast<unsigned long long>(v.establisher), start, stop);
  unwind_states(tables, v.parent, start, stop);
  return nt::ExceptionContinueSearch;
}

[[noreturn]] void catch_it(const FrameView& v, const CatchClause& clause, const CatchableType* type, const TryBlock& tb,
                           EXCEPTION_RECORD* rec, CONTEXT* ctx, DISPATCHER_CONTEXT* dc) {
  if (type) build_catch_object(clause, type, rec, v.parent);
  EXCEPTION_RECORD consolidation{};
  consolidation.ExceptionCode = nt::STATUS_UNWIND_CONSOLIDATE;
  consolidation.ExceptionFlags = nt::EXCEPTION_NONCONTINUABLE;
  consolidation.NumberParameters = kParamCount;
  ULONG_PTR* p = consolidation.ExceptionInformation;
  p[kCallback] = reinterpret_cast<ULONG_PTR>(&call_catch_block);
  p[kRecord] = reinterpret_cast<ULONG_PTR>(rec);
  p[kContext] = reinterpret_cast<ULONG_PTR>(ctx);
  p[kOwnerFrame] = v.establisher;
  p[kParentFrame] = v.parent;
  p[kFunclet] = clause.funclet;
  p[kTryLow] = static_cast<ULONG_PTR>(tb.low);
  p[kTryHigh] = static_cast<ULONG_PTR>(tb.high);
  p[kCatchHigh] = static_cast<ULONG_PTR>(tb.catch_high);
  p[kContinuationCount] = clause.continuation_count;
  p[kContinuation0] = clause.continuation[0];
  p[kContinuation1] = clause.continuation[1];
  nt::unwind_from(ctx, reinterpret_cast<void*>(v.establisher), reinterpret_cast<void*>(dc->ControlPc),
                  &consolidation, nullptr, dc->HistoryTable);
}

LONG search_frame(const FrameTables& tables, EXCEPTION_RECORD* rec, CONTEXT* ctx, DISPATCHER_CONTEXT* dc) {
  const ThreadEh& eh = thread_eh();
  // An exception leaving a destructor that runs during unwinding ends the program.
  if (eh.action_count && dc->EstablisherFrame > eh.actions[eh.action_count - 1])
    terminate_now("an exception left a destructor during stack unwinding");
  // An unwind funclet (destructors inlined into it) can only catch with try blocks of its own.
  const bool unwind_funclet = tables.is_unwind_funclet(dc->FunctionEntry->BeginAddress);

  const bool cxx = is_cxx_exception(rec);
  const bool cxx_only = tables.only_cxx_exceptions();
  if (!cxx && cxx_only) return nt::ExceptionContinueSearch;
  const FrameView v = view_frame(tables, dc);
  for (unsigned i = 0; i < tables.try_block_count(); ++i) {
    const TryBlock tb = tables.try_block(i);
    if (v.state < tb.low || v.state > tb.high) continue;
    if (v.in_catch_funclet && (tb.low <= v.funclet_try.high || tb.high > v.funclet_try.catch_high)) continue;
    if (v.active && tb.low >= v.active->try_block.low) continue;  // that try block (or one inside) is done
    if (unwind_funclet && !tables.state_in_code(tb.low, dc)) continue;
    for (unsigned j = 0; j < tb.clause_count; ++j) {
      const CatchClause clause = tables.clause(i, j);
      const CatchableType* type = nullptr;
      if (clause_catches(clause, rec, cxx_only, &type)) catch_it(v, clause, type, tb, rec, ctx, dc);
    }
  }
  if (unwind_funclet) terminate_now("an exception left a destructor during stack unwinding");
  if (cxx && !v.in_catch_funclet && tables.is_noexcept()) terminate_now("an exception left a noexcept function");
  return nt::ExceptionContinueSearch;
}

}  // namespace

LONG handle_frame(const FrameTables& tables, EXCEPTION_RECORD* rec, CONTEXT* ctx, DISPATCHER_CONTEXT* dc) {
  if (rec->ExceptionFlags & nt::EXCEPTION_UNWIND) return unwind_frame(tables, rec, dc);
  return search_frame(tables, rec, ctx, dc);
}

}  // namespace sill::msvc_eh
