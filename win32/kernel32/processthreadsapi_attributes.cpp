// Process and thread attribute lists (STARTUPINFOEX::lpAttributeList): InitializeProcThreadAttributeList,
// UpdateProcThreadAttribute, DeleteProcThreadAttributeList. The list is opaque to programs; its layout
// here is our own. CreateProcess reads PROC_THREAD_ATTRIBUTE_HANDLE_LIST from it.
#include <cstddef>

#include "base/debug.h"
#include "win32/kernel32/kernel32.h"
#include "win32/kernel32/kernel32_internal.h"

SILL_DEFAULT_DEBUG_CHANNEL(process);

namespace sill::kernel32 {

namespace {

constexpr DWORD_PTR PROC_THREAD_ATTRIBUTE_HANDLE_LIST = 0x20002;

struct AttributeEntry {
  DWORD_PTR attribute;
  SIZE_T size;
  void* value;
};
struct AttributeList {
  DWORD capacity;
  DWORD count;
  DWORD_PTR reserved;  // keeps the entries 8-aligned, like the header Windows has
  AttributeEntry entries[1];
};
static_assert(sizeof(AttributeEntry) == 24 && offsetof(AttributeList, entries) == 16);

SIZE_T list_size(DWORD count) { return offsetof(AttributeList, entries) + sizeof(AttributeEntry) * (count ? count : 1); }

}  // namespace

std::optional<std::vector<HANDLE>> inherited_handle_list(const void* list) {
  if (!list) return std::nullopt;
  auto* l = static_cast<const AttributeList*>(list);
  for (DWORD i = 0; i < l->count && i < l->capacity; ++i) {
    const AttributeEntry& e = l->entries[i];
    if (e.attribute != PROC_THREAD_ATTRIBUTE_HANDLE_LIST) continue;
    auto* handles = static_cast<const HANDLE*>(e.value);
    return std::vector<HANDLE>(handles, handles + e.size / sizeof(HANDLE));
  }
  return std::nullopt;
}

BOOL WINAPI InitializeProcThreadAttributeList(void* list, DWORD count, DWORD flags, SIZE_T* size) noexcept {
  if (!size || flags != 0) return fail_error(win::ERROR_INVALID_PARAMETER, FALSE);
  SIZE_T needed = list_size(count);
  SIZE_T given = *size;
  *size = needed;
  if (!list || given < needed) return fail_error(win::ERROR_INSUFFICIENT_BUFFER, FALSE);
  auto* l = static_cast<AttributeList*>(list);
  l->capacity = count;
  l->count = 0;
  l->reserved = 0;
  return TRUE;
}

BOOL WINAPI UpdateProcThreadAttribute(void* list, DWORD flags, DWORD_PTR attribute, void* value, SIZE_T size,
                                      void* previous, SIZE_T* returned) noexcept {
  if (!list || flags != 0 || previous || returned) return fail_error(win::ERROR_INVALID_PARAMETER, FALSE);
  auto* l = static_cast<AttributeList*>(list);
  if (attribute == PROC_THREAD_ATTRIBUTE_HANDLE_LIST) {
    if (!value || size == 0 || size % sizeof(HANDLE) != 0) return fail_error(win::ERROR_BAD_LENGTH, FALSE);
  } else {
    FIXME("process attribute %#llx is ignored", static_cast<unsigned long long>(attribute));
  }
  for (DWORD i = 0; i < l->count; ++i)
    if (l->entries[i].attribute == attribute) return fail_error(win::ERROR_INVALID_PARAMETER, FALSE);
  if (l->count >= l->capacity) return fail_error(win::ERROR_GEN_FAILURE, FALSE);
  l->entries[l->count++] = AttributeEntry{attribute, size, value};
  return TRUE;
}

void WINAPI DeleteProcThreadAttributeList(void* list) noexcept {
  if (list) static_cast<AttributeList*>(list)->count = 0;
}

}  // namespace sill::kernel32
