// IShellLinkA: IShellLinkW's methods with strings in the ANSI code page.
#include <cstring>
#include <new>

#include "base/unicode.h"
#include "ntdll/codepage.h"
#include "win32/shell32/shell_link.h"

namespace sill::shell32 {

namespace {

using Self = Interface<IShellLinkAVtbl>;

ShellLinkObject* object_of(Self* self) { return self->object; }
std::u16string from_ansi(const char* s) { return nt::ansi_to_utf16(s); }
std::string to_ansi(const std::string& utf8) { return nt::utf16_to_ansi(utf8_to_utf16(utf8)); }

HRESULT WINAPI QueryInterfaceA(Self* self, const IID* iid, void** out) noexcept {
  return object_of(self)->query_interface(iid, out);
}
ULONG WINAPI AddRefA(Self* self) noexcept { return object_of(self)->add_ref(); }
ULONG WINAPI ReleaseA(Self* self) noexcept { return object_of(self)->release(); }

HRESULT WINAPI GetPathA(Self* self, char* file, int size, WIN32_FIND_DATAA* data, DWORD flags) noexcept {
  return guarded([&] {
    std::u16string path;
    WIN32_FIND_DATAW wide{};
    HRESULT hr = object_of(self)->get_path(flags, path, data ? &wide : nullptr);
    copy_out(nt::utf16_to_ansi(path), file, size);
    if (data) {
      std::memset(data, 0, sizeof *data);
      data->dwFileAttributes = wide.dwFileAttributes;
      data->ftCreationTime = wide.ftCreationTime;
      data->ftLastAccessTime = wide.ftLastAccessTime;
      data->ftLastWriteTime = wide.ftLastWriteTime;
      data->nFileSizeHigh = wide.nFileSizeHigh;
      data->nFileSizeLow = wide.nFileSizeLow;
      copy_out(nt::utf16_to_ansi(wide.cFileName), data->cFileName, 260);
    }
    return hr;
  });
}
HRESULT WINAPI GetIDListA(Self* self, ITEMIDLIST** pidl) noexcept { return object_of(self)->get_id_list(pidl); }
HRESULT WINAPI SetIDListA(Self* self, const ITEMIDLIST* pidl) noexcept {
  return guarded([&] { return object_of(self)->set_id_list(pidl); });
}

template <std::string desktop::ShellLink::*Field>
HRESULT WINAPI GetStringA(Self* self, char* out, int size) noexcept {
  return guarded([&] {
    copy_out(to_ansi(object_of(self)->link.*Field), out, size);
    return com::S_OK;
  });
}
template <std::string desktop::ShellLink::*Field>
HRESULT WINAPI SetStringA(Self* self, const char* value) noexcept {
  if (!value) return com::E_INVALIDARG;
  return guarded([&] {
    object_of(self)->set(Field, from_ansi(value));
    return com::S_OK;
  });
}

// Hotkey and show command carry no text: the same as IShellLinkW's.
HRESULT WINAPI GetHotkeyA(Self* self, WORD* hotkey) noexcept {
  return object_of(self)->link_w.vtbl->GetHotkey(&object_of(self)->link_w, hotkey);
}
HRESULT WINAPI SetHotkeyA(Self* self, WORD hotkey) noexcept {
  return object_of(self)->link_w.vtbl->SetHotkey(&object_of(self)->link_w, hotkey);
}
HRESULT WINAPI GetShowCmdA(Self* self, int* show) noexcept {
  return object_of(self)->link_w.vtbl->GetShowCmd(&object_of(self)->link_w, show);
}
HRESULT WINAPI SetShowCmdA(Self* self, int show) noexcept {
  return object_of(self)->link_w.vtbl->SetShowCmd(&object_of(self)->link_w, show);
}
HRESULT WINAPI GetIconLocationA(Self* self, char* path, int size, int* index) noexcept {
  if (!index) return com::E_INVALIDARG;
  return guarded([&] {
    copy_out(to_ansi(object_of(self)->link.icon_location), path, size);
    *index = object_of(self)->link.icon_index;
    return com::S_OK;
  });
}
HRESULT WINAPI SetIconLocationA(Self* self, const char* path, int index) noexcept {
  return guarded([&] {
    object_of(self)->set(&desktop::ShellLink::icon_location, path ? from_ansi(path) : u"");
    object_of(self)->link.icon_index = index;
    return com::S_OK;
  });
}
HRESULT WINAPI SetRelativePathA(Self* self, const char* path, DWORD) noexcept {
  return SetStringA<&desktop::ShellLink::relative_path>(self, path);
}
HRESULT WINAPI ResolveA(Self* self, HANDLE, DWORD flags) noexcept {
  return guarded([&] { return object_of(self)->resolve(flags); });
}
HRESULT WINAPI SetPathA(Self* self, const char* file) noexcept {
  if (!file) return com::E_INVALIDARG;
  return guarded([&] { return object_of(self)->set_path(from_ansi(file)); });
}

}  // namespace

const IShellLinkAVtbl shell_link_a_vtbl = {
    QueryInterfaceA,
    AddRefA,
    ReleaseA,
    GetPathA,
    GetIDListA,
    SetIDListA,
    GetStringA<&desktop::ShellLink::description>,
    SetStringA<&desktop::ShellLink::description>,
    GetStringA<&desktop::ShellLink::working_dir>,
    SetStringA<&desktop::ShellLink::working_dir>,
    GetStringA<&desktop::ShellLink::arguments>,
    SetStringA<&desktop::ShellLink::arguments>,
    GetHotkeyA,
    SetHotkeyA,
    GetShowCmdA,
    SetShowCmdA,
    GetIconLocationA,
    SetIconLocationA,
    SetRelativePathA,
    ResolveA,
    SetPathA,
};

}  // namespace sill::shell32
