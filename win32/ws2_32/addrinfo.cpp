// getaddrinfo/freeaddrinfo: glibc resolves; the answer is rebuilt in Windows' addrinfo
// layout (ai_canonname before ai_addr, AF_INET6 = 23) in one allocation per entry, and
// EAI_* errors become the WSA codes Windows returns.
#include <netdb.h>

#include <cstdlib>
#include <cstring>

#include "base/debug.h"
#include "win32/ws2_32/ws2_32.h"

SILL_DEFAULT_DEBUG_CHANNEL(winsock);

namespace sill::ws2_32 {

namespace {

constexpr int WSAEINVAL = 10022, WSAESOCKTNOSUPPORT = 10044, WSAEAFNOSUPPORT = 10047,
              WSATYPE_NOT_FOUND = 10109, WSAHOST_NOT_FOUND = 11001, WSATRY_AGAIN = 11002,
              WSANO_RECOVERY = 11003, WSA_NOT_ENOUGH_MEMORY = 8;
constexpr int kWinAiNumericServ = 0x8;

int wsa_from_eai(int e) {
  switch (e) {
    case EAI_NONAME: case EAI_NODATA: return WSAHOST_NOT_FOUND;
    case EAI_AGAIN: return WSATRY_AGAIN;
    case EAI_FAIL: return WSANO_RECOVERY;
    case EAI_FAMILY: return WSAEAFNOSUPPORT;
    case EAI_MEMORY: return WSA_NOT_ENOUGH_MEMORY;
    case EAI_SERVICE: return WSATYPE_NOT_FOUND;
    case EAI_SOCKTYPE: return WSAESOCKTNOSUPPORT;
    default: return WSAEINVAL;
  }
}

// One block per entry: the entry, then its address, then its canonical name.
ADDRINFOA* convert(const addrinfo* h) {
  std::size_t name_len = h->ai_canonname ? std::strlen(h->ai_canonname) + 1 : 0;
  auto* w = static_cast<ADDRINFOA*>(std::calloc(1, sizeof(ADDRINFOA) + h->ai_addrlen + name_len));
  if (!w) return nullptr;
  w->ai_flags = h->ai_flags & 0x7;
  w->ai_family = h->ai_family == AF_INET6 ? WIN_AF_INET6 : h->ai_family;
  w->ai_socktype = h->ai_socktype;
  w->ai_protocol = h->ai_protocol;
  w->ai_addrlen = h->ai_addrlen;
  auto* addr = reinterpret_cast<char*>(w + 1);
  std::memcpy(addr, h->ai_addr, h->ai_addrlen);
  if (h->ai_family == AF_INET6) reinterpret_cast<std::uint16_t*>(addr)[0] = WIN_AF_INET6;
  w->ai_addr = addr;
  if (name_len) {
    w->ai_canonname = addr + h->ai_addrlen;
    std::memcpy(w->ai_canonname, h->ai_canonname, name_len);
  }
  return w;
}

}  // namespace

int WINAPI getaddrinfo(const char* node, const char* service, const ADDRINFOA* hints, ADDRINFOA** result) noexcept {
  if (!result) return WSAEINVAL;
  *result = nullptr;
  addrinfo h{};
  if (hints) {
    h.ai_flags = hints->ai_flags & 0x7;  // AI_PASSIVE, AI_CANONNAME, AI_NUMERICHOST: same numbers
    if (hints->ai_flags & kWinAiNumericServ) h.ai_flags |= AI_NUMERICSERV;
    if (hints->ai_flags & ~(0x7 | kWinAiNumericServ)) FIXME("addrinfo flags %#x\n", hints->ai_flags);
    h.ai_family = hints->ai_family == WIN_AF_INET6 ? AF_INET6 : hints->ai_family;
    h.ai_socktype = hints->ai_socktype;
    h.ai_protocol = hints->ai_protocol;
  }
  addrinfo* list = nullptr;
  int e = ::getaddrinfo(node, service, hints ? &h : nullptr, &list);
  if (e != 0) {
    int w = wsa_from_eai(e);
    WSASetLastError(w);
    return w;
  }
  ADDRINFOA** tail = result;
  for (const addrinfo* p = list; p; p = p->ai_next) {
    ADDRINFOA* w = convert(p);
    if (!w) {
      ::freeaddrinfo(list);
      freeaddrinfo(*result);
      *result = nullptr;
      WSASetLastError(WSA_NOT_ENOUGH_MEMORY);
      return WSA_NOT_ENOUGH_MEMORY;
    }
    *tail = w;
    tail = &w->ai_next;
  }
  ::freeaddrinfo(list);
  return 0;
}

void WINAPI freeaddrinfo(ADDRINFOA* info) noexcept {
  while (info) {
    ADDRINFOA* next = info->ai_next;
    std::free(info);
    info = next;
  }
}

}  // namespace sill::ws2_32
