// What a new prefix's registry holds: the keys and values programs look for at
// start-up (Windows version, environment, shell folders, fonts, time zones,
// file classes). Written into a new store inside its creating transaction.
#pragma once
#include <string>

#include "registry/store.h"

namespace sill::registry {

struct DefaultsContext {
  std::u16string user_name;      // the folder under C:\users
  std::u16string computer_name;  // upper case, as Windows shows it
  unsigned build = 19045;        // Windows 10 22H2 (matches RtlGetVersion)
};

Result<void> populate_defaults(Store& store, const DefaultsContext& context);

// Brings a prefix made by an older Sill up to what today's built-in DLLs register (their COM
// classes): one value read when it is current, else rewrites only those keys. Values programs
// and users own are never touched.
Result<void> update_builtin_defaults(Store& store);

}  // namespace sill::registry
