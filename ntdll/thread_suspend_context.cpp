// The registers of a suspended thread: read from and written to the ucontext its suspend signal
// saved; a thread stopped in Sill's own code shows its innermost program frame instead, and a new
// context for it waits for the return into the program (see thread_suspend.h).
#include <dlfcn.h>

#include <cstring>

#include "base/debug.h"
#include "ntdll/process_internal.h"
#include "ntdll/status.h"
#include "ntdll/thread_suspend.h"
#include "ntdll/ucontext_context.h"
#include "ntdll/unwind_elf.h"

SILL_DEFAULT_DEBUG_CHANNEL(thread);

extern "C" void sill_deferred_context_entry();

namespace sill::nt {
namespace {

constexpr unsigned kMaxHostFrames = 64;

bool is_host_code(DWORD64 pc) {
  // Sill, libc and the vDSO are ELF objects the dynamic linker knows; PE images and generated
  // stubs are not. _dl_find_object takes no lock (a parked thread may hold any).
  dl_find_object found;
  return _dl_find_object(reinterpret_cast<void*>(pc), &found) == 0;
}

// Steps ctx out of Sill's frames to the innermost program frame. False if the walk fails.
bool unwind_to_program_frame(CONTEXT& ctx, bool is_return_address) {
  for (unsigned i = 0; i < kMaxHostFrames && is_host_code(ctx.Rip); ++i) {
    if (!unwind_elf_frame(ctx, is_return_address)) return false;
    is_return_address = true;
  }
  return !is_host_code(ctx.Rip);
}

// The temporary suspension of a running thread for the time of a Get/SetThreadContext.
class Stopped {
 public:
  Stopped(Thread& t) : t_(t) { status_ = suspend_locked(t, nullptr); }
  ~Stopped() {
    if (nt_success(status_)) resume_locked(t_, nullptr);
  }
  NTSTATUS status() const { return status_; }

 private:
  Thread& t_;
  NTSTATUS status_;
};

// The full program-visible context of a parked thread (lock held).
NTSTATUS stopped_context(Thread& t, CONTEXT* full) {
  if (!t.stopped_at) {
    FIXME_ONCE("the registers of a thread suspended before its first instruction\n");
    return STATUS_NOT_IMPLEMENTED;
  }
  if (t.deferred) {
    *full = t.deferred_wanted;
    return STATUS_SUCCESS;
  }
  context_from_ucontext(t.stopped_at, CONTEXT_ALL, full);
  if (is_host_code(full->Rip) && !unwind_to_program_frame(*full, false)) {
    FIXME_ONCE("no program frame above the built-in a suspended thread stopped in; showing its own registers\n");
    context_from_ucontext(t.stopped_at, CONTEXT_ALL, full);
  }
  return STATUS_SUCCESS;
}

// Points the built-in's return into the program at the trampoline that applies t.deferred_wanted.
NTSTATUS defer_context(Thread& t, const CONTEXT* wanted) {
  if (!t.deferred) {
    CONTEXT reported;
    context_from_ucontext(t.stopped_at, CONTEXT_ALL, &reported);
    if (!unwind_to_program_frame(reported, false)) {
      FIXME_ONCE("new registers for a thread stopped in a built-in without a program frame above it\n");
      return STATUS_NOT_IMPLEMENTED;
    }
    // The built-in returns through this slot. The caller may have written it already (Go pushes the
    // thread's pc there before moving Rsp down to it): keep what it holds for the return.
    auto* slot = reinterpret_cast<DWORD64*>(reported.Rsp - 8);
    t.deferred_slot = *slot;
    *slot = reinterpret_cast<DWORD64>(&sill_deferred_context_entry);
    TRACE("thread %04x stopped in a built-in: new registers when it returns to %#llx\n", t.tid(),
          static_cast<unsigned long long>(reported.Rip));
    t.deferred_reported = reported;
    t.deferred_wanted = reported;
    t.deferred = true;
  }
  copy_context_parts(wanted, &t.deferred_wanted);
  return STATUS_SUCCESS;
}

template <auto... Members>
void copy_fields(const CONTEXT* from, CONTEXT* to) {
  ((to->*Members = from->*Members), ...);
}

// The current thread's registers where the program called in (its innermost program frame).
void own_context(CONTEXT* full) {
  RtlCaptureContext(full);
  unwind_to_program_frame(*full, true);
  full->ContextFlags = CONTEXT_ALL;
}

}  // namespace

void copy_context_parts(const CONTEXT* from, CONTEXT* to) {
  const DWORD f = from->ContextFlags;
  auto has = [f](DWORD part) { return (f & part) == part; };
  if (has(CONTEXT_CONTROL))
    copy_fields<&CONTEXT::SegCs, &CONTEXT::SegSs, &CONTEXT::EFlags, &CONTEXT::Rsp, &CONTEXT::Rbp, &CONTEXT::Rip>(
        from, to);
  if (has(CONTEXT_INTEGER)) {
    for (unsigned i = 0; i < 16; ++i)
      if (i != 4 && i != 5) to->gpr(i) = const_cast<CONTEXT*>(from)->gpr(i);  // rsp, rbp: CONTROL
  }
  if (has(CONTEXT_SEGMENTS)) copy_fields<&CONTEXT::SegDs, &CONTEXT::SegEs, &CONTEXT::SegFs, &CONTEXT::SegGs>(from, to);
  if (has(CONTEXT_FLOATING_POINT)) copy_fields<&CONTEXT::u, &CONTEXT::MxCsr>(from, to);
  if (has(CONTEXT_DEBUG_REGISTERS))
    copy_fields<&CONTEXT::Dr0, &CONTEXT::Dr1, &CONTEXT::Dr2, &CONTEXT::Dr3, &CONTEXT::Dr6, &CONTEXT::Dr7>(from, to);
}

NTSTATUS get_thread_context(Thread& t, CONTEXT* ctx) {
  CONTEXT full;
  if (is_current_thread(t)) {
    own_context(&full);
  } else {
    std::lock_guard guard(t.suspend_lock);
    Stopped stop(t);
    if (!nt_success(stop.status())) return stop.status();
    NTSTATUS s = stopped_context(t, &full);
    if (!nt_success(s)) return s;
  }
  // Debug registers: none set (the FIXME above); they read as zero.
  full.Dr0 = full.Dr1 = full.Dr2 = full.Dr3 = full.Dr6 = full.Dr7 = 0;
  full.ContextFlags = ctx->ContextFlags;
  copy_context_parts(&full, ctx);
  return STATUS_SUCCESS;
}

NTSTATUS set_thread_context(Thread& t, const CONTEXT* ctx) {
  if (is_current_thread(t)) {
    // Like NtContinue: the call does not return; the thread goes on with the new registers.
    CONTEXT full;
    own_context(&full);
    copy_context_parts(ctx, &full);
    full.ContextFlags = CONTEXT_ALL;
    sill_restore_context_raw(&full);
  }
  std::lock_guard guard(t.suspend_lock);
  Stopped stop(t);
  if (!nt_success(stop.status())) return stop.status();
  if (!t.stopped_at) {
    FIXME_ONCE("new registers for a thread suspended before its first instruction\n");
    return STATUS_NOT_IMPLEMENTED;
  }
  if (t.deferred || is_host_code(static_cast<DWORD64>(t.stopped_at->uc_mcontext.gregs[REG_RIP])))
    return defer_context(t, ctx);
  context_to_ucontext(ctx, t.stopped_at);
  return STATUS_SUCCESS;
}

}  // namespace sill::nt

using namespace sill::nt;

// Entered from sill_deferred_context_entry (thread_suspend_return.S) when a built-in returns to the
// program after SetThreadContext changed the thread's registers: `live` holds the registers the
// program would have had after the return. Each register the caller of SetThreadContext left as
// GetThreadContext showed it keeps its live value (the built-in's result in rax...).
extern "C" [[noreturn]] void sill_apply_deferred_context(CONTEXT* live) {
  CONTEXT reported, wanted;
  {
    Ref<Thread> t = find_thread(current_thread_id());
    std::lock_guard guard(t->suspend_lock);
    reported = t->deferred_reported;
    wanted = t->deferred_wanted;
    t->deferred = false;
    // The slot the built-in returned through gets back what the program left there.
    *reinterpret_cast<DWORD64*>(reported.Rsp - 8) = t->deferred_slot;
  }
  live->Rip = reported.Rip;
  for (unsigned i = 0; i < 16; ++i)
    if (wanted.gpr(i) != reported.gpr(i)) live->gpr(i) = wanted.gpr(i);
  if (wanted.Rip != reported.Rip) live->Rip = wanted.Rip;
  if (wanted.EFlags != reported.EFlags) live->EFlags = wanted.EFlags;
  if (wanted.MxCsr != reported.MxCsr) live->MxCsr = live->u.FltSave.MxCsr = wanted.MxCsr;
  for (unsigned i = 0; i < 16; ++i)
    if (std::memcmp(&wanted.xmm(i), &reported.xmm(i), sizeof(M128A)) != 0) live->xmm(i) = wanted.xmm(i);
  live->ContextFlags = CONTEXT_FULL;
  sill_restore_context_raw(live);
}
