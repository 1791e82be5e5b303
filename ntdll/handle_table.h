// The process's handle table: handle values (multiples of 4, as on Windows)
// to typed objects. Thread-safe. Raw HANDLE values appear only at the ABI edge.
#pragma once
#include <mutex>
#include <vector>

#include "base/expected.h"
#include "base/wintypes.h"
#include "ntdll/object.h"
#include "ntdll/status.h"
#include "ntdll/suspend_safe_mutex.h"

namespace sill::nt {

inline constexpr win::DWORD HANDLE_FLAG_INHERIT = 1;
inline constexpr win::DWORD HANDLE_FLAG_PROTECT_FROM_CLOSE = 2;

// Pseudo handles: they name the caller and never enter the table.
inline win::HANDLE current_process_handle() { return reinterpret_cast<win::HANDLE>(-1); }
inline win::HANDLE current_thread_handle() { return reinterpret_cast<win::HANDLE>(-2); }

class HandleTable {
 public:
  win::HANDLE insert(Ref<Object> obj, win::DWORD access = 0, win::DWORD flags = 0);

  Expected<Ref<Object>, win::NTSTATUS> get_object(win::HANDLE h) const;
  // STATUS_INVALID_HANDLE for a bad value, STATUS_OBJECT_TYPE_MISMATCH for another kind.
  template <class T>
  Expected<Ref<T>, win::NTSTATUS> get(win::HANDLE h) const {
    auto o = get_object(h);
    if (!o) return Unexpected{o.error()};
    if (o.value()->type() != T::kType) return Unexpected{STATUS_OBJECT_TYPE_MISMATCH};
    return Ref<T>::adopt(static_cast<T*>(o.value().detach()));
  }

  win::NTSTATUS close(win::HANDLE h);
  Expected<win::HANDLE, win::NTSTATUS> duplicate(win::HANDLE h, win::DWORD access, bool same_access,
                                                 win::DWORD flags, bool close_source);
  win::NTSTATUS get_flags(win::HANDLE h, win::DWORD* flags) const;
  win::NTSTATUS set_flags(win::HANDLE h, win::DWORD mask, win::DWORD flags);
  win::NTSTATUS get_access(win::HANDLE h, win::DWORD* access) const;

  // For the wait functions' fast path: the table's lock, and objects looked up under it without
  // taking a reference (valid while that lock is held).
  std::unique_lock<SuspendSafeMutex> lock_for_lookup() const { return std::unique_lock(lock_); }
  Object* lookup_locked(win::HANDLE h) const {
    const Entry* e = find(h);
    return e ? e->object : nullptr;
  }

  // Handle inheritance (ntdll/handle_inheritance.cpp).
  struct Inheritable {
    win::HANDLE value;
    win::DWORD access;
    Ref<Object> object;
  };
  // The handles marked HANDLE_FLAG_INHERIT, in handle order.
  std::vector<Inheritable> inheritable() const;
  // Puts obj at exactly `value` (a child's inherited handle); STATUS_INVALID_HANDLE when the value is
  // malformed or taken.
  win::NTSTATUS insert_at(win::HANDLE value, Ref<Object> obj, win::DWORD access, win::DWORD flags);

 private:
  struct Entry {
    Object* object = nullptr;
    win::DWORD access = 0;
    win::DWORD flags = 0;
    std::size_t next_free = 0;
  };
  const Entry* find(win::HANDLE h) const;
  Entry* find(win::HANDLE h) { return const_cast<Entry*>(std::as_const(*this).find(h)); }

  mutable SuspendSafeMutex lock_;  // never held by a parked thread (suspend_safe_mutex.h)
  std::vector<Entry> entries_;
  std::size_t free_head_ = 0;  // 1-based index of the first free entry; 0: none
};

HandleTable& handle_table();

}  // namespace sill::nt
