// IPersistFile of the ShellLink object: a .lnk file read with desktop::parse_shell_link and
// written with desktop::write_shell_link, through kernel32 like any program's file.
#include <cstring>
#include <vector>

#include "base/debug.h"
#include "base/unicode.h"
#include "ntdll/codepage.h"
#include "win32/combase/combase.h"
#include "win32/shell32/shell_link.h"

SILL_DEFAULT_DEBUG_CHANNEL(shell);

namespace sill::shell32 {

namespace {

namespace k32 = sill::kernel32;
using Self = Interface<IPersistFileVtbl>;

constexpr DWORD kShareRead = 1, kShareWrite = 2, kAttributeNormal = 0x80;
constexpr DWORD kErrorFileTooLarge = 223;
constexpr std::uint64_t kLargestLink = 64 << 20;  // far beyond any real shortcut

ShellLinkObject* object_of(Self* self) { return self->object; }

HRESULT last_error() { return com::hresult_from_win32(k32::GetLastError()); }

HRESULT read_file(const WCHAR* name, std::vector<std::uint8_t>& bytes) {
  HANDLE file = k32::CreateFileW(name, k32::GENERIC_READ, kShareRead | kShareWrite, nullptr, k32::OPEN_EXISTING, 0,
                                 nullptr);
  if (file == INVALID_HANDLE_VALUE) return last_error();
  HRESULT hr = com::S_OK;
  LARGE_INTEGER size{};
  if (!k32::GetFileSizeEx(file, &size)) {
    hr = last_error();
  } else if (static_cast<std::uint64_t>(size.QuadPart) > kLargestLink) {
    hr = com::hresult_from_win32(kErrorFileTooLarge);
  } else {
    bytes.resize(static_cast<std::size_t>(size.QuadPart));
    DWORD read = 0;
    if (!k32::ReadFile(file, bytes.data(), static_cast<DWORD>(bytes.size()), &read, nullptr)) hr = last_error();
    bytes.resize(read);
  }
  k32::CloseHandle(file);
  return hr;
}

HRESULT write_file(const WCHAR* name, const std::vector<std::uint8_t>& bytes) {
  HANDLE file = k32::CreateFileW(name, k32::GENERIC_WRITE, kShareRead, nullptr, k32::CREATE_ALWAYS, kAttributeNormal,
                                 nullptr);
  if (file == INVALID_HANDLE_VALUE) return last_error();
  DWORD written = 0;
  HRESULT hr = com::S_OK;
  if (!k32::WriteFile(file, bytes.data(), static_cast<DWORD>(bytes.size()), &written, nullptr) ||
      written != bytes.size())
    hr = last_error();
  k32::CloseHandle(file);
  return hr;
}

HRESULT WINAPI QueryInterfaceF(Self* self, const IID* iid, void** out) noexcept {
  return object_of(self)->query_interface(iid, out);
}
ULONG WINAPI AddRefF(Self* self) noexcept { return object_of(self)->add_ref(); }
ULONG WINAPI ReleaseF(Self* self) noexcept { return object_of(self)->release(); }

HRESULT WINAPI GetClassID(Self*, CLSID* clsid) noexcept {
  if (!clsid) return com::E_POINTER;
  *clsid = CLSID_ShellLink;
  return com::S_OK;
}

HRESULT WINAPI IsDirty(Self* self) noexcept { return object_of(self)->dirty ? com::S_OK : com::S_FALSE; }

HRESULT WINAPI Load(Self* self, const WCHAR* name, DWORD mode) noexcept {
  if (!name) return com::E_INVALIDARG;
  return guarded([&] {
    std::vector<std::uint8_t> bytes;
    if (HRESULT hr = read_file(name, bytes); hr < 0) return hr;
    auto link = desktop::parse_shell_link(bytes, nt::ansi_code_page());
    if (!link) {
      WARN("%s: %s\n", utf16_to_utf8(name).c_str(), link.error().message.c_str());
      return com::E_FAIL;
    }
    ShellLinkObject* object = object_of(self);
    object->link = std::move(*link);
    object->current_file = name;
    object->dirty = false;
    return com::S_OK;
  });
}

HRESULT WINAPI Save(Self* self, const WCHAR* name, BOOL remember) noexcept {
  ShellLinkObject* object = object_of(self);
  if (!name && object->current_file.empty()) return com::E_INVALIDARG;
  return guarded([&] {
    std::u16string file = name ? std::u16string(name) : object->current_file;
    // Closing the written file tells the desktop integration (desktop::shortcut_changed, through
    // ntdll/shortcut_watch.h), so a shortcut saved into the Start Menu becomes a menu entry.
    if (HRESULT hr = write_file(file.c_str(), desktop::write_shell_link(object->link)); hr < 0) return hr;
    // Saving to the remembered file (no name) always clears the dirty state.
    if (remember || !name) {
      object->current_file = file;
      object->dirty = false;
    }
    return com::S_OK;
  });
}

HRESULT WINAPI SaveCompleted(Self*, const WCHAR*) noexcept { return com::S_OK; }

HRESULT WINAPI GetCurFile(Self* self, WCHAR** file) noexcept {
  if (!file) return com::E_POINTER;
  *file = nullptr;
  const std::u16string& current = object_of(self)->current_file;
  if (current.empty()) return com::S_FALSE;
  auto* copy = static_cast<WCHAR*>(combase::CoTaskMemAlloc((current.size() + 1) * sizeof(WCHAR)));
  if (!copy) return com::E_OUTOFMEMORY;
  std::memcpy(copy, current.c_str(), (current.size() + 1) * sizeof(WCHAR));
  *file = copy;
  return com::S_OK;
}

}  // namespace

const IPersistFileVtbl persist_file_vtbl = {
    QueryInterfaceF, AddRefF, ReleaseF, GetClassID, IsDirty, Load, Save, SaveCompleted, GetCurFile,
};

}  // namespace sill::shell32
