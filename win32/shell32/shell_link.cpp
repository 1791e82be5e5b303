// The ShellLink object (shell_link.h): its reference count and interfaces, and the state
// both IShellLink flavours share (their vtables are shell_link_interface.cpp's).
#include "win32/shell32/shell_link.h"

#include <cstring>
#include <new>

#include "base/debug.h"
#include "base/unicode.h"
#include "win32/combase/combase.h"

SILL_DEFAULT_DEBUG_CHANNEL(shell);

namespace sill::shell32 {

namespace k32 = sill::kernel32;

namespace {

constexpr DWORD kErrorFileNotFound = 2;

std::u16string expand_environment(const std::u16string& s) {
  DWORD n = k32::ExpandEnvironmentStringsW(s.c_str(), nullptr, 0);
  if (n == 0) return s;
  std::u16string out(n, u'\0');
  n = k32::ExpandEnvironmentStringsW(s.c_str(), out.data(), n);
  out.resize(n ? n - 1 : 0);
  return out;
}

std::u16string full_path(const std::u16string& path) {
  DWORD n = k32::GetFullPathNameW(path.c_str(), 0, nullptr, nullptr);
  if (n == 0) return path;
  std::u16string out(n, u'\0');
  n = k32::GetFullPathNameW(path.c_str(), n, out.data(), nullptr);
  out.resize(n);
  return out;
}

std::uint64_t filetime(const FILETIME& t) { return std::uint64_t{t.dwHighDateTime} << 32 | t.dwLowDateTime; }
FILETIME filetime(std::uint64_t t) { return {static_cast<DWORD>(t), static_cast<DWORD>(t >> 32)}; }

// Records what the target is now (attributes, times, size) when it exists.
bool describe_target(desktop::ShellLink& link, const std::u16string& path) {
  k32::WIN32_FILE_ATTRIBUTE_DATA info{};
  if (!k32::GetFileAttributesExW(path.c_str(), 0, &info)) {
    link.file_attributes = 0;
    link.creation_time = link.access_time = link.write_time = 0;
    link.file_size = 0;
    return false;
  }
  link.file_attributes = info.dwFileAttributes;
  link.creation_time = filetime(info.ftCreationTime);
  link.access_time = filetime(info.ftLastAccessTime);
  link.write_time = filetime(info.ftLastWriteTime);
  link.file_size = info.nFileSizeLow;
  return true;
}

}  // namespace

void copy_out(const std::u16string& s, WCHAR* buffer, int size) {
  if (!buffer || size <= 0) return;
  std::size_t n = std::min(s.size(), static_cast<std::size_t>(size - 1));
  std::memcpy(buffer, s.data(), n * sizeof(WCHAR));
  buffer[n] = 0;
}

void copy_out(const std::string& s, char* buffer, int size) {
  if (!buffer || size <= 0) return;
  std::size_t n = std::min(s.size(), static_cast<std::size_t>(size - 1));
  std::memcpy(buffer, s.data(), n);
  buffer[n] = 0;
}

HRESULT create_shell_link(const IID* iid, void** out) {
  auto* object = new (std::nothrow) ShellLinkObject;
  if (!object) return com::E_OUTOFMEMORY;
  HRESULT hr = object->query_interface(iid, out);
  object->release();  // the caller's reference, if any, is the one QueryInterface added
  return hr;
}

HRESULT ShellLinkObject::query_interface(const IID* iid, void** out) {
  if (!out) return com::E_POINTER;
  *out = nullptr;
  if (!iid) return com::E_INVALIDARG;
  if (*iid == com::IID_IUnknown || *iid == IID_IShellLinkW)
    *out = &link_w;
  else if (*iid == IID_IShellLinkA)
    *out = &link_a;
  else if (*iid == IID_IPersistFile || *iid == IID_IPersist)
    *out = &persist_file;
  else
    return com::E_NOINTERFACE;
  add_ref();
  return com::S_OK;
}

ULONG ShellLinkObject::release() {
  ULONG left = --refs;
  if (left == 0) delete this;
  return left;
}

HRESULT ShellLinkObject::get_path(DWORD flags, std::u16string& path, WIN32_FIND_DATAW* data) const {
  if (data) {
    std::memset(data, 0, sizeof *data);
    if (!link.target_path.empty()) {
      data->dwFileAttributes = link.file_attributes;
      data->ftCreationTime = filetime(link.creation_time);
      data->ftLastAccessTime = filetime(link.access_time);
      data->ftLastWriteTime = filetime(link.write_time);
      data->nFileSizeLow = link.file_size;
      std::u16string name = utf8_to_utf16(link.target_path.substr(link.target_path.find_last_of('\\') + 1));
      copy_out(name, data->cFileName, 260);
    }
  }
  if (flags & SLGP_SHORTPATH) FIXME_ONCE("SLGP_SHORTPATH: the long path is returned\n");
  // A link with only an environment block has that block's text as its target_path.
  if ((flags & SLGP_RAWPATH) && !link.env_target_path.empty())
    path = utf8_to_utf16(link.env_target_path);
  else if (!link.target_path.empty() && link.target_path != link.env_target_path)
    path = utf8_to_utf16(link.target_path);
  else if (!link.env_target_path.empty())
    path = expand_environment(utf8_to_utf16(link.env_target_path));
  else
    path.clear();
  return path.empty() ? com::S_FALSE : com::S_OK;
}

HRESULT ShellLinkObject::set_path(const std::u16string& raw) {
  bool has_variables = raw.find(u'%') != std::u16string::npos;
  std::u16string path = raw.empty() ? raw : full_path(has_variables ? expand_environment(raw) : raw);
  link.env_target_path = has_variables ? utf16_to_utf8(raw) : std::string();
  link.target_path = utf16_to_utf8(path);
  bool exists = !path.empty() && describe_target(link, path);
  link.id_list = desktop::id_list_for_path(link.target_path, link.file_attributes);
  dirty = true;
  // As on Windows, a target that does not exist is kept but reported with S_FALSE.
  return exists || path.empty() ? com::S_OK : com::S_FALSE;
}

HRESULT ShellLinkObject::set_id_list(const ITEMIDLIST* pidl) {
  if (!pidl) return com::E_INVALIDARG;
  std::vector<std::uint8_t> id_list(pidl, pidl + id_list_size(pidl));
  auto path = desktop::path_from_id_list(id_list);
  if (!path) FIXME("IDList without a file-system path (%s): kept, but GetPath gives nothing\n", path.error().message.c_str());
  link.target_path = path ? *path : std::string();
  link.env_target_path.clear();
  if (path) describe_target(link, utf8_to_utf16(*path));
  link.id_list = std::move(id_list);
  dirty = true;
  return com::S_OK;
}

HRESULT ShellLinkObject::get_id_list(ITEMIDLIST** pidl) const {
  if (!pidl) return com::E_INVALIDARG;
  *pidl = nullptr;
  if (link.id_list.empty()) return com::S_FALSE;
  auto* copy = static_cast<ITEMIDLIST*>(combase::CoTaskMemAlloc(link.id_list.size()));
  if (!copy) return com::E_OUTOFMEMORY;
  std::memcpy(copy, link.id_list.data(), link.id_list.size());
  *pidl = copy;
  return com::S_OK;
}

HRESULT ShellLinkObject::resolve(DWORD flags) const {
  if (!(flags & SLR_NO_UI)) FIXME_ONCE("Resolve shows no user interface\n");
  std::u16string path;
  get_path(0, path, nullptr);
  if (path.empty() || k32::GetFileAttributesW(path.c_str()) != k32::INVALID_FILE_ATTRIBUTES) return com::S_OK;
  // A moved target is not searched for (no link tracking).
  FIXME_ONCE("the target of a link is not searched for when it moved\n");
  return com::hresult_from_win32(kErrorFileNotFound);
}

void ShellLinkObject::set(std::string desktop::ShellLink::*field, const std::u16string& value) {
  link.*field = utf16_to_utf8(value);
  dirty = true;
}

}  // namespace sill::shell32
