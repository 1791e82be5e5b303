// Low-level I/O: C file descriptors over kernel32 handles (_open, _read, _write, _lseek,
// _close, _dup, ...). Text mode lives here, as in msvcrt: "\n" is written as "\r\n",
// "\r\n" reads as "\n", and Ctrl-Z ends a text file.
#include <cstring>
#include <string>

#include "base/debug.h"
#include "win32/kernel32/kernel32.h"
#include "win32/msvcrt/msvcrt.h"
#include "win32/msvcrt/msvcrt_api.h"
#include "win32/msvcrt/text_mode.h"

SILL_DEFAULT_DEBUG_CHANNEL(msvcrt);

namespace sill::msvcrt {

namespace k32 = sill::kernel32;

namespace {

constexpr int kMaxFds = 2048;
constexpr std::uint8_t FOPEN = 0x01, FEOFLAG = 0x02, FPIPE = 0x08, FNOINHERIT = 0x10, FAPPEND = 0x20,
                       FDEV = 0x40, FTEXT = 0x80;
constexpr DWORD ERROR_ACCESS_DENIED = 5, ERROR_BROKEN_PIPE = 109, ERROR_HANDLE_EOF = 38;

struct Fd {
  HANDLE handle = nullptr;
  std::uint8_t flags = 0;
  lowio::WideMode wide = lowio::WideMode::None;  // _O_U16TEXT/_O_U8TEXT: translation moves to fputwc
  int lookahead = -1;  // a byte read ahead from a pipe while looking for "\r\n"
  std::recursive_mutex lock;
};

Fd g_fds[kMaxFds];
std::mutex g_table_lock;
std::once_flag g_std_once;

Fd* fd_entry(int fd) {
  lowio::ensure_std_fds();
  if (fd < 0 || fd >= kMaxFds || !(g_fds[fd].flags & FOPEN)) {
    set_errno(err::ebadf);
    *__doserrno() = 0;
    return nullptr;
  }
  return &g_fds[fd];
}

std::uint8_t type_flags(HANDLE h) {
  switch (k32::GetFileType(h)) {
    case k32::FILE_TYPE_CHAR: return FDEV;
    case k32::FILE_TYPE_PIPE: return FPIPE;
    default: return 0;
  }
}

int install(int fd, HANDLE h, int oflag) {
  Fd& e = g_fds[fd];
  e.handle = h;
  e.lookahead = -1;
  e.wide = lowio::WideMode::None;
  e.flags = FOPEN | type_flags(h);
  if (oflag & O_APPEND) e.flags |= FAPPEND;
  if (oflag & O_NOINHERIT) e.flags |= FNOINHERIT;
  bool text = (oflag & O_TEXT) || (!(oflag & O_BINARY) && fmode != O_BINARY);
  if (oflag & O_BINARY) text = false;
  if (text) e.flags |= FTEXT;
  return fd;
}

// One raw read, honouring the look-ahead byte. Returns bytes read, 0 at end, -1 on error.
int raw_read(Fd& e, char* buf, unsigned count) {
  unsigned got = 0;
  if (e.lookahead >= 0 && count > 0) {
    buf[got++] = static_cast<char>(e.lookahead);
    e.lookahead = -1;
    if (got == count) return static_cast<int>(got);
  }
  DWORD n = 0;
  if (!k32::ReadFile(e.handle, buf + got, count - got, &n, nullptr)) {
    DWORD error = k32::GetLastError();
    if (error == ERROR_BROKEN_PIPE || error == ERROR_HANDLE_EOF) return static_cast<int>(got);
    if (got) return static_cast<int>(got);
    if (error == ERROR_ACCESS_DENIED) {
      set_errno(err::ebadf);
      *__doserrno() = error;
    } else {
      set_errno_from_win32(error);
    }
    return -1;
  }
  return static_cast<int>(got + n);
}

}  // namespace

int fmode = 0;

namespace lowio {

void ensure_std_fds() {
  std::call_once(g_std_once, [] {
    const DWORD which[3] = {k32::STD_INPUT_HANDLE, k32::STD_OUTPUT_HANDLE, k32::STD_ERROR_HANDLE};
    for (int i = 0; i < 3; ++i) {
      if (g_fds[i].flags & FOPEN) continue;
      HANDLE h = k32::GetStdHandle(which[i]);
      if (!h || h == INVALID_HANDLE_VALUE) continue;
      install(i, h, O_TEXT);
    }
  });
}

int alloc_fd(HANDLE h, int oflag) {
  ensure_std_fds();
  std::lock_guard<std::mutex> g(g_table_lock);
  for (int fd = 0; fd < kMaxFds; ++fd) {
    if (!(g_fds[fd].flags & FOPEN)) return install(fd, h, oflag);
  }
  set_errno(err::emfile);
  *__doserrno() = 0;
  return -1;
}

HANDLE handle_of(int fd) {
  ensure_std_fds();
  if (fd < 0 || fd >= kMaxFds || !(g_fds[fd].flags & FOPEN)) return INVALID_HANDLE_VALUE;
  return g_fds[fd].handle;
}

bool is_open(int fd) { return handle_of(fd) != INVALID_HANDLE_VALUE; }
bool is_text(int fd) { return is_open(fd) && (g_fds[fd].flags & FTEXT); }
WideMode wide_mode(int fd) { return is_open(fd) && (g_fds[fd].flags & FTEXT) ? g_fds[fd].wide : WideMode::None; }
bool is_device(int fd) { return is_open(fd) && (g_fds[fd].flags & FDEV); }
bool is_pipe(int fd) { return is_open(fd) && (g_fds[fd].flags & FPIPE); }

int read(int fd, void* buffer, unsigned count) {
  Fd* e = fd_entry(fd);
  if (!e) return -1;
  std::lock_guard<std::recursive_mutex> g(e->lock);
  if (count == 0) return 0;
  if (!buffer) {
    set_errno(err::einval);
    return -1;
  }
  if (count > 0x7FFFFFFF) count = 0x7FFFFFFF;
  char* buf = static_cast<char*>(buffer);
  if (!(e->flags & FTEXT)) return raw_read(*e, buf, count);
  if (e->flags & FEOFLAG) return 0;

  int n = raw_read(*e, buf, count);
  if (n <= 0) return n;
  text_mode::Decoded d = text_mode::decode(buf, static_cast<std::size_t>(n));
  int out = static_cast<int>(d.length);
  if (d.ctrl_z) {
    e->flags |= FEOFLAG;
    if (!(e->flags & (FDEV | FPIPE))) {  // leave a file positioned at the Ctrl-Z
      k32::LARGE_INTEGER back;
      back.QuadPart = -static_cast<LONGLONG>(d.rest);
      k32::SetFilePointerEx(e->handle, back, nullptr, k32::FILE_CURRENT);
    }
  } else if (d.trailing_cr) {
    // Only the next byte tells whether this "\r" starts a "\r\n".
    char next;
    int m = raw_read(*e, &next, 1);
    if (m == 1 && next == '\n') {
      buf[out++] = '\n';
    } else {
      buf[out++] = '\r';
      if (m == 1) {
        if (e->flags & (FDEV | FPIPE)) {
          e->lookahead = static_cast<unsigned char>(next);
        } else {
          k32::LARGE_INTEGER back;
          back.QuadPart = -1;
          k32::SetFilePointerEx(e->handle, back, nullptr, k32::FILE_CURRENT);
        }
      }
    }
  }
  return out;
}

int write(int fd, const void* buffer, unsigned count) {
  Fd* e = fd_entry(fd);
  if (!e) return -1;
  std::lock_guard<std::recursive_mutex> g(e->lock);
  if (count == 0) return 0;
  if (!buffer) {
    set_errno(err::einval);
    return -1;
  }
  if (e->flags & FAPPEND) {
    k32::LARGE_INTEGER zero;
    zero.QuadPart = 0;
    k32::SetFilePointerEx(e->handle, zero, nullptr, k32::FILE_END);
  }
  const char* src = static_cast<const char*>(buffer);
  auto put = [&](const char* p, DWORD n) -> bool {
    while (n > 0) {
      DWORD done = 0;
      if (!k32::WriteFile(e->handle, p, n, &done, nullptr)) {
        DWORD error = k32::GetLastError();
        if (error == ERROR_ACCESS_DENIED) {
          set_errno(err::ebadf);
          *__doserrno() = error;
        } else {
          set_errno_from_win32(error);
        }
        return false;
      }
      if (done == 0) {
        set_errno(err::enospc);
        return false;
      }
      p += done;
      n -= done;
    }
    return true;
  };
  if (!(e->flags & FTEXT)) return put(src, count) ? static_cast<int>(count) : -1;
  if (e->wide == WideMode::Utf16 && (e->flags & FDEV)) {
    // A console shows UTF-16 text through WriteConsoleW, as msvcrt does.
    DWORD done = 0;
    if (!k32::WriteConsoleW(e->handle, src, count / 2, &done, nullptr) && !put(src, count)) return -1;
    return static_cast<int>(count);
  }
  if (e->wide != WideMode::None) return put(src, count) ? static_cast<int>(count) : -1;

  char buf[2048];
  std::size_t used = 0;
  while (used < count) {
    std::size_t n = text_mode::encode(src, count, &used, buf, sizeof buf);
    if (!put(buf, static_cast<DWORD>(n))) return -1;
  }
  return static_cast<int>(count);
}

std::int64_t seek(int fd, std::int64_t off, int whence) {
  Fd* e = fd_entry(fd);
  if (!e) return -1;
  std::lock_guard<std::recursive_mutex> g(e->lock);
  if (whence < 0 || whence > 2) {
    set_errno(err::einval);
    return -1;
  }
  if (e->flags & (FDEV | FPIPE)) {
    set_errno(err::espipe);
    return -1;
  }
  k32::LARGE_INTEGER dist, pos;
  dist.QuadPart = off;
  if (!k32::SetFilePointerEx(e->handle, dist, &pos, static_cast<DWORD>(whence))) {
    set_errno_from_win32(k32::GetLastError());
    return -1;
  }
  e->flags &= static_cast<std::uint8_t>(~FEOFLAG);
  e->lookahead = -1;
  return pos.QuadPart;
}

int close(int fd) {
  Fd* e = fd_entry(fd);
  if (!e) return -1;
  std::lock_guard<std::recursive_mutex> g(e->lock);
  bool ok = k32::CloseHandle(e->handle);
  DWORD error = ok ? 0 : k32::GetLastError();
  e->flags = 0;
  e->handle = nullptr;
  e->lookahead = -1;
  if (fd <= 2) {  // keep GetStdHandle in step, as msvcrt does for the standard fds
    const DWORD which[3] = {k32::STD_INPUT_HANDLE, k32::STD_OUTPUT_HANDLE, k32::STD_ERROR_HANDLE};
    k32::SetStdHandle(which[fd], nullptr);
  }
  if (!ok) {
    set_errno_from_win32(error);
    return -1;
  }
  return 0;
}

}  // namespace lowio

// ---- Exports ----

int WINAPI _wopen(const wchar* path, int oflag, ...) noexcept {
  if (!path) {
    set_errno(err::einval);
    return -1;
  }
  int pmode = 0;
  if (oflag & O_CREAT) {
    __builtin_ms_va_list ap;
    __builtin_ms_va_start(ap, oflag);
    pmode = __builtin_va_arg(ap, int);
    __builtin_ms_va_end(ap);
  }
  DWORD access;
  switch (oflag & (O_RDONLY | O_WRONLY | O_RDWR)) {
    case O_RDONLY: access = k32::GENERIC_READ; break;
    case O_WRONLY: access = k32::GENERIC_WRITE; break;
    case O_RDWR: access = k32::GENERIC_READ | k32::GENERIC_WRITE; break;
    default: set_errno(err::einval); return -1;
  }
  DWORD disposition;
  if ((oflag & (O_CREAT | O_EXCL)) == (O_CREAT | O_EXCL)) disposition = k32::CREATE_NEW;
  else if ((oflag & (O_CREAT | O_TRUNC)) == (O_CREAT | O_TRUNC)) disposition = k32::CREATE_ALWAYS;
  else if (oflag & O_CREAT) disposition = k32::OPEN_ALWAYS;
  else if (oflag & O_TRUNC) disposition = k32::TRUNCATE_EXISTING;
  else disposition = k32::OPEN_EXISTING;
  DWORD attributes = k32::FILE_ATTRIBUTE_NORMAL;
  if ((oflag & O_CREAT) && !(pmode & 0x80)) attributes = k32::FILE_ATTRIBUTE_READONLY;  // no _S_IWRITE
  if (oflag & O_TEMPORARY) attributes |= k32::FILE_FLAG_DELETE_ON_CLOSE;
  k32::SECURITY_ATTRIBUTES sa{sizeof(k32::SECURITY_ATTRIBUTES), nullptr, !(oflag & O_NOINHERIT)};
  DWORD share = k32::FILE_SHARE_READ | k32::FILE_SHARE_WRITE;
  if (oflag & O_TEMPORARY) share |= k32::FILE_SHARE_DELETE;
  HANDLE h = k32::CreateFileW(path, access, share, &sa, disposition, attributes, nullptr);
  if (h == INVALID_HANDLE_VALUE) {
    set_errno_from_win32(k32::GetLastError());
    return -1;
  }
  int fd = lowio::alloc_fd(h, oflag);
  if (fd < 0) k32::CloseHandle(h);
  return fd;
}

int WINAPI _open(const char* path, int oflag, ...) noexcept {
  if (!path) {
    set_errno(err::einval);
    return -1;
  }
  int pmode = 0;
  if (oflag & O_CREAT) {
    __builtin_ms_va_list ap;
    __builtin_ms_va_start(ap, oflag);
    pmode = __builtin_va_arg(ap, int);
    __builtin_ms_va_end(ap);
  }
  std::u16string w = ansi_to_wide(path);
  return _wopen(w.c_str(), oflag, pmode);
}

int WINAPI _wsopen(const wchar* path, int oflag, int shflag, ...) noexcept {
  int pmode = 0;
  if (oflag & O_CREAT) {
    __builtin_ms_va_list ap;
    __builtin_ms_va_start(ap, shflag);
    pmode = __builtin_va_arg(ap, int);
    __builtin_ms_va_end(ap);
  }
  if (shflag != 0x40) FIXME_ONCE("sharing mode %#x is treated as _SH_DENYNO\n", shflag);
  return _wopen(path, oflag, pmode);
}

int WINAPI _sopen(const char* path, int oflag, int shflag, ...) noexcept {
  int pmode = 0;
  if (oflag & O_CREAT) {
    __builtin_ms_va_list ap;
    __builtin_ms_va_start(ap, shflag);
    pmode = __builtin_va_arg(ap, int);
    __builtin_ms_va_end(ap);
  }
  if (shflag != 0x40) FIXME_ONCE("sharing mode %#x is treated as _SH_DENYNO\n", shflag);
  return _open(path, oflag, pmode);
}

int WINAPI _creat(const char* path, int pmode) noexcept {
  return _open(path, O_CREAT | O_TRUNC | O_RDWR, pmode);
}

int WINAPI _wcreat(const wchar* path, int pmode) noexcept {
  return _wopen(path, O_CREAT | O_TRUNC | O_RDWR, pmode);
}

int WINAPI _read(int fd, void* buf, unsigned count) noexcept { return lowio::read(fd, buf, count); }
int WINAPI _write(int fd, const void* buf, unsigned count) noexcept { return lowio::write(fd, buf, count); }
int WINAPI _close(int fd) noexcept { return lowio::close(fd); }

crt_long WINAPI _lseek(int fd, crt_long off, int whence) noexcept {
  std::int64_t r = lowio::seek(fd, off, whence);
  if (r > 0x7FFFFFFF) {
    set_errno(err::einval);
    return -1;
  }
  return static_cast<crt_long>(r);
}

std::int64_t WINAPI _lseeki64(int fd, std::int64_t off, int whence) noexcept {
  return lowio::seek(fd, off, whence);
}

crt_long WINAPI _tell(int fd) noexcept { return _lseek(fd, 0, 1); }
std::int64_t WINAPI _telli64(int fd) noexcept { return lowio::seek(fd, 0, 1); }

int WINAPI _eof(int fd) noexcept {
  std::int64_t here = lowio::seek(fd, 0, 1);
  if (here < 0) return -1;
  std::int64_t end = lowio::seek(fd, 0, 2);
  lowio::seek(fd, here, 0);
  return here == end ? 1 : 0;
}

std::int64_t WINAPI _filelengthi64(int fd) noexcept {
  HANDLE h = lowio::handle_of(fd);
  if (h == INVALID_HANDLE_VALUE) {
    set_errno(err::ebadf);
    return -1;
  }
  k32::LARGE_INTEGER size;
  if (!k32::GetFileSizeEx(h, &size)) {
    set_errno_from_win32(k32::GetLastError());
    return -1;
  }
  return size.QuadPart;
}

crt_long WINAPI _filelength(int fd) noexcept {
  std::int64_t n = _filelengthi64(fd);
  return n > 0x7FFFFFFF ? -1 : static_cast<crt_long>(n);
}

int WINAPI _chsize_s(int fd, std::int64_t size) noexcept {
  std::int64_t here = lowio::seek(fd, 0, 1);
  if (here < 0) return get_errno();
  if (lowio::seek(fd, size, 0) < 0) return get_errno();
  if (!k32::SetEndOfFile(lowio::handle_of(fd))) {
    set_errno_from_win32(k32::GetLastError());
    lowio::seek(fd, here, 0);
    return get_errno();
  }
  lowio::seek(fd, here, 0);
  return 0;
}

int WINAPI _chsize(int fd, crt_long size) noexcept { return _chsize_s(fd, size) == 0 ? 0 : -1; }

int WINAPI _commit(int fd) noexcept {
  HANDLE h = lowio::handle_of(fd);
  if (h == INVALID_HANDLE_VALUE) {
    set_errno(err::ebadf);
    return -1;
  }
  if (!k32::FlushFileBuffers(h) && !lowio::is_device(fd) && !lowio::is_pipe(fd)) {
    set_errno_from_win32(k32::GetLastError());
    return -1;
  }
  return 0;
}

std::intptr_t WINAPI _get_osfhandle(int fd) noexcept {
  HANDLE h = lowio::handle_of(fd);
  if (h == INVALID_HANDLE_VALUE) set_errno(err::ebadf);
  return reinterpret_cast<std::intptr_t>(h);
}

int WINAPI _open_osfhandle(std::intptr_t handle, int flags) noexcept {
  HANDLE h = reinterpret_cast<HANDLE>(handle);
  k32::SetLastError(0);
  if (k32::GetFileType(h) == k32::FILE_TYPE_UNKNOWN && k32::GetLastError() != 0) {
    set_errno(err::ebadf);
    return -1;
  }
  return lowio::alloc_fd(h, flags & (O_APPEND | O_TEXT | O_BINARY | O_NOINHERIT));
}

int WINAPI _dup(int fd) noexcept {
  Fd* e = fd_entry(fd);
  if (!e) return -1;
  HANDLE dup = nullptr;
  HANDLE self = k32::GetCurrentProcess();
  if (!k32::DuplicateHandle(self, e->handle, self, &dup, 0, TRUE, k32::DUPLICATE_SAME_ACCESS)) {
    set_errno_from_win32(k32::GetLastError());
    return -1;
  }
  int nfd = lowio::alloc_fd(dup, 0);
  if (nfd < 0) {
    k32::CloseHandle(dup);
    return -1;
  }
  g_fds[nfd].flags = static_cast<std::uint8_t>(e->flags & ~FNOINHERIT);
  return nfd;
}

int WINAPI _dup2(int from, int to) noexcept {
  Fd* e = fd_entry(from);
  if (!e) return -1;
  if (to < 0 || to >= kMaxFds) {
    set_errno(err::ebadf);
    return -1;
  }
  if (from == to) return 0;
  HANDLE dup = nullptr;
  HANDLE self = k32::GetCurrentProcess();
  if (!k32::DuplicateHandle(self, e->handle, self, &dup, 0, TRUE, k32::DUPLICATE_SAME_ACCESS)) {
    set_errno_from_win32(k32::GetLastError());
    return -1;
  }
  std::lock_guard<std::mutex> g(g_table_lock);
  if (g_fds[to].flags & FOPEN) lowio::close(to);
  install(to, dup, 0);
  g_fds[to].flags = static_cast<std::uint8_t>(e->flags & ~FNOINHERIT);
  if (to <= 2) {
    const DWORD which[3] = {k32::STD_INPUT_HANDLE, k32::STD_OUTPUT_HANDLE, k32::STD_ERROR_HANDLE};
    k32::SetStdHandle(which[to], dup);
  }
  return 0;
}

int WINAPI _isatty(int fd) noexcept {
  if (!lowio::is_open(fd)) {
    set_errno(err::ebadf);
    return 0;
  }
  return lowio::is_device(fd) ? 0x40 : 0;  // msvcrt returns the FDEV bit
}

int WINAPI _setmode(int fd, int mode) noexcept {
  Fd* e = fd_entry(fd);
  if (!e) return -1;
  int old = !(e->flags & FTEXT) ? O_BINARY
            : e->wide == lowio::WideMode::Utf16 ? O_U16TEXT
            : e->wide == lowio::WideMode::Utf8 ? O_U8TEXT
                                               : O_TEXT;
  if (mode == O_BINARY) {
    e->flags &= static_cast<std::uint8_t>(~FTEXT);
    e->wide = lowio::WideMode::None;
  } else if (mode == O_TEXT || mode == O_WTEXT || mode == O_U16TEXT || mode == O_U8TEXT) {
    e->flags |= FTEXT;
    e->wide = mode == O_TEXT ? lowio::WideMode::None : mode == O_U8TEXT ? lowio::WideMode::Utf8 : lowio::WideMode::Utf16;
    if (mode != O_TEXT) FIXME_ONCE("reading in Unicode text mode %#x is not translated\n", mode);
  } else {
    set_errno(err::einval);
    return -1;
  }
  return old;
}

}  // namespace sill::msvcrt
