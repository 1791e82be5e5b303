#include "ntdll/object_namespace.h"

#include <map>
#include <mutex>
#include <string>

namespace sill::nt {

namespace {

struct Directory {
  std::mutex lock;
  std::map<std::u16string, Object*, std::less<>> by_name;  // no reference: the last release removes the entry
  std::map<const Object*, std::u16string> by_object;
};

Directory& directory() {
  static Directory* d = new Directory;
  return *d;
}

Ref<Object> live(Object* o) { return o && o->try_add_ref() ? Ref<Object>::adopt(o) : Ref<Object>(); }

}  // namespace

bool insert_named_object(Object* obj, std::u16string_view name) {
  auto& d = directory();
  d.by_name[std::u16string(name)] = obj;
  d.by_object[obj] = std::u16string(name);
  obj->named_ = true;
  return true;
}

void Object::forget_name(Object* obj) {
  auto& d = directory();
  std::lock_guard guard(d.lock);
  auto it = d.by_object.find(obj);
  if (it == d.by_object.end()) return;
  auto named = d.by_name.find(it->second);
  if (named != d.by_name.end() && named->second == obj) d.by_name.erase(named);
  d.by_object.erase(it);
}

Ref<Object> find_named_object(std::u16string_view name) {
  auto& d = directory();
  std::lock_guard guard(d.lock);
  auto it = d.by_name.find(name);
  return it == d.by_name.end() ? Ref<Object>() : live(it->second);
}

Ref<Object> open_or_insert_named_object(std::u16string_view name, Ref<Object> fresh, bool* existed) {
  auto& d = directory();
  std::lock_guard guard(d.lock);
  *existed = false;
  if (auto it = d.by_name.find(name); it != d.by_name.end())
    if (Ref<Object> old = live(it->second)) {
      *existed = true;
      return old;
    }
  insert_named_object(fresh.get(), name);
  return fresh;
}

}  // namespace sill::nt
