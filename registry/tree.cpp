// Whole-path and subtree operations (tree.h).
#include "registry/tree.h"

#include <vector>

#include "ntdll/status.h"

namespace sill::registry {

Result<KeyId> create_path(Store& store, KeyId from, std::u16string_view path, std::uint32_t flags) {
  KeyId cur = from;
  auto r = store.batch([&]() -> Result<void> {
    std::u16string_view rest = path;
    while (!rest.empty()) {
      std::size_t sep = rest.find(u'\\');
      std::u16string_view name = rest.substr(0, sep);
      rest = sep == std::u16string_view::npos ? std::u16string_view{} : rest.substr(sep + 1);
      if (name.empty()) continue;  // repeated or trailing separators, as in open_key
      // An existing key (a link included) is opened through; a missing one is created.
      auto existing = store.open_key(cur, name);
      if (existing) {
        cur = *existing;
        continue;
      }
      if (existing.error() != nt::STATUS_OBJECT_NAME_NOT_FOUND) return Unexpected{existing.error()};
      auto made = store.create_key(cur, name, u"", flags);
      if (!made) return Unexpected{made.error()};
      cur = made->id;
    }
    return {};
  });
  if (!r) return Unexpected{r.error()};
  return cur;
}

namespace {

Result<void> delete_children(Store& store, KeyId key) {
  while (true) {
    auto child = store.enum_key(key, 0);
    if (!child) return child.error() == nt::STATUS_NO_MORE_ENTRIES ? Result<void>{} : Unexpected{child.error()};
    if (auto r = delete_children(store, child->id); !r) return r;
    if (auto r = store.delete_key(child->id); !r) return r;
  }
}

// `dest_top` is never copied from: copying a key into its own subtree stops there.
Result<void> copy_into(Store& store, KeyId from, KeyId to, KeyId dest_top) {
  // Read first, then write: enumeration stays a sequential walk (store.h's cursors).
  std::vector<Value> values;
  for (std::uint32_t i = 0;; ++i) {
    auto v = store.enum_value(from, i);
    if (!v) {
      if (v.error() == nt::STATUS_NO_MORE_ENTRIES) break;
      return Unexpected{v.error()};
    }
    values.push_back(std::move(*v));
  }
  for (const Value& v : values)
    if (auto r = store.set_value(to, v.name, v.type, v.data.data(), v.data.size()); !r) return r;
  std::vector<KeyInfo> children;
  for (std::uint32_t i = 0;; ++i) {
    auto k = store.enum_key(from, i);
    if (!k) {
      if (k.error() == nt::STATUS_NO_MORE_ENTRIES) break;
      return Unexpected{k.error()};
    }
    if (k->id != dest_top) children.push_back(std::move(*k));
  }
  for (const KeyInfo& k : children) {
    auto made = store.create_key(to, k.name, k.class_name, k.flags & kKeyVolatile);
    if (!made) return Unexpected{made.error()};
    if (auto r = copy_into(store, k.id, made->id, dest_top); !r) return r;
  }
  return {};
}

}  // namespace

Result<void> delete_tree(Store& store, KeyId key, bool delete_self) {
  return store.batch([&]() -> Result<void> {
    if (auto r = delete_children(store, key); !r) return r;
    if (delete_self) return store.delete_key(key);
    return {};
  });
}

Result<void> delete_values(Store& store, KeyId key) {
  return store.batch([&]() -> Result<void> {
    while (true) {
      auto v = store.enum_value(key, 0);
      if (!v) return v.error() == nt::STATUS_NO_MORE_ENTRIES ? Result<void>{} : Unexpected{v.error()};
      if (auto d = store.delete_value(key, v->name); !d) return d;
    }
  });
}

Result<void> copy_tree(Store& store, KeyId from, KeyId to) {
  return store.batch([&]() { return copy_into(store, from, to, to); });
}

}  // namespace sill::registry
