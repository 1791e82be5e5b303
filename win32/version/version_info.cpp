// GetFileVersionInfoSize/GetFileVersionInfo: the file's RT_VERSION resource
// (VS_VERSION_INFO, id 1, in the caller's languages), read through a data-file
// module. As on Windows the size asked for is twice the resource plus 4: the
// second half is room where VerQueryValueA puts ANSI copies of the strings,
// and the 4 bytes after the resource hold the "FE2X" mark that says the room is there.
#include <algorithm>
#include <cstring>
#include <optional>
#include <vector>

#include "base/debug.h"
#include "ntdll/status.h"
#include "win32/kernel32/kernel32_internal.h"
#include "win32/kernel32/resource.h"
#include "win32/version/version.h"
#include "win32/version/version_internal.h"

SILL_DEFAULT_DEBUG_CHANNEL(ver);

namespace sill::version {

namespace {

constexpr DWORD kLoadAsDataFile = 0x2;  // LOAD_LIBRARY_AS_DATAFILE

// The file's version resource, copied; nullopt with the last error set.
std::optional<std::vector<std::uint8_t>> read_version_resource(LPCWSTR file, DWORD flags) {
  if (!file || !*file) {
    nt::set_last_error(win::ERROR_INVALID_PARAMETER);
    return std::nullopt;
  }
  if (flags & ~DWORD{7}) FIXME_ONCE("flags 0x%x\n", flags);
  HMODULE module = kernel32::LoadLibraryExW(file, nullptr, kLoadAsDataFile);
  if (!module) {
    // A file that is there but is no PE image has no resources either (Wine agrees).
    if (nt::last_error() != win::ERROR_FILE_NOT_FOUND) nt::set_last_error(kernel32::ERROR_RESOURCE_DATA_NOT_FOUND);
    return std::nullopt;
  }
  std::optional<std::vector<std::uint8_t>> out;
  auto* id = reinterpret_cast<LPCWSTR>(std::uintptr_t{1});  // VS_VERSION_INFO
  auto* type = reinterpret_cast<LPCWSTR>(std::uintptr_t{kernel32::RT_VERSION});
  if (kernel32::HRSRC res = kernel32::FindResourceW(module, id, type)) {
    const auto* p = static_cast<const std::uint8_t*>(kernel32::LockResource(kernel32::LoadResource(module, res)));
    DWORD size = kernel32::SizeofResource(module, res);
    if (p && size) out.emplace(p, p + size);
  }
  DWORD error = nt::last_error();
  kernel32::FreeLibrary(module);
  nt::set_last_error(out ? win::ERROR_SUCCESS : error);
  return out;
}

}  // namespace

DWORD WINAPI GetFileVersionInfoSizeExW(DWORD flags, LPCWSTR file, DWORD* handle) noexcept {
  try {
    if (handle) *handle = 0;
    auto res = read_version_resource(file, flags);
    if (!res) return 0;
    return static_cast<DWORD>(res->size() * 2 + kAnsiMarkSize);
  } catch (...) {
    nt::set_last_error(win::ERROR_NOT_ENOUGH_MEMORY);
    return 0;
  }
}

BOOL WINAPI GetFileVersionInfoExW(DWORD flags, LPCWSTR file, DWORD, DWORD size, void* data) noexcept {
  if (!data) return kernel32::fail_error(win::ERROR_INVALID_DATA, FALSE);
  try {
    auto res = read_version_resource(file, flags);
    if (!res) return FALSE;
    std::size_t n = std::min<std::size_t>(size, res->size());
    std::memcpy(data, res->data(), n);
    // The ANSI room exists only when the caller gave the size GetFileVersionInfoSize asked for.
    std::size_t block = version_block_length(static_cast<const std::uint8_t*>(data), n);
    if (block && std::uint64_t{size} >= 2 * std::uint64_t{block} + kAnsiMarkSize)
      std::memcpy(static_cast<std::uint8_t*>(data) + block, kAnsiMark, kAnsiMarkSize);
    return TRUE;
  } catch (...) {
    return kernel32::fail_error(win::ERROR_NOT_ENOUGH_MEMORY, FALSE);
  }
}

DWORD WINAPI GetFileVersionInfoSizeW(LPCWSTR file, DWORD* handle) noexcept {
  return GetFileVersionInfoSizeExW(0, file, handle);
}

BOOL WINAPI GetFileVersionInfoW(LPCWSTR file, DWORD handle, DWORD size, void* data) noexcept {
  return GetFileVersionInfoExW(0, file, handle, size, data);
}

DWORD WINAPI GetFileVersionInfoSizeExA(DWORD flags, LPCSTR file, DWORD* handle) noexcept {
  return kernel32::with_ansi(file, DWORD{0}, [&](LPCWSTR w) { return GetFileVersionInfoSizeExW(flags, w, handle); });
}

DWORD WINAPI GetFileVersionInfoSizeA(LPCSTR file, DWORD* handle) noexcept {
  return GetFileVersionInfoSizeExA(0, file, handle);
}

BOOL WINAPI GetFileVersionInfoExA(DWORD flags, LPCSTR file, DWORD handle, DWORD size, void* data) noexcept {
  return kernel32::with_ansi(file, BOOL{FALSE},
                             [&](LPCWSTR w) { return GetFileVersionInfoExW(flags, w, handle, size, data); });
}

BOOL WINAPI GetFileVersionInfoA(LPCSTR file, DWORD handle, DWORD size, void* data) noexcept {
  return GetFileVersionInfoExA(0, file, handle, size, data);
}

}  // namespace sill::version
