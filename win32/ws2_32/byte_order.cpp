// Host <-> network byte order (x64 is little-endian, the network big-endian).
#include "win32/ws2_32/ws2_32.h"

namespace sill::ws2_32 {

std::uint32_t WINAPI htonl(std::uint32_t v) noexcept { return __builtin_bswap32(v); }
std::uint16_t WINAPI htons(std::uint16_t v) noexcept { return __builtin_bswap16(v); }
std::uint32_t WINAPI ntohl(std::uint32_t v) noexcept { return __builtin_bswap32(v); }
std::uint16_t WINAPI ntohs(std::uint16_t v) noexcept { return __builtin_bswap16(v); }

}  // namespace sill::ws2_32
