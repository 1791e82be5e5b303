// memoryapi.h's file mappings: CreateFileMapping, OpenFileMapping, MapViewOfFile(Ex),
// UnmapViewOfFile, FlushViewOfFile over ntdll's sections.
#include "base/debug.h"
#include "ntdll/handle_table.h"
#include "ntdll/section.h"
#include "win32/kernel32/kernel32.h"
#include "win32/kernel32/kernel32_internal.h"

SILL_DEFAULT_DEBUG_CHANNEL(virtual);

namespace sill::kernel32 {

namespace {
constexpr DWORD kSectionAllAccess = 0xF001F;
constexpr DWORD kSecFlags = 0xFFFFFF00 & ~0x100u;  // SEC_* attributes above the page protection (not PAGE_GUARD)
}  // namespace

HANDLE WINAPI CreateFileMappingW(HANDLE file, SECURITY_ATTRIBUTES* sa, DWORD protect, DWORD max_high, DWORD max_low,
                                 LPCWSTR name) noexcept {
  try {
    if (protect & kSecFlags) FIXME_ONCE("SEC_* flags 0x%x: mapping as SEC_COMMIT\n", protect & kSecFlags);
    nt::Ref<nt::File> f;
    if (file != INVALID_HANDLE_VALUE) {
      auto got = nt::handle_table().get<nt::File>(file);
      if (!got) return fail_status(got.error(), static_cast<HANDLE>(nullptr));
      f = std::move(*got);
    }
    std::uint64_t size = (std::uint64_t{max_high} << 32) | max_low;
    auto section = nt::create_section(f.get(), size, protect & 0xFF);
    if (!section) return fail_status(section.error(), static_cast<HANDLE>(nullptr));
    return insert_new_object(name, std::move(*section), kSectionAllAccess, sa);
  } catch (...) {
    return fail_error(win::ERROR_NOT_ENOUGH_MEMORY, static_cast<HANDLE>(nullptr));
  }
}

HANDLE WINAPI CreateFileMappingA(HANDLE file, SECURITY_ATTRIBUTES* sa, DWORD protect, DWORD max_high, DWORD max_low,
                                 LPCSTR name) noexcept {
  return CreateFileMappingW(file, sa, protect, max_high, max_low, ptr(from_ansi(name)));
}

HANDLE WINAPI OpenFileMappingW(DWORD access, BOOL inherit, LPCWSTR name) noexcept {
  return open_named_object(name, nt::ObjectType::Section, access, inherit);
}

HANDLE WINAPI OpenFileMappingA(DWORD access, BOOL inherit, LPCSTR name) noexcept {
  return OpenFileMappingW(access, inherit, ptr(from_ansi(name)));
}

void* WINAPI MapViewOfFileEx(HANDLE mapping, DWORD access, DWORD offset_high, DWORD offset_low, SIZE_T size,
                             void* address) noexcept {
  auto section = nt::handle_table().get<nt::Section>(mapping);
  if (!section) return fail_status(section.error(), static_cast<void*>(nullptr));
  std::uint64_t offset = (std::uint64_t{offset_high} << 32) | offset_low;
  auto view = nt::map_view(**section, offset, size, access, address);
  if (!view) return fail_status(view.error(), static_cast<void*>(nullptr));
  return *view;
}

void* WINAPI MapViewOfFile(HANDLE mapping, DWORD access, DWORD offset_high, DWORD offset_low, SIZE_T size) noexcept {
  return MapViewOfFileEx(mapping, access, offset_high, offset_low, size, nullptr);
}

BOOL WINAPI UnmapViewOfFile(const void* address) noexcept {
  NTSTATUS s = nt::unmap_view(const_cast<void*>(address));
  return nt::nt_success(s) ? TRUE : fail_status(s, FALSE);
}

BOOL WINAPI FlushViewOfFile(const void* address, SIZE_T size) noexcept {
  NTSTATUS s = nt::flush_view(address, size);
  return nt::nt_success(s) ? TRUE : fail_status(s, FALSE);
}

}  // namespace sill::kernel32
