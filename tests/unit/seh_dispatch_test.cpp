// End to end on the host, without a loader: small ms_abi functions are
// assembled into executable memory with their unwind information, registered
// with RtlAddFunctionTable, and then raise, fault, unwind and continue through
// the real dispatcher, unwinder, __C_specific_handler and signal handlers.
#include <gtest/gtest.h>
#include <sys/mman.h>

#include <cstring>
#include <initializer_list>
#include <thread>
#include <vector>

#include "ntdll/exception.h"
#include "ntdll/exception_signals.h"
#include "ntdll/ntdll_api.h"
#include "ntdll/virtual.h"

using namespace sill::nt;

namespace {

constexpr unsigned RBX = 3;

std::uint16_t uc(std::uint8_t offset, std::uint8_t op, std::uint8_t info) {
  return static_cast<std::uint16_t>(offset | (op << 8) | (info << 12));
}

// Executable memory laid out like a small image: code from 0, data from 0x8000.
class Jit {
 public:
  Jit() {
    mem_ = static_cast<std::uint8_t*>(
        mmap(nullptr, kSize, PROT_READ | PROT_WRITE | PROT_EXEC, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0));
  }
  ~Jit() {
    if (registered_) RtlDeleteFunctionTable(functions_.data());
    munmap(mem_, kSize);
  }
  DWORD64 base() const { return reinterpret_cast<DWORD64>(mem_); }
  std::uint32_t here() const { return code_; }

  std::uint32_t bytes(std::initializer_list<std::uint8_t> b) {
    std::uint32_t at = code_;
    std::memcpy(mem_ + code_, b.begin(), b.size());
    code_ += static_cast<std::uint32_t>(b.size());
    return at;
  }
  void imm64(std::uint64_t v) {
    std::memcpy(mem_ + code_, &v, 8);
    code_ += 8;
  }
  void align() { code_ = (code_ + 15) & ~15u; }
  // A thunk within 32 bits of the image for a handler that lives elsewhere: mov rax, target; jmp rax.
  std::uint32_t thunk(const void* target) {
    align();
    std::uint32_t at = bytes({0x48, 0xB8});
    imm64(reinterpret_cast<std::uint64_t>(target));
    bytes({0xFF, 0xE0});
    return at;
  }
  // Data (unwind info, scope tables) in the data area; returns its RVA.
  std::uint32_t data(const void* p, std::size_t n) {
    std::uint32_t at = data_;
    std::memcpy(mem_ + data_, p, n);
    data_ = (data_ + static_cast<std::uint32_t>(n) + 7) & ~7u;
    return at;
  }
  // An UNWIND_INFO with optional handler (RVA) and handler data.
  std::uint32_t info(std::uint8_t flags, std::uint8_t prolog, std::vector<std::uint16_t> codes,
                     std::uint32_t handler = 0, std::vector<std::uint32_t> handler_data = {}) {
    std::vector<std::uint8_t> b(4);
    b[0] = static_cast<std::uint8_t>(1 | (flags << 3));
    b[1] = prolog;
    b[2] = static_cast<std::uint8_t>(codes.size());
    b[3] = 0;
    for (auto c : codes) {
      b.push_back(static_cast<std::uint8_t>(c));
      b.push_back(static_cast<std::uint8_t>(c >> 8));
    }
    if (codes.size() & 1) b.insert(b.end(), {0, 0});
    if (flags & (UNW_FLAG_EHANDLER | UNW_FLAG_UHANDLER)) {
      b.insert(b.end(), reinterpret_cast<std::uint8_t*>(&handler), reinterpret_cast<std::uint8_t*>(&handler) + 4);
      for (auto d : handler_data)
        b.insert(b.end(), reinterpret_cast<std::uint8_t*>(&d), reinterpret_cast<std::uint8_t*>(&d) + 4);
    }
    return data(b.data(), b.size());
  }
  void function(std::uint32_t begin, std::uint32_t end, std::uint32_t info_rva) {
    functions_.push_back({begin, end, info_rva});
  }
  void publish() {
    registered_ = RtlAddFunctionTable(functions_.data(), static_cast<DWORD>(functions_.size()), base());
  }
  template <class F>
  F at(std::uint32_t rva) const {
    return reinterpret_cast<F>(mem_ + rva);
  }

 private:
  static constexpr std::size_t kSize = 0x10000;
  std::uint8_t* mem_;
  std::uint32_t code_ = 0;
  std::uint32_t data_ = 0x8000;
  std::vector<RUNTIME_FUNCTION> functions_;
  bool registered_ = false;
};

using RaiseFn = DWORD64(WINAPI*)(EXCEPTION_RECORD* rec);
constexpr DWORD64 kMarker = 0x5EED5EED5EEDull;

// push rbx; sub rsp,0x20; mov rbx,kMarker; mov rax,callee; call rax; mov rax,rbx; add rsp,0x20; pop rbx; ret
// Returns kMarker when callee returns (rbx must survive). Call at +0x19, return address +0x1B.
std::uint32_t emit_raiser(Jit& j, const void* callee) {
  j.align();
  std::uint32_t f = j.bytes({0x53, 0x48, 0x83, 0xEC, 0x20, 0x48, 0xBB});
  j.imm64(kMarker);
  j.bytes({0x48, 0xB8});
  j.imm64(reinterpret_cast<std::uint64_t>(callee));
  j.bytes({0xFF, 0xD0, 0x48, 0x89, 0xD8, 0x48, 0x83, 0xC4, 0x20, 0x5B, 0xC3});
  return f;
}

// push rbx; sub rsp,0x20; mov rax,callee; call rax (at +0xF, returns to +0x11); nop; add rsp,0x20; pop rbx; ret
// The nop keeps the return address out of the epilog, as compilers targeting SEH do.
std::uint32_t emit_caller(Jit& j, DWORD64 callee) {
  j.align();
  std::uint32_t f = j.bytes({0x53, 0x48, 0x83, 0xEC, 0x20, 0x48, 0xB8});
  j.imm64(callee);
  j.bytes({0xFF, 0xD0, 0x90, 0x48, 0x83, 0xC4, 0x20, 0x5B, 0xC3});
  return f;
}

const std::vector<std::uint16_t> kPushAlloc = {uc(5, UWOP_ALLOC_SMALL, 3), uc(1, UWOP_PUSH_NONVOL, RBX)};

EXCEPTION_RECORD make_record(DWORD code) {
  EXCEPTION_RECORD r{};
  r.ExceptionCode = code;
  r.NumberParameters = 1;
  r.ExceptionInformation[0] = 0x1234;
  return r;
}

int g_vectored_calls;
LONG WINAPI continue_custom(EXCEPTION_POINTERS* p) {
  if (p->ExceptionRecord->ExceptionCode != 0xE0000001) return EXCEPTION_CONTINUE_SEARCH;
  ++g_vectored_calls;
  return EXCEPTION_CONTINUE_EXECUTION;
}

}  // namespace

TEST(SehDispatch, VectoredHandlerContinuesRaise) {
  Jit j;
  std::uint32_t f = emit_raiser(j, reinterpret_cast<const void*>(&RtlRaiseException));
  j.function(f, j.here(), j.info(0, 5, kPushAlloc));
  j.publish();
  void* h = RtlAddVectoredExceptionHandler(1, continue_custom);
  ASSERT_NE(h, nullptr);
  g_vectored_calls = 0;
  EXCEPTION_RECORD rec = make_record(0xE0000001);
  EXPECT_EQ(j.at<RaiseFn>(f)(&rec), kMarker);
  EXPECT_EQ(g_vectored_calls, 1);
  EXPECT_EQ(reinterpret_cast<DWORD64>(rec.ExceptionAddress), j.base() + f + 0x1B);
  EXPECT_EQ(RtlRemoveVectoredExceptionHandler(h), 1u);
  EXPECT_EQ(RtlRemoveVectoredExceptionHandler(h), 0u);
}

namespace {
struct Seen {
  int dispatch_calls = 0, unwind_calls = 0, target_calls = 0, consolidate_calls = 0;
  DWORD64 consolidate_to = 0;  // non-zero: turn the unwind into STATUS_UNWIND_CONSOLIDATE ending there
  DISPATCHER_CONTEXT dc{};
  DWORD64 frame = 0;
} g_seen;

void* WINAPI consolidate_callback(EXCEPTION_RECORD* rec) {
  ++g_seen.consolidate_calls;
  return reinterpret_cast<void*>(rec->ExceptionInformation[1]);
}

// Called by the PE handler below: 0 asks it to unwind to the landing pad, 1 to continue the search.
LONG WINAPI outer_record(EXCEPTION_RECORD* rec, void* frame, CONTEXT*, DISPATCHER_CONTEXT* dc) {
  if (rec->ExceptionFlags & EXCEPTION_UNWINDING) {
    if (rec->ExceptionFlags & EXCEPTION_TARGET_UNWIND) ++g_seen.target_calls;
    return 1;
  }
  ++g_seen.dispatch_calls;
  g_seen.dc = *dc;
  g_seen.frame = reinterpret_cast<DWORD64>(frame);
  if (g_seen.consolidate_to) {
    // As MSVC's C++ runtime does: the callback runs the catch block and returns where to continue.
    rec->ExceptionCode = STATUS_UNWIND_CONSOLIDATE;
    rec->NumberParameters = 2;
    rec->ExceptionInformation[0] = reinterpret_cast<ULONG_PTR>(&consolidate_callback);
    rec->ExceptionInformation[1] = g_seen.consolidate_to;
  }
  return 0;
}

// A language handler in PE code (as libgcc's _GCC_specific_handler is in a mingw program):
// calls outer_record, then either returns ExceptionContinueSearch or calls
// RtlUnwindEx(frame, landing, rec, 0x77, ctx, dc->HistoryTable).
using Decide = LONG(WINAPI*)(EXCEPTION_RECORD*, void*, CONTEXT*, DISPATCHER_CONTEXT*);
std::uint32_t emit_unwinding_handler(Jit& j, DWORD64 landing, Decide decide = &outer_record,
                                     std::uint32_t return_value = 0x77) {
  j.align();
  std::uint32_t h = j.bytes({0x48, 0x83, 0xEC, 0x48, 0x48, 0x89, 0x4C, 0x24, 0x50, 0x48, 0x89, 0x54, 0x24, 0x58,
                             0x4C, 0x89, 0x44, 0x24, 0x60, 0x4C, 0x89, 0x4C, 0x24, 0x68, 0x48, 0xB8});
  j.imm64(reinterpret_cast<std::uint64_t>(decide));
  j.bytes({0xFF, 0xD0, 0x85, 0xC0, 0x74, 0x0A, 0xB8, 0x01, 0, 0, 0, 0x48, 0x83, 0xC4, 0x48, 0xC3,
           0x48, 0x8B, 0x44, 0x24, 0x68, 0x48, 0x8B, 0x40, 0x40, 0x48, 0x89, 0x44, 0x24, 0x28,
           0x48, 0x8B, 0x44, 0x24, 0x60, 0x48, 0x89, 0x44, 0x24, 0x20, 0x4C, 0x8B, 0x44, 0x24, 0x50,
           0x48, 0x8B, 0x4C, 0x24, 0x58, 0x48, 0xBA});
  j.imm64(landing);
  j.bytes({0x41, 0xB9});
  j.bytes({static_cast<std::uint8_t>(return_value), static_cast<std::uint8_t>(return_value >> 8), 0, 0});
  j.bytes({0x48, 0xB8});
  j.imm64(reinterpret_cast<std::uint64_t>(&RtlUnwindEx));
  j.bytes({0xFF, 0xD0, 0xCC});
  j.function(h, j.here(), j.info(0, 4, {uc(4, UWOP_ALLOC_SMALL, 8)}));
  return h;
}

LONG WINAPI inner_handler(EXCEPTION_RECORD* rec, void*, CONTEXT*, DISPATCHER_CONTEXT*) {
  if (rec->ExceptionFlags & EXCEPTION_UNWINDING) ++g_seen.unwind_calls;
  return ExceptionContinueSearch;
}
}  // namespace

TEST(SehDispatch, FrameHandlerUnwindsToTarget) {
  Jit j;
  std::uint32_t inner_thunk = j.thunk(reinterpret_cast<const void*>(&inner_handler));
  std::uint32_t raiser = emit_raiser(j, reinterpret_cast<const void*>(&RtlRaiseException));
  j.function(raiser, j.here(), j.info(UNW_FLAG_UHANDLER, 5, kPushAlloc, inner_thunk));
  std::uint32_t outer = emit_caller(j, j.base() + raiser);
  std::uint32_t outer_end = j.here();
  std::uint32_t handler = emit_unwinding_handler(j, j.base() + outer + 0x11);
  j.function(outer, outer_end, j.info(UNW_FLAG_EHANDLER | UNW_FLAG_UHANDLER, 5, kPushAlloc, handler, {0xABCD}));
  j.publish();
  g_seen = Seen{};
  EXCEPTION_RECORD rec = make_record(0xE0000002);
  EXPECT_EQ(j.at<RaiseFn>(outer)(&rec), 0x77u);
  EXPECT_EQ(g_seen.dispatch_calls, 1);
  EXPECT_EQ(g_seen.unwind_calls, 1);
  EXPECT_EQ(g_seen.target_calls, 1);
  EXPECT_EQ(g_seen.dc.ControlPc, j.base() + outer + 0x11);
  EXPECT_EQ(g_seen.dc.ImageBase, j.base());
  EXPECT_EQ(g_seen.dc.FunctionEntry->BeginAddress, outer);
  EXPECT_EQ(g_seen.dc.EstablisherFrame, g_seen.frame);
  EXPECT_EQ(*static_cast<DWORD*>(g_seen.dc.HandlerData), 0xABCDu);
}

namespace {
int g_finally_runs;
LONG WINAPI filter_continue(EXCEPTION_POINTERS* p, DWORD64) {
  return p->ExceptionRecord->ExceptionCode == 0xE0000004 ? EXCEPTION_CONTINUE_EXECUTION : EXCEPTION_CONTINUE_SEARCH;
}

// F_fin: calls the raiser inside __try { } __finally { ++g_finally_runs }.
// F_try: calls F_fin inside __try { } __except (filter) { return code }.
struct TryImage {
  Jit j;
  std::uint32_t f_try = 0;
  TryImage(std::uint32_t filter_rva_or_1, const void* filter = nullptr) {
    std::uint32_t cspec = j.thunk(reinterpret_cast<const void*>(&__C_specific_handler));
    std::uint32_t filter_rva = filter ? j.thunk(filter) : filter_rva_or_1;
    j.align();
    std::uint32_t fin_funclet = j.bytes({0x48, 0xB8});  // mov rax, &g_finally_runs; inc dword [rax]; ret
    j.imm64(reinterpret_cast<std::uint64_t>(&g_finally_runs));
    j.bytes({0xFF, 0x00, 0xC3});
    std::uint32_t raiser = emit_raiser(j, reinterpret_cast<const void*>(&RtlRaiseException));
    j.function(raiser, j.here(), j.info(0, 5, kPushAlloc));
    std::uint32_t f_fin = emit_caller(j, j.base() + raiser);
    j.function(f_fin, j.here(),
               j.info(UNW_FLAG_EHANDLER | UNW_FLAG_UHANDLER, 5, kPushAlloc, cspec,
                      {1, f_fin + 0xF, f_fin + 0x12, fin_funclet, 0}));
    f_try = emit_caller(j, j.base() + f_fin);
    j.function(f_try, j.here(),
               j.info(UNW_FLAG_EHANDLER | UNW_FLAG_UHANDLER, 5, kPushAlloc, cspec,
                      {1, f_try + 0xF, f_try + 0x12, filter_rva, f_try + 0x11}));
    j.publish();
  }
};
}  // namespace

TEST(SehDispatch, CSpecificHandlerExceptAndFinally) {
  TryImage img(1);
  g_finally_runs = 0;
  EXCEPTION_RECORD rec = make_record(0xE0000003);
  EXPECT_EQ(img.j.at<RaiseFn>(img.f_try)(&rec), 0xE0000003u);  // the __except block gets the code in rax
  EXPECT_EQ(g_finally_runs, 1);
}

TEST(SehDispatch, CSpecificHandlerFilterContinues) {
  TryImage img(0, reinterpret_cast<const void*>(&filter_continue));
  g_finally_runs = 0;
  EXCEPTION_RECORD rec = make_record(0xE0000004);
  EXPECT_EQ(img.j.at<RaiseFn>(img.f_try)(&rec), kMarker);  // execution continued after the raise
  EXPECT_EQ(g_finally_runs, 0);
}

namespace {
LONG WINAPI skip_fault(EXCEPTION_POINTERS* p) {
  const EXCEPTION_RECORD* r = p->ExceptionRecord;
  CONTEXT* c = p->ContextRecord;
  if (r->ExceptionCode == STATUS_ACCESS_VIOLATION && r->ExceptionInformation[0] == 1 &&
      r->ExceptionInformation[1] == 8) {
    c->Rip += 3;  // mov [rax], rcx
    return EXCEPTION_CONTINUE_EXECUTION;
  }
  if (r->ExceptionCode == STATUS_INTEGER_DIVIDE_BY_ZERO) {
    c->Rip += 2;  // idiv ecx
    return EXCEPTION_CONTINUE_EXECUTION;
  }
  if (r->ExceptionCode == STATUS_BREAKPOINT && c->Rip == reinterpret_cast<DWORD64>(r->ExceptionAddress)) {
    c->Rip += 1;  // int3
    return EXCEPTION_CONTINUE_EXECUTION;
  }
  return EXCEPTION_CONTINUE_SEARCH;
}
using PlainFn = DWORD64(WINAPI*)();
}  // namespace

TEST(SehDispatch, HardwareFaultsContinueAtChangedContext) {
  install_fault_handlers();
  Jit j;
  j.align();
  // sub rsp,0x28; mov eax,8; mov [rax],rcx; mov eax,42; add rsp,0x28; ret
  std::uint32_t av = j.bytes({0x48, 0x83, 0xEC, 0x28, 0xB8, 0x08, 0, 0, 0, 0x48, 0x89, 0x08, 0xB8, 42, 0, 0, 0,
                              0x48, 0x83, 0xC4, 0x28, 0xC3});
  j.function(av, j.here(), j.info(0, 4, {uc(4, UWOP_ALLOC_SMALL, 4)}));
  j.align();
  // sub rsp,0x28; xor ecx,ecx; mov eax,1; cdq; idiv ecx; mov eax,43; add rsp,0x28; ret
  std::uint32_t div = j.bytes({0x48, 0x83, 0xEC, 0x28, 0x31, 0xC9, 0xB8, 1, 0, 0, 0, 0x99, 0xF7, 0xF9, 0xB8, 43, 0,
                               0, 0, 0x48, 0x83, 0xC4, 0x28, 0xC3});
  j.function(div, j.here(), j.info(0, 4, {uc(4, UWOP_ALLOC_SMALL, 4)}));
  j.align();
  // sub rsp,0x28; int3; mov eax,44; add rsp,0x28; ret
  std::uint32_t bp = j.bytes({0x48, 0x83, 0xEC, 0x28, 0xCC, 0xB8, 44, 0, 0, 0, 0x48, 0x83, 0xC4, 0x28, 0xC3});
  j.function(bp, j.here(), j.info(0, 4, {uc(4, UWOP_ALLOC_SMALL, 4)}));
  j.publish();
  void* h = RtlAddVectoredExceptionHandler(1, skip_fault);
  EXPECT_EQ(j.at<PlainFn>(av)(), 42u);
  EXPECT_EQ(j.at<PlainFn>(div)(), 43u);
  EXPECT_EQ(j.at<PlainFn>(bp)(), 44u);
  RtlRemoveVectoredExceptionHandler(h);
}

TEST(SehDispatch, HardwareFaultCaughtByExcept) {
  install_fault_handlers();
  Jit j;
  std::uint32_t cspec = j.thunk(reinterpret_cast<const void*>(&__C_specific_handler));
  j.align();
  // sub rsp,0x28; mov eax,8; mov [rax],rcx (+9); mov eax,42; add rsp,0x28 (+0x11); ret
  std::uint32_t av = j.bytes({0x48, 0x83, 0xEC, 0x28, 0xB8, 0x08, 0, 0, 0, 0x48, 0x89, 0x08, 0xB8, 42, 0, 0, 0,
                              0x48, 0x83, 0xC4, 0x28, 0xC3});
  j.function(av, j.here(),
             j.info(UNW_FLAG_EHANDLER | UNW_FLAG_UHANDLER, 4, {uc(4, UWOP_ALLOC_SMALL, 4)}, cspec,
                    {1, av + 9, av + 0xC, 1, av + 0x11}));
  j.publish();
  EXPECT_EQ(j.at<PlainFn>(av)(), STATUS_ACCESS_VIOLATION);
}

namespace {
LONG WINAPI continue_filter(EXCEPTION_POINTERS*) { return EXCEPTION_CONTINUE_EXECUTION; }
}  // namespace

TEST(SehDispatch, UnhandledFilterAndTermination) {
  Jit j;
  std::uint32_t f = emit_raiser(j, reinterpret_cast<const void*>(&RtlRaiseException));
  j.function(f, j.here(), j.info(0, 5, kPushAlloc));
  j.publish();
  auto previous = set_unhandled_filter(continue_filter);
  EXCEPTION_RECORD rec = make_record(0xE0000005);
  EXPECT_EQ(j.at<RaiseFn>(f)(&rec), kMarker);
  set_unhandled_filter(previous);
  EXPECT_EXIT(
      {
        EXCEPTION_RECORD r = make_record(0xC0000017);
        j.at<RaiseFn>(f)(&r);
      },
      testing::ExitedWithCode(0x17), "unhandled exception 0xC0000017");
}

namespace {
RaiseFn g_pe_raiser;
// Sill's own code between two PE frames, as when a built-in calls back into the program.
[[gnu::noinline]] DWORD64 WINAPI elf_middle(EXCEPTION_RECORD* rec) {
  volatile DWORD64 bias = 0;
  DWORD64 r = g_pe_raiser(rec);
  return r + bias;
}
}  // namespace

TEST(SehDispatch, UnwindsOverElfFramesWithDwarf) {
  Jit j;
  std::uint32_t raiser = emit_raiser(j, reinterpret_cast<const void*>(&RtlRaiseException));
  j.function(raiser, j.here(), j.info(0, 5, kPushAlloc));
  std::uint32_t outer = emit_caller(j, reinterpret_cast<DWORD64>(&elf_middle));
  std::uint32_t outer_end = j.here();
  std::uint32_t handler = emit_unwinding_handler(j, j.base() + outer + 0x11);
  j.function(outer, outer_end, j.info(UNW_FLAG_EHANDLER | UNW_FLAG_UHANDLER, 5, kPushAlloc, handler));
  j.publish();
  g_pe_raiser = j.at<RaiseFn>(raiser);
  g_seen = Seen{};
  EXCEPTION_RECORD rec = make_record(0xE0000006);
  EXPECT_EQ(j.at<RaiseFn>(outer)(&rec), 0x77u);
  EXPECT_EQ(g_seen.dispatch_calls, 1);
  EXPECT_EQ(g_seen.target_calls, 1);
}

namespace {
[[gnu::noinline]] void raise_from_builtin() {
  EXCEPTION_RECORD rec = make_record(0xE0000007);
  RtlRaiseException(&rec);
}
DWORD64 WINAPI builtin_entry() {
  raise_from_builtin();
  return 1;
}
}  // namespace

TEST(SehDispatch, RaiseFromElfCodeReachesPeHandler) {
  Jit j;
  std::uint32_t outer = emit_caller(j, reinterpret_cast<DWORD64>(&builtin_entry));
  std::uint32_t outer_end = j.here();
  std::uint32_t handler = emit_unwinding_handler(j, j.base() + outer + 0x11);
  j.function(outer, outer_end, j.info(UNW_FLAG_EHANDLER | UNW_FLAG_UHANDLER, 5, kPushAlloc, handler));
  j.publish();
  g_seen = Seen{};
  EXCEPTION_RECORD unused{};
  EXPECT_EQ(j.at<RaiseFn>(outer)(&unused), 0x77u);
  EXPECT_EQ(g_seen.dispatch_calls, 1);
}

TEST(SehDispatch, UnwindConsolidateCallbackChoosesTheTarget) {
  Jit j;
  std::uint32_t raiser = emit_raiser(j, reinterpret_cast<const void*>(&RtlRaiseException));
  j.function(raiser, j.here(), j.info(0, 5, kPushAlloc));
  std::uint32_t outer = emit_caller(j, j.base() + raiser);
  std::uint32_t outer_end = j.here();
  // The handler asks to unwind to a bogus ip; the consolidation callback redirects to the nop.
  std::uint32_t handler = emit_unwinding_handler(j, 0x1);
  j.function(outer, outer_end, j.info(UNW_FLAG_EHANDLER | UNW_FLAG_UHANDLER, 5, kPushAlloc, handler));
  j.publish();
  g_seen = Seen{};
  g_seen.consolidate_to = j.base() + outer + 0x11;
  EXCEPTION_RECORD rec = make_record(0xE0000008);
  EXPECT_EQ(j.at<RaiseFn>(outer)(&rec), 0x77u);
  EXPECT_EQ(g_seen.consolidate_calls, 1);
}

namespace {
int g_inner_first, g_inner_collided;
// The intermediate frame's handler: the first unwind call starts an unwind of its own to
// its landing pad (as libgcc does to run a cleanup); that unwind collides with the first.
LONG WINAPI decide_inner(EXCEPTION_RECORD* rec, void*, CONTEXT*, DISPATCHER_CONTEXT*) {
  if (!(rec->ExceptionFlags & EXCEPTION_UNWINDING)) return 1;
  if (rec->ExceptionFlags & EXCEPTION_COLLIDED_UNWIND) {
    if (rec->ExceptionFlags & EXCEPTION_TARGET_UNWIND) ++g_inner_collided;
    return 1;
  }
  ++g_inner_first;
  return 0;
}
}  // namespace

TEST(SehDispatch, UnwindFromAnUnwindHandlerCollides) {
  Jit j;
  std::uint32_t raiser = emit_raiser(j, reinterpret_cast<const void*>(&RtlRaiseException));
  j.function(raiser, j.here(), j.info(0, 5, kPushAlloc));
  std::uint32_t inner = emit_caller(j, j.base() + raiser);
  std::uint32_t inner_end = j.here();
  std::uint32_t inner_handler = emit_unwinding_handler(j, j.base() + inner + 0x11, &decide_inner, 0x99);
  j.function(inner, inner_end, j.info(UNW_FLAG_EHANDLER | UNW_FLAG_UHANDLER, 5, kPushAlloc, inner_handler));
  std::uint32_t outer = emit_caller(j, j.base() + inner);
  std::uint32_t outer_end = j.here();
  std::uint32_t outer_handler = emit_unwinding_handler(j, j.base() + outer + 0x11);
  j.function(outer, outer_end, j.info(UNW_FLAG_EHANDLER | UNW_FLAG_UHANDLER, 5, kPushAlloc, outer_handler));
  j.publish();
  g_seen = Seen{};
  g_inner_first = g_inner_collided = 0;
  EXCEPTION_RECORD rec = make_record(0xE0000009);
  // The inner frame's landing pad returns 0x99 to the outer frame, which returns it.
  EXPECT_EQ(j.at<RaiseFn>(outer)(&rec), 0x99u);
  EXPECT_EQ(g_seen.dispatch_calls, 1);
  EXPECT_EQ(g_inner_first, 1);
  EXPECT_EQ(g_inner_collided, 1);
  EXPECT_EQ(g_seen.target_calls, 0);  // the first unwind never reached its target
}

TEST(SehDispatch, FaultOnAnotherThreadIsDispatchedThere) {
  install_fault_handlers();
  Jit j;
  j.align();
  std::uint32_t av = j.bytes({0x48, 0x83, 0xEC, 0x28, 0xB8, 0x08, 0, 0, 0, 0x48, 0x89, 0x08, 0xB8, 42, 0, 0, 0,
                              0x48, 0x83, 0xC4, 0x28, 0xC3});
  j.function(av, j.here(), j.info(0, 4, {uc(4, UWOP_ALLOC_SMALL, 4)}));
  j.publish();
  void* h = RtlAddVectoredExceptionHandler(1, skip_fault);
  DWORD64 result = 0;
  std::thread t([&] {
    init_thread_signal_stack();
    result = j.at<PlainFn>(av)();
  });
  t.join();
  EXPECT_EQ(result, 42u);
  RtlRemoveVectoredExceptionHandler(h);
}

namespace {
[[gnu::noinline]] USHORT backtrace_from_here(void** frames) {
  USHORT n = RtlCaptureStackBackTrace(0, 8, frames, nullptr);
  asm volatile("" ::: "memory");  // not a tail call: this frame must be the first one
  return n;
}
}  // namespace

TEST(SehDispatch, CaptureStackBackTraceWalksSillsOwnFrames) {
  void* frames[8] = {};
  USHORT n = backtrace_from_here(frames);
  ASSERT_GE(n, 2);
  auto first = reinterpret_cast<std::uintptr_t>(frames[0]);
  auto fn = reinterpret_cast<std::uintptr_t>(&backtrace_from_here);
  EXPECT_GT(first, fn);
  EXPECT_LT(first, fn + 0x100);
}

namespace {
int g_guard_hits;
LONG WINAPI count_guard(EXCEPTION_POINTERS* p) {
  if (p->ExceptionRecord->ExceptionCode != STATUS_GUARD_PAGE_VIOLATION) return EXCEPTION_CONTINUE_SEARCH;
  ++g_guard_hits;
  return EXCEPTION_CONTINUE_EXECUTION;  // retry: the guard is gone now
}
using ReadFn = DWORD64(WINAPI*)(const void* p);
}  // namespace

TEST(SehDispatch, GuardPageRaisesOnceThenWorks) {
  install_fault_handlers();
  void* page = nullptr;
  SIZE_T size = kPageSize;
  ASSERT_EQ(sill::ntdll::NtAllocateVirtualMemory(reinterpret_cast<HANDLE>(-1), &page, 0, &size,
                                                 MEM_COMMIT | MEM_RESERVE, PAGE_READWRITE | PAGE_GUARD),
            0);
  Jit j;
  j.align();
  std::uint32_t f = j.bytes({0x48, 0x83, 0xEC, 0x28, 0x48, 0x8B, 0x01, 0x48, 0x83, 0xC4, 0x28, 0xC3});  // mov rax,[rcx]
  j.function(f, j.here(), j.info(0, 4, {uc(4, UWOP_ALLOC_SMALL, 4)}));
  j.publish();
  void* h = RtlAddVectoredExceptionHandler(1, count_guard);
  g_guard_hits = 0;
  EXPECT_EQ(j.at<ReadFn>(f)(page), 0u);
  EXPECT_EQ(j.at<ReadFn>(f)(page), 0u);
  EXPECT_EQ(g_guard_hits, 1);
  RtlRemoveVectoredExceptionHandler(h);
  size = 0;
  sill::ntdll::NtFreeVirtualMemory(reinterpret_cast<HANDLE>(-1), &page, &size, MEM_RELEASE);
}
