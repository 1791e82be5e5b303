// shell32's ShellLink object (CLSID_ShellLink): IShellLinkW, IShellLinkA and IPersistFile over
// one desktop::ShellLink. Each interface is a vtable pointer followed by a pointer to the
// object, so every interface pointer finds its object without offset arithmetic.
// Internal to shell32: shell_link.cpp (the object), shell_link_interface.cpp (IShellLinkW/A),
// shell_link_persist.cpp (IPersistFile), class_factory.cpp (creation).
#pragma once
#include <atomic>
#include <new>
#include <string>

#include "desktop/shell_link.h"
#include "win32/combase/com.h"
#include "win32/kernel32/kernel32.h"
#include "win32/shell32/shell32.h"

namespace sill::shell32 {

using com::CLSID;
using com::IID;
using kernel32::WIN32_FIND_DATAA;
using kernel32::WIN32_FIND_DATAW;

inline constexpr CLSID CLSID_ShellLink = {0x00021401, 0x0000, 0x0000, {0xC0, 0, 0, 0, 0, 0, 0, 0x46}};
inline constexpr IID IID_IShellLinkA = {0x000214EE, 0x0000, 0x0000, {0xC0, 0, 0, 0, 0, 0, 0, 0x46}};
inline constexpr IID IID_IShellLinkW = {0x000214F9, 0x0000, 0x0000, {0xC0, 0, 0, 0, 0, 0, 0, 0x46}};
inline constexpr IID IID_IPersist = {0x0000010C, 0x0000, 0x0000, {0xC0, 0, 0, 0, 0, 0, 0, 0x46}};
inline constexpr IID IID_IPersistFile = {0x0000010B, 0x0000, 0x0000, {0xC0, 0, 0, 0, 0, 0, 0, 0x46}};

// SLGP_* (GetPath) and SLR_* (Resolve) flags.
inline constexpr DWORD SLGP_SHORTPATH = 0x1, SLGP_UNCPRIORITY = 0x2, SLGP_RAWPATH = 0x4, SLGP_RELATIVEPRIORITY = 0x8;
inline constexpr DWORD SLR_NO_UI = 0x1;

struct ShellLinkObject;
template <class Vtbl>
struct Interface {
  const Vtbl* vtbl;
  ShellLinkObject* object;
};

// The vtables in the order ShObjIdl.h / ObjIdl.h declare the methods.
template <class Char, class FindData>
struct IShellLinkVtbl {
  using Self = Interface<IShellLinkVtbl>;
  HRESULT(WINAPI* QueryInterface)(Self*, const IID*, void**) noexcept;
  ULONG(WINAPI* AddRef)(Self*) noexcept;
  ULONG(WINAPI* Release)(Self*) noexcept;
  HRESULT(WINAPI* GetPath)(Self*, Char* file, int size, FindData* data, DWORD flags) noexcept;
  HRESULT(WINAPI* GetIDList)(Self*, ITEMIDLIST** pidl) noexcept;
  HRESULT(WINAPI* SetIDList)(Self*, const ITEMIDLIST* pidl) noexcept;
  HRESULT(WINAPI* GetDescription)(Self*, Char* name, int size) noexcept;
  HRESULT(WINAPI* SetDescription)(Self*, const Char* name) noexcept;
  HRESULT(WINAPI* GetWorkingDirectory)(Self*, Char* dir, int size) noexcept;
  HRESULT(WINAPI* SetWorkingDirectory)(Self*, const Char* dir) noexcept;
  HRESULT(WINAPI* GetArguments)(Self*, Char* args, int size) noexcept;
  HRESULT(WINAPI* SetArguments)(Self*, const Char* args) noexcept;
  HRESULT(WINAPI* GetHotkey)(Self*, WORD* hotkey) noexcept;
  HRESULT(WINAPI* SetHotkey)(Self*, WORD hotkey) noexcept;
  HRESULT(WINAPI* GetShowCmd)(Self*, int* show) noexcept;
  HRESULT(WINAPI* SetShowCmd)(Self*, int show) noexcept;
  HRESULT(WINAPI* GetIconLocation)(Self*, Char* path, int size, int* index) noexcept;
  HRESULT(WINAPI* SetIconLocation)(Self*, const Char* path, int index) noexcept;
  HRESULT(WINAPI* SetRelativePath)(Self*, const Char* path, DWORD reserved) noexcept;
  HRESULT(WINAPI* Resolve)(Self*, HANDLE window, DWORD flags) noexcept;
  HRESULT(WINAPI* SetPath)(Self*, const Char* file) noexcept;
};
using IShellLinkWVtbl = IShellLinkVtbl<WCHAR, WIN32_FIND_DATAW>;
using IShellLinkAVtbl = IShellLinkVtbl<char, WIN32_FIND_DATAA>;
static_assert(sizeof(IShellLinkWVtbl) == 21 * sizeof(void*));

struct IPersistFileVtbl {
  using Self = Interface<IPersistFileVtbl>;
  HRESULT(WINAPI* QueryInterface)(Self*, const IID*, void**) noexcept;
  ULONG(WINAPI* AddRef)(Self*) noexcept;
  ULONG(WINAPI* Release)(Self*) noexcept;
  HRESULT(WINAPI* GetClassID)(Self*, CLSID* clsid) noexcept;
  HRESULT(WINAPI* IsDirty)(Self*) noexcept;
  HRESULT(WINAPI* Load)(Self*, const WCHAR* file, DWORD mode) noexcept;
  HRESULT(WINAPI* Save)(Self*, const WCHAR* file, BOOL remember) noexcept;
  HRESULT(WINAPI* SaveCompleted)(Self*, const WCHAR* file) noexcept;
  HRESULT(WINAPI* GetCurFile)(Self*, WCHAR** file) noexcept;
};
static_assert(sizeof(IPersistFileVtbl) == 9 * sizeof(void*));

extern const IShellLinkWVtbl shell_link_w_vtbl;
extern const IShellLinkAVtbl shell_link_a_vtbl;
extern const IPersistFileVtbl persist_file_vtbl;

struct ShellLinkObject {
  Interface<IShellLinkWVtbl> link_w{&shell_link_w_vtbl, this};
  Interface<IShellLinkAVtbl> link_a{&shell_link_a_vtbl, this};
  Interface<IPersistFileVtbl> persist_file{&persist_file_vtbl, this};
  std::atomic<ULONG> refs{1};
  desktop::ShellLink link;
  std::u16string current_file;  // IPersistFile's remembered file
  bool dirty = false;

  HRESULT query_interface(const IID* iid, void** out);
  ULONG add_ref() { return ++refs; }
  ULONG release();

  // What both character sets share, in UTF-16.
  HRESULT get_path(DWORD flags, std::u16string& path, WIN32_FIND_DATAW* data) const;
  HRESULT set_path(const std::u16string& path);
  HRESULT set_id_list(const ITEMIDLIST* pidl);
  HRESULT get_id_list(ITEMIDLIST** pidl) const;
  HRESULT resolve(DWORD flags) const;
  void set(std::string desktop::ShellLink::*field, const std::u16string& value);
};

// Creates a ShellLink and returns its `iid` interface (shell_link.cpp).
HRESULT create_shell_link(const IID* iid, void** out);

// Runs a method's body; running out of memory is E_OUTOFMEMORY, not an exception through the ABI.
template <class F>
HRESULT guarded(F&& f) noexcept {
  try {
    return f();
  } catch (const std::bad_alloc&) {
    return com::E_OUTOFMEMORY;
  }
}

// Copies `s` into a caller's buffer of `size` characters, truncated and NUL-terminated.
void copy_out(const std::u16string& s, WCHAR* buffer, int size);
void copy_out(const std::string& s, char* buffer, int size);

// The byte size of an IDList, its terminator included (pidl.cpp).
std::size_t id_list_size(const ITEMIDLIST* pidl);

}  // namespace sill::shell32
