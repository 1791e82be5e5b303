// advapi32's enumeration and information: RegEnumKeyEx, RegEnumKey,
// RegEnumValue, RegQueryInfoKey (W forms).
#include <cstring>

#include "base/debug.h"
#include "win32/advapi32/registry_internal.h"

SILL_DEFAULT_DEBUG_CHANNEL(reg);

namespace sill::advapi32 {

namespace {

// Copies `s` with its NUL when `*size` (characters) holds both; ERROR_MORE_DATA otherwise.
LSTATUS copy_name(std::u16string_view s, LPWSTR out, DWORD* size) {
  if (*size <= s.size()) return win::ERROR_MORE_DATA;
  std::memcpy(out, s.data(), s.size() * 2);
  out[s.size()] = 0;
  *size = static_cast<DWORD>(s.size());
  return win::ERROR_SUCCESS;
}

// Calls an Nt* query into `buf`, growing it until the answer fits.
template <class F>
NTSTATUS query_growing(std::vector<BYTE>& buf, F&& call) {
  buf.resize(512);
  while (true) {
    ULONG need = 0;
    NTSTATUS s = call(buf.data(), static_cast<ULONG>(buf.size()), &need);
    if (s != nt::STATUS_BUFFER_OVERFLOW && s != nt::STATUS_BUFFER_TOO_SMALL) return s;
    buf.resize(need);
  }
}

}  // namespace

LSTATUS WINAPI RegEnumKeyExW(HKEY key, DWORD index, LPWSTR name, DWORD* name_size, DWORD* reserved,
                             LPWSTR class_name, DWORD* class_size, FILETIME* last_write) noexcept {
  if (!name || !name_size || reserved || (class_name && !class_size)) return win::ERROR_INVALID_PARAMETER;
  auto h = real_key(key);
  if (!h) return h.error();
  return with_registry([&](registry::Store&) -> LSTATUS {
    std::vector<BYTE> buf;
    NTSTATUS s = query_growing(buf, [&](void* p, ULONG n, ULONG* need) {
      return ntdll::NtEnumerateKey(*h, index, ntdll::KeyNodeInformation, p, n, need);
    });
    if (!nt::nt_success(s)) return error_of(s);
    const auto* node = reinterpret_cast<const ntdll::KEY_NODE_INFORMATION*>(buf.data());
    std::u16string_view n(node->Name, node->NameLength / 2);
    std::u16string_view c;
    if (node->ClassLength)
      c = {reinterpret_cast<const char16_t*>(buf.data() + node->ClassOffset), node->ClassLength / 2};
    if (n.size() >= *name_size) return win::ERROR_MORE_DATA;
    if (class_name && c.size() >= *class_size) return win::ERROR_MORE_DATA;
    copy_name(n, name, name_size);
    if (class_name) copy_name(c, class_name, class_size);
    if (last_write) std::memcpy(last_write, &node->LastWriteTime, sizeof *last_write);
    return win::ERROR_SUCCESS;
  });
}

LSTATUS WINAPI RegEnumKeyW(HKEY key, DWORD index, LPWSTR name, DWORD name_size) noexcept {
  return RegEnumKeyExW(key, index, name, &name_size, nullptr, nullptr, nullptr, nullptr);
}

LSTATUS WINAPI RegEnumValueW(HKEY key, DWORD index, LPWSTR name, DWORD* name_size, DWORD* reserved, DWORD* type,
                             BYTE* data, DWORD* data_size) noexcept {
  if (!name || !name_size || reserved || (data && !data_size)) return win::ERROR_INVALID_PARAMETER;
  auto h = real_key(key);
  if (!h) return h.error();
  return with_registry([&](registry::Store&) -> LSTATUS {
    std::vector<BYTE> buf;
    NTSTATUS s = query_growing(buf, [&](void* p, ULONG n, ULONG* need) {
      return ntdll::NtEnumerateValueKey(*h, index, ntdll::KeyValueFullInformation, p, n, need);
    });
    if (!nt::nt_success(s)) return error_of(s);
    const auto* full = reinterpret_cast<const ntdll::KEY_VALUE_FULL_INFORMATION*>(buf.data());
    std::u16string_view n(full->Name, full->NameLength / 2);
    if (n.size() >= *name_size) return win::ERROR_MORE_DATA;
    copy_name(n, name, name_size);
    if (type) *type = full->Type;
    LSTATUS result = win::ERROR_SUCCESS;
    if (data) {
      if (*data_size < full->DataLength) result = win::ERROR_MORE_DATA;
      else std::memcpy(data, buf.data() + full->DataOffset, full->DataLength);
    }
    if (data_size) *data_size = full->DataLength;
    return result;
  });
}

LSTATUS WINAPI RegQueryInfoKeyW(HKEY key, LPWSTR class_name, DWORD* class_size, DWORD* reserved, DWORD* subkeys,
                                DWORD* max_subkey_len, DWORD* max_class_len, DWORD* values, DWORD* max_value_name_len,
                                DWORD* max_value_len, DWORD* security_descriptor_size, FILETIME* last_write) noexcept {
  if (reserved || (class_name && !class_size)) return win::ERROR_INVALID_PARAMETER;
  auto h = real_key(key);
  if (!h) return h.error();
  return with_registry([&](registry::Store&) -> LSTATUS {
    std::vector<BYTE> buf;
    NTSTATUS s = query_growing(buf, [&](void* p, ULONG n, ULONG* need) {
      return ntdll::NtQueryKey(*h, ntdll::KeyFullInformation, p, n, need);
    });
    if (!nt::nt_success(s)) return error_of(s);
    const auto* info = reinterpret_cast<const ntdll::KEY_FULL_INFORMATION*>(buf.data());
    std::u16string_view c;
    if (info->ClassLength) c = {reinterpret_cast<const char16_t*>(buf.data() + info->ClassOffset), info->ClassLength / 2};
    LSTATUS result = win::ERROR_SUCCESS;
    if (class_size) {
      if (class_name) {
        if (c.size() >= *class_size) result = win::ERROR_MORE_DATA;
        else copy_name(c, class_name, class_size);
      }
      *class_size = static_cast<DWORD>(c.size());
    }
    if (subkeys) *subkeys = info->SubKeys;
    if (max_subkey_len) *max_subkey_len = info->MaxNameLen / 2;
    if (max_class_len) *max_class_len = info->MaxClassLen / 2;
    if (values) *values = info->Values;
    if (max_value_name_len) *max_value_name_len = info->MaxValueNameLen / 2;
    if (max_value_len) *max_value_len = info->MaxValueDataLen;
    if (security_descriptor_size) {
      FIXME_ONCE("keys carry no security descriptors; reporting the size of an empty one\n");
      *security_descriptor_size = 20;  // SECURITY_DESCRIPTOR_RELATIVE with no parts
    }
    if (last_write) std::memcpy(last_write, &info->LastWriteTime, sizeof *last_write);
    return result;
  });
}

}  // namespace sill::advapi32
