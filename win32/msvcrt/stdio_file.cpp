// Streams as objects: the _iob table, stream locks, fopen/fclose/freopen/_fdopen,
// setvbuf and flushing every stream at exit.
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "base/debug.h"
#include "win32/kernel32/kernel32.h"
#include "win32/msvcrt/msvcrt.h"
#include "win32/msvcrt/msvcrt_api.h"

SILL_DEFAULT_DEBUG_CHANNEL(msvcrt);

namespace sill::msvcrt {

FILE iob[IOB_ENTRIES] = {
    {nullptr, 0, nullptr, IOREAD, 0, 0, 0, nullptr},
    {nullptr, 0, nullptr, IOWRT, 1, 0, 0, nullptr},
    {nullptr, 0, nullptr, IOWRT, 2, 0, 0, nullptr},
};

namespace {

// Streams beyond _iob carry their lock right after the FILE programs see.
struct FileEx {
  FILE f;
  std::recursive_mutex lock;
};

std::recursive_mutex g_iob_locks[IOB_ENTRIES];
std::recursive_mutex g_streams_lock;  // guards the stream table below and _iob slot allocation
std::vector<FileEx*> g_extra;

bool in_iob(const FILE* f) { return f >= iob && f < iob + IOB_ENTRIES; }
bool in_use(const FILE* f) { return (f->_flag & (IOREAD | IOWRT | IORW)) != 0; }

FILE* alloc_stream() {
  std::lock_guard<std::recursive_mutex> g(g_streams_lock);
  for (int i = 3; i < IOB_ENTRIES; ++i) {
    if (!in_use(&iob[i])) {
      std::memset(&iob[i], 0, sizeof(FILE));
      iob[i]._file = -1;
      return &iob[i];
    }
  }
  for (FileEx* x : g_extra) {
    if (!in_use(&x->f)) {
      std::memset(&x->f, 0, sizeof(FILE));
      x->f._file = -1;
      return &x->f;
    }
  }
  if (g_extra.size() >= 2048) return nullptr;
  auto* x = new (std::nothrow) FileEx{};
  if (!x) return nullptr;
  x->f._file = -1;
  g_extra.push_back(x);
  return &x->f;
}

void release_buffer(FILE* f) {
  if (f->_flag & IOMYBUF) std::free(f->_base);
  f->_base = f->_ptr = nullptr;
  f->_cnt = 0;
  f->_bufsiz = 0;
  f->_flag &= ~(IOMYBUF | IOYOURBUF | IOSETVBUF);
}

// Every stream in use, for _flushall/_fcloseall/exit.
std::vector<FILE*> all_streams() {
  std::lock_guard<std::recursive_mutex> g(g_streams_lock);
  std::vector<FILE*> v;
  for (FILE& f : iob) {
    if (in_use(&f)) v.push_back(&f);
  }
  for (FileEx* x : g_extra) {
    if (in_use(&x->f)) v.push_back(&x->f);
  }
  return v;
}

int close_nolock(FILE* f) {
  if (!in_use(f)) {
    set_errno(err::einval);
    return CRT_EOF;
  }
  int r = 0;
  if (f->_flag & IOWRT || f->_flag & IORW) r = stdio::flush_nolock(f);
  release_buffer(f);
  if (f->_file >= 0 && _close(f->_file) < 0) r = CRT_EOF;
  if (f->_tmpfname) {  // a tmpfile() stream: its file goes with it
    std::u16string name = ansi_to_wide(f->_tmpfname);
    kernel32::DeleteFileW(name.c_str());
    std::free(f->_tmpfname);
    f->_tmpfname = nullptr;
  }
  f->_flag = 0;
  f->_file = -1;
  return r;
}

std::u16string widen(const char* s) { return ansi_to_wide(s); }

}  // namespace

namespace stdio {

std::recursive_mutex& lock_of(FILE* f) {
  if (in_iob(f)) return g_iob_locks[f - iob];
  return reinterpret_cast<FileEx*>(f)->lock;
}

void lock(FILE* f) { lock_of(f).lock(); }
void unlock(FILE* f) { lock_of(f).unlock(); }

bool parse_mode(const wchar* mode, int* oflag, int* stream_flag) {
  if (!mode) return false;
  while (*mode == u' ') ++mode;
  switch (*mode++) {
    case u'r':
      *oflag = O_RDONLY;
      *stream_flag = IOREAD;
      break;
    case u'w':
      *oflag = O_WRONLY | O_CREAT | O_TRUNC;
      *stream_flag = IOWRT;
      break;
    case u'a':
      *oflag = O_WRONLY | O_CREAT | O_APPEND;
      *stream_flag = IOWRT;
      break;
    default:
      return false;
  }
  bool mode_given = false;
  for (; *mode; ++mode) {
    switch (*mode) {
      case u'+':
        *oflag = (*oflag & ~(O_RDONLY | O_WRONLY)) | O_RDWR;
        *stream_flag = IORW;
        break;
      case u'b':
        if (mode_given) return false;
        *oflag |= O_BINARY;
        mode_given = true;
        break;
      case u't':
        if (mode_given) return false;
        *oflag |= O_TEXT;
        mode_given = true;
        break;
      case u'D': *oflag |= O_TEMPORARY; break;
      case u'T': *oflag |= O_SHORT_LIVED; break;
      case u'N': *oflag |= O_NOINHERIT; break;
      case u'S': *oflag |= O_SEQUENTIAL; break;
      case u'R': *oflag |= O_RANDOM; break;
      case u'c':
      case u'n':
      case u' ':
        break;
      case u',':
        FIXME_ONCE("fopen mode options after ',' (ccs=) are ignored\n");
        return true;
      default:
        return false;
    }
  }
  return true;
}

FILE* open_stream(int fd, int stream_flag) {
  FILE* f = alloc_stream();
  if (!f) {
    set_errno(err::emfile);
    return nullptr;
  }
  f->_file = fd;
  f->_flag = stream_flag;
  return f;
}

int flush_all(bool only_writing, bool try_lock) {
  int count = 0;
  int result = 0;
  for (FILE* f : all_streams()) {
    std::recursive_mutex& m = lock_of(f);
    if (try_lock) {
      if (!m.try_lock()) continue;
    } else {
      m.lock();
    }
    std::lock_guard<std::recursive_mutex> g(m, std::adopt_lock);
    if (!in_use(f)) continue;
    if (f->_flag & (IOWRT | IORW)) {
      if (flush_nolock(f) == CRT_EOF) result = CRT_EOF;
    } else if (!only_writing) {
      flush_nolock(f);
    }
    ++count;
  }
  return only_writing ? result : count;
}

}  // namespace stdio

// ---- Exports ----

FILE* WINAPI __iob_func() noexcept { return iob; }
void WINAPI _lock_file(FILE* f) noexcept { stdio::lock(f); }
void WINAPI _unlock_file(FILE* f) noexcept { stdio::unlock(f); }

FILE* WINAPI _wfsopen(const wchar* name, const wchar* mode, int shflag) noexcept {
  int oflag = 0, sflag = 0;
  if (!name || !*name || !stdio::parse_mode(mode, &oflag, &sflag)) {
    set_errno(err::einval);
    return nullptr;
  }
  int fd = _wsopen(name, oflag, shflag, 0x180 /* _S_IREAD | _S_IWRITE */);
  if (fd < 0) return nullptr;
  FILE* f = stdio::open_stream(fd, sflag);
  if (!f) _close(fd);
  return f;
}

FILE* WINAPI _wfopen(const wchar* name, const wchar* mode) noexcept {
  return _wfsopen(name, mode, 0x40 /* _SH_DENYNO */);
}

FILE* WINAPI _fsopen(const char* name, const char* mode, int shflag) noexcept {
  if (!name || !mode) {
    set_errno(err::einval);
    return nullptr;
  }
  std::u16string wn = widen(name), wm = widen(mode);
  return _wfsopen(wn.c_str(), wm.c_str(), shflag);
}

FILE* WINAPI fopen(const char* name, const char* mode) noexcept { return _fsopen(name, mode, 0x40); }

errno_t WINAPI fopen_s(FILE** out, const char* name, const char* mode) noexcept {
  if (!out) return err::einval;
  *out = fopen(name, mode);
  return *out ? 0 : get_errno();
}

errno_t WINAPI _wfopen_s(FILE** out, const wchar* name, const wchar* mode) noexcept {
  if (!out) return err::einval;
  *out = _wfopen(name, mode);
  return *out ? 0 : get_errno();
}

FILE* WINAPI _wfdopen(int fd, const wchar* mode) noexcept {
  int oflag = 0, sflag = 0;
  if (!stdio::parse_mode(mode, &oflag, &sflag) || !lowio::is_open(fd)) {
    set_errno(lowio::is_open(fd) ? err::einval : err::ebadf);
    return nullptr;
  }
  return stdio::open_stream(fd, sflag);
}

FILE* WINAPI _fdopen(int fd, const char* mode) noexcept {
  if (!mode) {
    set_errno(err::einval);
    return nullptr;
  }
  std::u16string wm = widen(mode);
  return _wfdopen(fd, wm.c_str());
}

FILE* WINAPI _wfreopen(const wchar* name, const wchar* mode, FILE* f) noexcept {
  if (!f || !name) {
    set_errno(err::einval);
    return nullptr;
  }
  stdio::Guard g(f);
  if (in_use(f)) close_nolock(f);
  int oflag = 0, sflag = 0;
  if (!stdio::parse_mode(mode, &oflag, &sflag)) {
    set_errno(err::einval);
    return nullptr;
  }
  int fd = _wopen(name, oflag, 0x180);
  if (fd < 0) return nullptr;
  std::memset(f, 0, sizeof(FILE));
  f->_file = fd;
  f->_flag = sflag;
  return f;
}

FILE* WINAPI freopen(const char* name, const char* mode, FILE* f) noexcept {
  if (!name || !mode) {
    set_errno(err::einval);
    return nullptr;
  }
  std::u16string wn = widen(name), wm = widen(mode);
  return _wfreopen(wn.c_str(), wm.c_str(), f);
}

int WINAPI fclose(FILE* f) noexcept {
  if (!f) {
    set_errno(err::einval);
    return CRT_EOF;
  }
  stdio::Guard g(f);
  return close_nolock(f);
}

int WINAPI _fcloseall() noexcept {
  int n = 0;
  for (FILE* f : all_streams()) {
    if (in_iob(f) && f - iob < 3) continue;
    if (fclose(f) != CRT_EOF) ++n;
  }
  return n;
}

int WINAPI fflush(FILE* f) noexcept {
  if (!f) return stdio::flush_all(true);
  stdio::Guard g(f);
  return stdio::flush_nolock(f);
}

int WINAPI _fflush_nolock(FILE* f) noexcept {
  if (!f) return stdio::flush_all(true);
  return stdio::flush_nolock(f);
}

int WINAPI _flushall() noexcept { return stdio::flush_all(false); }

int WINAPI setvbuf(FILE* f, char* buf, int mode, std::size_t size) noexcept {
  if (!f || (mode != MODE_IONBF && mode != MODE_IOFBF && mode != MODE_IOLBF) ||
      (mode != MODE_IONBF && (size < 2 || size > 0x7FFFFFFF))) {
    set_errno(err::einval);
    return -1;
  }
  stdio::Guard g(f);
  stdio::flush_nolock(f);
  release_buffer(f);
  f->_flag &= ~IONBF;
  if (mode == MODE_IONBF) {
    f->_flag |= IONBF;
    f->_base = f->_ptr = reinterpret_cast<char*>(&f->_charbuf);
    f->_bufsiz = 2;
    return 0;
  }
  // _IOLBF is full buffering in msvcrt.
  size &= ~static_cast<std::size_t>(1);
  if (buf) {
    f->_flag |= IOYOURBUF | IOSETVBUF;
    f->_base = f->_ptr = buf;
  } else {
    char* p = static_cast<char*>(std::malloc(size));
    if (!p) return -1;
    f->_flag |= IOMYBUF | IOSETVBUF;
    f->_base = f->_ptr = p;
  }
  f->_bufsiz = static_cast<int>(size);
  f->_cnt = 0;
  return 0;
}

void WINAPI setbuf(FILE* f, char* buf) noexcept {
  if (buf) setvbuf(f, buf, MODE_IOFBF, 512 /* BUFSIZ */);
  else setvbuf(f, nullptr, MODE_IONBF, 0);
}

int WINAPI _fileno(FILE* f) noexcept {
  if (!f) {
    set_errno(err::einval);
    return -1;
  }
  return f->_file;
}

int WINAPI _getmaxstdio() noexcept { return 2048; }

int WINAPI _setmaxstdio(int n) noexcept {
  if (n < IOB_ENTRIES || n > 2048) return -1;
  return n;
}

}  // namespace sill::msvcrt
