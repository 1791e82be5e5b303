// Windows sockets' lifecycle and options over BSD sockets: WSAStartup's bookkeeping, socket
// creation as File objects in the handle table, bind/connect/listen/accept, names, options
// (Windows' SOL_SOCKET numbers translated), ioctlsocket's FIONBIO/FIONREAD, and the
// errno -> WSAE* mapping the other files share.
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>

#include "base/debug.h"
#include "ntdll/file.h"
#include "ntdll/handle_table.h"
#include "ntdll/status.h"
#include "win32/ws2_32/ws2_32.h"

SILL_DEFAULT_DEBUG_CHANNEL(winsock);

namespace sill::ws2_32 {

namespace {

// winerror.h
constexpr int WSAEINTR = 10004, WSAEBADF = 10009, WSAEACCES = 10013, WSAEFAULT = 10014, WSAEINVAL = 10022,
              WSAEMFILE = 10024, WSAEWOULDBLOCK = 10035, WSAEINPROGRESS = 10036, WSAEALREADY = 10037,
              WSAENOTSOCK = 10038, WSAEDESTADDRREQ = 10039, WSAEMSGSIZE = 10040, WSAEPROTOTYPE = 10041,
              WSAENOPROTOOPT = 10042, WSAEPROTONOSUPPORT = 10043, WSAESOCKTNOSUPPORT = 10044,
              WSAEOPNOTSUPP = 10045, WSAEAFNOSUPPORT = 10047, WSAEADDRINUSE = 10048, WSAEADDRNOTAVAIL = 10049,
              WSAENETDOWN = 10050, WSAENETUNREACH = 10051, WSAENETRESET = 10052, WSAECONNABORTED = 10053,
              WSAECONNRESET = 10054, WSAENOBUFS = 10055, WSAEISCONN = 10056, WSAENOTCONN = 10057,
              WSAESHUTDOWN = 10058, WSAETIMEDOUT = 10060, WSAECONNREFUSED = 10061, WSAEHOSTUNREACH = 10065,
              WSAVERNOTSUPPORTED = 10092;

std::atomic<int> g_startups{0};

int host_family(int family) {
  if (family == WIN_AF_INET6) return AF_INET6;
  return family;  // AF_UNSPEC 0, AF_INET 2, AF_UNIX 1 are the same numbers
}

// SOL_SOCKET options: Windows' numbers -> Linux'. -1: not known.
int host_socket_option(int name) {
  switch (name) {
    case 0x0004: return SO_REUSEADDR;
    case 0x0008: return SO_KEEPALIVE;
    case 0x0020: return SO_BROADCAST;
    case 0x0080: return SO_LINGER;
    case 0x0100: return SO_OOBINLINE;
    case 0x1001: return SO_SNDBUF;
    case 0x1002: return SO_RCVBUF;
    case 0x1005: return SO_SNDTIMEO;
    case 0x1006: return SO_RCVTIMEO;
    case 0x1007: return SO_ERROR;
    case 0x1008: return SO_TYPE;
    default: return -1;
  }
}

constexpr int kWinSolSocket = 0xFFFF;
constexpr int kWinIpv6V6Only = 27;

// A Windows (level, option) as Linux numbers it; false (WSAENOPROTOOPT) for one not known.
bool host_option(int level, int name, int* host_level, int* host_name) {
  *host_level = level == kWinSolSocket ? SOL_SOCKET : level;
  *host_name = name;
  if (level == kWinSolSocket) *host_name = host_socket_option(name);
  if (level == IPPROTO_IPV6 && name == kWinIpv6V6Only) *host_name = IPV6_V6ONLY;
  if (level == IPPROTO_IP) *host_name = -1;  // Windows numbers IP_* options its own way
  if (*host_name >= 0) return true;
  FIXME("socket option %#x at level %#x\n", name, level);
  WSASetLastError(WSAENOPROTOOPT);
  return false;
}

// Creates the File object and its handle for a new socket fd.
SOCKET adopt_fd(int fd) {
  if (fd < 0) {
    detail::fail_with_errno();
    return INVALID_SOCKET;
  }
  fcntl(fd, F_SETFD, FD_CLOEXEC);
  try {
    auto file = nt::make_object<nt::File>(fd, std::string(), nt::GENERIC_READ | nt::GENERIC_WRITE, false);
    return reinterpret_cast<SOCKET>(nt::handle_table().insert(file, nt::GENERIC_READ | nt::GENERIC_WRITE));
  } catch (...) {
    WSASetLastError(WSAENOBUFS);
    return INVALID_SOCKET;
  }
}

}  // namespace

namespace detail {

int wsa_error_from_errno(int e) {
  switch (e) {
    case EINTR: return WSAEINTR;
    case EBADF: return WSAEBADF;
    case EACCES: case EPERM: return WSAEACCES;
    case EFAULT: return WSAEFAULT;
    case EINVAL: return WSAEINVAL;
    case EMFILE: case ENFILE: return WSAEMFILE;
    case EAGAIN: return WSAEWOULDBLOCK;
    case EINPROGRESS: return WSAEWOULDBLOCK;  // a non-blocking connect under way, as Windows reports it
    case EALREADY: return WSAEALREADY;
    case ENOTSOCK: return WSAENOTSOCK;
    case EDESTADDRREQ: return WSAEDESTADDRREQ;
    case EMSGSIZE: return WSAEMSGSIZE;
    case EPROTOTYPE: return WSAEPROTOTYPE;
    case ENOPROTOOPT: return WSAENOPROTOOPT;
    case EPROTONOSUPPORT: return WSAEPROTONOSUPPORT;
    case ESOCKTNOSUPPORT: return WSAESOCKTNOSUPPORT;
    case EOPNOTSUPP: return WSAEOPNOTSUPP;
    case EAFNOSUPPORT: return WSAEAFNOSUPPORT;
    case EADDRINUSE: return WSAEADDRINUSE;
    case EADDRNOTAVAIL: return WSAEADDRNOTAVAIL;
    case ENETDOWN: return WSAENETDOWN;
    case ENETUNREACH: return WSAENETUNREACH;
    case ENETRESET: return WSAENETRESET;
    case ECONNABORTED: return WSAECONNABORTED;
    case ECONNRESET: case EPIPE: return WSAECONNRESET;
    case ENOBUFS: case ENOMEM: return WSAENOBUFS;
    case EISCONN: return WSAEISCONN;
    case ENOTCONN: return WSAENOTCONN;
    case ESHUTDOWN: return WSAESHUTDOWN;
    case ETIMEDOUT: return WSAETIMEDOUT;
    case ECONNREFUSED: return WSAECONNREFUSED;
    case EHOSTUNREACH: return WSAEHOSTUNREACH;
    default: return WSAEINVAL;
  }
}

int fail_with_errno() {
  WSASetLastError(wsa_error_from_errno(errno));
  return SOCKET_ERROR;
}

int fd_of(SOCKET s) {
  auto f = nt::handle_table().get<nt::File>(reinterpret_cast<HANDLE>(s));
  int fd = f ? f.value()->fd() : -1;
  int type;
  socklen_t len = sizeof type;
  if (fd < 0 || ::getsockopt(fd, SOL_SOCKET, SO_TYPE, &type, &len) != 0) {
    WSASetLastError(WSAENOTSOCK);
    return -1;
  }
  return fd;
}

bool to_host_address(const void* addr, int len, sockaddr_storage* out, unsigned* out_len) {
  if (!addr || len < 2 || static_cast<std::size_t>(len) > sizeof(sockaddr_storage)) {
    WSASetLastError(WSAEFAULT);
    return false;
  }
  std::memcpy(out, addr, static_cast<std::size_t>(len));
  out->ss_family = static_cast<sa_family_t>(host_family(static_cast<const std::uint16_t*>(addr)[0]));
  *out_len = static_cast<unsigned>(len);
  return true;
}

int from_host_address(const sockaddr_storage& in, unsigned in_len, void* addr, int* len) {
  if (!addr || !len || *len < 0) {
    WSASetLastError(WSAEFAULT);
    return SOCKET_ERROR;
  }
  if (static_cast<unsigned>(*len) < in_len) {
    WSASetLastError(WSAEFAULT);
    return SOCKET_ERROR;
  }
  std::memcpy(addr, &in, in_len);
  if (in.ss_family == AF_INET6) static_cast<std::uint16_t*>(addr)[0] = WIN_AF_INET6;
  *len = static_cast<int>(in_len);
  return 0;
}

}  // namespace detail

int WINAPI WSAStartup(WORD version, WSADATA* data) noexcept {
  if (!data) return WSAEFAULT;
  int major = version & 0xFF, minor = version >> 8;
  if (major < 1 || (major == 1 && minor < 1)) return WSAVERNOTSUPPORTED;
  std::memset(data, 0, sizeof *data);
  data->wVersion = major > 2 || (major == 2 && minor >= 2) ? 0x0202 : version;
  data->wHighVersion = 0x0202;
  std::strcpy(data->szDescription, "WinSock 2.0");
  std::strcpy(data->szSystemStatus, "Running");
  ++g_startups;
  return 0;
}

int WINAPI WSACleanup() noexcept {
  constexpr int WSANOTINITIALISED = 10093;
  if (g_startups.load() <= 0) {
    WSASetLastError(WSANOTINITIALISED);
    return SOCKET_ERROR;
  }
  --g_startups;
  return 0;
}

int WINAPI WSAGetLastError() noexcept { return static_cast<int>(nt::last_error()); }
void WINAPI WSASetLastError(int error) noexcept { nt::set_last_error(static_cast<DWORD>(error)); }

SOCKET WINAPI socket(int family, int type, int protocol) noexcept {
  return adopt_fd(::socket(host_family(family), type, protocol));
}

// WSA_FLAG_OVERLAPPED is what every runtime passes; the socket works the same without
// overlapped I/O behind it until completion ports reach sockets.
SOCKET WINAPI WSASocketW(int family, int type, int protocol, void* info, unsigned group, DWORD flags) noexcept {
  if (info) FIXME("protocol info structures are ignored\n");
  return socket(family, type, protocol);
}

int WINAPI closesocket(SOCKET s) noexcept {
  if (detail::fd_of(s) < 0) return SOCKET_ERROR;
  nt::handle_table().close(reinterpret_cast<HANDLE>(s));
  return 0;
}

int WINAPI bind(SOCKET s, const void* addr, int len) noexcept {
  int fd = detail::fd_of(s);
  if (fd < 0) return SOCKET_ERROR;
  sockaddr_storage a;
  unsigned alen;
  if (!detail::to_host_address(addr, len, &a, &alen)) return SOCKET_ERROR;
  return ::bind(fd, reinterpret_cast<sockaddr*>(&a), alen) == 0 ? 0 : detail::fail_with_errno();
}

int WINAPI connect(SOCKET s, const void* addr, int len) noexcept {
  int fd = detail::fd_of(s);
  if (fd < 0) return SOCKET_ERROR;
  sockaddr_storage a;
  unsigned alen;
  if (!detail::to_host_address(addr, len, &a, &alen)) return SOCKET_ERROR;
  return ::connect(fd, reinterpret_cast<sockaddr*>(&a), alen) == 0 ? 0 : detail::fail_with_errno();
}

int WINAPI listen(SOCKET s, int backlog) noexcept {
  int fd = detail::fd_of(s);
  if (fd < 0) return SOCKET_ERROR;
  return ::listen(fd, backlog) == 0 ? 0 : detail::fail_with_errno();
}

SOCKET WINAPI accept(SOCKET s, void* addr, int* len) noexcept {
  int fd = detail::fd_of(s);
  if (fd < 0) return INVALID_SOCKET;
  sockaddr_storage a;
  socklen_t alen = sizeof a;
  int client = ::accept(fd, reinterpret_cast<sockaddr*>(&a), &alen);
  if (client < 0) {
    detail::fail_with_errno();
    return INVALID_SOCKET;
  }
  if (addr && detail::from_host_address(a, alen, addr, len) != 0) {
    ::close(client);
    return INVALID_SOCKET;
  }
  return adopt_fd(client);
}

int WINAPI getsockname(SOCKET s, void* addr, int* len) noexcept {
  int fd = detail::fd_of(s);
  if (fd < 0) return SOCKET_ERROR;
  sockaddr_storage a;
  socklen_t alen = sizeof a;
  if (::getsockname(fd, reinterpret_cast<sockaddr*>(&a), &alen) != 0) return detail::fail_with_errno();
  return detail::from_host_address(a, alen, addr, len);
}

int WINAPI getpeername(SOCKET s, void* addr, int* len) noexcept {
  int fd = detail::fd_of(s);
  if (fd < 0) return SOCKET_ERROR;
  sockaddr_storage a;
  socklen_t alen = sizeof a;
  if (::getpeername(fd, reinterpret_cast<sockaddr*>(&a), &alen) != 0) return detail::fail_with_errno();
  return detail::from_host_address(a, alen, addr, len);
}

int WINAPI shutdown(SOCKET s, int how) noexcept {  // SD_RECEIVE 0, SD_SEND 1, SD_BOTH 2 = SHUT_*
  int fd = detail::fd_of(s);
  if (fd < 0) return SOCKET_ERROR;
  return ::shutdown(fd, how) == 0 ? 0 : detail::fail_with_errno();
}

int WINAPI ioctlsocket(SOCKET s, std::int32_t command, std::uint32_t* arg) noexcept {
  constexpr std::int32_t kFionbio = static_cast<std::int32_t>(0x8004667E), kFionread = 0x4004667F;
  int fd = detail::fd_of(s);
  if (fd < 0) return SOCKET_ERROR;
  if (!arg) {
    WSASetLastError(WSAEFAULT);
    return SOCKET_ERROR;
  }
  if (command == kFionbio) {
    int flags = fcntl(fd, F_GETFL);
    flags = *arg ? flags | O_NONBLOCK : flags & ~O_NONBLOCK;
    return fcntl(fd, F_SETFL, flags) == 0 ? 0 : detail::fail_with_errno();
  }
  if (command == kFionread) {
    int n = 0;
    if (ioctl(fd, FIONREAD, &n) != 0) return detail::fail_with_errno();
    *arg = static_cast<std::uint32_t>(n);
    return 0;
  }
  FIXME("ioctlsocket command %#x\n", static_cast<unsigned>(command));
  WSASetLastError(WSAEINVAL);
  return SOCKET_ERROR;
}

// Options whose values differ in form: Windows' timeouts are DWORD milliseconds and its
// boolean options may be one byte; Linux wants a timeval and an int.
int WINAPI getsockopt(SOCKET s, int level, int name, char* value, int* len) noexcept {
  int fd = detail::fd_of(s);
  if (fd < 0) return SOCKET_ERROR;
  if (!value || !len || *len < 1) {
    WSASetLastError(WSAEFAULT);
    return SOCKET_ERROR;
  }
  int host_level, host_name;
  if (!host_option(level, name, &host_level, &host_name)) return SOCKET_ERROR;
  if (level == kWinSolSocket && (host_name == SO_RCVTIMEO || host_name == SO_SNDTIMEO)) {
    timeval tv{};
    socklen_t tl = sizeof tv;
    if (::getsockopt(fd, SOL_SOCKET, host_name, &tv, &tl) != 0) return detail::fail_with_errno();
    if (*len < 4) {
      WSASetLastError(WSAEFAULT);
      return SOCKET_ERROR;
    }
    DWORD ms = static_cast<DWORD>(tv.tv_sec * 1000 + tv.tv_usec / 1000);
    std::memcpy(value, &ms, 4);
    *len = 4;
    return 0;
  }
  socklen_t l = static_cast<socklen_t>(*len);
  if (::getsockopt(fd, host_level, host_name, value, &l) != 0) return detail::fail_with_errno();
  if (level == kWinSolSocket && host_name == SO_ERROR && l >= 4) {
    int e;
    std::memcpy(&e, value, 4);
    e = e ? detail::wsa_error_from_errno(e) : 0;
    std::memcpy(value, &e, 4);
  }
  *len = static_cast<int>(l);
  return 0;
}

int WINAPI setsockopt(SOCKET s, int level, int name, const char* value, int len) noexcept {
  int fd = detail::fd_of(s);
  if (fd < 0) return SOCKET_ERROR;
  if (!value || len < 1) {
    WSASetLastError(WSAEFAULT);
    return SOCKET_ERROR;
  }
  int host_level, host_name;
  if (!host_option(level, name, &host_level, &host_name)) return SOCKET_ERROR;
  if (level == kWinSolSocket && (host_name == SO_RCVTIMEO || host_name == SO_SNDTIMEO) && len >= 4) {
    DWORD ms;
    std::memcpy(&ms, value, 4);
    timeval tv{static_cast<time_t>(ms / 1000), static_cast<suseconds_t>((ms % 1000) * 1000)};
    return ::setsockopt(fd, SOL_SOCKET, host_name, &tv, sizeof tv) == 0 ? 0 : detail::fail_with_errno();
  }
  if (host_name == SO_LINGER) {  // Windows' linger has two u_shorts, Linux' two ints
    if (len < 4) {
      WSASetLastError(WSAEFAULT);
      return SOCKET_ERROR;
    }
    std::uint16_t w[2];
    std::memcpy(w, value, 4);
    linger l{w[0], w[1]};
    return ::setsockopt(fd, SOL_SOCKET, SO_LINGER, &l, sizeof l) == 0 ? 0 : detail::fail_with_errno();
  }
  if (len > 4) return ::setsockopt(fd, host_level, host_name, value, static_cast<socklen_t>(len)) == 0 ? 0 : detail::fail_with_errno();
  int v = 0;  // a one-byte boolean is accepted, as Windows does
  std::memcpy(&v, value, len < 4 ? static_cast<std::size_t>(len) : 4);
  return ::setsockopt(fd, host_level, host_name, &v, sizeof v) == 0 ? 0 : detail::fail_with_errno();
}

}  // namespace sill::ws2_32
