// RtlVirtualUnwind on hand-built functions: code bytes, RUNTIME_FUNCTION and
// UNWIND_INFO laid out in a fake image, and a fake stack holding what the
// prolog saved. No loader or TEB is needed.
#include <gtest/gtest.h>

#include <cstring>
#include <vector>

#include "ntdll/unwind.h"

using namespace sill::nt;

namespace {

constexpr unsigned RAX = 0, RCX = 1, RBX = 3, RSP = 4, RBP = 5, RSI = 6, R12 = 12;

// A fake image: code at 0x100, RUNTIME_FUNCTIONs at 0x800, unwind infos from 0x900.
struct Image {
  alignas(16) std::uint8_t bytes[0x2000] = {};
  std::uint32_t next_info = 0x900;
  std::uint32_t next_fn = 0x800;

  DWORD64 base() const { return reinterpret_cast<DWORD64>(bytes); }
  void code(std::uint32_t rva, std::initializer_list<std::uint8_t> b) { std::memcpy(bytes + rva, b.begin(), b.size()); }

  // codes: raw UNWIND_CODE slots as 16-bit values; tail: extra 32-bit words after the (even-padded) codes.
  std::uint32_t info(std::uint8_t flags, std::uint8_t prolog, std::uint8_t frame_reg, std::uint8_t frame_off,
                     std::vector<std::uint16_t> codes, std::vector<std::uint32_t> tail = {}, std::uint8_t version = 1) {
    std::uint32_t rva = next_info;
    std::uint8_t* p = bytes + rva;
    p[0] = static_cast<std::uint8_t>(version | (flags << 3));
    p[1] = prolog;
    p[2] = static_cast<std::uint8_t>(codes.size());
    p[3] = static_cast<std::uint8_t>(frame_reg | (frame_off << 4));
    std::memcpy(p + 4, codes.data(), codes.size() * 2);
    std::size_t off = 4 + ((codes.size() + 1) & ~std::size_t{1}) * 2;
    std::memcpy(p + off, tail.data(), tail.size() * 4);
    next_info = (rva + static_cast<std::uint32_t>(off + tail.size() * 4) + 15) & ~15u;
    return rva;
  }
  RUNTIME_FUNCTION* function(std::uint32_t begin, std::uint32_t end, std::uint32_t info_rva) {
    auto* fn = reinterpret_cast<RUNTIME_FUNCTION*>(bytes + next_fn);
    *fn = {begin, end, info_rva};
    next_fn += sizeof(RUNTIME_FUNCTION);
    return fn;
  }
};

// An UNWIND_CODE slot: offset in prolog, opcode, op info.
std::uint16_t uc(std::uint8_t offset, std::uint8_t op, std::uint8_t info) {
  return static_cast<std::uint16_t>(offset | (op << 8) | (info << 12));
}

struct Stack {
  alignas(16) DWORD64 slots[512] = {};
  DWORD64 at(unsigned byte_offset) { return reinterpret_cast<DWORD64>(slots) + byte_offset; }
  void put(unsigned byte_offset, DWORD64 v) { std::memcpy(reinterpret_cast<void*>(at(byte_offset)), &v, 8); }
};

CONTEXT fresh() {
  CONTEXT c;
  std::memset(&c, 0, sizeof c);
  for (unsigned i = 0; i < 16; ++i) c.gpr(i) = 0xAA00 + i;
  return c;
}

constexpr DWORD64 kRet = 0x140001234;

}  // namespace

TEST(SehUnwind, PushAndSmallAllocInBody) {
  Image img;
  // push rbx; sub rsp, 0x28; nop...
  img.code(0x100, {0x53, 0x48, 0x83, 0xEC, 0x28, 0x90, 0x90, 0x90});
  auto* fn = img.function(0x100, 0x140, img.info(0, 5, 0, 0, {uc(5, UWOP_ALLOC_SMALL, 4), uc(1, UWOP_PUSH_NONVOL, RBX)}));
  Stack st;
  st.put(0x28, 0x1111);
  st.put(0x30, kRet);
  CONTEXT c = fresh();
  c.Rsp = st.at(0);
  DWORD64 frame = 0;
  void* data = reinterpret_cast<void*>(1);
  KNONVOLATILE_CONTEXT_POINTERS ptrs{};
  auto h = RtlVirtualUnwind(UNW_FLAG_EHANDLER, img.base(), img.base() + 0x106, fn, &c, &data, &frame, &ptrs);
  EXPECT_EQ(h, nullptr);
  EXPECT_EQ(data, nullptr);
  EXPECT_EQ(frame, st.at(0));
  EXPECT_EQ(c.Rbx, 0x1111u);
  EXPECT_EQ(c.Rip, kRet);
  EXPECT_EQ(c.Rsp, st.at(0x38));
  EXPECT_EQ(ptrs.IntegerContext[RBX], reinterpret_cast<DWORD64*>(st.at(0x28)));
  EXPECT_EQ(c.Rsi, 0xAA00u + RSI);  // untouched
}

TEST(SehUnwind, PartialProlog) {
  Image img;
  img.code(0x100, {0x53, 0x48, 0x83, 0xEC, 0x28, 0x90});
  auto* fn = img.function(0x100, 0x140, img.info(0, 5, 0, 0, {uc(5, UWOP_ALLOC_SMALL, 4), uc(1, UWOP_PUSH_NONVOL, RBX)}));
  {  // after push rbx, before sub
    Stack st;
    st.put(0, 0x2222);
    st.put(8, kRet);
    CONTEXT c = fresh();
    c.Rsp = st.at(0);
    DWORD64 frame;
    void* data;
    RtlVirtualUnwind(UNW_FLAG_EHANDLER, img.base(), img.base() + 0x101, fn, &c, &data, &frame, nullptr);
    EXPECT_EQ(c.Rbx, 0x2222u);
    EXPECT_EQ(c.Rip, kRet);
    EXPECT_EQ(c.Rsp, st.at(16));
  }
  {  // at the first instruction: nothing happened yet
    Stack st;
    st.put(0, kRet);
    CONTEXT c = fresh();
    c.Rsp = st.at(0);
    DWORD64 frame;
    void* data;
    RtlVirtualUnwind(UNW_FLAG_EHANDLER, img.base(), img.base() + 0x100, fn, &c, &data, &frame, nullptr);
    EXPECT_EQ(c.Rbx, 0xAA00u + RBX);
    EXPECT_EQ(c.Rip, kRet);
    EXPECT_EQ(c.Rsp, st.at(8));
  }
}

TEST(SehUnwind, AllocLargeBothForms) {
  Image img;
  img.code(0x100, {0x90});
  // OpInfo 0: size/8 in one slot (0x1000 bytes -> 0x200)
  auto* fn1 = img.function(0x100, 0x140, img.info(0, 7, 0, 0, {uc(7, UWOP_ALLOC_LARGE, 0), 0x200}));
  // OpInfo 1: 32-bit size in two slots (0x18 bytes, unscaled)
  auto* fn2 = img.function(0x100, 0x140, img.info(0, 7, 0, 0, {uc(7, UWOP_ALLOC_LARGE, 1), 0x18, 0x0000}));
  Stack st;
  st.put(0x1000, kRet);
  st.put(0x18, kRet + 1);
  DWORD64 frame;
  void* data;
  CONTEXT c = fresh();
  c.Rsp = st.at(0);
  RtlVirtualUnwind(0, img.base(), img.base() + 0x120, fn1, &c, &data, &frame, nullptr);
  EXPECT_EQ(c.Rip, kRet);
  EXPECT_EQ(c.Rsp, st.at(0x1008));
  c = fresh();
  c.Rsp = st.at(0);
  RtlVirtualUnwind(0, img.base(), img.base() + 0x120, fn2, &c, &data, &frame, nullptr);
  EXPECT_EQ(c.Rip, kRet + 1);
  EXPECT_EQ(c.Rsp, st.at(0x20));
}

TEST(SehUnwind, FramePointerSavesAndXmm) {
  Image img;
  img.code(0x100, {0x90});
  // push rbp; sub rsp,0x40; lea rbp,[rsp+0x20]; mov [rsp+0x30],rsi; movaps [rsp+0x10],xmm6; ... r12 far
  auto* fn = img.function(
      0x100, 0x180,
      img.info(0, 0x20, RBP, 2,
               {uc(0x20, UWOP_SAVE_XMM128_FAR, 7), 0x0018, 0x0000,  // xmm7 at base+0x18 (unscaled)
                uc(0x1C, UWOP_SAVE_NONVOL_FAR, R12), 0x0028, 0x0000,  // r12 at base+0x28
                uc(0x18, UWOP_SAVE_XMM128, 6), 0x0001,  // xmm6 at base+0x10
                uc(0x12, UWOP_SAVE_NONVOL, RSI), 0x0006,  // rsi at base+0x30
                uc(0x0A, UWOP_SET_FPREG, 0), uc(0x05, UWOP_ALLOC_SMALL, 7), uc(0x01, UWOP_PUSH_NONVOL, RBP)}));
  Stack st;
  const unsigned base = 0x200;  // frame base; rsp went further down (alloca)
  st.put(base + 0x10, 0x6666);
  st.put(base + 0x18, 0x6667);
  st.put(base + 0x20, 0x7777);  // xmm7 low (base+0x18 .. 0x28 is xmm7: low at 0x18)
  st.put(base + 0x28, 0x1212);
  st.put(base + 0x30, 0x5151);
  st.put(base + 0x40, 0xBBBB);  // saved rbp
  st.put(base + 0x48, kRet);
  CONTEXT c = fresh();
  c.Rsp = st.at(0x40);
  c.Rbp = st.at(base + 0x20);
  DWORD64 frame;
  void* data;
  KNONVOLATILE_CONTEXT_POINTERS ptrs{};
  RtlVirtualUnwind(0, img.base(), img.base() + 0x150, fn, &c, &data, &frame, &ptrs);
  EXPECT_EQ(frame, st.at(base));
  EXPECT_EQ(c.Rsi, 0x5151u);
  EXPECT_EQ(c.R12, 0x1212u);
  EXPECT_EQ(c.Rbp, 0xBBBBu);
  EXPECT_EQ(c.Rip, kRet);
  EXPECT_EQ(c.Rsp, st.at(base + 0x50));
  EXPECT_EQ(c.u.s.Xmm6.Low, 0x6666u);
  EXPECT_EQ(static_cast<DWORD64>(c.u.s.Xmm6.High), 0x6667u);
  EXPECT_EQ(c.u.s.Xmm7.Low, 0x6667u);
  EXPECT_EQ(static_cast<DWORD64>(c.u.s.Xmm7.High), 0x7777u);
  EXPECT_EQ(ptrs.FloatingContext[6], reinterpret_cast<M128A*>(st.at(base + 0x10)));
  EXPECT_EQ(ptrs.IntegerContext[RSI], reinterpret_cast<DWORD64*>(st.at(base + 0x30)));
}

TEST(SehUnwind, FramePointerBeforeSetFpregUsesRsp) {
  Image img;
  img.code(0x100, {0x90});
  auto* fn = img.function(0x100, 0x180,
                          img.info(0, 0x0A, RBP, 2,
                                   {uc(0x0A, UWOP_SET_FPREG, 0), uc(0x05, UWOP_ALLOC_SMALL, 7),
                                    uc(0x01, UWOP_PUSH_NONVOL, RBP)}));
  Stack st;
  st.put(0x40, 0xBBBB);
  st.put(0x48, kRet);
  CONTEXT c = fresh();
  c.Rsp = st.at(0);
  c.Rbp = 0xDEAD;  // not yet a frame pointer
  DWORD64 frame;
  void* data;
  RtlVirtualUnwind(0, img.base(), img.base() + 0x105, fn, &c, &data, &frame, nullptr);
  EXPECT_EQ(frame, st.at(0));
  EXPECT_EQ(c.Rbp, 0xBBBBu);
  EXPECT_EQ(c.Rip, kRet);
  EXPECT_EQ(c.Rsp, st.at(0x50));
}

TEST(SehUnwind, MachineFrame) {
  Image img;
  img.code(0x100, {0x90});
  auto* plain = img.function(0x100, 0x140, img.info(0, 0, 0, 0, {uc(0, UWOP_PUSH_MACHFRAME, 0)}));
  auto* with_error = img.function(0x100, 0x140, img.info(0, 0, 0, 0, {uc(0, UWOP_PUSH_MACHFRAME, 1)}));
  Stack st;
  st.put(0x00, 0xEEEE);  // error code (second case)
  st.put(0x08, kRet);
  st.put(0x10, 0x33);
  st.put(0x18, 0x246);
  st.put(0x20, 0x7FFF0000);
  st.put(0x28, 0x2B);
  DWORD64 frame;
  void* data;
  CONTEXT c = fresh();
  c.Rsp = st.at(8);
  RtlVirtualUnwind(0, img.base(), img.base() + 0x110, plain, &c, &data, &frame, nullptr);
  EXPECT_EQ(c.Rip, kRet);
  EXPECT_EQ(c.Rsp, 0x7FFF0000u);
  EXPECT_EQ(c.EFlags, 0x246u);
  EXPECT_EQ(c.SegSs, 0x2B);
  c = fresh();
  c.Rsp = st.at(0);
  RtlVirtualUnwind(0, img.base(), img.base() + 0x110, with_error, &c, &data, &frame, nullptr);
  EXPECT_EQ(c.Rip, kRet);
  EXPECT_EQ(c.Rsp, 0x7FFF0000u);
}

TEST(SehUnwind, ChainedInfo) {
  Image img;
  img.code(0x100, {0x90});
  // Parent: push rbx. Fragment (0x140..0x160): sub rsp,0x20 then chains to the parent.
  std::uint32_t parent_info = img.info(0, 1, 0, 0, {uc(1, UWOP_PUSH_NONVOL, RBX)});
  std::uint32_t frag_info = img.info(UNW_FLAG_CHAININFO, 4, 0, 0, {uc(4, UWOP_ALLOC_SMALL, 3)},
                                     {0x100, 0x140, parent_info});
  auto* frag = img.function(0x140, 0x160, frag_info);
  Stack st;
  st.put(0x20, 0x3333);
  st.put(0x28, kRet);
  CONTEXT c = fresh();
  c.Rsp = st.at(0);
  DWORD64 frame;
  void* data;
  RtlVirtualUnwind(0, img.base(), img.base() + 0x150, frag, &c, &data, &frame, nullptr);
  EXPECT_EQ(c.Rbx, 0x3333u);
  EXPECT_EQ(c.Rip, kRet);
  EXPECT_EQ(c.Rsp, st.at(0x30));
}

TEST(SehUnwind, EpilogAddPopRet) {
  Image img;
  // body ... add rsp,0x20; pop rbx; pop r12; ret
  img.code(0x120, {0x48, 0x83, 0xC4, 0x20, 0x5B, 0x41, 0x5C, 0xC3});
  auto* fn = img.function(0x100, 0x140,
                          img.info(0, 7, 0, 0,
                                   {uc(7, UWOP_ALLOC_SMALL, 3), uc(3, UWOP_PUSH_NONVOL, RBX),
                                    uc(2, UWOP_PUSH_NONVOL, R12)}));
  DWORD64 frame;
  void* data;
  for (unsigned at : {0x120u, 0x124u, 0x125u, 0x127u}) {
    Stack st;
    unsigned sp = at == 0x120 ? 0 : at == 0x124 ? 0x20 : at == 0x125 ? 0x28 : 0x30;
    st.put(0x20, 0x3333);
    st.put(0x28, 0x1212);
    st.put(0x30, kRet);
    CONTEXT c = fresh();
    c.Rsp = st.at(sp);
    if (at > 0x124) c.Rbx = 0x3333;
    if (at > 0x125) c.R12 = 0x1212;
    RtlVirtualUnwind(UNW_FLAG_EHANDLER, img.base(), img.base() + at, fn, &c, &data, &frame, nullptr);
    EXPECT_EQ(c.Rbx, 0x3333u) << at;
    EXPECT_EQ(c.R12, 0x1212u) << at;
    EXPECT_EQ(c.Rip, kRet) << at;
    EXPECT_EQ(c.Rsp, st.at(0x38)) << at;
  }
}

TEST(SehUnwind, EpilogLeaRspAndTailJump) {
  Image img;
  // lea rsp,[rbp+0x10]; pop rbp; jmp <outside>
  img.code(0x120, {0x48, 0x8D, 0x65, 0x10, 0x5D, 0xE9, 0x00, 0x10, 0x00, 0x00});
  auto* fn = img.function(0x100, 0x140,
                          img.info(0, 8, RBP, 1,
                                   {uc(8, UWOP_SET_FPREG, 0), uc(5, UWOP_ALLOC_SMALL, 1), uc(1, UWOP_PUSH_NONVOL, RBP)}));
  Stack st;
  st.put(0x30, 0xBBBB);
  st.put(0x38, kRet);
  CONTEXT c = fresh();
  c.Rsp = st.at(0);
  c.Rbp = st.at(0x20);
  DWORD64 frame;
  void* data;
  RtlVirtualUnwind(0, img.base(), img.base() + 0x120, fn, &c, &data, &frame, nullptr);
  EXPECT_EQ(c.Rbp, 0xBBBBu);
  EXPECT_EQ(c.Rip, kRet);
  EXPECT_EQ(c.Rsp, st.at(0x40));
}

TEST(SehUnwind, NotAnEpilog) {
  Image img;
  // add rsp,0x20; nop; ret  -- the nop makes it ordinary code
  img.code(0x120, {0x48, 0x83, 0xC4, 0x20, 0x90, 0xC3});
  auto* fn = img.function(0x100, 0x140, img.info(0, 5, 0, 0, {uc(5, UWOP_ALLOC_SMALL, 3), uc(1, UWOP_PUSH_NONVOL, RBX)}));
  Stack st;
  st.put(0x20, 0x3333);
  st.put(0x28, kRet);
  CONTEXT c = fresh();
  c.Rsp = st.at(0);
  DWORD64 frame;
  void* data;
  RtlVirtualUnwind(0, img.base(), img.base() + 0x120, fn, &c, &data, &frame, nullptr);
  EXPECT_EQ(c.Rbx, 0x3333u);
  EXPECT_EQ(c.Rip, kRet);
  EXPECT_EQ(c.Rsp, st.at(0x30));
}

TEST(SehUnwind, HandlerAndData) {
  Image img;
  img.code(0x100, {0x90});
  auto* fn = img.function(0x100, 0x140,
                          img.info(UNW_FLAG_EHANDLER, 4, 0, 0, {uc(4, UWOP_ALLOC_SMALL, 3)}, {0x1500, 0xCAFE}));
  Stack st;
  st.put(0x20, kRet);
  DWORD64 frame;
  void* data = nullptr;
  CONTEXT c = fresh();
  c.Rsp = st.at(0);
  auto h = RtlVirtualUnwind(UNW_FLAG_EHANDLER, img.base(), img.base() + 0x110, fn, &c, &data, &frame, nullptr);
  EXPECT_EQ(reinterpret_cast<DWORD64>(h), img.base() + 0x1500);
  ASSERT_NE(data, nullptr);
  EXPECT_EQ(*static_cast<DWORD*>(data), 0xCAFEu);
  // Asking for a termination handler of a function that has only an exception handler.
  c = fresh();
  c.Rsp = st.at(0);
  EXPECT_EQ(RtlVirtualUnwind(UNW_FLAG_UHANDLER, img.base(), img.base() + 0x110, fn, &c, &data, &frame, nullptr),
            nullptr);
  // In the prolog, no handler applies.
  Stack st2;
  st2.put(0, kRet);
  c = fresh();
  c.Rsp = st2.at(0);
  EXPECT_EQ(RtlVirtualUnwind(UNW_FLAG_EHANDLER, img.base(), img.base() + 0x100, fn, &c, &data, &frame, nullptr),
            nullptr);
  EXPECT_EQ(c.Rip, kRet);
}

TEST(SehUnwind, LeafFunction) {
  Stack st;
  st.put(0, kRet);
  CONTEXT c = fresh();
  c.Rsp = st.at(0);
  DWORD64 frame;
  void* data;
  EXPECT_EQ(RtlVirtualUnwind(0, 0, 0x1000, nullptr, &c, &data, &frame, nullptr), nullptr);
  EXPECT_EQ(c.Rip, kRet);
  EXPECT_EQ(c.Rsp, st.at(8));
}

TEST(SehUnwind, DynamicFunctionTable) {
  Image img;
  img.code(0x100, {0x90});
  RUNTIME_FUNCTION table[2] = {{0x100, 0x140, img.info(0, 0, 0, 0, {})}, {0x140, 0x180, img.info(0, 0, 0, 0, {})}};
  ASSERT_TRUE(RtlAddFunctionTable(table, 2, img.base()));
  DWORD64 base = 0;
  EXPECT_EQ(RtlLookupFunctionEntry(img.base() + 0x150, &base, nullptr), &table[1]);
  EXPECT_EQ(base, img.base());
  EXPECT_EQ(RtlLookupFunctionEntry(img.base() + 0x180, &base, nullptr), nullptr);
  EXPECT_TRUE(RtlDeleteFunctionTable(table));
  EXPECT_EQ(RtlLookupFunctionEntry(img.base() + 0x150, &base, nullptr), nullptr);
  EXPECT_FALSE(RtlDeleteFunctionTable(table));
}

TEST(SehContext, CaptureAndLayout) {
  CONTEXT c;
  std::memset(&c, 0, sizeof c);
  RtlCaptureContext(&c);
  EXPECT_EQ(c.ContextFlags & CONTEXT_FULL, CONTEXT_FULL);
  EXPECT_NE(c.Rip, 0u);
  EXPECT_NE(c.Rsp, 0u);
  EXPECT_EQ(c.Rsp & 7, 0u);
  EXPECT_EQ(c.MxCsr, c.u.FltSave.MxCsr);
}
