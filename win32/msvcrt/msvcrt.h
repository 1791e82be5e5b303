// Sill's msvcrt.dll: the internal interfaces its files share (stream layout, low-level
// file descriptors, errno, the format engine's inputs). The exports themselves are
// declared in msvcrt_api.h.
#pragma once
#include <cstddef>
#include <cstdint>
#include <mutex>
#include <string>

#include "base/wintypes.h"

namespace sill::msvcrt {

using namespace sill::win;

// Windows' C types at their Win64 widths: long is 32 bits, wchar_t 16 bits, time_t 64 bits.
using wchar = char16_t;
using wint_t = std::uint16_t;
using crt_long = std::int32_t;
using crt_ulong = std::uint32_t;
using time64_t = std::int64_t;
using errno_t = int;
inline constexpr wint_t CRT_WEOF = 0xFFFF;
inline constexpr int CRT_EOF = -1;

// The callback kinds a program hands the CRT: all are ms_abi.
using vfunc_t = void(WINAPI*)();
using ifunc_t = int(WINAPI*)();
using onexit_t = int(WINAPI*)();
using compare_t = int(WINAPI*)(const void*, const void*);
using compare_ctx_t = int(WINAPI*)(void*, const void*, const void*);
using sighandler_t = void(WINAPI*)(int);

// ---- errno (Windows numbering; mostly equal to Linux below 35, not above) ----
namespace err {
inline constexpr int eperm = 1, enoent = 2, esrch = 3, eintr = 4, eio = 5, enxio = 6, e2big = 7,
                     enoexec = 8, ebadf = 9, echild = 10, eagain = 11, enomem = 12, eacces = 13,
                     efault = 14, ebusy = 16, eexist = 17, exdev = 18, enodev = 19, enotdir = 20,
                     eisdir = 21, einval = 22, enfile = 23, emfile = 24, enotty = 25, efbig = 27,
                     enospc = 28, espipe = 29, erofs = 30, emlink = 31, epipe = 32, edom = 33,
                     erange = 34, eoverflow = 132, edeadlk = 36, enametoolong = 38, enolck = 39, enosys = 40,
                     enotempty = 41, eilseq = 42, struncate = 80;
}
void set_errno(int e);
int get_errno();
// Sets errno (and _doserrno) from a Win32 error code, the way _dosmaperr does.
void set_errno_from_win32(DWORD win32_error);
// Host errno (Linux numbering) to Windows numbering.
int errno_from_host(int host_errno);

// ---- Low-level I/O (file descriptors over kernel32 handles) ----
inline constexpr int O_RDONLY = 0x0000, O_WRONLY = 0x0001, O_RDWR = 0x0002, O_APPEND = 0x0008,
                     O_CREAT = 0x0100, O_TRUNC = 0x0200, O_EXCL = 0x0400, O_TEXT = 0x4000,
                     O_BINARY = 0x8000, O_WTEXT = 0x10000, O_U16TEXT = 0x20000, O_U8TEXT = 0x40000,
                     O_NOINHERIT = 0x0080, O_TEMPORARY = 0x0040, O_SHORT_LIVED = 0x1000,
                     O_SEQUENTIAL = 0x0020, O_RANDOM = 0x0010;

namespace lowio {
// Ensures fds 0, 1 and 2 exist (from GetStdHandle). Safe to call often.
void ensure_std_fds();
// Allocates the lowest free fd for handle; -1 (errno EMFILE) if none.
int alloc_fd(HANDLE h, int oflag);
HANDLE handle_of(int fd);          // INVALID_HANDLE_VALUE when fd is not open
bool is_open(int fd);
bool is_text(int fd);
// _setmode(_O_U16TEXT / _O_U8TEXT): wide stream functions then write UTF-16 or UTF-8.
enum class WideMode : std::uint8_t { None, Utf16, Utf8 };
WideMode wide_mode(int fd);
bool is_device(int fd);            // a console/character device
bool is_pipe(int fd);
int read(int fd, void* buf, unsigned count);         // _read semantics
int write(int fd, const void* buf, unsigned count);  // _write semantics
std::int64_t seek(int fd, std::int64_t off, int whence);
int close(int fd);
}  // namespace lowio

// ---- Streams: Microsoft's FILE layout, which programs and macros read directly ----
struct FILE {
  char* _ptr;
  int _cnt;
  char* _base;
  int _flag;
  int _file;
  int _charbuf;
  int _bufsiz;
  char* _tmpfname;
};
static_assert(sizeof(FILE) == 48);
static_assert(offsetof(FILE, _flag) == 24 && offsetof(FILE, _file) == 28 && offsetof(FILE, _tmpfname) == 40);

inline constexpr int IOREAD = 0x0001, IOWRT = 0x0002, IONBF = 0x0004, IOMYBUF = 0x0008,
                     IOEOF = 0x0010, IOERR = 0x0020, IOSTRG = 0x0040, IORW = 0x0080,
                     IOYOURBUF = 0x0100, IOSETVBUF = 0x0400, IOTMPBUF = 0x1000;
// setvbuf modes.
inline constexpr int MODE_IOFBF = 0x0000, MODE_IOLBF = 0x0040, MODE_IONBF = 0x0004;
inline constexpr int IOB_ENTRIES = 20;
inline constexpr int STREAM_BUFSIZ = 4096;

extern FILE iob[IOB_ENTRIES];  // exported as data "_iob"

namespace stdio {
// Stream locking: _iob entries have a side table; fopen'ed streams carry their lock.
void lock(FILE* f);
void unlock(FILE* f);
struct Guard {
  FILE* f;
  explicit Guard(FILE* file) : f(file) { lock(f); }
  ~Guard() { unlock(f); }
  Guard(const Guard&) = delete;
  Guard& operator=(const Guard&) = delete;
};
// Unlocked primitives (caller holds the stream lock).
int putc_nolock(int c, FILE* f);
int getc_nolock(FILE* f);
std::size_t write_nolock(const void* p, std::size_t n, FILE* f);
int flush_nolock(FILE* f);
// Writes that must not stay buffered (stderr, stdout on a console) are flushed when a
// high-level call finishes, as msvcrt's temporary buffering does.
void end_call(FILE* f);
// Flushes every open stream; returns the number of streams or EOF on error. At process
// detach other threads are gone and may have died holding a stream's lock: `try_lock`
// skips such streams instead of waiting forever.
int flush_all(bool only_writing, bool try_lock = false);
// Parses an fopen mode into open flags and stream flags; false if invalid.
bool parse_mode(const wchar* mode, int* oflag, int* stream_flag);
FILE* open_stream(int fd, int stream_flag);  // a FILE for an open fd
}  // namespace stdio

// Locks by number, as _lock/_unlock take them.
inline constexpr int LOCK_EXIT = 13, LOCK_ENV = 7, LOCK_TABLES = 40;
std::recursive_mutex& crt_lock(int n);

// ---- Locales: "C" at start, others through setlocale (crt_locale.cpp) ----
struct LCONV {  // struct lconv as msvcrt.dll lays it out
  char* decimal_point;
  char* thousands_sep;
  char* grouping;
  char* int_curr_symbol;
  char* currency_symbol;
  char* mon_decimal_point;
  char* mon_thousands_sep;
  char* mon_grouping;
  char* positive_sign;
  char* negative_sign;
  char int_frac_digits, frac_digits, p_cs_precedes, p_sep_by_space, n_cs_precedes, n_sep_by_space,
      p_sign_posn, n_sign_posn;
};
static_assert(sizeof(LCONV) == 88 && offsetof(LCONV, int_frac_digits) == 80);

struct CtypeTable {
  std::uint16_t v[257];  // entry 0 is for EOF
};
extern const CtypeTable ctype;     // _ctype (exported data)
extern const CtypeTable wctype;    // the wide table for U+0000..U+00FF (entry 0 is for CRT_WEOF)
extern const std::uint16_t* pctype;   // _pctype: &_ctype[1]
extern const std::uint16_t* pwctype;  // _pwctype
inline constexpr std::uint16_t C_UPPER = 0x1, C_LOWER = 0x2, C_DIGIT = 0x4, C_SPACE = 0x8,
                               C_PUNCT = 0x10, C_CONTROL = 0x20, C_BLANK = 0x40, C_HEX = 0x80,
                               C_LEADBYTE = 0x8000, C_ALPHA = 0x0100 | C_UPPER | C_LOWER;
std::uint16_t wctype_of(wchar c);
// The LC_CTYPE code page, 0 in the "C" locale (crt_locale.cpp).
extern unsigned ctype_code_page;
wchar locale_byte_to_wide(unsigned char c);
int locale_wide_to_byte(wchar c);
// Single-byte text: in the "C" locale bytes map to U+0000..U+00FF, else through the code page.
inline wchar byte_to_wide(unsigned char c) { return ctype_code_page ? locale_byte_to_wide(c) : c; }
// Returns -1 for characters the locale cannot represent in one byte.
inline int wide_to_byte(wchar c) { return ctype_code_page ? locale_wide_to_byte(c) : c < 256 ? c : -1; }

// ---- Startup, environment and exit ----
void initialize_startup_data();   // argv, environment, std fds (DLL_PROCESS_ATTACH or first use)
void initialize_environment();
extern char** environ_value;      // _environ
extern wchar** wenviron_value;    // _wenviron
extern char** initenv_value;      // __initenv: the environment main() was given
extern wchar** winitenv_value;
void run_exit_handlers();         // atexit/_onexit functions, in reverse

// ---- Signals (Windows numbering: SIGABRT is 22) ----
inline constexpr int SIGNAL_INT = 2, SIGNAL_ILL = 4, SIGNAL_FPE = 8, SIGNAL_SEGV = 11,
                     SIGNAL_TERM = 15, SIGNAL_BREAK = 21, SIGNAL_ABRT = 22, SIGNAL_ABRT_COMPAT = 6;
bool signal_handler_installed(int sig);  // neither SIG_DFL nor SIG_IGN

// div/ldiv/lldiv results.
struct DIV_T {
  int quot, rem;
};
struct LDIV_T {
  crt_long quot, rem;
};
struct LLDIV_T {
  std::int64_t quot, rem;
};

// <time.h> structures as msvcrt lays them out.
struct TM {
  int tm_sec, tm_min, tm_hour, tm_mday, tm_mon, tm_year, tm_wday, tm_yday, tm_isdst;
};
static_assert(sizeof(TM) == 36);
struct TIMEB {  // struct __timeb64
  time64_t time;
  std::uint16_t millitm;
  std::int16_t timezone;
  std::int16_t dstflag;
};
static_assert(sizeof(TIMEB) == 16);

// struct _stat64 (and _stati64, the same on x64) and struct _stat (32-bit size).
struct STAT64 {
  std::uint32_t st_dev;
  std::uint16_t st_ino;
  std::uint16_t st_mode;
  std::int16_t st_nlink, st_uid, st_gid;
  std::uint32_t st_rdev;
  std::int64_t st_size;
  time64_t atime, mtime, ctime;  // st_atime, st_mtime, st_ctime (glibc makes those names macros)
};
static_assert(sizeof(STAT64) == 56 && offsetof(STAT64, st_rdev) == 16 && offsetof(STAT64, st_size) == 24);
struct STAT32SIZE {
  std::uint32_t st_dev;
  std::uint16_t st_ino;
  std::uint16_t st_mode;
  std::int16_t st_nlink, st_uid, st_gid;
  std::uint32_t st_rdev;
  crt_long st_size;
  time64_t atime, mtime, ctime;  // st_atime, st_mtime, st_ctime (glibc makes those names macros)
};
static_assert(sizeof(STAT32SIZE) == 48 && offsetof(STAT32SIZE, st_size) == 20 && offsetof(STAT32SIZE, atime) == 24);

// _findfirst's records: _finddata_t (64-bit times, 32-bit size) and __finddata64_t.
template <class C, class Size>
struct FindData {
  unsigned attrib;
  time64_t time_create, time_access, time_write;
  Size size;
  C name[260];
};
using FINDDATA64I32 = FindData<char, std::uint32_t>;
using FINDDATA64 = FindData<char, std::int64_t>;
using WFINDDATA64I32 = FindData<wchar, std::uint32_t>;
using WFINDDATA64 = FindData<wchar, std::int64_t>;
static_assert(sizeof(FINDDATA64I32) == 296 && offsetof(FINDDATA64I32, name) == 36);
static_assert(sizeof(FINDDATA64) == 304 && offsetof(FINDDATA64, name) == 40);
static_assert(sizeof(WFINDDATA64I32) == 560 && sizeof(WFINDDATA64) == 560);

// ---- Helpers for other files ----
std::size_t wlen(const wchar* s);
// File names and other API text in the process code page (CP_ACP), as msvcrt converts them.
std::u16string ansi_to_wide(const char* s);
std::string wide_to_ansi(const wchar* s);
// _fmode: the default translation mode of _open/fopen (0 or O_TEXT: text, O_BINARY: binary).
extern int fmode;

}  // namespace sill::msvcrt
