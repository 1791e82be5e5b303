// The declarative export table every built-in DLL has exactly one of.
// From it the loader derives the synthesized PE image (export directory and
// jump stubs), +relay thunks, and the list `sill check` compares imports with.
#pragma once
#include <cstdint>
#include <span>
#include <string_view>
#include <type_traits>

#include "base/wintypes.h"

namespace sill::loader {

// Relay signature codes: one for the return type, then one per argument;
// a trailing '.' marks a variadic function.
//   v void  i 32-bit integer  q 64-bit integer  p pointer  s char*  w WCHAR*  f float  d double
template <class T>
constexpr char relay_code() {
  using U = std::remove_cv_t<T>;
  if constexpr (std::is_void_v<U>) return 'v';
  else if constexpr (std::is_same_v<U, float>) return 'f';
  else if constexpr (std::is_same_v<U, double>) return 'd';
  else if constexpr (std::is_pointer_v<U> && std::is_same_v<std::remove_cv_t<std::remove_pointer_t<U>>, char>)
    return 's';
  else if constexpr (std::is_pointer_v<U> &&
                     std::is_same_v<std::remove_cv_t<std::remove_pointer_t<U>>, char16_t>)
    return 'w';
  else if constexpr (std::is_pointer_v<U> || std::is_member_pointer_v<U>) return 'p';
  else if constexpr (sizeof(U) == 8) return 'q';
  else return 'i';  // integers, enums and small structs travel in 32 bits or less
}

template <bool Variadic, class R, class... A>
struct RelaySignature {
  static constexpr char value[] = {relay_code<R>(), relay_code<A>()..., Variadic ? '.' : '\0', '\0'};
};

template <class R, class... A>
constexpr const char* relay_signature(R(WINAPI*)(A...)) {
  return RelaySignature<false, R, A...>::value;
}
template <class R, class... A>
constexpr const char* relay_signature(R(WINAPI*)(A..., ...)) {
  return RelaySignature<true, R, A...>::value;
}
template <class R, class... A>
constexpr const char* relay_signature(R(WINAPI*)(A...) noexcept) {
  return RelaySignature<false, R, A...>::value;
}
template <class R, class... A>
constexpr const char* relay_signature(R(WINAPI*)(A..., ...) noexcept) {
  return RelaySignature<true, R, A...>::value;
}

struct Export {
  std::string_view name;    // empty: exported by ordinal only
  std::uint16_t ordinal;    // 0: assigned from the position in the table
  const void* address;      // function or variable; nullptr for a forwarder
  const char* signature;    // relay signature for functions; nullptr for data
  std::string_view forward; // "ntdll.RtlUnwind" for a forwarder
};

struct BuiltinDll {
  std::string_view name;  // lower case, with extension: "kernel32.dll"
  std::span<const Export> exports;
  // Called like a DllMain, with the built-in's HMODULE; may be null.
  win::BOOL(WINAPI* dll_main)(win::HINSTANCE, win::DWORD, void*) = nullptr;
};

// Every built-in DLL, in the order they are initialized.
std::span<const BuiltinDll* const> builtin_dlls();

}  // namespace sill::loader

// Table entries. Used inside the DLL's namespace, so that `printf` names the
// built-in's printf and not the host's.
#define SILL_EXPORT(fn) \
  ::sill::loader::Export { #fn, 0, reinterpret_cast<const void*>(&fn), ::sill::loader::relay_signature(&fn), {} }
#define SILL_EXPORT_AS(name, fn) \
  ::sill::loader::Export { name, 0, reinterpret_cast<const void*>(&fn), ::sill::loader::relay_signature(&fn), {} }
#define SILL_EXPORT_DATA(name, var) \
  ::sill::loader::Export { name, 0, static_cast<const void*>(&var), nullptr, {} }
#define SILL_EXPORT_FORWARD(name, target) \
  ::sill::loader::Export { name, 0, nullptr, nullptr, target }
