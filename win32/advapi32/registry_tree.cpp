// advapi32's subtree functions and notifications: RegDeleteTree, RegCopyTree,
// RegNotifyChangeKeyValue (W forms). The tree operations run as one store
// transaction each (registry/tree.h), so another process sees all or nothing.
#include "ntdll/registry_notify.h"
#include "registry/tree.h"
#include "win32/advapi32/registry_internal.h"

namespace sill::advapi32 {

namespace {

// The store key behind a handle, checked for `access`.
Expected<registry::KeyId, LSTATUS> key_id(HANDLE h, DWORD access) {
  auto k = nt::key_from_handle(h, access);
  if (!k) return Unexpected{error_of(k.error())};
  return (*k)->id;
}

}  // namespace

LSTATUS WINAPI RegDeleteTreeW(HKEY key, LPCWSTR subkey) noexcept {
  return with_registry([&](registry::Store& store) -> LSTATUS {
    HANDLE h = nullptr;
    LSTATUS e = open_subkey(key, subkey, 0, nt::KEY_READ | nt::KEY_DELETE | nt::KEY_SET_VALUE, &h);
    if (e != win::ERROR_SUCCESS) return e;
    auto id = key_id(h, nt::KEY_DELETE | nt::KEY_ENUMERATE_SUB_KEYS | nt::KEY_QUERY_VALUE);
    NTSTATUS s = nt::STATUS_SUCCESS;
    if (id) {
      bool whole = subkey && *subkey;
      // Without a subkey the key stays, emptied of its subkeys and values.
      auto r = store.batch([&]() -> registry::Result<void> {
        if (auto t = registry::delete_tree(store, *id, whole); !t) return t;
        if (whole) return {};
        return registry::delete_values(store, *id);
      });
      if (!r) s = r.error();
    }
    close_key(h, key);
    if (!id) return id.error();
    return error_of(s);
  });
}

LSTATUS WINAPI RegCopyTreeW(HKEY src, LPCWSTR subkey, HKEY dest) noexcept {
  return with_registry([&](registry::Store& store) -> LSTATUS {
    auto to_handle = real_key(dest);
    if (!to_handle) return to_handle.error();
    auto to = key_id(*to_handle, nt::KEY_CREATE_SUB_KEY | nt::KEY_SET_VALUE);
    if (!to) return to.error();
    HANDLE h = nullptr;
    LSTATUS e = open_subkey(src, subkey, 0, nt::KEY_READ, &h);
    if (e != win::ERROR_SUCCESS) return e;
    auto from = key_id(h, nt::KEY_READ & ~0x20000u);
    NTSTATUS s = nt::STATUS_SUCCESS;
    if (from) {
      auto r = registry::copy_tree(store, *from, *to);
      if (!r) s = r.error();
    }
    close_key(h, src);
    if (!from) return from.error();
    return error_of(s);
  });
}

LSTATUS WINAPI RegNotifyChangeKeyValue(HKEY key, BOOL subtree, DWORD filter, HANDLE event, BOOL asynchronous) noexcept {
  if (asynchronous && !event) return win::ERROR_INVALID_HANDLE;
  auto h = real_key(key);
  if (!h) return h.error();
  NTSTATUS s = ntdll::NtNotifyChangeKey(*h, asynchronous ? event : nullptr, nullptr, nullptr, nullptr, filter,
                                        subtree != 0, nullptr, 0, asynchronous != 0);
  if (s == nt::STATUS_PENDING || s == nt::STATUS_NOTIFY_ENUM_DIR || s == nt::STATUS_NOTIFY_CLEANUP)
    return win::ERROR_SUCCESS;
  return error_of(s);
}

}  // namespace sill::advapi32
