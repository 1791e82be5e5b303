// Between .reg files (reg_file.h) and the store: import applies a file as one
// transaction; export reads a subtree in enumeration order.
#pragma once
#include <string>

#include "registry/reg_file.h"
#include "registry/store.h"

namespace sill::registry {

// Applies every [key], [-key], value and deletion of `file`; all or nothing.
// Errors name the key that failed.
Expected<void> import_reg(Store& store, const RegFile& file);
// The subtree at a rooted path (HKEY_CURRENT_USER\...) as a .reg file.
Expected<RegFile> export_reg(Store& store, std::u16string_view rooted_path, RegVersion version);

}  // namespace sill::registry
