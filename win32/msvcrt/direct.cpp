// <direct.h>, and the file-system calls of <stdio.h>/<io.h> that take names: the
// current directory, _mkdir/_rmdir, remove/_unlink and rename, all through kernel32.
#include <cstdlib>
#include <cstring>
#include <string>

#include "base/debug.h"
#include "win32/kernel32/kernel32.h"
#include "win32/msvcrt/msvcrt.h"
#include "win32/msvcrt/msvcrt_api.h"

SILL_DEFAULT_DEBUG_CHANNEL(msvcrt);

namespace sill::msvcrt {

namespace k32 = sill::kernel32;

namespace {

bool current_directory(std::u16string& out) {
  DWORD n = k32::GetCurrentDirectoryW(0, nullptr);
  if (!n) {
    set_errno_from_win32(k32::GetLastError());
    return false;
  }
  out.assign(n, u'\0');
  DWORD got = k32::GetCurrentDirectoryW(n, out.data());
  if (!got || got >= n) {
    set_errno_from_win32(k32::GetLastError());
    return false;
  }
  out.resize(got);
  return true;
}

// _getcwd's buffer rules: a null buffer is malloc'd (at least size bytes); otherwise the
// text must fit in size characters with its terminator.
template <class C>
C* copy_out(const std::basic_string<C>& s, C* buf, int size) {
  std::size_t need = s.size() + 1;
  if (!buf) {
    std::size_t n = size > 0 && static_cast<std::size_t>(size) > need ? static_cast<std::size_t>(size) : need;
    buf = static_cast<C*>(malloc(n * sizeof(C)));  // the program frees it with free()
    if (!buf) {
      set_errno(err::enomem);
      return nullptr;
    }
  } else if (size <= 0 || need > static_cast<std::size_t>(size)) {
    set_errno(size <= 0 ? err::einval : err::erange);
    return nullptr;
  }
  std::memcpy(buf, s.c_str(), need * sizeof(C));
  return buf;
}

template <class F>
int with_wide(const char* path, F f) {
  if (!path) {
    set_errno(err::einval);
    return -1;
  }
  std::u16string w = ansi_to_wide(path);
  return f(w.c_str());
}

}  // namespace

wchar* WINAPI _wgetcwd(wchar* buf, int size) noexcept {
  std::u16string cwd;
  if (!current_directory(cwd)) return nullptr;
  return copy_out(cwd, buf, size);
}

char* WINAPI _getcwd(char* buf, int size) noexcept {
  std::u16string cwd;
  if (!current_directory(cwd)) return nullptr;
  return copy_out(wide_to_ansi(cwd.c_str()), buf, size);
}

int WINAPI _wchdir(const wchar* path) noexcept {
  if (!path) {
    set_errno(err::einval);
    return -1;
  }
  if (!k32::SetCurrentDirectoryW(path)) {
    set_errno_from_win32(k32::GetLastError());
    return -1;
  }
  return 0;
}

int WINAPI _chdir(const char* path) noexcept { return with_wide(path, [](const wchar* w) { return _wchdir(w); }); }

int WINAPI _wmkdir(const wchar* path) noexcept {
  if (!path) {
    set_errno(err::einval);
    return -1;
  }
  if (!k32::CreateDirectoryW(path, nullptr)) {
    set_errno_from_win32(k32::GetLastError());
    return -1;
  }
  return 0;
}

int WINAPI _mkdir(const char* path) noexcept { return with_wide(path, [](const wchar* w) { return _wmkdir(w); }); }

int WINAPI _wrmdir(const wchar* path) noexcept {
  if (!path) {
    set_errno(err::einval);
    return -1;
  }
  if (!k32::RemoveDirectoryW(path)) {
    set_errno_from_win32(k32::GetLastError());
    return -1;
  }
  return 0;
}

int WINAPI _rmdir(const char* path) noexcept { return with_wide(path, [](const wchar* w) { return _wrmdir(w); }); }

int WINAPI _wremove(const wchar* path) noexcept {
  if (!path) {
    set_errno(err::einval);
    return -1;
  }
  if (!k32::DeleteFileW(path)) {
    set_errno_from_win32(k32::GetLastError());
    return -1;
  }
  return 0;
}

int WINAPI remove(const char* path) noexcept { return with_wide(path, [](const wchar* w) { return _wremove(w); }); }
int WINAPI _unlink(const char* path) noexcept { return remove(path); }
int WINAPI _wunlink(const wchar* path) noexcept { return _wremove(path); }

// rename does not replace an existing file, as on Windows.
int WINAPI _wrename(const wchar* from, const wchar* to) noexcept {
  if (!from || !to) {
    set_errno(err::einval);
    return -1;
  }
  if (!k32::MoveFileExW(from, to, k32::MOVEFILE_COPY_ALLOWED)) {
    set_errno_from_win32(k32::GetLastError());
    return -1;
  }
  return 0;
}

int WINAPI rename(const char* from, const char* to) noexcept {
  if (!from || !to) {
    set_errno(err::einval);
    return -1;
  }
  std::u16string a = ansi_to_wide(from), b = ansi_to_wide(to);
  return _wrename(a.c_str(), b.c_str());
}

wchar* WINAPI _wfullpath(wchar* buf, const wchar* path, std::size_t size) noexcept {
  if (!path || !*path) return _wgetcwd(buf, static_cast<int>(size));
  DWORD n = k32::GetFullPathNameW(path, 0, nullptr, nullptr);
  if (!n) {
    set_errno_from_win32(k32::GetLastError());
    return nullptr;
  }
  std::u16string full(n, u'\0');
  DWORD got = k32::GetFullPathNameW(path, n, full.data(), nullptr);
  full.resize(got);
  return copy_out(full, buf, buf ? static_cast<int>(size) : 0);
}

char* WINAPI _fullpath(char* buf, const char* path, std::size_t size) noexcept {
  std::u16string w = ansi_to_wide(path ? path : "");
  wchar* full = _wfullpath(nullptr, w.c_str(), 0);
  if (!full) return nullptr;
  std::string a = wide_to_ansi(full);
  free(full);
  return copy_out(a, buf, buf ? static_cast<int>(size) : 0);
}

}  // namespace sill::msvcrt
