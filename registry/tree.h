// Operations on whole paths and subtrees, built on Store: what RegCreateKeyEx,
// RegDeleteTree, RegCopyTree, `sill reg` and the prefix's defaults share.
// Each is one transaction.
#pragma once
#include <string_view>

#include "registry/store.h"

namespace sill::registry {

// Creates every missing key of `path` below `from` (RegCreateKeyEx's way); the last key's id.
Result<KeyId> create_path(Store& store, KeyId from, std::u16string_view path, std::uint32_t flags = 0);
// Deletes every subkey of `key` (and, with delete_self, the key itself); values of `key` stay unless
// delete_self. Symbolic-link keys are deleted, never followed.
Result<void> delete_tree(Store& store, KeyId key, bool delete_self);
// Deletes every value of `key` (its subkeys stay).
Result<void> delete_values(Store& store, KeyId key);
// Copies the values and subkeys of `from` into `to` (existing values are overwritten).
Result<void> copy_tree(Store& store, KeyId from, KeyId to);

}  // namespace sill::registry
