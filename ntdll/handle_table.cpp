#include "ntdll/handle_table.h"

#include <cstdint>

namespace sill::nt {

namespace {
// Index i lives at handle value (i + 1) * 4, so that NULL is never a handle.
std::size_t index_of(win::HANDLE h) {
  auto v = reinterpret_cast<std::uintptr_t>(h);
  if (v == 0 || (v & 3) != 0 || v > 0x3FFFFFFF) return SIZE_MAX;
  return v / 4 - 1;
}
win::HANDLE handle_of(std::size_t i) { return reinterpret_cast<win::HANDLE>((i + 1) * 4); }
}  // namespace

HandleTable& handle_table() {
  static HandleTable* table = new HandleTable;  // never destroyed: handles outlive static destructors
  return *table;
}

const HandleTable::Entry* HandleTable::find(win::HANDLE h) const {
  std::size_t i = index_of(h);
  if (i >= entries_.size() || entries_[i].object == nullptr) return nullptr;
  return &entries_[i];
}

win::HANDLE HandleTable::insert(Ref<Object> obj, win::DWORD access, win::DWORD flags) {
  std::lock_guard g(lock_);
  std::size_t i;
  if (free_head_ != 0) {
    i = free_head_ - 1;
    free_head_ = entries_[i].next_free;
  } else {
    i = entries_.size();
    entries_.push_back({});
  }
  obj->handle_opened();
  entries_[i] = Entry{obj.detach(), access, flags, 0};
  return handle_of(i);
}

Expected<Ref<Object>, win::NTSTATUS> HandleTable::get_object(win::HANDLE h) const {
  std::lock_guard g(lock_);
  const Entry* e = find(h);
  if (!e) return Unexpected{STATUS_INVALID_HANDLE};
  return Ref<Object>::share(e->object);
}

win::NTSTATUS HandleTable::close(win::HANDLE h) {
  Object* obj;
  {
    std::lock_guard g(lock_);
    Entry* e = find(h);
    if (!e) return STATUS_INVALID_HANDLE;
    if (e->flags & HANDLE_FLAG_PROTECT_FROM_CLOSE) return STATUS_INVALID_HANDLE;
    obj = e->object;
    std::size_t i = index_of(h);
    entries_[i] = Entry{nullptr, 0, 0, free_head_};
    free_head_ = i + 1;
  }
  obj->handle_closed();
  obj->release();  // outside the lock: a destructor may close fds or take other locks
  return STATUS_SUCCESS;
}

Expected<win::HANDLE, win::NTSTATUS> HandleTable::duplicate(win::HANDLE h, win::DWORD access,
                                                            bool same_access, win::DWORD flags,
                                                            bool close_source) {
  Ref<Object> obj;
  win::DWORD old_access;
  {
    std::lock_guard g(lock_);
    const Entry* e = find(h);
    if (!e) return Unexpected{STATUS_INVALID_HANDLE};
    obj = Ref<Object>::share(e->object);
    old_access = e->access;
  }
  win::HANDLE dup = insert(obj, same_access ? old_access : access, flags);
  if (close_source) close(h);
  return dup;
}

win::NTSTATUS HandleTable::get_flags(win::HANDLE h, win::DWORD* flags) const {
  std::lock_guard g(lock_);
  const Entry* e = find(h);
  if (!e) return STATUS_INVALID_HANDLE;
  *flags = e->flags;
  return STATUS_SUCCESS;
}

win::NTSTATUS HandleTable::set_flags(win::HANDLE h, win::DWORD mask, win::DWORD flags) {
  std::lock_guard g(lock_);
  Entry* e = find(h);
  if (!e) return STATUS_INVALID_HANDLE;
  mask &= HANDLE_FLAG_INHERIT | HANDLE_FLAG_PROTECT_FROM_CLOSE;
  e->flags = (e->flags & ~mask) | (flags & mask);
  return STATUS_SUCCESS;
}

win::NTSTATUS HandleTable::get_access(win::HANDLE h, win::DWORD* access) const {
  std::lock_guard g(lock_);
  const Entry* e = find(h);
  if (!e) return STATUS_INVALID_HANDLE;
  *access = e->access;
  return STATUS_SUCCESS;
}

}  // namespace sill::nt
