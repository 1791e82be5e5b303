// EnumResourceTypes/Names/Languages (W, A, Ex): the module's own resources in
// the file's order (named entries first, then ids ascending). Callbacks get
// MAKEINTRESOURCE values for ids and NUL-terminated copies of names; a
// callback returning FALSE ends the enumeration, which then returns FALSE.
#include <string>

#include "base/debug.h"
#include "loader/callback.h"
#include "ntdll/codepage.h"
#include "win32/kernel32/kernel32_internal.h"
#include "win32/kernel32/resource_internal.h"

SILL_DEFAULT_DEBUG_CHANNEL(resource);

namespace sill::kernel32 {

namespace {

// An id as the pointer-sized value callbacks receive: MAKEINTRESOURCE, or the name's text.
template <class C>
struct IdArg {
  bool named;
  std::uintptr_t id;
  std::basic_string<C> text;
  C* get() { return named ? text.data() : reinterpret_cast<C*>(id); }
};

IdArg<char16_t> wide_arg(const pe::ResourceId& id) { return {id.named(), id.id, id.name}; }

IdArg<char> ansi_arg(const pe::ResourceId& id) {
  return {id.named(), id.id, id.named() ? nt::utf16_to_ansi(id.name) : std::string()};
}

void note_flags(DWORD flags) {
  // There are no .mui satellite files: only the module's own (LN) resources exist.
  if (flags & (RESOURCE_ENUM_MUI | RESOURCE_ENUM_MUI_SYSTEM)) FIXME_ONCE("no MUI resources (flags 0x%x)\n", flags);
}

// Runs `each` on every type; false when the module has none or a callback stopped.
template <class F>
BOOL for_each_type(HMODULE module, F each) {
  auto tree = module_resources(module);
  if (!tree) return FALSE;
  auto types = tree->types();
  if (!types) return fail_error(resource_error(types.error()), FALSE);
  for (const pe::ResourceId& t : *types)
    if (!each(t)) return FALSE;
  return TRUE;
}

template <class F>
BOOL for_each_name(HMODULE module, const std::optional<pe::ResourceId>& type, F each) {
  if (!type) return fail_error(ERROR_RESOURCE_TYPE_NOT_FOUND, FALSE);
  auto tree = module_resources(module);
  if (!tree) return FALSE;
  auto names = tree->names(*type);
  if (!names) return fail_error(resource_error(names.error()), FALSE);
  for (const pe::ResourceId& n : *names)
    if (!each(n)) return FALSE;
  return TRUE;
}

template <class F>
BOOL for_each_language(HMODULE module, const std::optional<pe::ResourceId>& type,
                       const std::optional<pe::ResourceId>& name, F each) {
  if (!type) return fail_error(ERROR_RESOURCE_TYPE_NOT_FOUND, FALSE);
  if (!name) return fail_error(ERROR_RESOURCE_NAME_NOT_FOUND, FALSE);
  auto tree = module_resources(module);
  if (!tree) return FALSE;
  auto langs = tree->languages(*type, *name);
  if (!langs) return fail_error(resource_error(langs.error()), FALSE);
  for (std::uint16_t l : *langs)
    if (!each(l)) return FALSE;
  return TRUE;
}

}  // namespace

BOOL WINAPI EnumResourceTypesExW(HMODULE module, ENUMRESTYPEPROCW proc, LONG_PTR param, DWORD flags, LANGID) noexcept {
  if (!proc) return fail_error(win::ERROR_INVALID_PARAMETER, FALSE);
  try {
    note_flags(flags);
    return for_each_type(module, [&](const pe::ResourceId& t) {
      auto arg = wide_arg(t);
      return loader::call_program("EnumResourceTypes callback", proc, module, arg.get(), param) != FALSE;
    });
  } catch (...) {
    return fail_error(win::ERROR_NOT_ENOUGH_MEMORY, FALSE);
  }
}

BOOL WINAPI EnumResourceTypesExA(HMODULE module, ENUMRESTYPEPROCA proc, LONG_PTR param, DWORD flags, LANGID) noexcept {
  if (!proc) return fail_error(win::ERROR_INVALID_PARAMETER, FALSE);
  try {
    note_flags(flags);
    return for_each_type(module, [&](const pe::ResourceId& t) {
      auto arg = ansi_arg(t);
      return loader::call_program("EnumResourceTypes callback", proc, module, arg.get(), param) != FALSE;
    });
  } catch (...) {
    return fail_error(win::ERROR_NOT_ENOUGH_MEMORY, FALSE);
  }
}

BOOL WINAPI EnumResourceTypesW(HMODULE module, ENUMRESTYPEPROCW proc, LONG_PTR param) noexcept {
  return EnumResourceTypesExW(module, proc, param, 0, 0);
}

BOOL WINAPI EnumResourceTypesA(HMODULE module, ENUMRESTYPEPROCA proc, LONG_PTR param) noexcept {
  return EnumResourceTypesExA(module, proc, param, 0, 0);
}

BOOL WINAPI EnumResourceNamesExW(HMODULE module, LPCWSTR type, ENUMRESNAMEPROCW proc, LONG_PTR param, DWORD flags,
                                 LANGID) noexcept {
  if (!proc) return fail_error(win::ERROR_INVALID_PARAMETER, FALSE);
  try {
    note_flags(flags);
    return for_each_name(module, resource_id(type), [&](const pe::ResourceId& n) {
      auto arg = wide_arg(n);
      return loader::call_program("EnumResourceNames callback", proc, module, type, arg.get(), param) != FALSE;
    });
  } catch (...) {
    return fail_error(win::ERROR_NOT_ENOUGH_MEMORY, FALSE);
  }
}

BOOL WINAPI EnumResourceNamesExA(HMODULE module, LPCSTR type, ENUMRESNAMEPROCA proc, LONG_PTR param, DWORD flags,
                                 LANGID) noexcept {
  if (!proc) return fail_error(win::ERROR_INVALID_PARAMETER, FALSE);
  try {
    note_flags(flags);
    return for_each_name(module, resource_id(type), [&](const pe::ResourceId& n) {
      auto arg = ansi_arg(n);
      return loader::call_program("EnumResourceNames callback", proc, module, type, arg.get(), param) != FALSE;
    });
  } catch (...) {
    return fail_error(win::ERROR_NOT_ENOUGH_MEMORY, FALSE);
  }
}

BOOL WINAPI EnumResourceNamesW(HMODULE module, LPCWSTR type, ENUMRESNAMEPROCW proc, LONG_PTR param) noexcept {
  return EnumResourceNamesExW(module, type, proc, param, 0, 0);
}

BOOL WINAPI EnumResourceNamesA(HMODULE module, LPCSTR type, ENUMRESNAMEPROCA proc, LONG_PTR param) noexcept {
  return EnumResourceNamesExA(module, type, proc, param, 0, 0);
}

BOOL WINAPI EnumResourceLanguagesExW(HMODULE module, LPCWSTR type, LPCWSTR name, ENUMRESLANGPROCW proc, LONG_PTR param,
                                     DWORD flags, LANGID) noexcept {
  if (!proc) return fail_error(win::ERROR_INVALID_PARAMETER, FALSE);
  try {
    note_flags(flags);
    return for_each_language(module, resource_id(type), resource_id(name), [&](std::uint16_t l) {
      return loader::call_program("EnumResourceLanguages callback", proc, module, type, name, l, param) != FALSE;
    });
  } catch (...) {
    return fail_error(win::ERROR_NOT_ENOUGH_MEMORY, FALSE);
  }
}

BOOL WINAPI EnumResourceLanguagesExA(HMODULE module, LPCSTR type, LPCSTR name, ENUMRESLANGPROCA proc, LONG_PTR param,
                                     DWORD flags, LANGID) noexcept {
  if (!proc) return fail_error(win::ERROR_INVALID_PARAMETER, FALSE);
  try {
    note_flags(flags);
    return for_each_language(module, resource_id(type), resource_id(name), [&](std::uint16_t l) {
      return loader::call_program("EnumResourceLanguages callback", proc, module, type, name, l, param) != FALSE;
    });
  } catch (...) {
    return fail_error(win::ERROR_NOT_ENOUGH_MEMORY, FALSE);
  }
}

BOOL WINAPI EnumResourceLanguagesW(HMODULE module, LPCWSTR type, LPCWSTR name, ENUMRESLANGPROCW proc,
                                   LONG_PTR param) noexcept {
  return EnumResourceLanguagesExW(module, type, name, proc, param, 0, 0);
}

BOOL WINAPI EnumResourceLanguagesA(HMODULE module, LPCSTR type, LPCSTR name, ENUMRESLANGPROCA proc,
                                   LONG_PTR param) noexcept {
  return EnumResourceLanguagesExA(module, type, name, proc, param, 0, 0);
}

}  // namespace sill::kernel32
