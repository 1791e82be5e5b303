// Declarations of Sill's ws2_32.dll exports: Windows sockets over BSD sockets. A SOCKET is
// a handle to a File object around the socket's fd, so ReadFile/WriteFile/CloseHandle work
// on it as on Windows. Errors go to the thread's last error (WSAGetLastError reads it).
#pragma once
#include <cstddef>
#include <cstdint>

#include <sys/socket.h>

#include "base/wintypes.h"

namespace sill::ws2_32 {

using namespace sill::win;

using SOCKET = std::uintptr_t;
inline constexpr SOCKET INVALID_SOCKET = ~SOCKET{0};
inline constexpr int SOCKET_ERROR = -1;

struct WSADATA {  // the x64 layout: the two counts come before the strings
  WORD wVersion;
  WORD wHighVersion;
  unsigned short iMaxSockets;
  unsigned short iMaxUdpDg;
  char* lpVendorInfo;
  char szDescription[257];
  char szSystemStatus[129];
};
static_assert(sizeof(WSADATA) == 408 && offsetof(WSADATA, szDescription) == 16);

struct WSABUF {
  ULONG len;
  char* buf;
};
static_assert(sizeof(WSABUF) == 16);

// struct addrinfo as ws2def.h lays it out (ai_canonname before ai_addr, unlike glibc).
struct ADDRINFOA {
  int ai_flags;
  int ai_family;
  int ai_socktype;
  int ai_protocol;
  std::size_t ai_addrlen;
  char* ai_canonname;
  void* ai_addr;
  ADDRINFOA* ai_next;
};
static_assert(sizeof(ADDRINFOA) == 48 && offsetof(ADDRINFOA, ai_addr) == 32);

// Windows' address family numbers where they differ from Linux'.
inline constexpr int WIN_AF_INET6 = 23;

// socket.cpp
int WINAPI WSAStartup(WORD version, WSADATA* data) noexcept;
int WINAPI WSACleanup() noexcept;
int WINAPI WSAGetLastError() noexcept;
void WINAPI WSASetLastError(int error) noexcept;
SOCKET WINAPI socket(int family, int type, int protocol) noexcept;
SOCKET WINAPI WSASocketW(int family, int type, int protocol, void* info, unsigned group, DWORD flags) noexcept;
int WINAPI closesocket(SOCKET s) noexcept;
int WINAPI bind(SOCKET s, const void* addr, int len) noexcept;
int WINAPI connect(SOCKET s, const void* addr, int len) noexcept;
int WINAPI listen(SOCKET s, int backlog) noexcept;
SOCKET WINAPI accept(SOCKET s, void* addr, int* len) noexcept;
int WINAPI getsockname(SOCKET s, void* addr, int* len) noexcept;
int WINAPI getpeername(SOCKET s, void* addr, int* len) noexcept;
int WINAPI shutdown(SOCKET s, int how) noexcept;
int WINAPI ioctlsocket(SOCKET s, std::int32_t command, std::uint32_t* arg) noexcept;
int WINAPI getsockopt(SOCKET s, int level, int name, char* value, int* len) noexcept;
int WINAPI setsockopt(SOCKET s, int level, int name, const char* value, int len) noexcept;

// transfer.cpp
int WINAPI send(SOCKET s, const char* buf, int len, int flags) noexcept;
int WINAPI recv(SOCKET s, char* buf, int len, int flags) noexcept;
int WINAPI sendto(SOCKET s, const char* buf, int len, int flags, const void* to, int to_len) noexcept;
int WINAPI recvfrom(SOCKET s, char* buf, int len, int flags, void* from, int* from_len) noexcept;
int WINAPI WSASend(SOCKET s, WSABUF* buffers, DWORD count, DWORD* sent, DWORD flags, void* overlapped,
                   void* completion) noexcept;
int WINAPI WSARecv(SOCKET s, WSABUF* buffers, DWORD count, DWORD* received, DWORD* flags, void* overlapped,
                   void* completion) noexcept;
int WINAPI WSAIoctl(SOCKET s, DWORD code, void* in, DWORD in_len, void* out, DWORD out_len, DWORD* returned,
                    void* overlapped, void* completion) noexcept;

// byte_order.cpp
std::uint32_t WINAPI htonl(std::uint32_t v) noexcept;
std::uint16_t WINAPI htons(std::uint16_t v) noexcept;
std::uint32_t WINAPI ntohl(std::uint32_t v) noexcept;
std::uint16_t WINAPI ntohs(std::uint16_t v) noexcept;

// addrinfo.cpp
int WINAPI getaddrinfo(const char* node, const char* service, const ADDRINFOA* hints, ADDRINFOA** result) noexcept;
void WINAPI freeaddrinfo(ADDRINFOA* info) noexcept;

// enum_protocols.cpp (what the Go runtime asks at start-up)
struct WSAPROTOCOLCHAIN {
  int ChainLen;
  DWORD ChainEntries[7];
};
struct WSAPROTOCOL_INFOW {
  DWORD dwServiceFlags1, dwServiceFlags2, dwServiceFlags3, dwServiceFlags4;
  DWORD dwProviderFlags;
  struct {
    DWORD Data1;
    WORD Data2, Data3;
    BYTE Data4[8];
  } ProviderId;
  DWORD dwCatalogEntryId;
  WSAPROTOCOLCHAIN ProtocolChain;
  int iVersion, iAddressFamily, iMaxSockAddr, iMinSockAddr, iSocketType, iProtocol, iProtocolMaxOffset,
      iNetworkByteOrder, iSecurityScheme;
  DWORD dwMessageSize;
  DWORD dwProviderReserved;
  char16_t szProtocol[256];
};
static_assert(sizeof(WSAPROTOCOL_INFOW) == 628 && offsetof(WSAPROTOCOL_INFOW, ProtocolChain) == 40);
static_assert(offsetof(WSAPROTOCOL_INFOW, iVersion) == 72 && offsetof(WSAPROTOCOL_INFOW, szProtocol) == 116);
int WINAPI WSAEnumProtocolsW(int* protocols, WSAPROTOCOL_INFOW* buffer, DWORD* buffer_length) noexcept;

// Shared by the files above (socket.cpp).
namespace detail {
int fd_of(SOCKET s);  // -1 with WSAENOTSOCK set when s is not a socket
int fail_with_errno();  // SOCKET_ERROR, last error from errno
int wsa_error_from_errno(int host_errno);
// Windows sockaddr <-> Linux sockaddr (only the family number differs for INET/INET6).
bool to_host_address(const void* addr, int len, sockaddr_storage* out, unsigned* out_len);
int from_host_address(const sockaddr_storage& in, unsigned in_len, void* addr, int* len);
}  // namespace detail

}  // namespace sill::ws2_32
