// Helpers shared by advapi32's registry files: predefined keys, the NTSTATUS
// -> error-code edge (Reg* return their error instead of setting the last
// error), and A <-> W conversion of names and string data.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/expected.h"
#include "ntdll/codepage.h"
#include "ntdll/registry_api.h"
#include "ntdll/registry_key.h"
#include "ntdll/status.h"
#include "ntdll/winerror.h"
#include "registry/store.h"
#include "win32/advapi32/advapi32.h"

namespace sill::advapi32 {

// Windows' error code for a status (RtlNtStatusToDosError's table).
inline LSTATUS error_of(NTSTATUS s) { return static_cast<LSTATUS>(nt::dos_error_from_status(s)); }

// A real key handle for `key`: predefined handles (HKEY_LOCAL_MACHINE, ...) are
// opened once per process; HKEY_PERFORMANCE_DATA & co are refused.
Expected<HANDLE, LSTATUS> real_key(HKEY key);
bool is_predefined(HKEY key);
inline constexpr std::uint32_t kClassesRoot = 0x80000000, kCurrentUser = 0x80000001;

// Opens `subkey` (may be null or empty: a new handle to `key` itself) below `key`.
// Keys under HKEY_CLASSES_ROOT are looked up in the user's classes first.
LSTATUS open_subkey(HKEY key, const char16_t* subkey, DWORD options, REGSAM access, HANDLE* result);

// Closes a handle that open_subkey or real_key's caller opened (never a predefined one).
void close_key(HANDLE h, HKEY original);

// Runs fn with the store; a missing store is ERROR_REGISTRY_CORRUPT.
template <class F>
LSTATUS with_registry(F&& fn) {
  try {
    registry::Store* store = nt::registry_store();
    if (!store) return win::ERROR_REGISTRY_CORRUPT;
    return fn(*store);
  } catch (const std::bad_alloc&) {
    return win::ERROR_NOT_ENOUGH_MEMORY;
  } catch (...) {
    return win::ERROR_GEN_FAILURE;
  }
}

inline bool is_string_type(DWORD type) {
  return type == registry::REG_SZ || type == registry::REG_EXPAND_SZ || type == registry::REG_MULTI_SZ;
}

// String data as stored (UTF-16 bytes, an odd last byte dropped) in the ANSI code page, and back.
std::string string_data_to_ansi(const BYTE* data, std::size_t size);
std::u16string string_data_from_ansi(const BYTE* data, std::size_t size);

// An A-function's name argument (nullopt for a null pointer).
inline std::optional<std::u16string> wide(const char* s) {
  if (!s) return std::nullopt;
  return nt::ansi_to_utf16(s);
}
inline const char16_t* ptr(const std::optional<std::u16string>& s) { return s ? s->c_str() : nullptr; }

// A value's type and bytes (through the process's cache).
struct RawValue {
  DWORD type = 0;
  std::vector<BYTE> data;
};
LSTATUS query_raw(HANDLE key, const char16_t* name, RawValue& out);

}  // namespace sill::advapi32
