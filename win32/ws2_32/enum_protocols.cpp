// WSAEnumProtocolsW: the transport protocols Sill's sockets provide (TCP and UDP over IPv4 and
// IPv6, Linux sockets behind SOCKET handles). The Go runtime reads it at start-up to learn whether
// sockets are IFS handles (usable with ReadFile/WriteFile and completion ports): here they are.
#include <cstring>
#include <string_view>

#include "win32/ws2_32/ws2_32.h"

namespace sill::ws2_32 {

namespace {
constexpr int WSAENOBUFS = 10055, WSAEFAULT = 10014;
constexpr int IPPROTO_TCP_W = 6, IPPROTO_UDP_W = 17, SOCK_STREAM_W = 1, SOCK_DGRAM_W = 2, AF_INET_W = 2;
constexpr DWORD XP1_CONNECTIONLESS = 0x1, XP1_GUARANTEED_DELIVERY = 0x2, XP1_GUARANTEED_ORDER = 0x4,
                XP1_MESSAGE_ORIENTED = 0x8, XP1_GRACEFUL_CLOSE = 0x20, XP1_EXPEDITED_DATA = 0x40,
                XP1_SUPPORT_BROADCAST = 0x200, XP1_SUPPORT_MULTIPOINT = 0x400, XP1_IFS_HANDLES = 0x20000;
constexpr DWORD PFL_MATCHES_PROTOCOL_ZERO = 0x8;

struct Protocol {
  int family, type, protocol;
  DWORD flags;
  DWORD message_size;
  int address_size;
  std::u16string_view name;
};
constexpr DWORD kTcpFlags = XP1_GUARANTEED_DELIVERY | XP1_GUARANTEED_ORDER | XP1_GRACEFUL_CLOSE |
                            XP1_EXPEDITED_DATA | XP1_IFS_HANDLES;
constexpr DWORD kUdpFlags = XP1_CONNECTIONLESS | XP1_MESSAGE_ORIENTED | XP1_SUPPORT_BROADCAST |
                            XP1_SUPPORT_MULTIPOINT | XP1_IFS_HANDLES;
constexpr Protocol kProtocols[] = {
    {AF_INET_W, SOCK_STREAM_W, IPPROTO_TCP_W, kTcpFlags, 0, 16, u"MSAFD Tcpip [TCP/IP]"},
    {AF_INET_W, SOCK_DGRAM_W, IPPROTO_UDP_W, kUdpFlags, 65467, 16, u"MSAFD Tcpip [UDP/IP]"},
    {WIN_AF_INET6, SOCK_STREAM_W, IPPROTO_TCP_W, kTcpFlags, 0, 28, u"MSAFD Tcpip [TCP/IPv6]"},
    {WIN_AF_INET6, SOCK_DGRAM_W, IPPROTO_UDP_W, kUdpFlags, 65467, 28, u"MSAFD Tcpip [UDP/IPv6]"},
};
// The TCP/IP provider's id on Windows: {E70F1AA0-AB8B-11CF-8CA3-00805F48A192}.
constexpr decltype(WSAPROTOCOL_INFOW::ProviderId) kTcpipProvider = {
    0xE70F1AA0, 0xAB8B, 0x11CF, {0x8C, 0xA3, 0x00, 0x80, 0x5F, 0x48, 0xA1, 0x92}};
constexpr DWORD kFirstCatalogEntry = 1001;

bool wanted(const int* protocols, int protocol) {
  if (!protocols) return true;
  for (; *protocols; ++protocols)
    if (*protocols == protocol) return true;
  return false;
}
}  // namespace

int WINAPI WSAEnumProtocolsW(int* protocols, WSAPROTOCOL_INFOW* buffer, DWORD* buffer_length) noexcept {
  if (!buffer_length) {
    WSASetLastError(WSAEFAULT);
    return SOCKET_ERROR;
  }
  DWORD count = 0;
  for (const Protocol& p : kProtocols) count += wanted(protocols, p.protocol) ? 1 : 0;
  const DWORD needed = count * static_cast<DWORD>(sizeof(WSAPROTOCOL_INFOW));
  if (!buffer || *buffer_length < needed) {
    *buffer_length = needed;
    WSASetLastError(WSAENOBUFS);
    return SOCKET_ERROR;
  }
  WSAPROTOCOL_INFOW* out = buffer;
  for (std::size_t i = 0; i < std::size(kProtocols); ++i) {
    const Protocol& p = kProtocols[i];
    if (!wanted(protocols, p.protocol)) continue;
    std::memset(out, 0, sizeof *out);
    out->dwServiceFlags1 = p.flags;
    out->dwProviderFlags = PFL_MATCHES_PROTOCOL_ZERO;
    out->ProviderId = kTcpipProvider;
    out->dwCatalogEntryId = kFirstCatalogEntry + static_cast<DWORD>(i);
    out->ProtocolChain.ChainLen = 1;  // BASE_PROTOCOL
    out->iVersion = 2;
    out->iAddressFamily = p.family;
    out->iMaxSockAddr = out->iMinSockAddr = p.address_size;
    out->iSocketType = p.type;
    out->iProtocol = p.protocol;
    out->dwMessageSize = p.message_size;
    std::memcpy(out->szProtocol, p.name.data(), p.name.size() * sizeof(char16_t));
    ++out;
  }
  return static_cast<int>(count);
}

}  // namespace sill::ws2_32
