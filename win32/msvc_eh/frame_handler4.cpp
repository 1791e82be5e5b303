// __CxxFrameHandler4: the compressed tables of MSVC 2019 and later ("FH4").
// Numbers are variable-length: the low bits of the first byte say how many
// bytes follow (x...0: 1 byte, ..01: 2, .011: 3, 0111: 4, 1111: a 4-byte
// value after it), the value being the rest of the bits. RVAs are plain 4-byte
// values. States are the positions of the unwind map's entries, and each entry
// names the one unwinding leads to by a byte offset back from itself. The
// handler data in the unwind info is the RVA of the function's FuncInfo4;
// every catch funclet has its own, marked as such and giving where the funclet
// keeps its parent's frame.
//
// No compiler available here emits FH4 (clang emits FH3), so these decoders
// follow the published descriptions of the format and have no test program.
#include "base/debug.h"
#include "loader/callback.h"
#include "win32/msvc_eh/eh_state.h"
#include "win32/msvc_eh/msvc_eh.h"

SILL_DEFAULT_DEBUG_CHANNEL(cxxeh);

namespace sill::msvc_eh {
namespace {

// FuncInfo4 header flags
constexpr BYTE FI4_IS_CATCH = 0x01, FI4_IS_SEPARATED = 0x02, FI4_BBT = 0x04, FI4_UNWIND_MAP = 0x08,
               FI4_TRY_BLOCK_MAP = 0x10, FI4_EHS = 0x20, FI4_NOEXCEPT = 0x40;
// HandlerType4 header flags
constexpr BYTE HT4_ADJECTIVES = 0x01, HT4_TYPE = 0x02, HT4_CATCH_OBJECT = 0x04, HT4_CONTINUATION_RVA = 0x08,
               HT4_CONTINUATION_COUNT = 0x30;
// UnwindMapEntry4 kinds
enum : DWORD { kNoUnwind = 0, kDestructorOfObject = 1, kDestructorOfPointedObject = 2, kFunclet = 3 };

class Reader {
 public:
  explicit Reader(const BYTE* p) : p_(p) {}
  DWORD number() {
    const BYTE first = *p_;
    if ((first & 0x01) == 0) return take(1) >> 1;
    if ((first & 0x03) == 0x01) return take(2) >> 2;
    if ((first & 0x07) == 0x03) return take(3) >> 3;
    if ((first & 0x0F) == 0x07) return take(4) >> 4;
    ++p_;
    return take(4);
  }
  int rva() { return static_cast<int>(take(4)); }
  BYTE byte() { return *p_++; }
  const BYTE* position() const { return p_; }

 private:
  DWORD take(int n) {
    DWORD v = 0;
    for (int i = 0; i < n; ++i) v |= DWORD{p_[i]} << (8 * i);
    p_ += n;
    return v;
  }
  const BYTE* p_;
};

struct UnwindEntry {
  const BYTE* start;
  DWORD kind;
  DWORD back;  // bytes from this entry back to the entry of the state it leads to
  int action;
  DWORD object;
};

class Tables4 final : public FrameTables {
 public:
  Tables4(const BYTE* info, const DISPATCHER_CONTEXT* dc) : base_(dc->ImageBase) {
    function_start_ = dc->ImageBase + dc->FunctionEntry->BeginAddress;
    Reader r(info);
    flags_ = r.byte();
    if (flags_ & FI4_BBT) r.number();
    if (flags_ & FI4_UNWIND_MAP) unwind_map_ = r.rva();
    if (flags_ & FI4_TRY_BLOCK_MAP) try_block_map_ = r.rva();
    ip_map_ = r.rva();
    if (flags_ & FI4_IS_SEPARATED) ip_map_ = segment_ip_map(ip_map_, dc->FunctionEntry->BeginAddress);
    if (flags_ & FI4_IS_CATCH) parent_frame_offset_ = static_cast<int>(r.number());
  }

  int state_at(DWORD64 pc) const override {
    if (!ip_map_) return -1;
    Reader r(at(ip_map_));
    const DWORD count = r.number();
    const DWORD64 offset = pc - function_start_;
    DWORD64 ip = 0;
    int state = -1;
    for (DWORD i = 0; i < count; ++i) {
      ip += r.number();
      const int s = static_cast<int>(r.number()) - 1;
      if (ip > offset) break;
      state = s;
    }
    return state;
  }
  unsigned try_block_count() const override { return try_block_map_ ? Reader(at(try_block_map_)).number() : 0; }
  TryBlock try_block(unsigned index) const override {
    Reader r = try_block_reader(index);
    TryBlock tb;
    tb.low = static_cast<int>(r.number());
    tb.high = static_cast<int>(r.number());
    tb.catch_high = static_cast<int>(r.number());
    tb.clause_count = Reader(at(r.rva())).number();
    return tb;
  }
  CatchClause clause(unsigned try_index, unsigned clause_index) const override {
    Reader t = try_block_reader(try_index);
    t.number(), t.number(), t.number();
    Reader r(at(t.rva()));
    r.number();  // the count
    CatchClause c;
    for (unsigned i = 0; i <= clause_index; ++i) c = read_clause(r);
    return c;
  }
  int unwind_state(int state, DWORD64 parent_frame) const override {
    UnwindEntry e;
    if (!unwind_entry(state, e)) {
      ERR("state %d beyond the unwind map\n", state);
      return -1;
    }
    const DWORD64 action = base_ + static_cast<DWORD>(e.action);
    if (e.kind == kFunclet) {
      using Funclet = void(WINAPI*)(DWORD64, DWORD64);
      loader::call_program("unwind action", reinterpret_cast<Funclet>(action), 0, parent_frame);
    } else if (e.kind == kDestructorOfObject || e.kind == kDestructorOfPointedObject) {
      using Destructor = void(WINAPI*)(void*);
      void* object = reinterpret_cast<void*>(parent_frame + e.object);
      if (e.kind == kDestructorOfPointedObject) object = *static_cast<void**>(object);
      loader::call_program("destructor", reinterpret_cast<Destructor>(action), object);
    }
    // The entry it leads to starts `back` bytes before it; none (state -1) when that is before the first.
    const BYTE* next = e.back ? e.start - e.back : nullptr;
    UnwindEntry candidate;
    for (int s = 0; next && s < state && unwind_entry(s, candidate); ++s)
      if (candidate.start == next) return s;
    return -1;
  }
  bool is_unwind_funclet(DWORD rva) const override {
    UnwindEntry e;
    for (int s = 0; unwind_entry(s, e); ++s)
      if (e.kind == kFunclet && static_cast<DWORD>(e.action) == rva) return true;
    return false;
  }
  bool state_in_code(int state, const DISPATCHER_CONTEXT*) const override {
    if (!ip_map_) return false;
    Reader r(at(ip_map_));  // this FuncInfo's map covers exactly its function or funclet
    const DWORD count = r.number();
    for (DWORD i = 0; i < count; ++i) {
      r.number();
      if (static_cast<int>(r.number()) - 1 == state) return true;
    }
    return false;
  }
  bool only_cxx_exceptions() const override { return flags_ & FI4_EHS; }
  bool is_noexcept() const override { return flags_ & FI4_NOEXCEPT; }
  int funclet_parent_frame_offset() const override { return parent_frame_offset_; }

 private:
  const BYTE* at(int rva) const { return reinterpret_cast<const BYTE*>(base_ + static_cast<DWORD>(rva)); }

  // Separated code: the IP map of the segment that starts where this function (part) does.
  int segment_ip_map(int rva, DWORD function_rva) const {
    Reader r(at(rva));
    const DWORD count = r.number();
    for (DWORD i = 0; i < count; ++i) {
      const int start = r.rva();
      const int map = r.rva();
      if (static_cast<DWORD>(start) == function_rva) return map;
    }
    ERR("no IP-to-state map for the code segment at %#x\n", function_rva);
    return 0;
  }

  // Entry `state` of the unwind map (decoded from the start: entries have no fixed size).
  // Nothing is kept on the heap: a handler that finds a catch never returns to free it.
  bool unwind_entry(int state, UnwindEntry& e) const {
    if (!unwind_map_ || state < 0) return false;
    Reader r(at(unwind_map_));
    const DWORD count = r.number();
    if (static_cast<DWORD>(state) >= count) return false;
    for (int i = 0; i <= state; ++i) {
      e = UnwindEntry{};
      e.start = r.position();
      const DWORD word = r.number();
      e.kind = word & 3;
      e.back = word >> 2;
      if (e.kind == kDestructorOfObject || e.kind == kDestructorOfPointedObject) {
        e.action = r.rva();
        e.object = r.number();
      } else if (e.kind == kFunclet) {
        e.action = r.rva();
      }
    }
    return true;
  }

  Reader try_block_reader(unsigned index) const {
    Reader r(at(try_block_map_));
    r.number();  // the count
    for (unsigned i = 0; i < index; ++i) r.number(), r.number(), r.number(), r.rva();
    return r;
  }

  CatchClause read_clause(Reader& r) const {
    CatchClause c;
    const BYTE header = r.byte();
    if (header & HT4_ADJECTIVES) c.adjectives = r.number();
    if (header & HT4_TYPE) {
      const int type = r.rva();
      c.type = type ? reinterpret_cast<const TypeDescriptor*>(at(type)) : nullptr;
    }
    if (header & HT4_CATCH_OBJECT) c.catch_object = static_cast<int>(r.number());
    c.funclet = base_ + static_cast<DWORD>(r.rva());
    c.continuation_count = (header & HT4_CONTINUATION_COUNT) >> 4;
    for (unsigned i = 0; i < c.continuation_count && i < 2; ++i) {
      // Continuation addresses are RVAs, or offsets from the start of the function holding the try.
      c.continuation[i] = (header & HT4_CONTINUATION_RVA) ? base_ + static_cast<DWORD>(r.rva())
                                                          : function_start_ + r.number();
    }
    return c;
  }

  DWORD64 base_;
  DWORD64 function_start_ = 0;
  BYTE flags_ = 0;
  int unwind_map_ = 0;
  int try_block_map_ = 0;
  int ip_map_ = 0;
  int parent_frame_offset_ = -1;
};

}  // namespace

LONG WINAPI __CxxFrameHandler4(EXCEPTION_RECORD* rec, void* frame, CONTEXT* ctx, DISPATCHER_CONTEXT* dc) noexcept {
  const BYTE* info = reinterpret_cast<const BYTE*>(dc->ImageBase + *static_cast<const DWORD*>(dc->HandlerData));
  return handle_frame(Tables4(info, dc), rec, ctx, dc);
}

}  // namespace sill::msvc_eh
