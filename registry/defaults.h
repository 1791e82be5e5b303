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

}  // namespace sill::registry
