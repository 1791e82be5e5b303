// The UCRT's secure and dispatch forms of opening files and streams (_sopen_s, the
// _sopen_dispatch that MSVC's C++ overloads of _open call, freopen_s, fread_s), over
// msvcrt's low-level and stream I/O.
#include <cstring>

#include "win32/msvcrt/msvcrt_api.h"
#include "win32/ucrtbase/ucrtbase.h"

namespace sill::ucrtbase {

namespace {
errno_t invalid(int e) {
  msvcrt::set_errno(e);
  _invalid_parameter_noinfo();
  return e;
}
}  // namespace

errno_t WINAPI _sopen_s(int* fd, const char* path, int oflag, int shflag, int pmode) noexcept {
  if (!fd) return invalid(msvcrt::err::einval);
  *fd = msvcrt::_sopen(path, oflag, shflag, pmode);
  return *fd < 0 ? msvcrt::get_errno() : 0;
}

errno_t WINAPI _wsopen_s(int* fd, const wchar* path, int oflag, int shflag, int pmode) noexcept {
  if (!fd) return invalid(msvcrt::err::einval);
  *fd = msvcrt::_wsopen(path, oflag, shflag, pmode);
  return *fd < 0 ? msvcrt::get_errno() : 0;
}

errno_t WINAPI _sopen_dispatch(const char* path, int oflag, int shflag, int pmode, int* fd, int secure) noexcept {
  return _sopen_s(fd, path, oflag, shflag, pmode);
}

errno_t WINAPI _wsopen_dispatch(const wchar* path, int oflag, int shflag, int pmode, int* fd, int secure) noexcept {
  return _wsopen_s(fd, path, oflag, shflag, pmode);
}

errno_t WINAPI freopen_s(FILE** out, const char* path, const char* mode, FILE* f) noexcept {
  if (!out) return invalid(msvcrt::err::einval);
  *out = msvcrt::freopen(path, mode, f);
  return *out ? 0 : msvcrt::get_errno();
}

errno_t WINAPI _wfreopen_s(FILE** out, const wchar* path, const wchar* mode, FILE* f) noexcept {
  if (!out) return invalid(msvcrt::err::einval);
  *out = msvcrt::_wfreopen(path, mode, f);
  return *out ? 0 : msvcrt::get_errno();
}

// fread with the destination's size: a request that could overrun it is refused (and the
// buffer cleared) before anything is read.
std::size_t WINAPI fread_s(void* buffer, std::size_t buffer_size, std::size_t element_size, std::size_t count,
                           FILE* f) noexcept {
  if (!element_size || !count) return 0;
  if (!buffer || !f) {
    invalid(msvcrt::err::einval);
    return 0;
  }
  if (count > buffer_size / element_size) {
    std::memset(buffer, 0, buffer_size);
    invalid(msvcrt::err::erange);
    return 0;
  }
  return msvcrt::fread(buffer, element_size, count, f);
}

}  // namespace sill::ucrtbase
