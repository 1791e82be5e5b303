// Import and export of .reg files against the store (reg_io.h).
#include "registry/reg_io.h"

#include <cstdio>

#include "base/unicode.h"
#include "ntdll/status.h"
#include "registry/roots.h"
#include "registry/tree.h"

namespace sill::registry {

namespace {

std::string status_text(win::NTSTATUS s) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "status 0x%08X", static_cast<unsigned>(s));
  return buf;
}

Result<void> export_key(Store& store, KeyId key, const std::u16string& path, RegFile& out) {
  RegKeyEntry entry;
  entry.path = path;
  for (std::uint32_t i = 0;; ++i) {
    auto v = store.enum_value(key, i);
    if (!v) {
      if (v.error() == nt::STATUS_NO_MORE_ENTRIES) break;
      return Unexpected{v.error()};
    }
    entry.values.push_back({v->name, false, v->type, std::move(v->data)});
  }
  out.keys.push_back(std::move(entry));
  for (std::uint32_t i = 0;; ++i) {
    auto k = store.enum_key(key, i);
    if (!k) return k.error() == nt::STATUS_NO_MORE_ENTRIES ? Result<void>{} : Unexpected{k.error()};
    if (k->flags & kKeySymbolicLink) continue;  // a link's target is exported where it lives
    if (auto r = export_key(store, k->id, path + u"\\" + k->name, out); !r) return r;
  }
}

}  // namespace

Expected<void> import_reg(Store& store, const RegFile& file) {
  std::string failed;
  auto r = store.batch([&]() -> Result<void> {
    for (const RegKeyEntry& k : file.keys) {
      auto rooted = split_rooted_path(k.path);
      if (!rooted) {
        failed = "unknown root key in [" + utf16_to_utf8(k.path) + "]";
        return Unexpected{nt::STATUS_OBJECT_NAME_INVALID};
      }
      if (k.remove) {
        auto existing = open_rooted(store, *rooted, false);
        if (!existing) {
          if (existing.error() == nt::STATUS_OBJECT_NAME_NOT_FOUND) continue;
          failed = "[-" + utf16_to_utf8(k.path) + "]";
          return Unexpected{existing.error()};
        }
        if (auto d = delete_tree(store, *existing, true); !d) {
          failed = "[-" + utf16_to_utf8(k.path) + "]";
          return d;
        }
        continue;
      }
      auto key = open_rooted(store, *rooted, true);
      if (!key) {
        failed = "[" + utf16_to_utf8(k.path) + "]";
        return Unexpected{key.error()};
      }
      for (const RegValueEntry& v : k.values) {
        Result<void> done = v.remove ? store.delete_value(*key, v.name)
                                     : store.set_value(*key, v.name, v.type, v.data.data(), v.data.size());
        if (!done && !(v.remove && done.error() == nt::STATUS_OBJECT_NAME_NOT_FOUND)) {
          failed = "value \"" + utf16_to_utf8(v.name) + "\" of [" + utf16_to_utf8(k.path) + "]";
          return done;
        }
      }
    }
    return {};
  });
  if (!r) return fail("cannot import " + failed + " (" + status_text(r.error()) + "); nothing was changed");
  return {};
}

Expected<RegFile> export_reg(Store& store, std::u16string_view rooted_path, RegVersion version) {
  auto rooted = split_rooted_path(rooted_path);
  if (!rooted) return fail("unknown root key in " + utf16_to_utf8(rooted_path));
  auto key = open_rooted(store, *rooted, false);
  if (!key) {
    if (key.error() == nt::STATUS_OBJECT_NAME_NOT_FOUND) return fail("no such key: " + utf16_to_utf8(rooted_path));
    return fail("cannot open " + utf16_to_utf8(rooted_path) + " (" + status_text(key.error()) + ")");
  }
  RegFile file;
  file.version = version;
  // The path as written, with the long root name and no trailing separator.
  std::u16string path = root_name(rooted->root);
  std::u16string_view rest = rooted->rest;
  while (!rest.empty() && rest.back() == u'\\') rest.remove_suffix(1);
  if (!rest.empty()) path += u"\\" + std::u16string(rest);
  if (auto r = export_key(store, *key, path, file); !r) return fail("cannot export: " + status_text(r.error()));
  return file;
}

}  // namespace sill::registry
