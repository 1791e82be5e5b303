// IShellLinkW and IShellLinkA: one set of methods over the character type. The W flavour
// passes UTF-16 through; the A flavour converts with the ANSI code page.
#include <cstddef>
#include <cstring>

#include "base/unicode.h"
#include "ntdll/codepage.h"
#include "win32/shell32/shell_link.h"

namespace sill::shell32 {

namespace {

using Field = std::string desktop::ShellLink::*;

// Text between the caller's character set and the object's UTF-16/UTF-8.
std::u16string text_in(const WCHAR* s) { return s; }
std::u16string text_in(const char* s) { return nt::ansi_to_utf16(s); }
const std::u16string& text_out(const std::u16string& s, WCHAR) { return s; }
std::string text_out(const std::u16string& s, char) { return nt::utf16_to_ansi(s); }

void find_data_out(const WIN32_FIND_DATAW& wide, WIN32_FIND_DATAW* data) { *data = wide; }
void find_data_out(const WIN32_FIND_DATAW& wide, WIN32_FIND_DATAA* data) {
  std::memset(data, 0, sizeof *data);
  // Everything before the names is laid out alike.
  std::memcpy(data, &wide, offsetof(WIN32_FIND_DATAA, cFileName));
  copy_out(nt::utf16_to_ansi(wide.cFileName), data->cFileName, 260);
}

template <class Char, class FindData>
struct Methods {
  using Self = Interface<IShellLinkVtbl<Char, FindData>>;

  static HRESULT WINAPI QueryInterface(Self* self, const IID* iid, void** out) noexcept {
    return self->object->query_interface(iid, out);
  }
  static ULONG WINAPI AddRef(Self* self) noexcept { return self->object->add_ref(); }
  static ULONG WINAPI Release(Self* self) noexcept { return self->object->release(); }

  static HRESULT WINAPI GetPath(Self* self, Char* file, int size, FindData* data, DWORD flags) noexcept {
    return guarded([&] {
      std::u16string path;
      WIN32_FIND_DATAW wide{};
      HRESULT hr = self->object->get_path(flags, path, data ? &wide : nullptr);
      copy_out(text_out(path, Char{}), file, size);
      if (data) find_data_out(wide, data);
      return hr;
    });
  }
  static HRESULT WINAPI GetIDList(Self* self, ITEMIDLIST** pidl) noexcept { return self->object->get_id_list(pidl); }
  static HRESULT WINAPI SetIDList(Self* self, const ITEMIDLIST* pidl) noexcept {
    return guarded([&] { return self->object->set_id_list(pidl); });
  }

  // The string fields: Get copies out (truncated), Set replaces (NULL is an invalid argument).
  template <Field F>
  static HRESULT WINAPI GetString(Self* self, Char* out, int size) noexcept {
    return guarded([&] {
      copy_out(text_out(utf8_to_utf16(self->object->link.*F), Char{}), out, size);
      return com::S_OK;
    });
  }
  template <Field F>
  static HRESULT WINAPI SetString(Self* self, const Char* value) noexcept {
    if (!value) return com::E_INVALIDARG;
    return guarded([&] {
      self->object->set(F, text_in(value));
      return com::S_OK;
    });
  }

  static HRESULT WINAPI GetHotkey(Self* self, WORD* hotkey) noexcept {
    if (!hotkey) return com::E_INVALIDARG;
    *hotkey = self->object->link.hotkey;
    return com::S_OK;
  }
  static HRESULT WINAPI SetHotkey(Self* self, WORD hotkey) noexcept {
    self->object->link.hotkey = hotkey;
    self->object->dirty = true;
    return com::S_OK;
  }
  static HRESULT WINAPI GetShowCmd(Self* self, int* show) noexcept {
    if (!show) return com::E_INVALIDARG;
    *show = self->object->link.show_command;
    return com::S_OK;
  }
  static HRESULT WINAPI SetShowCmd(Self* self, int show) noexcept {
    self->object->link.show_command = show;
    self->object->dirty = true;
    return com::S_OK;
  }
  static HRESULT WINAPI GetIconLocation(Self* self, Char* path, int size, int* index) noexcept {
    if (!index) return com::E_INVALIDARG;
    *index = self->object->link.icon_index;
    return GetString<&desktop::ShellLink::icon_location>(self, path, size);
  }
  static HRESULT WINAPI SetIconLocation(Self* self, const Char* path, int index) noexcept {
    return guarded([&] {
      self->object->set(&desktop::ShellLink::icon_location, path ? text_in(path) : std::u16string());
      self->object->link.icon_index = index;
      return com::S_OK;
    });
  }
  static HRESULT WINAPI SetRelativePath(Self* self, const Char* path, DWORD) noexcept {
    return SetString<&desktop::ShellLink::relative_path>(self, path);
  }
  static HRESULT WINAPI Resolve(Self* self, HANDLE, DWORD flags) noexcept {
    return guarded([&] { return self->object->resolve(flags); });
  }
  static HRESULT WINAPI SetPath(Self* self, const Char* file) noexcept {
    if (!file) return com::E_INVALIDARG;
    return guarded([&] { return self->object->set_path(text_in(file)); });
  }

  static constexpr IShellLinkVtbl<Char, FindData> vtbl = {
      QueryInterface,
      AddRef,
      Release,
      GetPath,
      GetIDList,
      SetIDList,
      GetString<&desktop::ShellLink::description>,
      SetString<&desktop::ShellLink::description>,
      GetString<&desktop::ShellLink::working_dir>,
      SetString<&desktop::ShellLink::working_dir>,
      GetString<&desktop::ShellLink::arguments>,
      SetString<&desktop::ShellLink::arguments>,
      GetHotkey,
      SetHotkey,
      GetShowCmd,
      SetShowCmd,
      GetIconLocation,
      SetIconLocation,
      SetRelativePath,
      Resolve,
      SetPath,
  };
};

}  // namespace

const IShellLinkWVtbl shell_link_w_vtbl = Methods<WCHAR, WIN32_FIND_DATAW>::vtbl;
const IShellLinkAVtbl shell_link_a_vtbl = Methods<char, WIN32_FIND_DATAA>::vtbl;

}  // namespace sill::shell32
