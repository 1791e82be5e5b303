// Stream I/O: the buffer machinery (_filbuf/_flsbuf, which getc/putc macros of old
// headers call directly), character and block I/O, positioning and error state.
#include <cstdlib>
#include <cstring>

#include "base/debug.h"
#include "win32/msvcrt/msvcrt.h"
#include "win32/msvcrt/msvcrt_api.h"

SILL_DEFAULT_DEBUG_CHANNEL(msvcrt);

namespace sill::msvcrt {
namespace {

// stderr, and stdout on a console, must show each call's output at once (msvcrt's
// temporary buffering); other streams buffer fully.
bool flushes_each_call(FILE* f) {
  if (f->_flag & (IOYOURBUF | IOSETVBUF)) return false;
  if (f == &iob[2]) return true;
  return f == &iob[1] && lowio::is_device(1);
}

void get_buffer(FILE* f) {
  if (f->_base) return;
  char* p = (f->_flag & IONBF) ? nullptr : static_cast<char*>(std::malloc(STREAM_BUFSIZ));
  if (p) {
    f->_flag |= IOMYBUF;
    f->_base = p;
    f->_bufsiz = STREAM_BUFSIZ;
  } else {
    f->_flag |= IONBF;
    f->_base = reinterpret_cast<char*>(&f->_charbuf);
    f->_bufsiz = 2;
  }
  f->_ptr = f->_base;
  f->_cnt = 0;
}

}  // namespace

namespace stdio {

int flush_nolock(FILE* f) {
  int r = 0;
  if ((f->_flag & (IOREAD | IOWRT)) == IOWRT && f->_base && (f->_flag & (IOMYBUF | IOYOURBUF))) {
    int n = static_cast<int>(f->_ptr - f->_base);
    if (n > 0 && _write(f->_file, f->_base, static_cast<unsigned>(n)) != n) {
      f->_flag |= IOERR;
      r = CRT_EOF;
    }
  }
  f->_ptr = f->_base;
  f->_cnt = 0;
  if (f->_flag & IORW) f->_flag &= ~(IOREAD | IOWRT);
  return r;
}

void end_call(FILE* f) {
  if (flushes_each_call(f)) flush_nolock(f);
}

int getc_nolock(FILE* f) {
  if (--f->_cnt >= 0) return static_cast<unsigned char>(*f->_ptr++);
  return _filbuf(f);
}

int putc_nolock(int c, FILE* f) {
  if (--f->_cnt >= 0) return static_cast<unsigned char>(*f->_ptr++ = static_cast<char>(c));
  return _flsbuf(c, f);
}

std::size_t write_nolock(const void* data, std::size_t n, FILE* f) {
  const char* p = static_cast<const char*>(data);
  std::size_t done = 0;
  while (done < n) {
    if (f->_cnt > 0 && (f->_flag & IOWRT) && !(f->_flag & IOREAD)) {
      std::size_t k = static_cast<std::size_t>(f->_cnt);
      if (k > n - done) k = n - done;
      std::memcpy(f->_ptr, p + done, k);
      f->_ptr += k;
      f->_cnt -= static_cast<int>(k);
      done += k;
      continue;
    }
    // An empty big buffer: write whole buffer-sized chunks directly.
    if (f->_base && (f->_flag & (IOMYBUF | IOYOURBUF)) && f->_ptr == f->_base &&
        n - done >= static_cast<std::size_t>(f->_bufsiz) && (f->_flag & IOWRT)) {
      std::size_t k = (n - done) - (n - done) % static_cast<std::size_t>(f->_bufsiz);
      if (k > 0x7FFFFFFF) k = 0x7FFFFFFF - 0x7FFFFFFF % static_cast<std::size_t>(f->_bufsiz);
      int w = _write(f->_file, p + done, static_cast<unsigned>(k));
      if (w < 0 || static_cast<std::size_t>(w) != k) {
        f->_flag |= IOERR;
        return done + (w > 0 ? static_cast<std::size_t>(w) : 0);
      }
      done += k;
      continue;
    }
    if (_flsbuf(static_cast<unsigned char>(p[done]), f) == CRT_EOF) return done;
    ++done;
  }
  return done;
}

}  // namespace stdio

// ---- The buffer machinery ----

int WINAPI _filbuf(FILE* f) noexcept {
  if (!(f->_flag & (IOREAD | IORW)) || (f->_flag & IOSTRG)) {
    f->_cnt = 0;
    if (!(f->_flag & IOSTRG)) f->_flag |= IOERR;
    return CRT_EOF;
  }
  if (f->_flag & IOWRT) {  // switching from writing needs fflush/fseek first
    f->_flag |= IOERR;
    f->_cnt = 0;
    return CRT_EOF;
  }
  f->_flag |= IOREAD;
  // Reading stdin first pushes out what stdout holds, so prompts appear.
  if (f == &iob[0] && (iob[1]._flag & IOWRT)) {
    stdio::Guard g(&iob[1]);
    stdio::flush_nolock(&iob[1]);
  }
  get_buffer(f);
  int n = _read(f->_file, f->_base, static_cast<unsigned>(f->_bufsiz));
  if (n <= 0) {
    f->_flag |= n == 0 ? IOEOF : IOERR;
    f->_cnt = 0;
    f->_ptr = f->_base;
    return CRT_EOF;
  }
  f->_ptr = f->_base + 1;
  f->_cnt = n - 1;
  return static_cast<unsigned char>(f->_base[0]);
}

int WINAPI _flsbuf(int c, FILE* f) noexcept {
  if (!(f->_flag & (IOWRT | IORW)) || (f->_flag & IOSTRG)) {
    f->_flag |= IOERR;
    f->_cnt = 0;
    return CRT_EOF;
  }
  if (f->_flag & IOREAD) {
    if (!(f->_flag & IOEOF) || (f->_flag & IOWRT)) {  // read-to-write needs a seek between
      f->_flag |= IOERR;
      f->_cnt = 0;
      return CRT_EOF;
    }
    f->_flag &= ~(IOREAD | IOEOF);
    f->_ptr = f->_base;
  }
  f->_flag |= IOWRT;
  get_buffer(f);
  char ch = static_cast<char>(c);
  if (f->_flag & IONBF) {
    f->_cnt = 0;
    if (_write(f->_file, &ch, 1) != 1) {
      f->_flag |= IOERR;
      return CRT_EOF;
    }
    return static_cast<unsigned char>(ch);
  }
  int n = static_cast<int>(f->_ptr - f->_base);
  if (n > 0 && _write(f->_file, f->_base, static_cast<unsigned>(n)) != n) {
    f->_flag |= IOERR;
    f->_ptr = f->_base;
    f->_cnt = 0;
    return CRT_EOF;
  }
  f->_base[0] = ch;
  f->_ptr = f->_base + 1;
  f->_cnt = f->_bufsiz - 1;
  return static_cast<unsigned char>(ch);
}

// ---- Characters ----

int WINAPI fgetc(FILE* f) noexcept {
  if (!f) {
    set_errno(err::einval);
    return CRT_EOF;
  }
  stdio::Guard g(f);
  return stdio::getc_nolock(f);
}

int WINAPI getc(FILE* f) noexcept { return fgetc(f); }
int WINAPI _getc_nolock(FILE* f) noexcept { return stdio::getc_nolock(f); }
int WINAPI getchar() noexcept { return fgetc(&iob[0]); }
int WINAPI _fgetchar() noexcept { return fgetc(&iob[0]); }

int WINAPI fputc(int c, FILE* f) noexcept {
  if (!f) {
    set_errno(err::einval);
    return CRT_EOF;
  }
  stdio::Guard g(f);
  int r = stdio::putc_nolock(c, f);
  stdio::end_call(f);
  return r;
}

int WINAPI putc(int c, FILE* f) noexcept { return fputc(c, f); }
int WINAPI _putc_nolock(int c, FILE* f) noexcept { return stdio::putc_nolock(c, f); }
int WINAPI putchar(int c) noexcept { return fputc(c, &iob[1]); }
int WINAPI _fputchar(int c) noexcept { return fputc(c, &iob[1]); }

int WINAPI ungetc(int c, FILE* f) noexcept {
  if (!f) {
    set_errno(err::einval);
    return CRT_EOF;
  }
  if (c == CRT_EOF) return CRT_EOF;
  stdio::Guard g(f);
  if (!(f->_flag & (IOREAD | IORW)) || ((f->_flag & IOWRT) && !(f->_flag & IOREAD))) return CRT_EOF;
  get_buffer(f);
  f->_flag |= IOREAD;
  if (f->_ptr == f->_base) {
    if (f->_cnt) return CRT_EOF;  // no room in front of unread data
    ++f->_ptr;
  }
  --f->_ptr;
  *f->_ptr = static_cast<char>(c);
  ++f->_cnt;
  f->_flag &= ~IOEOF;
  return static_cast<unsigned char>(c);
}

// ---- Blocks and lines ----

std::size_t WINAPI fread(void* buf, std::size_t size, std::size_t count, FILE* f) noexcept {
  if (!f || !buf) {
    set_errno(err::einval);
    return 0;
  }
  std::size_t total = size * count;
  if (total == 0) return 0;
  stdio::Guard g(f);
  char* out = static_cast<char*>(buf);
  std::size_t done = 0;
  while (done < total) {
    if (f->_cnt > 0) {
      std::size_t k = static_cast<std::size_t>(f->_cnt);
      if (k > total - done) k = total - done;
      std::memcpy(out + done, f->_ptr, k);
      f->_ptr += k;
      f->_cnt -= static_cast<int>(k);
      done += k;
      continue;
    }
    int c = _filbuf(f);
    if (c == CRT_EOF) break;
    out[done++] = static_cast<char>(c);
  }
  return done / size;
}

std::size_t WINAPI fwrite(const void* buf, std::size_t size, std::size_t count, FILE* f) noexcept {
  if (!f || (!buf && size && count)) {
    set_errno(err::einval);
    return 0;
  }
  std::size_t total = size * count;
  if (total == 0) return 0;
  stdio::Guard g(f);
  std::size_t done = stdio::write_nolock(buf, total, f);
  stdio::end_call(f);
  return done / size;
}

char* WINAPI fgets(char* s, int n, FILE* f) noexcept {
  if (!s || n <= 0 || !f) {
    set_errno(err::einval);
    return nullptr;
  }
  stdio::Guard g(f);
  int i = 0;
  while (i < n - 1) {
    int c = stdio::getc_nolock(f);
    if (c == CRT_EOF) break;
    s[i++] = static_cast<char>(c);
    if (c == '\n') break;
  }
  if (i == 0 && n > 1) return nullptr;
  s[i] = 0;
  return s;
}

char* WINAPI gets(char* s) noexcept {
  FILE* f = &iob[0];
  stdio::Guard g(f);
  int i = 0, c;
  while ((c = stdio::getc_nolock(f)) != CRT_EOF && c != '\n') s[i++] = static_cast<char>(c);
  if (c == CRT_EOF && i == 0) return nullptr;
  s[i] = 0;
  return s;
}

int WINAPI fputs(const char* s, FILE* f) noexcept {
  if (!s || !f) {
    set_errno(err::einval);
    return CRT_EOF;
  }
  std::size_t n = std::strlen(s);
  stdio::Guard g(f);
  std::size_t w = stdio::write_nolock(s, n, f);
  stdio::end_call(f);
  return w == n ? 0 : CRT_EOF;
}

int WINAPI puts(const char* s) noexcept {
  if (!s) {
    set_errno(err::einval);
    return CRT_EOF;
  }
  FILE* f = &iob[1];
  std::size_t n = std::strlen(s);
  stdio::Guard g(f);
  bool ok = stdio::write_nolock(s, n, f) == n && stdio::putc_nolock('\n', f) != CRT_EOF;
  stdio::end_call(f);
  return ok ? 0 : CRT_EOF;
}

// ---- Position ----

std::int64_t WINAPI _ftelli64(FILE* f) noexcept {
  if (!f) {
    set_errno(err::einval);
    return -1;
  }
  stdio::Guard g(f);
  std::int64_t pos = _lseeki64(f->_file, 0, 1);
  if (pos < 0) return -1;
  if (!f->_base || !(f->_flag & (IOREAD | IOWRT))) return pos;
  bool text = lowio::is_text(f->_file);
  if (f->_flag & IOREAD) {
    // Bytes still in the buffer have not been consumed; in text mode each "\n" there
    // stood for "\r\n" on disk.
    std::int64_t unread = f->_cnt;
    if (text) {
      for (int i = 0; i < f->_cnt; ++i) {
        if (f->_ptr[i] == '\n') ++unread;
      }
    }
    return pos - unread;
  }
  std::int64_t pending = f->_ptr - f->_base;
  if (text) {
    for (char* p = f->_base; p < f->_ptr; ++p) {
      if (*p == '\n') ++pending;
    }
  }
  return pos + pending;
}

crt_long WINAPI ftell(FILE* f) noexcept {
  std::int64_t p = _ftelli64(f);
  if (p > 0x7FFFFFFF) {
    set_errno(err::einval);
    return -1;
  }
  return static_cast<crt_long>(p);
}

int WINAPI _fseeki64(FILE* f, std::int64_t off, int whence) noexcept {
  if (!f || whence < 0 || whence > 2) {
    set_errno(err::einval);
    return -1;
  }
  stdio::Guard g(f);
  if (whence == 1) {  // relative to the stream's position, not the descriptor's
    std::int64_t here = _ftelli64(f);
    if (here < 0) return -1;
    off += here;
    whence = 0;
  }
  stdio::flush_nolock(f);
  f->_ptr = f->_base;
  f->_cnt = 0;
  f->_flag &= ~IOEOF;
  if (f->_flag & IORW) f->_flag &= ~(IOREAD | IOWRT);
  return _lseeki64(f->_file, off, whence) < 0 ? -1 : 0;
}

int WINAPI fseek(FILE* f, crt_long off, int whence) noexcept { return _fseeki64(f, off, whence); }

void WINAPI rewind(FILE* f) noexcept {
  if (!f) return;
  stdio::Guard g(f);
  _fseeki64(f, 0, 0);
  f->_flag &= ~(IOERR | IOEOF);
}

int WINAPI fgetpos(FILE* f, std::int64_t* pos) noexcept {
  if (!pos) {
    set_errno(err::einval);
    return -1;
  }
  *pos = _ftelli64(f);
  return *pos < 0 ? -1 : 0;
}

int WINAPI fsetpos(FILE* f, const std::int64_t* pos) noexcept {
  if (!pos) {
    set_errno(err::einval);
    return -1;
  }
  return _fseeki64(f, *pos, 0);
}

// ---- Error state ----

int WINAPI feof(FILE* f) noexcept { return f ? (f->_flag & IOEOF) : 0; }
int WINAPI ferror(FILE* f) noexcept { return f ? (f->_flag & IOERR) : 0; }

void WINAPI clearerr(FILE* f) noexcept {
  if (!f) return;
  stdio::Guard g(f);
  f->_flag &= ~(IOERR | IOEOF);
}

}  // namespace sill::msvcrt
