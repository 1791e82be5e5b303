// Key objects, the process's store and key-name resolution (registry_key.h).
#include "ntdll/registry_key.h"

#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <memory>
#include <mutex>

#include "base/debug.h"
#include "base/unicode.h"
#include "ntdll/path_mapping.h"
#include "ntdll/prefix.h"
#include "ntdll/registry_notify.h"
#include "registry/case_fold.h"
#include "registry/defaults.h"

SILL_DEFAULT_DEBUG_CHANNEL(reg);

namespace sill::nt {

namespace {

constexpr win::DWORD GENERIC_READ = 0x80000000, GENERIC_WRITE = 0x40000000, GENERIC_EXECUTE = 0x20000000,
                     GENERIC_ALL = 0x10000000, MAXIMUM_ALLOWED = 0x02000000;

registry::DefaultsContext defaults_context() {
  registry::DefaultsContext ctx;
  ctx.user_name = utf8_to_utf16(prefix_user_name());
  char host[256] = {};
  if (gethostname(host, sizeof host - 1) != 0 || !*host) std::snprintf(host, sizeof host, "SILL");
  std::string name(host);
  if (auto dot = name.find('.'); dot != std::string::npos) name.resize(dot);
  ctx.computer_name = registry::fold_name(utf8_to_utf16(name.substr(0, 15)));
  ctx.build = kWindowsBuild;
  return ctx;
}

Expected<std::unique_ptr<registry::Store>> open_store(const std::string& dir, bool* created) {
  const std::string path = dir + "/registry.db";
  bool existed = access(path.c_str(), F_OK) == 0;
  auto ctx = defaults_context();
  auto store = registry::Store::open(path, [&](registry::Store& s) { return registry::populate_defaults(s, ctx); });
  if (created) *created = store && !existed;
  if (store && existed) {
    if (auto updated = registry::update_builtin_defaults(**store); !updated)
      WARN("cannot add the built-in DLLs' registry keys to %s (status 0x%08x)\n", path.c_str(),
           static_cast<unsigned>(updated.error()));
  }
  return store;
}

}  // namespace

Key::~Key() { cancel_key_notifications(this); }

namespace {
std::atomic<registry::Store*> opened_store{nullptr};
std::uint32_t writes_at_open = 0;  // set before opened_store is published
}  // namespace

registry::Store* registry_store_if_open() { return opened_store.load(std::memory_order_acquire); }

bool registry_changed_since_open() {
  registry::Store* store = registry_store_if_open();
  return store && store->finished_writes() != writes_at_open;
}

registry::Store* registry_store() {
  static std::once_flag once;
  // Never destroyed: the notification watcher may still use it while the process exits.
  static registry::Store* store = nullptr;
  std::call_once(once, [] {
    std::string dir = prefix_path();
    if (!ensure_default_prefix()) return;
    auto s = open_store(dir, nullptr);
    if (!s) {
      std::fprintf(stderr, "sill: %s\n", s.error().message.c_str());
      return;
    }
    store = s->release();
    writes_at_open = store->finished_writes();
    opened_store.store(store, std::memory_order_release);
  });
  return store;
}

Expected<bool> ensure_registry_store(const std::string& prefix_dir) {
  bool created = false;
  auto s = open_store(prefix_dir, &created);
  if (!s) return Unexpected{s.error()};
  return created;
}

win::DWORD map_key_access(win::DWORD access) {
  if (access & (GENERIC_READ | GENERIC_EXECUTE)) access |= KEY_READ;
  if (access & GENERIC_WRITE) access |= KEY_WRITE;
  if (access & (GENERIC_ALL | MAXIMUM_ALLOWED)) access |= KEY_ALL_ACCESS;
  return access & ~(GENERIC_READ | GENERIC_WRITE | GENERIC_EXECUTE | GENERIC_ALL | MAXIMUM_ALLOWED |
                    KEY_WOW64_64KEY | KEY_WOW64_32KEY);
}

Expected<Ref<Key>, win::NTSTATUS> key_from_handle(win::HANDLE h, win::DWORD access) {
  auto key = handle_table().get<Key>(h);
  if (!key) return key;
  if (access) {
    win::DWORD granted = 0;
    handle_table().get_access(h, &granted);
    if ((granted & access) != access) return Unexpected{STATUS_ACCESS_DENIED};
  }
  return key;
}

win::HANDLE insert_key_handle(registry::KeyId key, win::DWORD access) {
  return handle_table().insert(make_object<Key>(key), map_key_access(access));
}

Expected<KeyName, win::NTSTATUS> resolve_key_name(const ntdll::OBJECT_ATTRIBUTES* attr) {
  if (!attr) return Unexpected{STATUS_INVALID_PARAMETER};
  if (attr->Length != sizeof(ntdll::OBJECT_ATTRIBUTES) && attr->Length != 0) return Unexpected{STATUS_INVALID_PARAMETER};
  std::u16string_view name;
  if (attr->ObjectName) {
    if (attr->ObjectName->Length & 1) return Unexpected{STATUS_OBJECT_NAME_INVALID};
    if (attr->ObjectName->Length && !attr->ObjectName->Buffer) return Unexpected{STATUS_ACCESS_VIOLATION};
    name = std::u16string_view(attr->ObjectName->Buffer, attr->ObjectName->Length / 2);
  }
  if (attr->RootDirectory) {
    auto root = handle_table().get<Key>(attr->RootDirectory);
    if (!root) return Unexpected{root.error()};
    if (!name.empty() && name[0] == u'\\') return Unexpected{STATUS_OBJECT_PATH_SYNTAX_BAD};
    return KeyName{(*root)->id, std::u16string(name)};
  }
  // An absolute name: \REGISTRY\...
  constexpr std::u16string_view kTop = u"\\REGISTRY";
  if (name.size() < kTop.size() || registry::fold_name(name.substr(0, kTop.size())) != kTop)
    return Unexpected{name.empty() || name[0] != u'\\' ? STATUS_OBJECT_PATH_SYNTAX_BAD : STATUS_OBJECT_NAME_NOT_FOUND};
  name.remove_prefix(kTop.size());
  if (!name.empty() && name[0] != u'\\') return Unexpected{STATUS_OBJECT_NAME_NOT_FOUND};
  if (!name.empty()) name.remove_prefix(1);
  return KeyName{registry::kRootKey, std::u16string(name)};
}

}  // namespace sill::nt
