// EnumResourceTypes/Names/Languages (W, A, Ex): the module's own resources in
// the file's order (named entries first, then ids ascending). Callbacks get
// MAKEINTRESOURCE values for ids and NUL-terminated copies of names; a
// callback returning FALSE ends the enumeration, which then returns FALSE.
#include <string>
#include <type_traits>

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

template <class C>
IdArg<C> id_arg(const pe::ResourceId& id) {
  if constexpr (std::is_same_v<C, char16_t>)
    return {id.named(), id.id, id.name};
  else
    return {id.named(), id.id, id.named() ? nt::utf16_to_ansi(id.name) : std::string()};
}

void note_flags(DWORD flags) {
  // There are no .mui satellite files: only the module's own (LN) resources exist.
  if (flags & (RESOURCE_ENUM_MUI | RESOURCE_ENUM_MUI_SYSTEM)) FIXME_ONCE("no MUI resources (flags 0x%x)\n", flags);
}

// The frame every enumeration shares: argument checks, flags, the Win32 edge for
// host exceptions. `walk` returns FALSE when the module has no such resources
// (last error set) or a callback stopped.
template <class Proc, class Walk>
BOOL enumerate(Proc proc, DWORD flags, Walk walk) noexcept {
  if (!proc) return fail_error(win::ERROR_INVALID_PARAMETER, FALSE);
  try {
    note_flags(flags);
    return walk();
  } catch (...) {
    return fail_error(win::ERROR_NOT_ENOUGH_MEMORY, FALSE);
  }
}

// Runs `each` on every id a lookup returns; FALSE when it failed (last error set) or `each` did.
template <class List, class F>
BOOL for_each(const List& list, F each) {
  if (!list) return fail_error(resource_error(list.error()), FALSE);
  for (const auto& item : *list)
    if (!each(item)) return FALSE;
  return TRUE;
}

template <class C, class Proc>
BOOL enum_types(HMODULE module, Proc proc, LONG_PTR param, DWORD flags) noexcept {
  return enumerate(proc, flags, [&] {
    auto tree = module_resources(module);
    if (!tree) return FALSE;
    return for_each(tree->types(), [&](const pe::ResourceId& t) {
      auto arg = id_arg<C>(t);
      return loader::call_program("EnumResourceTypes callback", proc, module, arg.get(), param) != FALSE;
    });
  });
}

template <class C, class Proc>
BOOL enum_names(HMODULE module, const C* type, Proc proc, LONG_PTR param, DWORD flags) noexcept {
  return enumerate(proc, flags, [&] {
    auto type_id = resource_id(type);
    if (!type_id) return fail_error(ERROR_RESOURCE_TYPE_NOT_FOUND, FALSE);
    auto tree = module_resources(module);
    if (!tree) return FALSE;
    return for_each(tree->names(*type_id), [&](const pe::ResourceId& n) {
      auto arg = id_arg<C>(n);
      return loader::call_program("EnumResourceNames callback", proc, module, type, arg.get(), param) != FALSE;
    });
  });
}

template <class C, class Proc>
BOOL enum_languages(HMODULE module, const C* type, const C* name, Proc proc, LONG_PTR param, DWORD flags) noexcept {
  return enumerate(proc, flags, [&] {
    auto type_id = resource_id(type);
    auto name_id = resource_id(name);
    if (!type_id) return fail_error(ERROR_RESOURCE_TYPE_NOT_FOUND, FALSE);
    if (!name_id) return fail_error(ERROR_RESOURCE_NAME_NOT_FOUND, FALSE);
    auto tree = module_resources(module);
    if (!tree) return FALSE;
    return for_each(tree->languages(*type_id, *name_id), [&](std::uint16_t l) {
      return loader::call_program("EnumResourceLanguages callback", proc, module, type, name, l, param) != FALSE;
    });
  });
}

}  // namespace

BOOL WINAPI EnumResourceTypesExW(HMODULE module, ENUMRESTYPEPROCW proc, LONG_PTR param, DWORD flags, LANGID) noexcept {
  return enum_types<char16_t>(module, proc, param, flags);
}

BOOL WINAPI EnumResourceTypesExA(HMODULE module, ENUMRESTYPEPROCA proc, LONG_PTR param, DWORD flags, LANGID) noexcept {
  return enum_types<char>(module, proc, param, flags);
}

BOOL WINAPI EnumResourceTypesW(HMODULE module, ENUMRESTYPEPROCW proc, LONG_PTR param) noexcept {
  return enum_types<char16_t>(module, proc, param, 0);
}

BOOL WINAPI EnumResourceTypesA(HMODULE module, ENUMRESTYPEPROCA proc, LONG_PTR param) noexcept {
  return enum_types<char>(module, proc, param, 0);
}

BOOL WINAPI EnumResourceNamesExW(HMODULE module, LPCWSTR type, ENUMRESNAMEPROCW proc, LONG_PTR param, DWORD flags,
                                 LANGID) noexcept {
  return enum_names(module, type, proc, param, flags);
}

BOOL WINAPI EnumResourceNamesExA(HMODULE module, LPCSTR type, ENUMRESNAMEPROCA proc, LONG_PTR param, DWORD flags,
                                 LANGID) noexcept {
  return enum_names(module, type, proc, param, flags);
}

BOOL WINAPI EnumResourceNamesW(HMODULE module, LPCWSTR type, ENUMRESNAMEPROCW proc, LONG_PTR param) noexcept {
  return enum_names(module, type, proc, param, 0);
}

BOOL WINAPI EnumResourceNamesA(HMODULE module, LPCSTR type, ENUMRESNAMEPROCA proc, LONG_PTR param) noexcept {
  return enum_names(module, type, proc, param, 0);
}

BOOL WINAPI EnumResourceLanguagesExW(HMODULE module, LPCWSTR type, LPCWSTR name, ENUMRESLANGPROCW proc, LONG_PTR param,
                                     DWORD flags, LANGID) noexcept {
  return enum_languages(module, type, name, proc, param, flags);
}

BOOL WINAPI EnumResourceLanguagesExA(HMODULE module, LPCSTR type, LPCSTR name, ENUMRESLANGPROCA proc, LONG_PTR param,
                                     DWORD flags, LANGID) noexcept {
  return enum_languages(module, type, name, proc, param, flags);
}

BOOL WINAPI EnumResourceLanguagesW(HMODULE module, LPCWSTR type, LPCWSTR name, ENUMRESLANGPROCW proc,
                                   LONG_PTR param) noexcept {
  return enum_languages(module, type, name, proc, param, 0);
}

BOOL WINAPI EnumResourceLanguagesA(HMODULE module, LPCSTR type, LPCSTR name, ENUMRESLANGPROCA proc,
                                   LONG_PTR param) noexcept {
  return enum_languages(module, type, name, proc, param, 0);
}

}  // namespace sill::kernel32
