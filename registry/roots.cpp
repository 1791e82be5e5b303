// Root names and their places in the tree (roots.h).
#include "registry/roots.h"

#include "registry/case_fold.h"
#include "registry/tree.h"

namespace sill::registry {

namespace {
struct RootName {
  Root root;
  const char16_t* long_name;
  const char16_t* short_name;
};
constexpr RootName kRoots[] = {
    {Root::LocalMachine, u"HKEY_LOCAL_MACHINE", u"HKLM"},
    {Root::CurrentUser, u"HKEY_CURRENT_USER", u"HKCU"},
    {Root::Users, u"HKEY_USERS", u"HKU"},
    {Root::ClassesRoot, u"HKEY_CLASSES_ROOT", u"HKCR"},
    {Root::CurrentConfig, u"HKEY_CURRENT_CONFIG", u"HKCC"},
};
}  // namespace

std::u16string root_path(Root root) {
  switch (root) {
    case Root::LocalMachine: return u"MACHINE";
    case Root::CurrentUser: return std::u16string(u"USER\\") + kUserSid;
    case Root::Users: return u"USER";
    // FIXME: the machine's classes only; Windows merges in the user's Software\Classes.
    case Root::ClassesRoot: return u"MACHINE\\Software\\Classes";
    case Root::CurrentConfig: return u"MACHINE\\System\\CurrentControlSet\\Hardware Profiles\\Current";
  }
  return u"";
}

std::optional<Root> root_from_name(std::u16string_view name) {
  std::u16string folded = fold_name(name);
  for (const RootName& r : kRoots)
    if (folded == r.long_name || folded == r.short_name) return r.root;
  return std::nullopt;
}

std::u16string root_name(Root root) {
  for (const RootName& r : kRoots)
    if (r.root == root) return r.long_name;
  return u"";
}

std::optional<RootedPath> split_rooted_path(std::u16string_view full) {
  std::size_t sep = full.find(u'\\');
  auto root = root_from_name(full.substr(0, sep));
  if (!root) return std::nullopt;
  return RootedPath{*root, sep == std::u16string_view::npos ? std::u16string() : std::u16string(full.substr(sep + 1))};
}

Result<KeyId> open_rooted(Store& store, const RootedPath& path, bool create) {
  auto top = create ? create_path(store, kRootKey, root_path(path.root)) : store.open_key(kRootKey, root_path(path.root));
  if (!top) return top;
  return create ? create_path(store, *top, path.rest) : store.open_key(*top, path.rest);
}

}  // namespace sill::registry
