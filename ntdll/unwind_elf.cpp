// Stepping over frames of Sill's own ELF code (a built-in between two PE
// frames, or a built-in that raised) with their DWARF call-frame information
// from .eh_frame, found through the GCC unwinder's _Unwind_Find_FDE. Only the
// CFA rules GCC and assemblers emit for ordinary functions are interpreted;
// anything else (DWARF expressions) stops the walk.
#include <cstring>

#include "base/debug.h"
#include "ntdll/unwind_elf.h"

SILL_DEFAULT_DEBUG_CHANNEL(unwind);

extern "C" {
struct dwarf_eh_bases {
  void* tbase;
  void* dbase;
  void* func;
};
const void* _Unwind_Find_FDE(void* pc, dwarf_eh_bases* bases);
}

namespace sill::nt {
namespace {

constexpr unsigned kRegs = 33;  // rax..r15 (0-15), return address (16), xmm0-15 (17-32)
constexpr unsigned kRa = 16;

// DWARF x86-64 register number -> CONTEXT general register index (rax=0 encoding order).
constexpr unsigned kDwarfToGpr[16] = {0, 2, 1, 3, 6, 7, 5, 4, 8, 9, 10, 11, 12, 13, 14, 15};

enum class Rule : std::uint8_t { Same, Undefined, Offset, ValOffset, Register };
struct RegRule {
  Rule rule = Rule::Same;
  std::int64_t value = 0;
};
struct Row {
  unsigned cfa_reg = 7;
  std::int64_t cfa_offset = 8;
  RegRule regs[kRegs];
};

struct Reader {
  const std::uint8_t* p;
  const std::uint8_t* end;
  bool ok = true;

  std::uint8_t u8() {
    if (p >= end) {
      ok = false;
      return 0;
    }
    return *p++;
  }
  template <class T>
  T fixed() {
    T v{};
    if (p + sizeof(T) > end) {
      ok = false;
      return v;
    }
    std::memcpy(&v, p, sizeof(T));
    p += sizeof(T);
    return v;
  }
  std::uint64_t uleb() {
    std::uint64_t v = 0;
    unsigned shift = 0;
    for (;;) {
      std::uint8_t b = u8();
      if (shift < 64) v |= static_cast<std::uint64_t>(b & 0x7F) << shift;
      shift += 7;
      if (!(b & 0x80) || !ok) return v;
    }
  }
  std::int64_t sleb() {
    std::int64_t v = 0;
    unsigned shift = 0;
    std::uint8_t b;
    do {
      b = u8();
      if (shift < 64) v |= static_cast<std::int64_t>(b & 0x7F) << shift;
      shift += 7;
    } while ((b & 0x80) && ok);
    if (shift < 64 && (b & 0x40)) v |= -(static_cast<std::int64_t>(1) << shift);
    return v;
  }
  // A pointer in DW_EH_PE encoding (absptr, udata/sdata 2/4/8, uleb/sleb; pcrel applied).
  std::uint64_t encoded(std::uint8_t enc) {
    if (enc == 0xFF) return 0;  // DW_EH_PE_omit
    const std::uint8_t* at = p;
    std::uint64_t v = 0;
    switch (enc & 0x0F) {
      case 0x00: v = fixed<std::uint64_t>(); break;
      case 0x01: v = uleb(); break;
      case 0x02: v = fixed<std::uint16_t>(); break;
      case 0x03: v = fixed<std::uint32_t>(); break;
      case 0x04: v = fixed<std::uint64_t>(); break;
      case 0x09: v = static_cast<std::uint64_t>(sleb()); break;
      case 0x0A: v = static_cast<std::uint64_t>(static_cast<std::int64_t>(fixed<std::int16_t>())); break;
      case 0x0B: v = static_cast<std::uint64_t>(static_cast<std::int64_t>(fixed<std::int32_t>())); break;
      case 0x0C: v = fixed<std::uint64_t>(); break;
      default: ok = false; return 0;
    }
    if ((enc & 0x70) == 0x10) v += reinterpret_cast<std::uint64_t>(at);  // DW_EH_PE_pcrel
    return v;
  }
};

struct Cie {
  std::uint64_t code_align = 1;
  std::int64_t data_align = 1;
  unsigned ra_reg = kRa;
  std::uint8_t fde_encoding = 0;
  bool has_z = false;
  const std::uint8_t* insns = nullptr;
  const std::uint8_t* end = nullptr;
};

bool parse_cie(const std::uint8_t* at, Cie& cie) {
  std::uint32_t len32;
  std::memcpy(&len32, at, 4);
  if (len32 == 0xFFFFFFFF) return false;  // 64-bit DWARF: not produced for x86-64 .eh_frame in practice
  Reader r{at + 4, at + 4 + len32};
  if (r.fixed<std::uint32_t>() != 0) return false;  // a CIE has id 0 in .eh_frame
  std::uint8_t version = r.u8();
  const char* aug = reinterpret_cast<const char*>(r.p);
  std::size_t aug_len = strnlen(aug, static_cast<std::size_t>(r.end - r.p));
  r.p += aug_len + 1;
  if (aug[0] == 'e' && aug[1] == 'h') r.fixed<std::uint64_t>();  // old GCC "eh" data
  cie.code_align = r.uleb();
  cie.data_align = r.sleb();
  cie.ra_reg = version == 1 ? r.u8() : static_cast<unsigned>(r.uleb());
  const std::uint8_t* aug_end = nullptr;
  bool unknown = false;
  for (const char* a = aug; *a && !unknown; ++a) {
    switch (*a) {
      case 'z': {
        std::uint64_t n = r.uleb();
        cie.has_z = true;
        aug_end = r.p + n;
        break;
      }
      case 'R': cie.fde_encoding = r.u8(); break;
      case 'L': r.u8(); break;
      case 'P': {
        std::uint8_t enc = r.u8();
        r.encoded(enc & 0x7F);
        break;
      }
      case 'S':
      case 'B':
      case 'G':
        break;
      case 'e':
      case 'h':
        break;
      default:
        if (!aug_end) return false;
        unknown = true;  // the 'z' length lets us skip what we do not understand
        break;
    }
  }
  if (aug_end) r.p = aug_end;
  cie.insns = r.p;
  cie.end = r.end;
  return r.ok;
}

// Runs CFA instructions until the location passes pc.
bool run_cfa(const std::uint8_t* p, const std::uint8_t* end, const Cie& cie, std::uint64_t loc, std::uint64_t pc,
             Row& row, const Row& initial) {
  Reader r{p, end};
  Row stack[8];
  unsigned depth = 0;
  auto reg_ok = [](std::uint64_t reg) { return reg < kRegs; };
  while (r.p < r.end && r.ok) {
    std::uint8_t op = r.u8();
    std::uint8_t low = op & 0x3F;
    switch (op >> 6) {
      case 1:  // DW_CFA_advance_loc
        loc += low * cie.code_align;
        if (loc > pc) return true;
        continue;
      case 2: {  // DW_CFA_offset
        std::int64_t off = static_cast<std::int64_t>(r.uleb()) * cie.data_align;
        if (reg_ok(low)) row.regs[low] = {Rule::Offset, off};
        continue;
      }
      case 3:  // DW_CFA_restore
        if (reg_ok(low)) row.regs[low] = initial.regs[low];
        continue;
      default:
        break;
    }
    switch (op) {
      case 0x00: break;                                               // nop
      case 0x01: loc = r.encoded(cie.fde_encoding); if (loc > pc) return true; break;  // set_loc
      case 0x02: loc += r.u8() * cie.code_align; if (loc > pc) return true; break;
      case 0x03: loc += r.fixed<std::uint16_t>() * cie.code_align; if (loc > pc) return true; break;
      case 0x04: loc += r.fixed<std::uint32_t>() * cie.code_align; if (loc > pc) return true; break;
      case 0x05: {  // offset_extended
        std::uint64_t reg = r.uleb();
        std::int64_t off = static_cast<std::int64_t>(r.uleb()) * cie.data_align;
        if (reg_ok(reg)) row.regs[reg] = {Rule::Offset, off};
        break;
      }
      case 0x06: {  // restore_extended
        std::uint64_t reg = r.uleb();
        if (reg_ok(reg)) row.regs[reg] = initial.regs[reg];
        break;
      }
      case 0x07: {  // undefined
        std::uint64_t reg = r.uleb();
        if (reg_ok(reg)) row.regs[reg] = {Rule::Undefined, 0};
        break;
      }
      case 0x08: {  // same_value
        std::uint64_t reg = r.uleb();
        if (reg_ok(reg)) row.regs[reg] = {Rule::Same, 0};
        break;
      }
      case 0x09: {  // register
        std::uint64_t reg = r.uleb();
        std::uint64_t from = r.uleb();
        if (reg_ok(reg)) row.regs[reg] = {Rule::Register, static_cast<std::int64_t>(from)};
        break;
      }
      case 0x0A:  // remember_state
        if (depth == 8) return false;
        stack[depth++] = row;
        break;
      case 0x0B:  // restore_state
        if (depth == 0) return false;
        row = stack[--depth];  // the CFA rule too: epilogs remember the body's rule and restore it
        break;
      case 0x0C: row.cfa_reg = static_cast<unsigned>(r.uleb()); row.cfa_offset = static_cast<std::int64_t>(r.uleb()); break;
      case 0x0D: row.cfa_reg = static_cast<unsigned>(r.uleb()); break;
      case 0x0E: row.cfa_offset = static_cast<std::int64_t>(r.uleb()); break;
      case 0x11: {  // offset_extended_sf
        std::uint64_t reg = r.uleb();
        std::int64_t off = r.sleb() * cie.data_align;
        if (reg_ok(reg)) row.regs[reg] = {Rule::Offset, off};
        break;
      }
      case 0x12: row.cfa_reg = static_cast<unsigned>(r.uleb()); row.cfa_offset = r.sleb() * cie.data_align; break;
      case 0x13: row.cfa_offset = r.sleb() * cie.data_align; break;
      case 0x14: {  // val_offset
        std::uint64_t reg = r.uleb();
        std::int64_t off = static_cast<std::int64_t>(r.uleb()) * cie.data_align;
        if (reg_ok(reg)) row.regs[reg] = {Rule::ValOffset, off};
        break;
      }
      case 0x15: {  // val_offset_sf
        std::uint64_t reg = r.uleb();
        std::int64_t off = r.sleb() * cie.data_align;
        if (reg_ok(reg)) row.regs[reg] = {Rule::ValOffset, off};
        break;
      }
      case 0x2E: r.uleb(); break;  // GNU_args_size
      case 0x2F: {                 // GNU_negative_offset_extended
        std::uint64_t reg = r.uleb();
        std::int64_t off = -static_cast<std::int64_t>(r.uleb()) * cie.data_align;
        if (reg_ok(reg)) row.regs[reg] = {Rule::Offset, off};
        break;
      }
      default:
        // DW_CFA_def_cfa_expression, DW_CFA_expression, ...: not needed for Sill's own functions.
        FIXME_ONCE("DWARF CFA opcode %#x not supported\n", op);
        return false;
    }
  }
  return r.ok;
}

std::uint64_t gpr_of(const CONTEXT& ctx, unsigned dwarf) {
  return const_cast<CONTEXT&>(ctx).gpr(kDwarfToGpr[dwarf]);
}

}  // namespace

bool unwind_elf_frame(CONTEXT& ctx, bool is_return_address) {
  // A return address may be one past a call at the end of a function: look up the call itself.
  const std::uint64_t pc = ctx.Rip - (is_return_address ? 1 : 0);
  dwarf_eh_bases bases{};
  const auto* fde = static_cast<const std::uint8_t*>(_Unwind_Find_FDE(reinterpret_cast<void*>(pc), &bases));
  if (!fde) return false;
  std::uint32_t len32;
  std::memcpy(&len32, fde, 4);
  if (len32 == 0xFFFFFFFF || len32 == 0) return false;
  std::int32_t cie_delta;
  std::memcpy(&cie_delta, fde + 4, 4);
  Cie cie;
  if (!parse_cie(fde + 4 - cie_delta, cie)) return false;
  Reader r{fde + 8, fde + 4 + len32};
  std::uint64_t begin = r.encoded(cie.fde_encoding);
  r.encoded(cie.fde_encoding & 0x0F);  // range
  if (cie.has_z) r.p += r.uleb();
  if (!r.ok) return false;

  Row initial;
  if (!run_cfa(cie.insns, cie.end, cie, begin, ~0ull, initial, initial)) return false;
  Row row = initial;
  if (!run_cfa(r.p, r.end, cie, begin, pc, row, initial)) return false;
  if (row.cfa_reg >= 16) return false;

  const std::uint64_t cfa = gpr_of(ctx, row.cfa_reg) + row.cfa_offset;
  CONTEXT next = ctx;
  for (unsigned reg = 0; reg < kRegs; ++reg) {
    const RegRule& rule = row.regs[reg];
    if (rule.rule == Rule::Same || rule.rule == Rule::Undefined) continue;
    const std::uint64_t addr = cfa + rule.value;
    if (reg < 16) {
      std::uint64_t v = 0;
      if (rule.rule == Rule::Offset)
        std::memcpy(&v, reinterpret_cast<const void*>(addr), 8);
      else if (rule.rule == Rule::ValOffset)
        v = addr;
      else
        v = rule.value < 16 ? gpr_of(ctx, static_cast<unsigned>(rule.value)) : 0;
      next.gpr(kDwarfToGpr[reg]) = v;
    } else if (reg == cie.ra_reg) {
      if (rule.rule == Rule::Offset) std::memcpy(&next.Rip, reinterpret_cast<const void*>(addr), 8);
    } else if (reg >= 17 && rule.rule == Rule::Offset) {
      std::memcpy(&next.xmm(reg - 17), reinterpret_cast<const void*>(addr), 16);
    }
  }
  if (row.regs[cie.ra_reg].rule != Rule::Offset) return false;  // outermost frame (e.g. .cfi_undefined rip)
  next.Rsp = cfa;
  TRACE("ELF frame %#llx -> %#llx (cfa %#llx)\n", static_cast<unsigned long long>(ctx.Rip),
        static_cast<unsigned long long>(next.Rip), static_cast<unsigned long long>(cfa));
  ctx = next;
  return true;
}

}  // namespace sill::nt
