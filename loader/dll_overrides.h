// Which DLL to prefer, built-in or native: SILL_DLLOVERRIDES (WINEDLLOVERRIDES
// syntax accepted), e.g. "msvcrt=n,b;foo,bar=b;baz=". Default: built-in first
// for DLLs Sill provides, native otherwise.
#pragma once
#include <string>
#include <string_view>

namespace sill::loader {

// The order to try, as a string of 'b' (built-in) and 'n' (native); empty: disabled.
// name is a lower-case DLL name with or without ".dll".
std::string dll_load_order(std::string_view name, bool has_builtin);

// Parses an override specification; exposed for tests. Later calls replace earlier ones.
void set_dll_overrides(std::string_view spec);

}  // namespace sill::loader
