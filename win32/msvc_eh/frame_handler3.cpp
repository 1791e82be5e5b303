// __CxxFrameHandler3 (and msvcrt's __CxxFrameHandler, the same tables): the
// FuncInfo of FH3 is a header of plain arrays addressed by RVA. The handler
// data in the unwind info is the RVA of the FuncInfo.
#include "base/debug.h"
#include "loader/callback.h"
#include "win32/msvc_eh/eh_state.h"
#include "win32/msvc_eh/msvc_eh.h"

SILL_DEFAULT_DEBUG_CHANNEL(cxxeh);

namespace sill::msvc_eh {
namespace {

class Tables3 final : public FrameTables {
 public:
  Tables3(const FuncInfo3* info, DWORD64 base) : info_(info), base_(base) {}

  int state_at(DWORD64 pc) const override {
    const auto* map = at<IpToStateEntry3>(info_->ip_to_state_map);
    const DWORD64 rva = pc - base_;
    int state = -1;
    for (DWORD i = 0; i < info_->ip_map_count; ++i) {
      if (static_cast<DWORD>(map[i].ip) > rva) break;
      state = map[i].state;
    }
    return state;
  }
  unsigned try_block_count() const override { return info_->try_block_count; }
  TryBlock try_block(unsigned index) const override {
    const TryBlockMapEntry3& e = at<TryBlockMapEntry3>(info_->try_block_map)[index];
    return TryBlock{e.try_low, e.try_high, e.catch_high, static_cast<unsigned>(e.handler_count)};
  }
  CatchClause clause(unsigned try_index, unsigned clause_index) const override {
    const TryBlockMapEntry3& e = at<TryBlockMapEntry3>(info_->try_block_map)[try_index];
    const HandlerType3& h = at<HandlerType3>(e.handler_array)[clause_index];
    CatchClause c;
    c.adjectives = h.adjectives;
    c.type = h.type ? at<TypeDescriptor>(h.type) : nullptr;
    c.catch_object = h.catch_object;
    c.funclet = base_ + static_cast<DWORD>(h.handler);
    c.parent_frame_offset = h.parent_frame;
    return c;
  }
  int unwind_state(int state, DWORD64 parent_frame) const override {
    if (state >= info_->max_state) {
      ERR("state %d beyond the unwind map (%d states)\n", state, info_->max_state);
      return -1;
    }
    const UnwindMapEntry3& e = at<UnwindMapEntry3>(info_->unwind_map)[state];
    if (e.action) {
      using Action = void(WINAPI*)(DWORD64, DWORD64);
      TRACE("state %d: unwind action %#x\n", state, e.action);
      loader::call_program("unwind action", reinterpret_cast<Action>(base_ + static_cast<DWORD>(e.action)), 0,
                           parent_frame);
    }
    return e.to_state;
  }
  bool is_unwind_funclet(DWORD rva) const override {
    const auto* map = at<UnwindMapEntry3>(info_->unwind_map);
    for (int i = 0; i < info_->max_state; ++i)
      if (map[i].action && static_cast<DWORD>(map[i].action) == rva) return true;
    return false;
  }
  bool state_in_code(int state, const DISPATCHER_CONTEXT* dc) const override {
    const auto* map = at<IpToStateEntry3>(info_->ip_to_state_map);
    for (DWORD i = 0; i < info_->ip_map_count; ++i) {
      const auto ip = static_cast<DWORD>(map[i].ip);
      if (map[i].state == state && ip >= dc->FunctionEntry->BeginAddress && ip < dc->FunctionEntry->EndAddress)
        return true;
    }
    return false;
  }
  bool only_cxx_exceptions() const override {
    return info_->magic >= CXX_MAGIC_3 && (info_->flags & FUNC_INFO_FLAG_EHS);
  }
  bool is_noexcept() const override { return info_->magic >= CXX_MAGIC_3 && (info_->flags & FUNC_INFO_FLAG_NOEXCEPT); }

 private:
  template <class T>
  const T* at(int rva) const {
    return reinterpret_cast<const T*>(base_ + static_cast<DWORD>(rva));
  }
  const FuncInfo3* info_;
  DWORD64 base_;
};

}  // namespace

LONG WINAPI __CxxFrameHandler3(EXCEPTION_RECORD* rec, void* frame, CONTEXT* ctx, DISPATCHER_CONTEXT* dc) noexcept {
  const auto* info = reinterpret_cast<const FuncInfo3*>(dc->ImageBase + *static_cast<const DWORD*>(dc->HandlerData));
  if (info->magic < CXX_MAGIC_1 || info->magic > CXX_MAGIC_3) {
    ERR("function at %#llx has C++ tables of unknown version %#x\n",
        static_cast<unsigned long long>(dc->ControlPc), info->magic);
    return nt::ExceptionContinueSearch;
  }
  return handle_frame(Tables3(info, dc->ImageBase), rec, ctx, dc);
}

LONG WINAPI __CxxFrameHandler(EXCEPTION_RECORD* rec, void* frame, CONTEXT* ctx, DISPATCHER_CONTEXT* dc) noexcept {
  return __CxxFrameHandler3(rec, frame, ctx, dc);
}

}  // namespace sill::msvc_eh
