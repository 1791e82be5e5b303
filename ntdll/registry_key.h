// Registry keys in the NT layer: the Key object handles point to, the
// process's store (opened on first use), and name resolution from
// OBJECT_ATTRIBUTES. The Nt*Key exports (registry_nt.cpp, registry_query.cpp,
// registry_notify.cpp) sit on these; advapi32's Reg* sit on the exports.
#pragma once
#include <new>
#include <string>

#include "ntdll/handle_table.h"
#include "ntdll/ntdll_api.h"
#include "ntdll/object.h"
#include "registry/store.h"

namespace sill::nt {

// Key access rights (winnt.h).
inline constexpr win::DWORD KEY_QUERY_VALUE = 0x1, KEY_SET_VALUE = 0x2, KEY_CREATE_SUB_KEY = 0x4,
                            KEY_ENUMERATE_SUB_KEYS = 0x8, KEY_NOTIFY = 0x10, KEY_CREATE_LINK = 0x20,
                            KEY_WOW64_64KEY = 0x100, KEY_WOW64_32KEY = 0x200, KEY_DELETE = 0x10000,
                            KEY_READ = 0x20019, KEY_WRITE = 0x20006, KEY_ALL_ACCESS = 0xF003F;
// Creation options and dispositions.
inline constexpr win::ULONG REG_OPTION_VOLATILE = 1, REG_OPTION_CREATE_LINK = 2, REG_OPTION_BACKUP_RESTORE = 4,
                            REG_OPTION_OPEN_LINK = 8;
inline constexpr win::ULONG REG_CREATED_NEW_KEY = 1, REG_OPENED_EXISTING_KEY = 2;
inline constexpr win::ULONG OBJ_OPENLINK = 0x100;

class Key : public Object {
 public:
  static constexpr ObjectType kType = ObjectType::Key;
  explicit Key(registry::KeyId key) : Object(kType), id(key) {}
  // Pending change notifications on this handle complete (their events are set) when it closes.
  ~Key() override;
  const registry::KeyId id;
};

// The prefix's store, opened (created and filled when new) on first use. On a
// damaged or unreadable store: nullptr, after one message on stderr naming the
// file and how to recover; callers then fail with STATUS_REGISTRY_CORRUPT.
registry::Store* registry_store();
// The store when this process has opened it already, else nullptr (never opens it).
registry::Store* registry_store_if_open();
// Whether any process of the prefix finished a write to the store since this one opened
// it (false when it never did): one memory load, for the checks made at exit.
bool registry_changed_since_open();
// The same for an explicit prefix folder (sill prefix init): whether it was created, or why not.
Expected<bool> ensure_registry_store(const std::string& prefix_dir);

// Maps GENERIC_* and MAXIMUM_ALLOWED to key rights and drops the WOW64 view bits.
win::DWORD map_key_access(win::DWORD access);
// The key a handle names, checked for `access` (STATUS_ACCESS_DENIED when the handle lacks it).
Expected<Ref<Key>, win::NTSTATUS> key_from_handle(win::HANDLE h, win::DWORD access);

// Where OBJECT_ATTRIBUTES point: the key to start from and the path below it.
struct KeyName {
  registry::KeyId start = 0;
  std::u16string path;
};
Expected<KeyName, win::NTSTATUS> resolve_key_name(const ntdll::OBJECT_ATTRIBUTES* attr);

// Inserts a handle to `key` with `access`.
win::HANDLE insert_key_handle(registry::KeyId key, win::DWORD access);

// A counted string's characters (empty for a null pointer).
inline std::u16string_view view_of(const win::UNICODE_STRING* s) {
  if (!s || !s->Buffer) return {};
  return {s->Buffer, static_cast<std::size_t>(s->Length / 2)};
}

// Runs `fn(store)` for an export: host exceptions become statuses, a missing store REGISTRY_CORRUPT.
template <class F>
win::NTSTATUS with_store(F&& fn) {
  try {
    registry::Store* store = registry_store();
    if (!store) return STATUS_REGISTRY_CORRUPT;
    return fn(*store);
  } catch (const std::bad_alloc&) {
    return STATUS_NO_MEMORY;
  } catch (...) {
    return STATUS_UNSUCCESSFUL;
  }
}

}  // namespace sill::nt
