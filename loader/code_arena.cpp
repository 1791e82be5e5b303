#include "loader/code_arena.h"

#include <sys/mman.h>

#include <cstring>
#include <mutex>

namespace sill::loader {

namespace {
constexpr std::size_t kArenaSize = 64 * 1024;
constexpr std::size_t kAlign = 16;
}  // namespace

void* allocate_code(std::span<const std::uint8_t> code) {
  static std::mutex lock;
  static std::uint8_t* page = nullptr;
  static std::size_t used = kArenaSize;
  std::lock_guard guard(lock);
  std::size_t size = (code.size() + kAlign - 1) & ~(kAlign - 1);
  if (size > kArenaSize) return nullptr;
  if (used + size > kArenaSize) {
    void* p = mmap(nullptr, kArenaSize, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED) return nullptr;
    page = static_cast<std::uint8_t*>(p);
    used = 0;
  } else {
    mprotect(page, kArenaSize, PROT_READ | PROT_WRITE);
  }
  std::uint8_t* at = page + used;
  std::memcpy(at, code.data(), code.size());
  used += size;
  mprotect(page, kArenaSize, PROT_READ | PROT_EXEC);
  return at;
}

LoadAndJump::LoadAndJump(std::uint8_t rex, std::uint8_t opcode, const void* value, const void* target) {
  bytes[0] = rex;
  bytes[1] = opcode;
  auto v = reinterpret_cast<std::uint64_t>(value);
  std::memcpy(bytes + 2, &v, 8);
  static constexpr std::uint8_t jmp[6] = {0xFF, 0x25, 0, 0, 0, 0};
  std::memcpy(bytes + 10, jmp, 6);
  auto t = reinterpret_cast<std::uint64_t>(target);
  std::memcpy(bytes + 16, &t, 8);
}

}  // namespace sill::loader
