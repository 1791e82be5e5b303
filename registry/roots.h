// The well-known places in the tree, and the names people and .reg files give
// them (HKEY_LOCAL_MACHINE, HKLM, ...). Shared by ntdll, advapi32 and `sill reg`.
#pragma once
#include <optional>
#include <string>
#include <string_view>

#include "registry/store.h"

namespace sill::registry {

// Sill has one user per prefix; its SID names its tree under \REGISTRY\USER.
inline constexpr char16_t kUserSid[] = u"S-1-5-21-0-0-0-1000";

enum class Root { LocalMachine, CurrentUser, Users, ClassesRoot, CurrentConfig };

// Store paths below \REGISTRY (no leading separator): "MACHINE", "USER\S-1-...", ...
std::u16string root_path(Root root);
// HKEY_CURRENT_USER / HKCU ... (case-insensitive); nullopt for another name.
std::optional<Root> root_from_name(std::u16string_view name);
// The long name: HKEY_LOCAL_MACHINE, ...
std::u16string root_name(Root root);

// "HKEY_CURRENT_USER\Software\X" -> (Root::CurrentUser, "Software\X").
struct RootedPath {
  Root root;
  std::u16string rest;
};
std::optional<RootedPath> split_rooted_path(std::u16string_view full);

// Opens (creating with `create`) the key a rooted path names.
Result<KeyId> open_rooted(Store& store, const RootedPath& path, bool create);

}  // namespace sill::registry
