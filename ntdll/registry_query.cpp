// NtQueryValueKey, NtEnumerateValueKey, NtQueryKey, NtEnumerateKey: the
// information classes, laid out the way Windows does, with its size rules:
// a buffer shorter than the fixed part gets STATUS_BUFFER_TOO_SMALL, one that
// holds the fixed part but not the rest gets the fixed part and
// STATUS_BUFFER_OVERFLOW; both report the full size in *result_length.
#include <cstring>

#include "ntdll/registry_api.h"
#include "ntdll/registry_key.h"
#include "ntdll/status.h"

namespace sill::ntdll {

namespace {

constexpr ULONG kNoClass = 0xFFFFFFFF;

// Lays out one information structure: the fixed part first, then variable parts at offsets.
class Layout {
 public:
  Layout(void* buffer, ULONG length, ULONG fixed) : buf_(static_cast<std::uint8_t*>(buffer)), length_(length), size_(fixed), fixed_(fixed) {}
  // Reserves `n` bytes (aligned to `align`) after what is laid out; returns their offset.
  ULONG add(std::size_t n, ULONG align = 1) {
    size_ = (size_ + align - 1) & ~(align - 1);
    ULONG at = size_;
    size_ += static_cast<ULONG>(n);
    return at;
  }
  ULONG size() const { return size_; }
  NTSTATUS check(ULONG* result_length) const {
    if (result_length) *result_length = size_;
    if (length_ < fixed_) return nt::STATUS_BUFFER_TOO_SMALL;
    if (!buf_) return nt::STATUS_ACCESS_VIOLATION;
    return length_ < size_ ? nt::STATUS_BUFFER_OVERFLOW : nt::STATUS_SUCCESS;
  }
  bool complete() const { return length_ >= size_; }
  // After check(): true when not even the fixed part may be written.
  static bool nothing_to_fill(NTSTATUS s) { return s == nt::STATUS_BUFFER_TOO_SMALL || s == nt::STATUS_ACCESS_VIOLATION; }
  template <class T>
  T* header() const {
    return reinterpret_cast<T*>(buf_);
  }
  void put(ULONG at, const void* p, std::size_t n) const {
    if (n && at + n <= length_) std::memcpy(buf_ + at, p, n);
  }

 private:
  std::uint8_t* buf_;
  ULONG length_, size_, fixed_;
};

NTSTATUS fill_value(const registry::Value& v, KEY_VALUE_INFORMATION_CLASS info_class, void* info, ULONG length,
                    ULONG* result_length) {
  const ULONG name_bytes = static_cast<ULONG>(v.name.size() * 2);
  const ULONG data_bytes = static_cast<ULONG>(v.data.size());
  switch (info_class) {
    case KeyValueBasicInformation: {
      Layout l(info, length, offsetof(KEY_VALUE_BASIC_INFORMATION, Name));
      ULONG name_at = l.add(name_bytes);
      NTSTATUS s = l.check(result_length);
      if (l.nothing_to_fill(s)) return s;
      auto* h = l.header<KEY_VALUE_BASIC_INFORMATION>();
      *h = {0, v.type, name_bytes, {}};
      if (l.complete()) l.put(name_at, v.name.data(), name_bytes);
      return s;
    }
    case KeyValueFullInformation:
    case KeyValueFullInformationAlign64: {
      Layout l(info, length, offsetof(KEY_VALUE_FULL_INFORMATION, Name));
      ULONG name_at = l.add(name_bytes);
      ULONG data_at = l.add(data_bytes, info_class == KeyValueFullInformationAlign64 ? 8 : 1);
      NTSTATUS s = l.check(result_length);
      if (l.nothing_to_fill(s)) return s;
      auto* h = l.header<KEY_VALUE_FULL_INFORMATION>();
      *h = {0, v.type, data_at, data_bytes, name_bytes, {}};
      if (l.complete()) {
        l.put(name_at, v.name.data(), name_bytes);
        l.put(data_at, v.data.data(), data_bytes);
      }
      return s;
    }
    case KeyValuePartialInformation: {
      Layout l(info, length, offsetof(KEY_VALUE_PARTIAL_INFORMATION, Data));
      ULONG data_at = l.add(data_bytes);
      NTSTATUS s = l.check(result_length);
      if (l.nothing_to_fill(s)) return s;
      auto* h = l.header<KEY_VALUE_PARTIAL_INFORMATION>();
      h->TitleIndex = 0;
      h->Type = v.type;
      h->DataLength = data_bytes;
      if (l.complete()) l.put(data_at, v.data.data(), data_bytes);
      return s;
    }
    case KeyValuePartialInformationAlign64: {
      Layout l(info, length, offsetof(KEY_VALUE_PARTIAL_INFORMATION_ALIGN64, Data));
      ULONG data_at = l.add(data_bytes);
      NTSTATUS s = l.check(result_length);
      if (l.nothing_to_fill(s)) return s;
      auto* h = l.header<KEY_VALUE_PARTIAL_INFORMATION_ALIGN64>();
      h->Type = v.type;
      h->DataLength = data_bytes;
      if (l.complete()) l.put(data_at, v.data.data(), data_bytes);
      return s;
    }
    case KeyValueLayerInformation: {
      // Layered keys do not exist here: no value is a tombstone.
      Layout l(info, length, 8);
      NTSTATUS s = l.check(result_length);
      if (s == nt::STATUS_SUCCESS) std::memset(info, 0, 8);
      return s;
    }
  }
  return nt::STATUS_INVALID_PARAMETER;
}

NTSTATUS fill_key(const registry::KeyInfo& k, const std::u16string& full_name, KEY_INFORMATION_CLASS info_class,
                  void* info, ULONG length, ULONG* result_length) {
  const ULONG name_bytes = static_cast<ULONG>(k.name.size() * 2);
  const ULONG class_bytes = static_cast<ULONG>(k.class_name.size() * 2);
  LARGE_INTEGER when;
  when.QuadPart = k.last_write;
  switch (info_class) {
    case KeyBasicInformation: {
      Layout l(info, length, offsetof(KEY_BASIC_INFORMATION, Name));
      ULONG name_at = l.add(name_bytes);
      NTSTATUS s = l.check(result_length);
      if (l.nothing_to_fill(s)) return s;
      auto* h = l.header<KEY_BASIC_INFORMATION>();
      h->LastWriteTime = when;
      h->TitleIndex = 0;
      h->NameLength = name_bytes;
      if (l.complete()) l.put(name_at, k.name.data(), name_bytes);
      return s;
    }
    case KeyNodeInformation: {
      Layout l(info, length, offsetof(KEY_NODE_INFORMATION, Name));
      ULONG name_at = l.add(name_bytes);
      ULONG class_at = l.add(class_bytes);
      NTSTATUS s = l.check(result_length);
      if (l.nothing_to_fill(s)) return s;
      auto* h = l.header<KEY_NODE_INFORMATION>();
      h->LastWriteTime = when;
      h->TitleIndex = 0;
      h->ClassOffset = class_bytes ? class_at : kNoClass;
      h->ClassLength = class_bytes;
      h->NameLength = name_bytes;
      if (l.complete()) {
        l.put(name_at, k.name.data(), name_bytes);
        l.put(class_at, k.class_name.data(), class_bytes);
      }
      return s;
    }
    case KeyFullInformation: {
      Layout l(info, length, offsetof(KEY_FULL_INFORMATION, Class));
      ULONG class_at = l.add(class_bytes);
      NTSTATUS s = l.check(result_length);
      if (l.nothing_to_fill(s)) return s;
      auto* h = l.header<KEY_FULL_INFORMATION>();
      h->LastWriteTime = when;
      h->TitleIndex = 0;
      h->ClassOffset = class_bytes ? class_at : kNoClass;
      h->ClassLength = class_bytes;
      h->SubKeys = k.subkeys;
      h->MaxNameLen = k.max_subkey_name * 2;
      h->MaxClassLen = k.max_class * 2;
      h->Values = k.values;
      h->MaxValueNameLen = k.max_value_name * 2;
      h->MaxValueDataLen = k.max_value_data;
      if (l.complete()) l.put(class_at, k.class_name.data(), class_bytes);
      return s;
    }
    case KeyNameInformation: {
      const ULONG full_bytes = static_cast<ULONG>(full_name.size() * 2);
      Layout l(info, length, offsetof(KEY_NAME_INFORMATION, Name));
      ULONG name_at = l.add(full_bytes);
      NTSTATUS s = l.check(result_length);
      if (l.nothing_to_fill(s)) return s;
      l.header<KEY_NAME_INFORMATION>()->NameLength = full_bytes;
      if (l.complete()) l.put(name_at, full_name.data(), full_bytes);
      return s;
    }
    case KeyCachedInformation: {
      Layout l(info, length, sizeof(KEY_CACHED_INFORMATION));
      NTSTATUS s = l.check(result_length);
      if (s != nt::STATUS_SUCCESS) return s;
      *l.header<KEY_CACHED_INFORMATION>() = {when,          0,        k.subkeys, k.max_subkey_name * 2, k.values,
                                             k.max_value_name * 2, k.max_value_data, name_bytes};
      return s;
    }
    case KeyFlagsInformation:
    case KeyVirtualizationInformation:
    case KeyHandleTagsInformation: {
      // No virtualization, no user flags, no handle tags: all zero.
      ULONG size = info_class == KeyFlagsInformation ? 12 : 4;
      Layout l(info, length, size);
      NTSTATUS s = l.check(result_length);
      if (s == nt::STATUS_SUCCESS) std::memset(info, 0, size);
      return s;
    }
  }
  return nt::STATUS_INVALID_PARAMETER;
}

struct QueryContext {
  KEY_VALUE_INFORMATION_CLASS info_class;
  void* info;
  ULONG length;
  ULONG* result_length;
  NTSTATUS status;
};

}  // namespace

NTSTATUS WINAPI NtQueryValueKey(HANDLE h, UNICODE_STRING* name, KEY_VALUE_INFORMATION_CLASS info_class, void* info,
                                ULONG length, ULONG* result_length) noexcept {
  if (info_class > KeyValueLayerInformation) return nt::STATUS_INVALID_PARAMETER;
  return nt::with_store([&](registry::Store& store) -> NTSTATUS {
    auto key = nt::key_from_handle(h, nt::KEY_QUERY_VALUE);
    if (!key) return key.error();
    QueryContext ctx{info_class, info, length, result_length, nt::STATUS_SUCCESS};
    auto r = store.visit_value(
        (*key)->id, nt::view_of(name),
        [](const registry::Value& v, void* p) {
          auto* c = static_cast<QueryContext*>(p);
          c->status = fill_value(v, c->info_class, c->info, c->length, c->result_length);
        },
        &ctx);
    return r ? ctx.status : r.error();
  });
}

NTSTATUS WINAPI NtEnumerateValueKey(HANDLE h, ULONG index, KEY_VALUE_INFORMATION_CLASS info_class, void* info,
                                    ULONG length, ULONG* result_length) noexcept {
  if (info_class > KeyValueLayerInformation) return nt::STATUS_INVALID_PARAMETER;
  return nt::with_store([&](registry::Store& store) -> NTSTATUS {
    auto key = nt::key_from_handle(h, nt::KEY_QUERY_VALUE);
    if (!key) return key.error();
    auto v = store.enum_value((*key)->id, index);
    if (!v) return v.error();
    return fill_value(*v, info_class, info, length, result_length);
  });
}

NTSTATUS WINAPI NtQueryKey(HANDLE h, KEY_INFORMATION_CLASS info_class, void* info, ULONG length,
                           ULONG* result_length) noexcept {
  if (info_class > KeyHandleTagsInformation) return nt::STATUS_INVALID_PARAMETER;
  return nt::with_store([&](registry::Store& store) -> NTSTATUS {
    // KeyNameInformation needs no right; the others KEY_QUERY_VALUE.
    auto key = nt::key_from_handle(h, info_class == KeyNameInformation ? 0 : nt::KEY_QUERY_VALUE);
    if (!key) return key.error();
    auto k = store.key_info((*key)->id);
    if (!k) return k.error();
    std::u16string full;
    if (info_class == KeyNameInformation) {
      auto p = store.key_path((*key)->id);
      if (!p) return p.error();
      full = std::move(*p);
    }
    return fill_key(*k, full, info_class, info, length, result_length);
  });
}

NTSTATUS WINAPI NtEnumerateKey(HANDLE h, ULONG index, KEY_INFORMATION_CLASS info_class, void* info, ULONG length,
                               ULONG* result_length) noexcept {
  if (info_class > KeyCachedInformation || info_class == KeyNameInformation) return nt::STATUS_INVALID_PARAMETER;
  return nt::with_store([&](registry::Store& store) -> NTSTATUS {
    auto key = nt::key_from_handle(h, nt::KEY_ENUMERATE_SUB_KEYS);
    if (!key) return key.error();
    auto k = store.enum_key((*key)->id, index);
    if (!k) return k.error();
    if (info_class == KeyFullInformation || info_class == KeyCachedInformation) {
      auto full = store.key_info(k->id);
      if (!full) return full.error();
      return fill_key(*full, {}, info_class, info, length, result_length);
    }
    return fill_key(*k, {}, info_class, info, length, result_length);
  });
}

}  // namespace sill::ntdll
