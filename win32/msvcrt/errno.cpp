// errno, _doserrno and the messages of strerror/perror, with Windows' numbering.
#include <cerrno>
#include <cstring>

#include "base/debug.h"
#include "win32/kernel32/kernel32.h"
#include "win32/msvcrt/msvcrt.h"
#include "win32/msvcrt/msvcrt_api.h"

SILL_DEFAULT_DEBUG_CHANNEL(msvcrt);

namespace sill::msvcrt {
namespace {

thread_local int t_errno = 0;
thread_local crt_ulong t_doserrno = 0;
thread_local char t_strerror_buf[256];

// _sys_errlist: Microsoft's wording, indexed by Windows errno.
const char* const kMessages[] = {
    "No error",
    "Operation not permitted",
    "No such file or directory",
    "No such process",
    "Interrupted function call",
    "Input/output error",
    "No such device or address",
    "Arg list too long",
    "Exec format error",
    "Bad file descriptor",
    "No child processes",
    "Resource temporarily unavailable",
    "Not enough space",
    "Permission denied",
    "Bad address",
    "Unknown error",
    "Resource device",
    "File exists",
    "Improper link",
    "No such device",
    "Not a directory",
    "Is a directory",
    "Invalid argument",
    "Too many open files in system",
    "Too many open files",
    "Inappropriate I/O control operation",
    "Unknown error",
    "File too large",
    "No space left on device",
    "Invalid seek",
    "Read-only file system",
    "Too many links",
    "Broken pipe",
    "Domain error",
    "Result too large",
    "Unknown error",
    "Resource deadlock avoided",
    "Unknown error",
    "Filename too long",
    "No locks available",
    "Function not implemented",
    "Directory not empty",
    "Illegal byte sequence",
    "Unknown error",
};
constexpr int kMessageCount = static_cast<int>(sizeof kMessages / sizeof kMessages[0]);

const char* message_for(int e) {
  if (e < 0 || e >= kMessageCount) return "Unknown error";
  return kMessages[e];
}

struct ErrMap {
  DWORD win32;
  int crt;
};
// The Win32 errors _dosmaperr translates; anything else is EINVAL.
constexpr ErrMap kWin32Map[] = {
    {1, err::einval},    {2, err::enoent},    {3, err::enoent},   {4, err::emfile},
    {5, err::eacces},    {6, err::ebadf},     {7, err::enomem},   {8, err::enomem},
    {9, err::enomem},    {10, err::e2big},    {11, err::enoexec}, {12, err::eacces},
    {13, err::einval},   {15, err::enoent},   {16, err::eacces},  {17, err::exdev},
    {18, err::enoent},   {19, err::eacces},   {32, err::eacces},  {33, err::eacces},
    {53, err::enoent},   {65, err::eacces},   {67, err::enoent},  {80, err::eexist},
    {82, err::eacces},   {83, err::eacces},   {89, err::eagain},  {108, err::eacces},
    {109, err::epipe},   {112, err::enospc},  {114, err::ebadf},  {128, err::echild},
    {129, err::echild},  {130, err::ebadf},   {131, err::einval}, {132, err::eacces},
    {145, err::enotempty}, {158, err::eacces}, {161, err::enoent}, {164, err::eagain},
    {167, err::eacces},  {183, err::eexist},  {206, err::enoent}, {215, err::eagain},
    {1816, err::enomem},
};

}  // namespace

void set_errno(int e) { t_errno = e; }
int get_errno() { return t_errno; }

void set_errno_from_win32(DWORD code) {
  t_doserrno = code;
  for (const ErrMap& m : kWin32Map) {
    if (m.win32 == code) {
      t_errno = m.crt;
      return;
    }
  }
  if (code >= 19 && code <= 36) t_errno = err::eacces;         // write-protect .. sharing buffer
  else if (code >= 188 && code <= 202) t_errno = err::enoexec;  // invalid exe formats
  else t_errno = err::einval;
}

int errno_from_host(int e) {
  switch (e) {
    case EDEADLK: return err::edeadlk;
    case ENAMETOOLONG: return err::enametoolong;
    case ENOLCK: return err::enolck;
    case ENOSYS: return err::enosys;
    case ENOTEMPTY: return err::enotempty;
    case EILSEQ: return err::eilseq;
    default: return e > 0 && e < 35 ? e : err::einval;  // the classic values agree
  }
}

int* WINAPI _errno() noexcept { return &t_errno; }
crt_ulong* WINAPI __doserrno() noexcept { return &t_doserrno; }

errno_t WINAPI _get_errno(int* value) noexcept {
  if (!value) return err::einval;
  *value = t_errno;
  return 0;
}

errno_t WINAPI _set_errno(int value) noexcept {
  t_errno = value;
  return 0;
}

errno_t WINAPI _get_doserrno(crt_ulong* value) noexcept {
  if (!value) return err::einval;
  *value = t_doserrno;
  return 0;
}

errno_t WINAPI _set_doserrno(crt_ulong value) noexcept {
  t_doserrno = value;
  return 0;
}

char* WINAPI strerror(int e) noexcept {
  std::strncpy(t_strerror_buf, message_for(e), sizeof t_strerror_buf - 1);
  return t_strerror_buf;
}

errno_t WINAPI strerror_s(char* buf, std::size_t size, int e) noexcept {
  if (!buf || size == 0) return err::einval;
  const char* m = message_for(e);
  std::size_t n = std::strlen(m);
  if (n >= size) n = size - 1;
  std::memcpy(buf, m, n);
  buf[n] = 0;
  return 0;
}

// _strerror(s): "s: message\n" for the current errno, or just "message\n".
char* WINAPI _strerror(const char* s) noexcept {
  const char* m = message_for(t_errno);
  if (s && *s) {
    std::size_t n = std::strlen(s);
    if (n > 150) n = 150;
    std::memcpy(t_strerror_buf, s, n);
    std::strcpy(t_strerror_buf + n, ": ");
    std::strncat(t_strerror_buf, m, sizeof t_strerror_buf - n - 4);
  } else {
    std::strcpy(t_strerror_buf, m);
  }
  std::strcat(t_strerror_buf, "\n");
  return t_strerror_buf;
}

wchar* WINAPI _wcserror(int e) noexcept {
  thread_local wchar wbuf[128];
  const char* m = message_for(e);
  std::size_t i = 0;
  for (; m[i] && i < 127; ++i) wbuf[i] = byte_to_wide(static_cast<unsigned char>(m[i]));
  wbuf[i] = 0;
  return wbuf;
}

void WINAPI perror(const char* s) noexcept {
  int e = t_errno;
  FILE* err_stream = &iob[2];
  stdio::Guard g(err_stream);
  if (s && *s) {
    stdio::write_nolock(s, std::strlen(s), err_stream);
    stdio::write_nolock(": ", 2, err_stream);
  }
  const char* m = message_for(e);
  stdio::write_nolock(m, std::strlen(m), err_stream);
  stdio::write_nolock("\n", 1, err_stream);
  stdio::end_call(err_stream);
}

}  // namespace sill::msvcrt
