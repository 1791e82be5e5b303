// FindResource(Ex), LoadResource, SizeofResource, LockResource, FreeResource.
// An HRSRC points at the resource's IMAGE_RESOURCE_DATA_ENTRY inside the module
// image and an HGLOBAL at its bytes, as on Windows, so a program that reads
// either directly sees what it expects.
#include <cstring>

#include "base/debug.h"
#include "base/unicode.h"
#include "loader/module.h"
#include "ntdll/codepage.h"
#include "win32/kernel32/kernel32_internal.h"
#include "win32/kernel32/library_datafile.h"
#include "win32/kernel32/nls/nls_api.h"
#include "win32/kernel32/resource_internal.h"

SILL_DEFAULT_DEBUG_CHANNEL(resource);

namespace sill::kernel32 {

std::optional<std::span<const std::uint8_t>> module_image(HMODULE module) {
  if (!module) module = loader::main_module();
  if (is_data_file_handle(module)) return data_file_image(module);
  const loader::Module* m = loader::find_module(module);
  if (!m) return std::nullopt;
  return std::span<const std::uint8_t>(m->base, m->size);
}

std::optional<pe::ResourceTree> module_resources(HMODULE module) {
  auto image = module_image(module);
  if (!image) return fail_error(win::ERROR_MOD_NOT_FOUND, std::nullopt);
  auto tree = pe::ResourceTree::open_image(image->data(), image->size());
  if (!tree) {
    WARN("module %p: %s\n", module, tree.error().message.c_str());
    return fail_error(ERROR_RESOURCE_DATA_NOT_FOUND, std::nullopt);
  }
  if (tree->empty()) return fail_error(ERROR_RESOURCE_DATA_NOT_FOUND, std::nullopt);
  return std::move(*tree);
}

std::optional<pe::ResourceId> resource_id(LPCWSTR arg) {
  auto value = reinterpret_cast<std::uintptr_t>(arg);
  if (value < 0x10000) return pe::ResourceId::of(static_cast<std::uint16_t>(value));  // MAKEINTRESOURCE
  if (arg[0] != u'#') return pe::ResourceId::of(std::u16string(arg));
  std::uint32_t id = 0;
  const char16_t* p = arg + 1;
  if (!*p) return std::nullopt;
  for (; *p; ++p) {
    if (*p < u'0' || *p > u'9') return std::nullopt;
    id = id * 10 + (*p - u'0');
    if (id > 0xFFFF) return std::nullopt;
  }
  return pe::ResourceId::of(static_cast<std::uint16_t>(id));
}

std::optional<pe::ResourceId> resource_id(LPCSTR arg) {
  auto value = reinterpret_cast<std::uintptr_t>(arg);
  if (value < 0x10000) return pe::ResourceId::of(static_cast<std::uint16_t>(value));
  auto wide = nt::ansi_to_utf16(arg);
  return resource_id(wide.c_str());
}

DWORD resource_error(const pe::ResourceError& e) {
  switch (e.kind) {
    case pe::ResourceMiss::Type:
      return ERROR_RESOURCE_TYPE_NOT_FOUND;
    case pe::ResourceMiss::Name:
      return ERROR_RESOURCE_NAME_NOT_FOUND;
    case pe::ResourceMiss::Language:
      return ERROR_RESOURCE_LANG_NOT_FOUND;
    case pe::ResourceMiss::NoResources:
      return ERROR_RESOURCE_DATA_NOT_FOUND;
    case pe::ResourceMiss::Malformed:
      break;
  }
  WARN("%s\n", e.message.c_str());
  return ERROR_RESOURCE_DATA_NOT_FOUND;
}

std::vector<std::uint16_t> ui_languages() {
  return {GetThreadUILanguage(), GetUserDefaultUILanguage(), GetSystemDefaultUILanguage()};
}

namespace {

HRSRC find(HMODULE module, std::optional<pe::ResourceId> type, std::optional<pe::ResourceId> name, WORD language) {
  if (!type) return fail_error(ERROR_RESOURCE_TYPE_NOT_FOUND, static_cast<HRSRC>(nullptr));
  if (!name) return fail_error(ERROR_RESOURCE_NAME_NOT_FOUND, static_cast<HRSRC>(nullptr));
  auto tree = module_resources(module);
  if (!tree) return nullptr;
  auto found = tree->find(*type, *name, language, ui_languages());
  if (!found) {
    if (const loader::Module* m = loader::find_module(module ? module : loader::main_module()); m && m->builtin)
      FIXME_ONCE("built-in %s has only its version resource (%s/%s: no strings, icons or dialogs)\n",
                 utf16_to_utf8(m->base_name).c_str(), type->text().c_str(), name->text().c_str());
    return fail_error(resource_error(found.error()), static_cast<HRSRC>(nullptr));
  }
  TRACE("%s/%s language %04x: data at RVA 0x%x, %u bytes\n", type->text().c_str(), name->text().c_str(),
        found->language, found->rva, found->size);
  auto image = module_image(module);
  return reinterpret_cast<HRSRC>(const_cast<std::uint8_t*>(image->data()) + found->entry_rva);
}

// The data entry an HRSRC points at, checked to lie in the module's image with its data.
std::optional<pe::ResourceDataEntry> data_entry(HMODULE module, HRSRC resource, const std::uint8_t** base) {
  auto image = module_image(module);
  if (!image) return fail_error(win::ERROR_MOD_NOT_FOUND, std::nullopt);
  auto at = reinterpret_cast<std::uintptr_t>(resource), start = reinterpret_cast<std::uintptr_t>(image->data());
  if (!resource || at < start || at - start + sizeof(pe::ResourceDataEntry) > image->size())
    return fail_error(ERROR_RESOURCE_DATA_NOT_FOUND, std::nullopt);
  pe::ResourceDataEntry e;
  std::memcpy(&e, resource, sizeof e);
  if (std::uint64_t{e.OffsetToData} + e.Size > image->size()) return fail_error(ERROR_RESOURCE_DATA_NOT_FOUND, std::nullopt);
  *base = image->data();
  return e;
}

}  // namespace

HRSRC WINAPI FindResourceExW(HMODULE module, LPCWSTR type, LPCWSTR name, WORD language) noexcept {
  try {
    return find(module, resource_id(type), resource_id(name), language);
  } catch (...) {
    return fail_error(win::ERROR_NOT_ENOUGH_MEMORY, static_cast<HRSRC>(nullptr));
  }
}

HRSRC WINAPI FindResourceExA(HMODULE module, LPCSTR type, LPCSTR name, WORD language) noexcept {
  try {
    return find(module, resource_id(type), resource_id(name), language);
  } catch (...) {
    return fail_error(win::ERROR_NOT_ENOUGH_MEMORY, static_cast<HRSRC>(nullptr));
  }
}

HRSRC WINAPI FindResourceW(HMODULE module, LPCWSTR name, LPCWSTR type) noexcept {
  return FindResourceExW(module, type, name, 0);  // LANG_NEUTRAL: the caller's languages
}

HRSRC WINAPI FindResourceA(HMODULE module, LPCSTR name, LPCSTR type) noexcept {
  return FindResourceExA(module, type, name, 0);
}

HGLOBAL WINAPI LoadResource(HMODULE module, HRSRC resource) noexcept {
  const std::uint8_t* base = nullptr;
  auto e = data_entry(module, resource, &base);
  if (!e) return nullptr;
  return const_cast<std::uint8_t*>(base) + e->OffsetToData;
}

DWORD WINAPI SizeofResource(HMODULE module, HRSRC resource) noexcept {
  const std::uint8_t* base = nullptr;
  auto e = data_entry(module, resource, &base);
  return e ? e->Size : 0;
}

// Resources are part of the mapped image: the "global handle" is the pointer itself.
void* WINAPI LockResource(HGLOBAL data) noexcept { return data; }

// Nothing to free on Win32; Windows returns FALSE.
BOOL WINAPI FreeResource(HGLOBAL) noexcept { return FALSE; }

}  // namespace sill::kernel32
