// NtCreateKey, NtOpenKey(Ex), NtDeleteKey, NtRenameKey, NtFlushKey,
// NtSetValueKey, NtDeleteValueKey: the key and value changes, over the store.
#include "base/debug.h"
#include "ntdll/registry_api.h"
#include "ntdll/registry_key.h"
#include "ntdll/status.h"

SILL_DEFAULT_DEBUG_CHANNEL(reg);

namespace sill::ntdll {

namespace {

NTSTATUS open_key(HANDLE* out, ULONG access, OBJECT_ATTRIBUTES* attr, ULONG options) {
  if (!out) return nt::STATUS_ACCESS_VIOLATION;
  *out = nullptr;
  return nt::with_store([&](registry::Store& store) -> NTSTATUS {
    auto name = nt::resolve_key_name(attr);
    if (!name) return name.error();
    bool open_link = (options & nt::REG_OPTION_OPEN_LINK) || (attr->Attributes & nt::OBJ_OPENLINK);
    auto key = store.open_key(name->start, name->path, open_link);
    if (!key) return key.error();
    *out = nt::insert_key_handle(*key, access);
    return nt::STATUS_SUCCESS;
  });
}

}  // namespace

NTSTATUS WINAPI NtOpenKey(HANDLE* key, ULONG access, OBJECT_ATTRIBUTES* attr) noexcept {
  return open_key(key, access, attr, 0);
}

NTSTATUS WINAPI NtOpenKeyEx(HANDLE* key, ULONG access, OBJECT_ATTRIBUTES* attr, ULONG options) noexcept {
  if (options & ~(nt::REG_OPTION_OPEN_LINK | nt::REG_OPTION_BACKUP_RESTORE)) return nt::STATUS_INVALID_PARAMETER;
  return open_key(key, access, attr, options);
}

NTSTATUS WINAPI NtCreateKey(HANDLE* out, ULONG access, OBJECT_ATTRIBUTES* attr, ULONG, UNICODE_STRING* class_name,
                            ULONG options, ULONG* disposition) noexcept {
  if (!out) return nt::STATUS_ACCESS_VIOLATION;
  *out = nullptr;
  constexpr ULONG kKnown = nt::REG_OPTION_VOLATILE | nt::REG_OPTION_CREATE_LINK | nt::REG_OPTION_BACKUP_RESTORE |
                           nt::REG_OPTION_OPEN_LINK;
  if (options & ~kKnown) return nt::STATUS_INVALID_PARAMETER;
  if (options & nt::REG_OPTION_VOLATILE)
    FIXME_ONCE("volatile keys are stored like the others: they outlive the session (there is no boot to end it)\n");
  return nt::with_store([&](registry::Store& store) -> NTSTATUS {
    auto name = nt::resolve_key_name(attr);
    if (!name) return name.error();
    std::u16string_view path = name->path;
    while (!path.empty() && path.back() == u'\\') path.remove_suffix(1);
    registry::KeyId key = 0;
    bool created = false;
    if (path.empty()) {
      auto k = store.open_key(name->start, u"");
      if (!k) return k.error();
      key = *k;
    } else {
      std::size_t sep = path.find_last_of(u'\\');
      std::u16string_view parent_path = sep == std::u16string_view::npos ? std::u16string_view{} : path.substr(0, sep);
      std::u16string_view leaf = sep == std::u16string_view::npos ? path : path.substr(sep + 1);
      auto parent = store.open_key(name->start, parent_path);
      if (!parent) return parent.error();
      std::uint32_t flags = ((options & nt::REG_OPTION_VOLATILE) ? registry::kKeyVolatile : 0) |
                            ((options & nt::REG_OPTION_CREATE_LINK) ? registry::kKeySymbolicLink : 0);
      auto made = store.create_key(*parent, leaf, nt::view_of(class_name), flags);
      if (!made) return made.error();
      key = made->id;
      created = made->created;
      if (!created && !(options & nt::REG_OPTION_OPEN_LINK)) {
        // An existing symbolic link is opened through, as NtOpenKey would.
        auto through = store.open_key(*parent, leaf);
        if (!through) return through.error();
        key = *through;
      }
    }
    *out = nt::insert_key_handle(key, access);
    if (disposition) *disposition = created ? nt::REG_CREATED_NEW_KEY : nt::REG_OPENED_EXISTING_KEY;
    return nt::STATUS_SUCCESS;
  });
}

NTSTATUS WINAPI NtDeleteKey(HANDLE h) noexcept {
  return nt::with_store([&](registry::Store& store) -> NTSTATUS {
    auto key = nt::key_from_handle(h, nt::KEY_DELETE);
    if (!key) return key.error();
    auto r = store.delete_key((*key)->id);
    return r ? nt::STATUS_SUCCESS : r.error();
  });
}

NTSTATUS WINAPI NtRenameKey(HANDLE h, UNICODE_STRING* new_name) noexcept {
  if (!new_name) return nt::STATUS_INVALID_PARAMETER;
  return nt::with_store([&](registry::Store& store) -> NTSTATUS {
    auto key = nt::key_from_handle(h, nt::KEY_WRITE & ~0x20000u);
    if (!key) return key.error();
    auto r = store.rename_key((*key)->id, nt::view_of(new_name));
    return r ? nt::STATUS_SUCCESS : r.error();
  });
}

NTSTATUS WINAPI NtFlushKey(HANDLE h) noexcept {
  return nt::with_store([&](registry::Store& store) -> NTSTATUS {
    auto key = nt::key_from_handle(h, 0);
    if (!key) return key.error();
    auto r = store.flush();
    return r ? nt::STATUS_SUCCESS : r.error();
  });
}

NTSTATUS WINAPI NtSetValueKey(HANDLE h, UNICODE_STRING* name, ULONG, ULONG type, const void* data,
                              ULONG size) noexcept {
  if (size && !data) return nt::STATUS_ACCESS_VIOLATION;
  return nt::with_store([&](registry::Store& store) -> NTSTATUS {
    auto key = nt::key_from_handle(h, nt::KEY_SET_VALUE);
    if (!key) return key.error();
    auto r = store.set_value((*key)->id, nt::view_of(name), type, data, size);
    return r ? nt::STATUS_SUCCESS : r.error();
  });
}

NTSTATUS WINAPI NtDeleteValueKey(HANDLE h, UNICODE_STRING* name) noexcept {
  return nt::with_store([&](registry::Store& store) -> NTSTATUS {
    auto key = nt::key_from_handle(h, nt::KEY_SET_VALUE);
    if (!key) return key.error();
    auto r = store.delete_value((*key)->id, nt::view_of(name));
    return r ? nt::STATUS_SUCCESS : r.error();
  });
}

}  // namespace sill::ntdll
