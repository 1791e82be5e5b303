#include "loader/builtin_dll.h"

namespace sill::builtin {
extern const loader::BuiltinDll ntdll_dll;
extern const loader::BuiltinDll kernel32_dll;
extern const loader::BuiltinDll msvcrt_dll;
extern const loader::BuiltinDll advapi32_dll;
// The Universal CRT, MSVC's runtime and what MSVC/Rust programs import beside them.
extern const loader::BuiltinDll bcrypt_dll;
extern const loader::BuiltinDll bcryptprimitives_dll;
extern const loader::BuiltinDll combase_dll;
extern const loader::BuiltinDll ole32_dll;
extern const loader::BuiltinDll shell32_dll;
extern const loader::BuiltinDll ucrtbase_dll;
extern const loader::BuiltinDll vcruntime140_1_dll;
extern const loader::BuiltinDll vcruntime140_dll;
extern const loader::BuiltinDll ws2_32_dll;
extern const loader::BuiltinDll oleaut32_dll;
extern const loader::BuiltinDll user32_dll;
// Resources: version information (version.dll).
extern const loader::BuiltinDll version_dll;
}  // namespace sill::builtin

namespace sill::loader {

std::span<const BuiltinDll* const> builtin_dlls() {
  // Initialization order: ntdll first, then what depends on it.
  static const BuiltinDll* const all[] = {
      &builtin::ntdll_dll,
      &builtin::kernel32_dll,
      &builtin::msvcrt_dll,
      &builtin::advapi32_dll,
      // The Universal CRT, MSVC's runtime and what MSVC/Rust programs import beside them.
      &builtin::bcrypt_dll,
      &builtin::bcryptprimitives_dll,
      &builtin::combase_dll,
      &builtin::ole32_dll,
      &builtin::shell32_dll,
      &builtin::ucrtbase_dll,
      &builtin::vcruntime140_dll,
      &builtin::vcruntime140_1_dll,
      &builtin::ws2_32_dll,
      &builtin::oleaut32_dll,
      &builtin::user32_dll,
      // Resources: version information (version.dll).
      &builtin::version_dll,
  };
  return all;
}

}  // namespace sill::loader
