// Moving data over Windows sockets: send/recv (and the to/from forms), WSASend/WSARecv
// with buffer arrays, and WSAIoctl. Overlapped operations wait for completion ports on
// sockets and are refused for now (WSAEOPNOTSUPP with a FIXME), never faked.
#include <sys/socket.h>
#include <sys/uio.h>

#include <cerrno>
#include <vector>

#include "base/debug.h"
#include "win32/ws2_32/ws2_32.h"

SILL_DEFAULT_DEBUG_CHANNEL(winsock);

namespace sill::ws2_32 {

namespace {

constexpr int WSAEFAULT = 10014, WSAEINVAL = 10022, WSAEOPNOTSUPP = 10045;

// MSG_OOB 1, MSG_PEEK 2, MSG_DONTROUTE 4 and MSG_WAITALL 8 are Windows' numbers; Linux has
// the first three the same and MSG_WAITALL at 0x100.
int host_flags(int flags) {
  int h = flags & 0x7;
  if (flags & 0x8) h |= MSG_WAITALL;
  return h;
}

int transfer(SOCKET s, WSABUF* buffers, DWORD count, DWORD* done, int flags, bool sending, void* overlapped) {
  int fd = detail::fd_of(s);
  if (fd < 0) return SOCKET_ERROR;
  if (overlapped) {
    FIXME("overlapped socket I/O is not supported yet\n");
    WSASetLastError(WSAEOPNOTSUPP);
    return SOCKET_ERROR;
  }
  if (!buffers && count) {
    WSASetLastError(WSAEFAULT);
    return SOCKET_ERROR;
  }
  std::vector<iovec> iov(count);
  for (DWORD i = 0; i < count; ++i) iov[i] = {buffers[i].buf, buffers[i].len};
  msghdr m{};
  m.msg_iov = iov.data();
  m.msg_iovlen = count;
  ssize_t n = sending ? ::sendmsg(fd, &m, host_flags(flags) | MSG_NOSIGNAL) : ::recvmsg(fd, &m, host_flags(flags));
  if (n < 0) return detail::fail_with_errno();
  if (done) *done = static_cast<DWORD>(n);
  return 0;
}

}  // namespace

int WINAPI send(SOCKET s, const char* buf, int len, int flags) noexcept {
  int fd = detail::fd_of(s);
  if (fd < 0) return SOCKET_ERROR;
  if (len < 0 || (!buf && len)) {
    WSASetLastError(WSAEFAULT);
    return SOCKET_ERROR;
  }
  // MSG_NOSIGNAL: a closed peer is WSAECONNRESET on Windows, never a signal.
  ssize_t n = ::send(fd, buf, static_cast<std::size_t>(len), host_flags(flags) | MSG_NOSIGNAL);
  return n < 0 ? detail::fail_with_errno() : static_cast<int>(n);
}

int WINAPI recv(SOCKET s, char* buf, int len, int flags) noexcept {
  int fd = detail::fd_of(s);
  if (fd < 0) return SOCKET_ERROR;
  if (len < 0 || (!buf && len)) {
    WSASetLastError(WSAEFAULT);
    return SOCKET_ERROR;
  }
  ssize_t n = ::recv(fd, buf, static_cast<std::size_t>(len), host_flags(flags));
  return n < 0 ? detail::fail_with_errno() : static_cast<int>(n);
}

int WINAPI sendto(SOCKET s, const char* buf, int len, int flags, const void* to, int to_len) noexcept {
  if (!to) return send(s, buf, len, flags);
  int fd = detail::fd_of(s);
  if (fd < 0) return SOCKET_ERROR;
  sockaddr_storage a;
  unsigned alen;
  if (!detail::to_host_address(to, to_len, &a, &alen)) return SOCKET_ERROR;
  ssize_t n = ::sendto(fd, buf, static_cast<std::size_t>(len), host_flags(flags) | MSG_NOSIGNAL,
                       reinterpret_cast<sockaddr*>(&a), alen);
  return n < 0 ? detail::fail_with_errno() : static_cast<int>(n);
}

int WINAPI recvfrom(SOCKET s, char* buf, int len, int flags, void* from, int* from_len) noexcept {
  if (!from) return recv(s, buf, len, flags);
  int fd = detail::fd_of(s);
  if (fd < 0) return SOCKET_ERROR;
  sockaddr_storage a;
  socklen_t alen = sizeof a;
  ssize_t n = ::recvfrom(fd, buf, static_cast<std::size_t>(len), host_flags(flags), reinterpret_cast<sockaddr*>(&a), &alen);
  if (n < 0) return detail::fail_with_errno();
  if (detail::from_host_address(a, alen, from, from_len) != 0) return SOCKET_ERROR;
  return static_cast<int>(n);
}

int WINAPI WSASend(SOCKET s, WSABUF* buffers, DWORD count, DWORD* sent, DWORD flags, void* overlapped,
                   void* completion) noexcept {
  return transfer(s, buffers, count, sent, static_cast<int>(flags), true, overlapped);
}

int WINAPI WSARecv(SOCKET s, WSABUF* buffers, DWORD count, DWORD* received, DWORD* flags, void* overlapped,
                   void* completion) noexcept {
  int f = flags ? static_cast<int>(*flags) : 0;
  int r = transfer(s, buffers, count, received, f, false, overlapped);
  if (r == 0 && flags) *flags = 0;
  return r;
}

// SIO_GET_EXTENSION_FUNCTION_POINTER (ConnectEx, AcceptEx, ...) needs overlapped sockets;
// until then the request is refused, which runtimes take as "not available".
int WINAPI WSAIoctl(SOCKET s, DWORD code, void* in, DWORD in_len, void* out, DWORD out_len, DWORD* returned,
                    void* overlapped, void* completion) noexcept {
  if (detail::fd_of(s) < 0) return SOCKET_ERROR;
  FIXME("WSAIoctl code %#x is not supported\n", code);
  WSASetLastError(code == 0xC8000006 ? WSAEOPNOTSUPP : WSAEINVAL);  // SIO_GET_EXTENSION_FUNCTION_POINTER
  return SOCKET_ERROR;
}

}  // namespace sill::ws2_32
