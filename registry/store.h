// The registry store: keys and values of one prefix in an SQLite database
// (WAL mode) shared by every process of the prefix. This is the C++ interface
// that ntdll's key objects, `sill reg` and other host-side callers use; it
// knows nothing of handles, access masks or the Win32 forms.
//
// Keys form a tree under the root (`\Registry`, id kRootKey). Names compare
// case-insensitively the Windows way (case_fold.h) and keep the case they were
// created with. Values keep their exact type and bytes. Every change is one
// transaction: once a call returns success the change is in the WAL and survives
// the death of any process; flush() makes it durable against power loss too.
// Errors are NTSTATUS values (ntdll/status.h) so the NT layer passes them on.
#pragma once
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "base/expected.h"
#include "base/wintypes.h"

namespace sill::registry {

using KeyId = std::int64_t;
inline constexpr KeyId kRootKey = 1;

template <class T>
using Result = Expected<T, win::NTSTATUS>;

// Value types (winnt.h).
inline constexpr std::uint32_t REG_NONE = 0, REG_SZ = 1, REG_EXPAND_SZ = 2, REG_BINARY = 3, REG_DWORD = 4,
                               REG_DWORD_BIG_ENDIAN = 5, REG_LINK = 6, REG_MULTI_SZ = 7, REG_QWORD = 11;

// Key flags (stored).
inline constexpr std::uint32_t kKeyVolatile = 1;
inline constexpr std::uint32_t kKeySymbolicLink = 2;

struct Value {
  std::u16string name;
  std::uint32_t type = 0;
  std::vector<std::uint8_t> data;
};

struct KeyInfo {
  KeyId id = 0;
  std::u16string name;
  std::u16string class_name;
  std::int64_t last_write = 0;  // FILETIME (100 ns since 1601)
  std::uint32_t flags = 0;
  std::uint32_t subkeys = 0, max_subkey_name = 0, max_class = 0;      // lengths in UTF-16 units
  std::uint32_t values = 0, max_value_name = 0, max_value_data = 0;   // names in units, data in bytes
};

struct Created {
  KeyId id = 0;
  bool created = false;
};

class Store {
 public:
  // Opens the database at `path` (and its generation file `path + "-gen"`),
  // creating it when the file does not exist; `populate` then fills the new
  // store inside the same transaction. A file that is not a sound registry store
  // gives an error naming it and saying how to recover; it is never replaced.
  static Expected<std::unique_ptr<Store>> open(const std::string& path,
                                                const std::function<Result<void>(Store&)>& populate = {});
  ~Store();
  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;

  const std::string& path() const;

  // The key at `path` (names separated by '\', empty for `from` itself) below
  // `from`. Symbolic-link keys are followed, except the last one when open_link.
  Result<KeyId> open_key(KeyId from, std::u16string_view path, bool open_link = false);
  // The child `name` of `parent` (one name, no '\'), created when missing.
  Result<Created> create_key(KeyId parent, std::u16string_view name, std::u16string_view class_name,
                             std::uint32_t flags);
  // Deletes a key without subkeys, with its values (STATUS_CANNOT_DELETE when it has subkeys).
  Result<void> delete_key(KeyId key);
  Result<void> rename_key(KeyId key, std::u16string_view new_name);
  Result<KeyInfo> key_info(KeyId key);
  // The index-th subkey in Windows' order (by folded name); STATUS_NO_MORE_ENTRIES past the end.
  Result<KeyInfo> enum_key(KeyId key, std::uint32_t index);
  Result<KeyId> parent_of(KeyId key);
  // The key's path from the root ("\REGISTRY\MACHINE\..." in stored case, root's name "REGISTRY").
  Result<std::u16string> key_path(KeyId key);
  Result<bool> key_exists(KeyId key);

  Result<void> set_value(KeyId key, std::u16string_view name, std::uint32_t type, const void* data, std::size_t size);
  // Reads through the process's cache (coherent with other processes via the
  // generation). visit() sees the value in place, without a copy, under the store's lock:
  // it must not call the store.
  using ValueVisitor = void (*)(const Value& value, void* context);
  Result<void> visit_value(KeyId key, std::u16string_view name, ValueVisitor visit, void* context);
  Result<Value> get_value(KeyId key, std::u16string_view name);
  Result<void> delete_value(KeyId key, std::u16string_view name);
  // The index-th value in creation order; STATUS_NO_MORE_ENTRIES past the end.
  Result<Value> enum_value(KeyId key, std::uint32_t index);

  // Runs `fn` as one transaction (calls inside join it): an import or a tree copy is all or nothing.
  Result<void> batch(const std::function<Result<void>()>& fn);

  // Change stamps for notifications: the largest stamp of `key` (and its subtree)
  // for name changes (subkeys added, deleted or renamed) or value changes.
  Result<std::int64_t> change_stamp(KeyId key, bool subtree, bool names, bool values);
  std::uint64_t generation() const;
  // Waits (at most timeout_ms) for another write to finish anywhere in the store.
  void wait_for_change(std::uint32_t seen_finished, int timeout_ms) const;
  std::uint32_t finished_writes() const;

  // Makes everything written so far durable against power loss (checkpoint + fsync).
  Result<void> flush();
  // SQLite's integrity check plus the tree's own rules; an empty list when sound.
  std::vector<std::string> check();

  struct Impl;

 private:
  explicit Store(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// FILETIME now (100 ns units since 1601-01-01 UTC).
std::int64_t filetime_now();

}  // namespace sill::registry
