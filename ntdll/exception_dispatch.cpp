// Exception dispatch (RtlRaiseException and hardware faults): vectored
// handlers first, then the language handlers of the frames from the faulting
// one upwards, each given a DISPATCHER_CONTEXT as the x64 ABI defines it;
// continue handlers when execution continues; the unhandled-exception path last.
#include <cstring>
#include <mutex>
#include <shared_mutex>
#include <vector>

#include "base/debug.h"
#include "loader/module.h"
#include "ntdll/exception.h"
#include "ntdll/exception_bridge.h"
#include "ntdll/unwind_elf.h"

SILL_DEFAULT_DEBUG_CHANNEL(seh);

namespace sill::nt {
namespace {

struct VectoredEntry {
  VECTORED_EXCEPTION_HANDLER handler;
};

// Entries are heap nodes so their address is the handle the caller removes by.
struct VectoredList {
  std::shared_mutex lock;
  std::vector<VectoredEntry*> entries;
};
VectoredList g_exception_handlers;
VectoredList g_continue_handlers;

void* add_vectored(VectoredList& list, ULONG first, VECTORED_EXCEPTION_HANDLER h) noexcept {
  if (!h) return nullptr;
  try {
    auto* e = new VectoredEntry{h};
    std::unique_lock lock(list.lock);
    if (first)
      list.entries.insert(list.entries.begin(), e);
    else
      list.entries.push_back(e);
    return e;
  } catch (...) {
    return nullptr;
  }
}

ULONG remove_vectored(VectoredList& list, void* handle) noexcept {
  std::unique_lock lock(list.lock);
  for (auto it = list.entries.begin(); it != list.entries.end(); ++it) {
    if (*it == handle) {
      list.entries.erase(it);
      // The node is not freed: another thread may be calling it right now.
      return 1;
    }
  }
  return 0;
}

// Calls each handler until one returns EXCEPTION_CONTINUE_EXECUTION.
bool call_vectored(VectoredList& list, EXCEPTION_RECORD* rec, CONTEXT* ctx) {
  VECTORED_EXCEPTION_HANDLER snapshot[64];
  std::size_t n = 0;
  {
    std::shared_lock lock(list.lock);
    if (list.entries.size() > 64) FIXME_ONCE("more than 64 vectored handlers; only the first 64 are called\n");
    for (VectoredEntry* e : list.entries) {
      if (n == 64) break;
      snapshot[n++] = e->handler;
    }
  }
  EXCEPTION_POINTERS pointers{rec, ctx};
  for (std::size_t i = 0; i < n; ++i) {
    LONG r = snapshot[i](&pointers);
    TRACE("vectored handler %p returned %d\n", reinterpret_cast<void*>(snapshot[i]), r);
    if (r == EXCEPTION_CONTINUE_EXECUTION) return true;
  }
  return false;
}

}  // namespace

const Bridge* bridge_at(const CONTEXT& ctx) {
  if (ctx.Rip != reinterpret_cast<DWORD64>(sill_seh_bridge_return)) return nullptr;
  return *reinterpret_cast<const Bridge* const*>(ctx.Rsp + 0x20);
}

bool step_frame(DWORD handler_type, CONTEXT& ctx, Frame& frame, UNWIND_HISTORY_TABLE* history) {
  frame = Frame{};
  frame.control_pc = ctx.Rip;
  frame.function = RtlLookupFunctionEntry(ctx.Rip, &frame.image_base, history);
  if (!frame.function && !is_pe_code(ctx.Rip)) {
    // Sill's own code between PE frames (a built-in calling back into the program, or
    // one that raised): step over it with its DWARF CFI. It has no handlers to call.
    if (unwind_elf_frame(ctx, true)) return true;
    TRACE("cannot unwind through non-PE code at %#llx\n", static_cast<unsigned long long>(ctx.Rip));
    return false;
  }
  frame.handler = RtlVirtualUnwind(handler_type, frame.image_base, frame.control_pc, frame.function, &ctx,
                                   &frame.handler_data, &frame.establisher, nullptr);
  return true;
}

[[noreturn]] void raise_status(DWORD code, EXCEPTION_RECORD* outer, const CONTEXT* ctx) {
  EXCEPTION_RECORD rec{};
  rec.ExceptionCode = code;
  rec.ExceptionFlags = EXCEPTION_NONCONTINUABLE;
  rec.ExceptionRecord = outer;
  rec.ExceptionAddress = reinterpret_cast<void*>(ctx->Rip);
  CONTEXT copy = *ctx;
  raise_exception(&rec, &copy);
}

void dispatch_exception(EXCEPTION_RECORD* rec, CONTEXT* ctx) {
  TRACE("code %#x flags %#x at %p\n", rec->ExceptionCode, rec->ExceptionFlags, rec->ExceptionAddress);
  if (call_vectored(g_exception_handlers, rec, ctx)) {
    call_vectored(g_continue_handlers, rec, ctx);
    return;
  }

  CONTEXT original = *ctx;  // what a nested exception walks again; handlers may change *ctx
  CONTEXT cur = *ctx;
  UNWIND_HISTORY_TABLE history{};
  DWORD64 nested_frame = 0;
  for (unsigned depth = 0; depth < 100000 && cur.Rip; ++depth) {
    if (const Bridge* b = bridge_at(cur)) {
      // Sill's frame calling a handler: continue in the frames the outer walk came from.
      if (b->kind == BridgeKind::Dispatch) {
        if (b->dispatch->EstablisherFrame > nested_frame) nested_frame = b->dispatch->EstablisherFrame;
      } else if (b->kind == BridgeKind::Unwind) {
        // Raised by an unwind handler (libgcc raises STATUS_GCC_UNWIND there to run a cleanup).
        // Windows walks through the unwinder's and dispatcher's frames and the first exception's
        // frames up to the frame being unwound; what lies between is runtime code (raise,
        // dispatch), so Sill starts at that frame. A handler there may see a difference.
        TRACE("exception raised during an unwind: search continues at the frame being unwound\n");
      }
      cur = *b->resume;
      continue;
    }
    Frame f;
    if (!step_frame(UNW_FLAG_EHANDLER, cur, f, &history)) break;
    if (f.establisher & 7) {
      rec->ExceptionFlags |= EXCEPTION_STACK_INVALID;
      break;
    }
    if (!f.handler) continue;

    DISPATCHER_CONTEXT dc{};
    dc.ControlPc = f.control_pc;
    dc.ImageBase = f.image_base;
    dc.FunctionEntry = f.function;
    dc.EstablisherFrame = f.establisher;
    dc.ContextRecord = &cur;
    dc.LanguageHandler = f.handler;
    dc.HandlerData = f.handler_data;
    dc.HistoryTable = &history;
    Bridge bridge{BridgeKind::Dispatch, rec, &dc, &original, nullptr, 0, 0};
    if (nested_frame) rec->ExceptionFlags |= EXCEPTION_NESTED_CALL;
    TRACE("calling handler %p for frame %#llx (pc %#llx)\n", reinterpret_cast<void*>(f.handler),
          static_cast<unsigned long long>(f.establisher), static_cast<unsigned long long>(f.control_pc));
    LONG disposition = static_cast<LONG>(sill_seh_call_bridged(
        reinterpret_cast<const void*>(f.handler), reinterpret_cast<std::uint64_t>(rec), f.establisher,
        reinterpret_cast<std::uint64_t>(ctx), reinterpret_cast<std::uint64_t>(&dc), &bridge));
    TRACE("handler %p returned %d\n", reinterpret_cast<void*>(f.handler), disposition);
    rec->ExceptionFlags &= ~EXCEPTION_NESTED_CALL;
    if (nested_frame == f.establisher) nested_frame = 0;
    switch (disposition) {
      case ExceptionContinueExecution:
        if (rec->ExceptionFlags & EXCEPTION_NONCONTINUABLE) raise_status(STATUS_NONCONTINUABLE_EXCEPTION, rec, ctx);
        call_vectored(g_continue_handlers, rec, ctx);
        return;
      case ExceptionContinueSearch:
        if (rec->ExceptionFlags & EXCEPTION_STACK_INVALID) goto unhandled;
        break;
      case ExceptionNestedException:
        if (dc.EstablisherFrame > nested_frame) nested_frame = dc.EstablisherFrame;
        break;
      default:
        raise_status(STATUS_INVALID_DISPOSITION, rec, ctx);
    }
  }

unhandled:
  EXCEPTION_POINTERS pointers{rec, ctx};
  if (unhandled_exception(&pointers) == EXCEPTION_CONTINUE_EXECUTION) return;
  loader::terminate_process(rec->ExceptionCode);
}

[[noreturn]] void raise_exception(EXCEPTION_RECORD* rec, CONTEXT* ctx) {
  dispatch_exception(rec, ctx);
  RtlRestoreContext(ctx, nullptr);
  __builtin_unreachable();
}

}  // namespace sill::nt

using namespace sill::nt;

// The C++ halves of the capturing entry points in context.S (System V convention).
extern "C" [[noreturn]] void sill_seh_raise_entry(CONTEXT* caller, const std::uint64_t* args) {
  auto* rec = reinterpret_cast<EXCEPTION_RECORD*>(args[0]);
  rec->ExceptionAddress = reinterpret_cast<void*>(caller->Rip);
  raise_exception(rec, caller);
}

extern "C" [[noreturn]] void sill_seh_raise_k32_entry(CONTEXT* caller, const std::uint64_t* args) {
  EXCEPTION_RECORD rec{};
  rec.ExceptionCode = static_cast<DWORD>(args[0]);
  rec.ExceptionFlags = static_cast<DWORD>(args[1]) & EXCEPTION_NONCONTINUABLE;
  rec.ExceptionAddress = reinterpret_cast<void*>(caller->Rip);
  const auto* info = reinterpret_cast<const ULONG_PTR*>(args[3]);
  DWORD n = static_cast<DWORD>(args[2]);
  if (n > EXCEPTION_MAXIMUM_PARAMETERS) n = EXCEPTION_MAXIMUM_PARAMETERS;  // documented: more are ignored
  if (!info) n = 0;
  rec.NumberParameters = n;
  for (DWORD i = 0; i < n; ++i) rec.ExceptionInformation[i] = info[i];
  raise_exception(&rec, caller);
}

extern "C" void* WINAPI RtlAddVectoredExceptionHandler(ULONG first, VECTORED_EXCEPTION_HANDLER h) noexcept {
  return add_vectored(g_exception_handlers, first, h);
}
extern "C" ULONG WINAPI RtlRemoveVectoredExceptionHandler(void* handle) noexcept {
  return remove_vectored(g_exception_handlers, handle);
}
extern "C" void* WINAPI RtlAddVectoredContinueHandler(ULONG first, VECTORED_EXCEPTION_HANDLER h) noexcept {
  return add_vectored(g_continue_handlers, first, h);
}
extern "C" ULONG WINAPI RtlRemoveVectoredContinueHandler(void* handle) noexcept {
  return remove_vectored(g_continue_handlers, handle);
}
