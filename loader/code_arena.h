// Small pieces of generated machine code (import stubs, relay thunks): written
// while the page is writable, executed once it is read+execute (never both).
#pragma once
#include <cstdint>
#include <span>

namespace sill::loader {

// Copies code into executable memory; nullptr when out of memory. Never freed.
void* allocate_code(std::span<const std::uint8_t> code);

// Machine code building blocks shared by the generators.
// mov <reg>, imm64 ; jmp [rip+0] ; dq target  — 24 bytes. reg: 0xB9 = rcx (48 B9), 0xBB = r11 (49 BB).
struct LoadAndJump {
  std::uint8_t bytes[24];
  LoadAndJump(std::uint8_t rex, std::uint8_t opcode, const void* value, const void* target);
};

}  // namespace sill::loader
