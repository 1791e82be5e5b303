// Hardware faults to SEH. The handler runs on a per-thread alternate stack;
// it converts the ucontext into CONTEXT + EXCEPTION_RECORD, writes both below
// the faulting rsp and makes the signal return into sill_seh_fault_entry
// (context.S) on the faulting stack, where the ordinary dispatcher runs: a
// handler can then unwind, or continue at a changed CONTEXT.
#include "ntdll/exception_signals.h"

#include <signal.h>
#include <asm/prctl.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <ucontext.h>
#include <unistd.h>

#include <cstdio>
#include <cstring>
#include <mutex>

#include "base/debug.h"
#include "loader/module.h"
#include "ntdll/exception.h"
#include "ntdll/thread_stack.h"
#include "ntdll/virtual.h"

SILL_DEFAULT_DEBUG_CHANNEL(seh);

extern "C" void sill_seh_fault_entry();

namespace sill::nt {
namespace {

constexpr int kSignals[] = {SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGTRAP};

// x86 exception vectors as the kernel reports them in REG_TRAPNO.
constexpr greg_t kTrapDivide = 0, kTrapDebug = 1, kTrapBreakpoint = 3, kTrapPageFault = 14, kTrapX87 = 16,
                 kTrapAlignment = 17, kTrapSimd = 19;
constexpr greg_t kPageFaultWrite = 2, kPageFaultFetch = 16;

void write_str(const char* s) {
  ssize_t ignored = ::write(2, s, std::strlen(s));
  (void)ignored;
}

DWORD float_status(int si_code) {
  switch (si_code) {
    case FPE_INTDIV: return STATUS_INTEGER_DIVIDE_BY_ZERO;
    case FPE_INTOVF: return STATUS_INTEGER_OVERFLOW;
    case FPE_FLTDIV: return STATUS_FLOAT_DIVIDE_BY_ZERO;
    case FPE_FLTOVF: return STATUS_FLOAT_OVERFLOW;
    case FPE_FLTUND: return STATUS_FLOAT_UNDERFLOW;
    case FPE_FLTRES: return STATUS_FLOAT_INEXACT_RESULT;
    case FPE_FLTINV: return STATUS_FLOAT_INVALID_OPERATION;
    case FPE_FLTSUB: return STATUS_ARRAY_BOUNDS_EXCEEDED;
    default: return STATUS_FLOAT_INVALID_OPERATION;
  }
}

// Fills rec from the signal; may move ctx->Rip (a breakpoint reports the int3 itself).
void describe_fault(int sig, const siginfo_t* si, const ucontext_t* uc, EXCEPTION_RECORD* rec, CONTEXT* ctx) {
  const greg_t* g = uc->uc_mcontext.gregs;
  const greg_t trap = g[REG_TRAPNO];
  rec->ExceptionAddress = reinterpret_cast<void*>(ctx->Rip);
  switch (sig) {
    case SIGSEGV:
    case SIGBUS:
      if (trap == kTrapPageFault || (sig == SIGSEGV && si->si_code != SI_KERNEL)) {
        rec->ExceptionCode = sig == SIGBUS ? STATUS_IN_PAGE_ERROR : STATUS_ACCESS_VIOLATION;
        rec->NumberParameters = 2;
        rec->ExceptionInformation[0] = (g[REG_ERR] & kPageFaultFetch) ? 8 : (g[REG_ERR] & kPageFaultWrite) ? 1 : 0;
        rec->ExceptionInformation[1] = reinterpret_cast<ULONG_PTR>(si->si_addr);
      } else if (trap == kTrapAlignment) {
        rec->ExceptionCode = STATUS_DATATYPE_MISALIGNMENT;
      } else {
        // A general protection fault (non-canonical address, privileged instruction): Windows
        // reports an access violation at an unknown address.
        rec->ExceptionCode = STATUS_ACCESS_VIOLATION;
        rec->NumberParameters = 2;
        rec->ExceptionInformation[0] = 0;
        rec->ExceptionInformation[1] = ~0ull;
      }
      break;
    case SIGILL:
      rec->ExceptionCode = si->si_code == ILL_PRVOPC ? STATUS_PRIVILEGED_INSTRUCTION : STATUS_ILLEGAL_INSTRUCTION;
      break;
    case SIGFPE:
      if (trap == kTrapDivide) {
        rec->ExceptionCode = si->si_code == FPE_INTOVF ? STATUS_INTEGER_OVERFLOW : STATUS_INTEGER_DIVIDE_BY_ZERO;
      } else {
        rec->ExceptionCode = float_status(si->si_code);
        if (trap == kTrapX87 || trap == kTrapSimd) {
          FIXME_ONCE("floating-point exceptions: no distinction of x87 and SSE multiple traps\n");
        }
      }
      break;
    case SIGTRAP:
      if (trap == kTrapDebug) {
        rec->ExceptionCode = STATUS_SINGLE_STEP;
      } else {
        // int3 traps after the instruction; Windows reports the int3's own address.
        rec->ExceptionCode = STATUS_BREAKPOINT;
        if (trap == kTrapBreakpoint || *reinterpret_cast<const unsigned char*>(ctx->Rip - 1) == 0xCC) ctx->Rip -= 1;
        rec->ExceptionAddress = reinterpret_cast<void*>(ctx->Rip);
        rec->NumberParameters = 1;
        rec->ExceptionInformation[0] = 0;  // BREAKPOINT_BREAK
      }
      break;
    default:
      break;
  }
}

void fill_context(const ucontext_t* uc, CONTEXT* ctx) {
  const greg_t* g = uc->uc_mcontext.gregs;
  std::memset(ctx, 0, sizeof *ctx);
  ctx->ContextFlags = CONTEXT_FULL | CONTEXT_SEGMENTS;
  ctx->Rax = g[REG_RAX];
  ctx->Rcx = g[REG_RCX];
  ctx->Rdx = g[REG_RDX];
  ctx->Rbx = g[REG_RBX];
  ctx->Rsp = g[REG_RSP];
  ctx->Rbp = g[REG_RBP];
  ctx->Rsi = g[REG_RSI];
  ctx->Rdi = g[REG_RDI];
  ctx->R8 = g[REG_R8];
  ctx->R9 = g[REG_R9];
  ctx->R10 = g[REG_R10];
  ctx->R11 = g[REG_R11];
  ctx->R12 = g[REG_R12];
  ctx->R13 = g[REG_R13];
  ctx->R14 = g[REG_R14];
  ctx->R15 = g[REG_R15];
  ctx->Rip = g[REG_RIP];
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

// The calling thread's TEB, read with a system call: signal-safe even where GS is not set.
TEB* teb_from_gs() {
  unsigned long gs = 0;
  if (syscall(SYS_arch_prctl, ARCH_GET_GS, &gs) != 0) return nullptr;
  return reinterpret_cast<TEB*>(gs);
}

[[noreturn]] void stack_exhausted(greg_t rip) {
  char msg[160];
  std::snprintf(msg, sizeof msg,
                "sill: unhandled exception 0xC00000FD (stack overflow, no stack left to handle it) at %#llx\n",
                static_cast<unsigned long long>(rip));
  write_str(msg);
  sill::loader::terminate_process(STATUS_STACK_OVERFLOW);
}

void fault_handler(int sig, siginfo_t* si, void* ucv) {
  auto* uc = static_cast<ucontext_t*>(ucv);
  greg_t* g = uc->uc_mcontext.gregs;
  const auto rsp = static_cast<std::uint64_t>(g[REG_RSP]);
  const auto addr = reinterpret_cast<std::uint64_t>(si->si_addr);

  bool overflow = false;
  if (sig == SIGSEGV && g[REG_TRAPNO] == kTrapPageFault) {
    TEB* teb = teb_from_gs();
    switch (classify_stack_fault(teb, addr)) {
      case StackFault::kOverflow: overflow = true; break;  // the guard's pages are now the handlers' room
      case StackFault::kExhausted: stack_exhausted(g[REG_RIP]);
      case StackFault::kNone:
        // A stack Sill did not lay out (a host thread's) running into its end: no room to dispatch.
        if ((!teb || !teb->DeallocationStack) && addr < rsp + 256 && addr + 64 * 1024 > rsp) stack_exhausted(g[REG_RIP]);
        break;
    }
  }

  // Room on the faulting stack below its red zone, and below this handler if it runs there too.
  std::uint64_t top = rsp - 128;
  const auto here = reinterpret_cast<std::uint64_t>(&top);
  if (here < top && here + (1u << 20) > top) top = here - 4096;
  auto* ctx = reinterpret_cast<CONTEXT*>((top - sizeof(CONTEXT)) & ~15ull);
  auto* rec = reinterpret_cast<EXCEPTION_RECORD*>((reinterpret_cast<std::uint64_t>(ctx) - sizeof(EXCEPTION_RECORD)) &
                                                  ~15ull);
  fill_context(uc, ctx);
  std::memset(rec, 0, sizeof *rec);
  describe_fault(sig, si, uc, rec, ctx);
  if (overflow) rec->ExceptionCode = STATUS_STACK_OVERFLOW;  // keeps the access's two parameters

  g[REG_RDI] = reinterpret_cast<greg_t>(rec);
  g[REG_RSI] = reinterpret_cast<greg_t>(ctx);
  g[REG_RSP] = static_cast<greg_t>((reinterpret_cast<std::uint64_t>(rec) - 64) & ~15ull);
  g[REG_RIP] = reinterpret_cast<greg_t>(&sill_seh_fault_entry);
  g[REG_EFL] &= ~0x100;  // no single-stepping into the dispatcher
}

}  // namespace

void init_thread_signal_stack() {
  stack_t current{};
  if (sigaltstack(nullptr, &current) == 0 && !(current.ss_flags & SS_DISABLE) && current.ss_size >= kSignalStackSize)
    return;
  void* mem = mmap(nullptr, kSignalStackSize, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_STACK, -1, 0);
  if (mem == MAP_FAILED) {
    ERR("no memory for the signal stack of this thread\n");
    return;
  }
  use_signal_stack(mem);
}

void use_signal_stack(void* memory) {
  stack_t ss{};
  ss.ss_sp = memory;
  ss.ss_size = kSignalStackSize;
  if (sigaltstack(&ss, nullptr) != 0) ERR("sigaltstack failed\n");
}

void install_fault_handlers() {
  static std::once_flag once;
  std::call_once(once, [] {
    struct sigaction sa{};
    sa.sa_sigaction = fault_handler;
    sa.sa_flags = SA_SIGINFO | SA_ONSTACK;
    sigemptyset(&sa.sa_mask);
    for (int s : kSignals) sigaction(s, &sa, nullptr);
  });
  init_thread_signal_stack();
}

}  // namespace sill::nt

using namespace sill::nt;

namespace {
// True when rsp lies on the stack of a thread that runs program code (one with a TEB).
// Signal-safe: the GS base is read with a system call, not through a possibly null GS.
bool on_program_stack(std::uint64_t rsp) {
  const TEB* teb = teb_from_gs();
  if (!teb) return false;
  auto low = reinterpret_cast<std::uint64_t>(teb->DeallocationStack ? teb->DeallocationStack : teb->Tib.StackLimit);
  auto high = reinterpret_cast<std::uint64_t>(teb->Tib.StackBase);
  return low && rsp >= low && rsp < high;
}
}  // namespace

// Entered from sill_seh_fault_entry on the faulting thread's stack.
extern "C" [[noreturn]] void sill_seh_dispatch_fault(EXCEPTION_RECORD* rec, CONTEXT* ctx) {
  // A PAGE_GUARD page (VirtualAlloc/VirtualProtect): the guard goes away on first touch.
  if (rec->ExceptionCode == STATUS_ACCESS_VIOLATION && rec->NumberParameters >= 2 &&
      take_guard_page(reinterpret_cast<void*>(rec->ExceptionInformation[1]))) {
    if (!is_pe_code(ctx->Rip)) RtlRestoreContext(ctx, nullptr);  // Sill's own access: just retry it
    rec->ExceptionCode = STATUS_GUARD_PAGE_VIOLATION;
  }
  if (rec->ExceptionCode == STATUS_STACK_OVERFLOW) note_stack_guard_consumed(current_teb());
  // A built-in called by the program that faults on what the program gave it (a bad pointer to
  // strlen, a corrupt table to _initterm) raises an exception in the program, as a system DLL's
  // fault does on Windows. Only a fault on a thread that runs no program code is Sill's own bug.
  if (!is_pe_code(ctx->Rip) && !on_program_stack(ctx->Rsp)) {
    // Sill's own code faulted: that is a Sill bug, not an exception of the program.
    write_str("sill: internal error: a fault in Sill's own code (not the program's)\n");
    report_unhandled(rec, ctx);
    sill::loader::terminate_process(rec->ExceptionCode);
  }
  raise_exception(rec, ctx);
}
