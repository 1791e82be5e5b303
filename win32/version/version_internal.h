// Shared by version.dll's files: the mark GetFileVersionInfo leaves after the
// resource when the caller's buffer has room for VerQueryValueA's ANSI copies.
#pragma once
#include <cstddef>
#include <cstdint>
#include <cstring>

namespace sill::version {

inline constexpr std::size_t kAnsiMarkSize = 4;
inline constexpr char kAnsiMark[kAnsiMarkSize] = {'F', 'E', '2', 'X'};

// The root node's wLength, if the block holds it and it fits in `size` bytes (0 otherwise).
inline std::size_t version_block_length(const std::uint8_t* block, std::size_t size) {
  if (size < 2) return 0;
  std::uint16_t length;
  std::memcpy(&length, block, 2);
  return length <= size ? length : 0;
}

}  // namespace sill::version
