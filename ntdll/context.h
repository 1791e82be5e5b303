// The x64 CONTEXT record and the register capture/restore primitives.
// Layout follows winnt.h for AMD64 exactly: PE code reads and writes fields
// by offset (handlers change Rip, runtimes read Rsp/Rbp).
#pragma once
#include <cstddef>
#include <cstdint>

#include "base/wintypes.h"

namespace sill::nt {

using namespace sill::win;

struct alignas(16) M128A {
  ULONGLONG Low;
  LONGLONG High;
};
static_assert(sizeof(M128A) == 16);

// FXSAVE image (the x87/SSE state as the fxsave instruction writes it).
struct alignas(16) XMM_SAVE_AREA32 {
  WORD ControlWord;
  WORD StatusWord;
  BYTE TagWord;
  BYTE Reserved1;
  WORD ErrorOpcode;
  DWORD ErrorOffset;
  WORD ErrorSelector;
  WORD Reserved2;
  DWORD DataOffset;
  WORD DataSelector;
  WORD Reserved3;
  DWORD MxCsr;
  DWORD MxCsr_Mask;
  M128A FloatRegisters[8];
  M128A XmmRegisters[16];
  BYTE Reserved4[96];
};
static_assert(sizeof(XMM_SAVE_AREA32) == 512);
static_assert(offsetof(XMM_SAVE_AREA32, MxCsr) == 24);
static_assert(offsetof(XMM_SAVE_AREA32, FloatRegisters) == 32);
static_assert(offsetof(XMM_SAVE_AREA32, XmmRegisters) == 160);

inline constexpr DWORD CONTEXT_AMD64 = 0x00100000;
inline constexpr DWORD CONTEXT_CONTROL = CONTEXT_AMD64 | 0x1;
inline constexpr DWORD CONTEXT_INTEGER = CONTEXT_AMD64 | 0x2;
inline constexpr DWORD CONTEXT_SEGMENTS = CONTEXT_AMD64 | 0x4;
inline constexpr DWORD CONTEXT_FLOATING_POINT = CONTEXT_AMD64 | 0x8;
inline constexpr DWORD CONTEXT_DEBUG_REGISTERS = CONTEXT_AMD64 | 0x10;
inline constexpr DWORD CONTEXT_FULL = CONTEXT_CONTROL | CONTEXT_INTEGER | CONTEXT_FLOATING_POINT;
inline constexpr DWORD CONTEXT_ALL = CONTEXT_FULL | CONTEXT_SEGMENTS | CONTEXT_DEBUG_REGISTERS;

struct alignas(16) CONTEXT {
  DWORD64 P1Home, P2Home, P3Home, P4Home, P5Home, P6Home;
  DWORD ContextFlags;
  DWORD MxCsr;
  WORD SegCs, SegDs, SegEs, SegFs, SegGs, SegSs;
  DWORD EFlags;
  DWORD64 Dr0, Dr1, Dr2, Dr3, Dr6, Dr7;
  DWORD64 Rax, Rcx, Rdx, Rbx, Rsp, Rbp, Rsi, Rdi;
  DWORD64 R8, R9, R10, R11, R12, R13, R14, R15;
  DWORD64 Rip;
  union {
    XMM_SAVE_AREA32 FltSave;
    struct {
      M128A Header[2];
      M128A Legacy[8];
      M128A Xmm0, Xmm1, Xmm2, Xmm3, Xmm4, Xmm5, Xmm6, Xmm7;
      M128A Xmm8, Xmm9, Xmm10, Xmm11, Xmm12, Xmm13, Xmm14, Xmm15;
    } s;
  } u;
  M128A VectorRegister[26];
  DWORD64 VectorControl;
  DWORD64 DebugControl;
  DWORD64 LastBranchToRip;
  DWORD64 LastBranchFromRip;
  DWORD64 LastExceptionToRip;
  DWORD64 LastExceptionFromRip;

  // Integer register n in the x64 encoding order (rax=0 ... r15=15), as unwind codes name them.
  DWORD64& gpr(unsigned n) { return (&Rax)[n]; }
  M128A& xmm(unsigned n) { return u.FltSave.XmmRegisters[n]; }
};
static_assert(sizeof(CONTEXT) == 1232 && alignof(CONTEXT) == 16);
static_assert(offsetof(CONTEXT, ContextFlags) == 0x30 && offsetof(CONTEXT, MxCsr) == 0x34);
static_assert(offsetof(CONTEXT, SegCs) == 0x38 && offsetof(CONTEXT, SegSs) == 0x42);
static_assert(offsetof(CONTEXT, EFlags) == 0x44 && offsetof(CONTEXT, Dr0) == 0x48);
static_assert(offsetof(CONTEXT, Dr7) == 0x70 && offsetof(CONTEXT, Rax) == 0x78);
static_assert(offsetof(CONTEXT, Rsp) == 0x98 && offsetof(CONTEXT, Rbp) == 0xA0);
static_assert(offsetof(CONTEXT, R8) == 0xB8 && offsetof(CONTEXT, R15) == 0xF0);
static_assert(offsetof(CONTEXT, Rip) == 0xF8 && offsetof(CONTEXT, u) == 0x100);
static_assert(offsetof(CONTEXT, u.s.Xmm0) == 0x1A0 && offsetof(CONTEXT, u.s.Xmm15) == 0x290);
static_assert(offsetof(CONTEXT, VectorRegister) == 0x300 && offsetof(CONTEXT, VectorControl) == 0x4A0);
static_assert(offsetof(CONTEXT, DebugControl) == 0x4A8 && offsetof(CONTEXT, LastExceptionFromRip) == 0x4C8);

// Where RtlVirtualUnwind found each saved nonvolatile register (null: not saved by this frame).
struct KNONVOLATILE_CONTEXT_POINTERS {
  M128A* FloatingContext[16];  // xmm0..xmm15
  DWORD64* IntegerContext[16]; // rax..r15
};
static_assert(sizeof(KNONVOLATILE_CONTEXT_POINTERS) == 256);

}  // namespace sill::nt

// Implemented in context.S.
extern "C" {
// Fills ctx with the caller's registers: Rip = return address, Rsp = caller's rsp after return.
void WINAPI RtlCaptureContext(sill::nt::CONTEXT* ctx) noexcept;
// Loads every register of ctx (integer, eflags arithmetic flags, x87/SSE, mxcsr) and jumps to ctx->Rip.
[[noreturn]] void sill_restore_context_raw(const sill::nt::CONTEXT* ctx) noexcept;
}
