// <io.h> directory searches: _findfirst/_findnext/_findclose over kernel32's
// FindFirstFileW. x64 msvcrt has two layouts: _finddata_t (64-bit times, 32-bit size)
// and __finddata64_t (64-bit both), each narrow and wide.
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

constexpr DWORD ERROR_FILE_NOT_FOUND = 2, ERROR_PATH_NOT_FOUND = 3, ERROR_NO_MORE_FILES = 18;

time64_t to_unix(FILETIME ft) {
  std::uint64_t v = (static_cast<std::uint64_t>(ft.dwHighDateTime) << 32) | ft.dwLowDateTime;
  if (v < 116444736000000000ULL) return 0;
  return static_cast<time64_t>((v - 116444736000000000ULL) / 10000000ULL);
}

template <class Data>
void fill(const k32::WIN32_FIND_DATAW& w, Data* out) {
  out->attrib = w.dwFileAttributes;
  out->time_create = to_unix(w.ftCreationTime);
  out->time_access = to_unix(w.ftLastAccessTime);
  out->time_write = to_unix(w.ftLastWriteTime);
  std::uint64_t size = (static_cast<std::uint64_t>(w.nFileSizeHigh) << 32) | w.nFileSizeLow;
  out->size = static_cast<decltype(out->size)>(size);
  using C = std::remove_cv_t<std::remove_reference_t<decltype(out->name[0])>>;
  if constexpr (sizeof(C) == 2) {
    std::memcpy(out->name, w.cFileName, sizeof out->name);
  } else {
    std::string a = wide_to_ansi(w.cFileName);
    std::size_t n = a.size() < sizeof out->name - 1 ? a.size() : sizeof out->name - 1;
    std::memcpy(out->name, a.data(), n);
    out->name[n] = 0;
  }
}

void fail_from_last_error() {
  DWORD e = k32::GetLastError();
  if (e == ERROR_FILE_NOT_FOUND || e == ERROR_PATH_NOT_FOUND || e == ERROR_NO_MORE_FILES) set_errno(err::enoent);
  else set_errno_from_win32(e);
}

template <class Data>
std::intptr_t find_first(const wchar* pattern, Data* out) {
  if (!pattern || !out) {
    set_errno(err::einval);
    return -1;
  }
  k32::WIN32_FIND_DATAW w{};
  HANDLE h = k32::FindFirstFileW(pattern, &w);
  if (h == INVALID_HANDLE_VALUE) {
    fail_from_last_error();
    return -1;
  }
  fill(w, out);
  return reinterpret_cast<std::intptr_t>(h);
}

template <class Data>
int find_next(std::intptr_t handle, Data* out) {
  if (!out || handle == -1) {
    set_errno(err::einval);
    return -1;
  }
  k32::WIN32_FIND_DATAW w{};
  if (!k32::FindNextFileW(reinterpret_cast<HANDLE>(handle), &w)) {
    fail_from_last_error();
    return -1;
  }
  fill(w, out);
  return 0;
}

template <class Data>
std::intptr_t find_first_narrow(const char* pattern, Data* out) {
  if (!pattern) {
    set_errno(err::einval);
    return -1;
  }
  std::u16string w = ansi_to_wide(pattern);
  return find_first(w.c_str(), out);
}

}  // namespace

std::intptr_t WINAPI _findfirst(const char* pattern, FINDDATA64I32* out) noexcept { return find_first_narrow(pattern, out); }
int WINAPI _findnext(std::intptr_t h, FINDDATA64I32* out) noexcept { return find_next(h, out); }
std::intptr_t WINAPI _findfirst64(const char* pattern, FINDDATA64* out) noexcept { return find_first_narrow(pattern, out); }
int WINAPI _findnext64(std::intptr_t h, FINDDATA64* out) noexcept { return find_next(h, out); }
std::intptr_t WINAPI _wfindfirst(const wchar* pattern, WFINDDATA64I32* out) noexcept { return find_first(pattern, out); }
int WINAPI _wfindnext(std::intptr_t h, WFINDDATA64I32* out) noexcept { return find_next(h, out); }
std::intptr_t WINAPI _wfindfirst64(const wchar* pattern, WFINDDATA64* out) noexcept { return find_first(pattern, out); }
int WINAPI _wfindnext64(std::intptr_t h, WFINDDATA64* out) noexcept { return find_next(h, out); }

int WINAPI _findclose(std::intptr_t h) noexcept {
  if (!k32::FindClose(reinterpret_cast<HANDLE>(h))) {
    set_errno(err::enoent);
    return -1;
  }
  return 0;
}

}  // namespace sill::msvcrt
