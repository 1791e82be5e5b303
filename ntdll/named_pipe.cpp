// Reading, writing and peeking at named pipe ends (message boundaries, ERROR_MORE_DATA), and
// PeekNamedPipe on anonymous (Unix) pipes.
#include "ntdll/named_pipe.h"

#include <fcntl.h>
#include <poll.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "ntdll/status.h"

namespace sill::nt {

namespace {
// The other end has gone (closed its handle, or the server disconnected).
bool peer_gone(int fd) {
  pollfd p{fd, POLLIN | POLLRDHUP, 0};
  return poll(&p, 1, 0) == 1 && (p.revents & (POLLRDHUP | POLLHUP));
}

void wait_fd(int fd, short events) {
  pollfd p{fd, events, 0};
  while (poll(&p, 1, -1) < 0 && errno == EINTR) {
  }
}

NTSTATUS socket_errno_status(int err) {
  if (err == EAGAIN || err == EWOULDBLOCK) return STATUS_PENDING;
  if (err == ECONNRESET || err == ENOTCONN) return STATUS_PIPE_BROKEN;
  return status_from_errno(err);
}

std::size_t unread_bytes(int fd) {
  int n = 0;
  return ioctl(fd, FIONREAD, &n) == 0 && n > 0 ? static_cast<std::size_t>(n) : 0;
}
}  // namespace

PipeEnd::PipeEnd(int fd, win::DWORD access, const PipeConfig& c, bool is_server)
    : File(fd, std::string(), access, false), config(c), server(is_server) {}

NTSTATUS PipeEnd::read_once(void* buf, std::size_t len, std::size_t* done) {
  *done = 0;
  if (!rest_.empty()) {
    std::size_t n = std::min(len, rest_.size());
    std::memcpy(buf, rest_.data(), n);
    rest_.erase(rest_.begin(), rest_.begin() + static_cast<std::ptrdiff_t>(n));
    *done = n;
    return !rest_.empty() && read_message_mode ? STATUS_BUFFER_OVERFLOW : STATUS_SUCCESS;
  }
  if (!config.message_type) {
    ssize_t n = recv(fd(), buf, len, MSG_DONTWAIT);
    if (n < 0) return socket_errno_status(errno);
    if (n == 0 && len > 0) return STATUS_PIPE_BROKEN;
    *done = static_cast<std::size_t>(n);
    return STATUS_SUCCESS;
  }
  // The next message's full size, then the message (its tail kept when the buffer is short).
  ssize_t full = recv(fd(), nullptr, 0, MSG_PEEK | MSG_TRUNC | MSG_DONTWAIT);
  if (full < 0) return socket_errno_status(errno);
  if (full == 0 && peer_gone(fd())) return STATUS_PIPE_BROKEN;
  if (static_cast<std::size_t>(full) <= len) {
    ssize_t n = recv(fd(), buf, len, MSG_DONTWAIT);
    if (n < 0) return socket_errno_status(errno);
    *done = static_cast<std::size_t>(n);
    return STATUS_SUCCESS;
  }
  std::vector<char> message(static_cast<std::size_t>(full));
  ssize_t n = recv(fd(), message.data(), message.size(), MSG_DONTWAIT);
  if (n < 0) return socket_errno_status(errno);
  std::memcpy(buf, message.data(), len);
  rest_.assign(message.begin() + static_cast<std::ptrdiff_t>(len), message.begin() + n);
  *done = len;
  return read_message_mode ? STATUS_BUFFER_OVERFLOW : STATUS_SUCCESS;
}

NTSTATUS PipeEnd::read(void* buf, std::size_t len, std::size_t* done) {
  *done = 0;
  if (!can_read()) return STATUS_ACCESS_DENIED;
  for (;;) {
    if (NTSTATUS s = io_state(); s != STATUS_SUCCESS) return s;
    NTSTATUS s;
    {
      std::lock_guard g(read_lock_);
      s = read_once(buf, len, done);
    }
    if (s != STATUS_PENDING) return s;
    if (overlapped) return STATUS_PENDING;
    if (nowait) return STATUS_PIPE_EMPTY;
    wait_fd(fd(), POLLIN | POLLRDHUP);
  }
}

NTSTATUS PipeEnd::write(const void* buf, std::size_t len, std::size_t* done) {
  if (!can_write()) return STATUS_ACCESS_DENIED;
  const char* p = static_cast<const char*>(buf);
  for (;;) {
    if (NTSTATUS s = io_state(); s != STATUS_SUCCESS) return s;
    ssize_t n;
    if (config.message_type) {
      // One send is one message: all of it or nothing.
      n = send(fd(), p, len, MSG_NOSIGNAL | MSG_DONTWAIT);
      if (n >= 0) {
        *done = len;
        return STATUS_SUCCESS;
      }
    } else {
      while (*done < len && (n = send(fd(), p + *done, len - *done, MSG_NOSIGNAL | MSG_DONTWAIT)) >= 0)
        *done += static_cast<std::size_t>(n);
      if (*done == len) return STATUS_SUCCESS;
    }
    // Writing to a pipe whose other end has gone is "no data" (ERROR_NO_DATA), not a broken pipe.
    if (errno == EPIPE || errno == ECONNRESET) return STATUS_PIPE_CLOSING;
    NTSTATUS s = socket_errno_status(errno);
    if (s != STATUS_PENDING) return s;
    if (overlapped) return STATUS_PENDING;
    if (nowait) return STATUS_SUCCESS;  // PIPE_NOWAIT writes what fits
    wait_fd(fd(), POLLOUT);
  }
}

NTSTATUS PipeEnd::peek(void* buf, std::size_t len, std::size_t* copied, std::size_t* available,
                       std::size_t* left_in_message) {
  *copied = *available = *left_in_message = 0;
  if (NTSTATUS s = io_state(); s != STATUS_SUCCESS) return s;
  std::lock_guard g(read_lock_);
  std::size_t message = rest_.size();
  if (config.message_type && rest_.empty()) {
    ssize_t full = recv(fd(), nullptr, 0, MSG_PEEK | MSG_TRUNC | MSG_DONTWAIT);
    message = full > 0 ? static_cast<std::size_t>(full) : 0;
  }
  *available = rest_.size() + unread_bytes(fd());
  if (buf && len > 0) {
    std::size_t n = std::min(len, rest_.size());
    std::memcpy(buf, rest_.data(), n);
    *copied = n;
    if (rest_.empty()) {
      ssize_t r = recv(fd(), buf, len, MSG_PEEK | MSG_DONTWAIT);
      *copied = r > 0 ? static_cast<std::size_t>(r) : 0;
    }
  }
  if (config.message_type) *left_in_message = message > *copied ? message - *copied : 0;
  if (*available == 0 && peer_gone(fd())) return STATUS_PIPE_BROKEN;
  return STATUS_SUCCESS;
}

NTSTATUS peek_unix_pipe(File& f, void* buf, std::size_t len, std::size_t* copied, std::size_t* available) {
  *copied = 0;
  *available = unread_bytes(f.fd());
  if (*available == 0) {
    pollfd p{f.fd(), POLLIN, 0};
    if (poll(&p, 1, 0) == 1 && (p.revents & POLLHUP)) return STATUS_PIPE_BROKEN;
    return STATUS_SUCCESS;
  }
  if (!buf || len == 0) return STATUS_SUCCESS;
  // tee() copies pipe data into a scratch pipe without consuming it.
  int scratch[2];
  if (pipe2(scratch, O_CLOEXEC | O_NONBLOCK) != 0) return status_from_errno(errno);
  ssize_t n = tee(f.fd(), scratch[1], std::min(len, *available), SPLICE_F_NONBLOCK);
  if (n > 0) n = ::read(scratch[0], buf, static_cast<std::size_t>(n));
  close(scratch[0]);
  close(scratch[1]);
  if (n < 0) return status_from_errno(errno);
  *copied = static_cast<std::size_t>(n);
  return STATUS_SUCCESS;
}

}  // namespace sill::nt
