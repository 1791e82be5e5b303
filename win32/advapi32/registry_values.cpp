// advapi32's value functions: RegSetValueEx, RegQueryValueEx, RegGetValue,
// RegSetKeyValue, RegDeleteValue, RegDeleteKeyValue (W forms; registry_ansi.cpp
// has the A forms).
#include <cstring>

#include "win32/advapi32/registry_internal.h"
#include "win32/kernel32/kernel32.h"

namespace sill::advapi32 {

namespace {

constexpr DWORD RRF_RT_REG_NONE = 0x1, RRF_RT_REG_SZ = 0x2, RRF_RT_REG_EXPAND_SZ = 0x4, RRF_RT_REG_BINARY = 0x8,
                RRF_RT_REG_DWORD = 0x10, RRF_RT_REG_MULTI_SZ = 0x20, RRF_RT_REG_QWORD = 0x40, RRF_RT_ANY = 0xFFFF,
                RRF_NOEXPAND = 0x10000000,
                RRF_ZEROONFAILURE = 0x20000000;

// Reused per thread so that a cached query allocates nothing once warm.
thread_local std::vector<BYTE> t_query;

UNICODE_STRING counted(const char16_t* s) {
  std::size_t n = s ? std::char_traits<char16_t>::length(s) : 0;
  return {static_cast<USHORT>(n * 2), static_cast<USHORT>(n * 2), const_cast<char16_t*>(s)};
}

// NtQueryValueKey (partial information) into t_query; the data starts at offset 12.
NTSTATUS query_partial(HANDLE key, const char16_t* name) {
  UNICODE_STRING us = counted(name);
  if (t_query.size() < 256) t_query.resize(256);
  for (int tries = 0; tries < 8; ++tries) {
    ULONG need = 0;
    NTSTATUS s = ntdll::NtQueryValueKey(key, &us, ntdll::KeyValuePartialInformation, t_query.data(),
                                        static_cast<ULONG>(t_query.size()), &need);
    if (s != nt::STATUS_BUFFER_OVERFLOW && s != nt::STATUS_BUFFER_TOO_SMALL) return s;
    t_query.resize(need);  // the value grew meanwhile: ask again
  }
  return nt::STATUS_REGISTRY_IO_FAILED;
}

DWORD type_bit(DWORD type) {
  switch (type) {
    case registry::REG_NONE: return RRF_RT_REG_NONE;
    case registry::REG_SZ: return RRF_RT_REG_SZ;
    case registry::REG_EXPAND_SZ: return RRF_RT_REG_EXPAND_SZ;
    case registry::REG_BINARY: return RRF_RT_REG_BINARY;
    case registry::REG_DWORD: return RRF_RT_REG_DWORD;
    case registry::REG_MULTI_SZ: return RRF_RT_REG_MULTI_SZ;
    case registry::REG_QWORD: return RRF_RT_REG_QWORD;
  }
  return 0;
}

const ntdll::KEY_VALUE_PARTIAL_INFORMATION* partial() {
  return reinterpret_cast<const ntdll::KEY_VALUE_PARTIAL_INFORMATION*>(t_query.data());
}

}  // namespace

LSTATUS query_raw(HANDLE key, const char16_t* name, RawValue& out) {
  NTSTATUS s = query_partial(key, name);
  if (!nt::nt_success(s)) return error_of(s);
  out.type = partial()->Type;
  out.data.assign(partial()->Data, partial()->Data + partial()->DataLength);
  return win::ERROR_SUCCESS;
}

LSTATUS WINAPI RegSetValueExW(HKEY key, LPCWSTR value, DWORD, DWORD type, const BYTE* data, DWORD size) noexcept {
  if (size && !data) return win::ERROR_NOACCESS;
  auto h = real_key(key);
  if (!h) return h.error();
  UNICODE_STRING us = counted(value);
  return error_of(ntdll::NtSetValueKey(*h, &us, 0, type, data, size));
}

LSTATUS WINAPI RegQueryValueExW(HKEY key, LPCWSTR value, DWORD* reserved, DWORD* type, BYTE* data,
                                DWORD* data_size) noexcept {
  if (reserved || (data && !data_size)) return win::ERROR_INVALID_PARAMETER;
  auto h = real_key(key);
  if (!h) return h.error();
  try {
    NTSTATUS s = query_partial(*h, value);
    if (!nt::nt_success(s)) return error_of(s);
  } catch (const std::bad_alloc&) {
    return win::ERROR_NOT_ENOUGH_MEMORY;
  }
  const auto* v = partial();
  if (type) *type = v->Type;
  LSTATUS result = win::ERROR_SUCCESS;
  if (data) {
    if (*data_size < v->DataLength) result = win::ERROR_MORE_DATA;
    else std::memcpy(data, v->Data, v->DataLength);
  }
  if (data_size) *data_size = v->DataLength;
  return result;
}

LSTATUS WINAPI RegGetValueW(HKEY key, LPCWSTR subkey, LPCWSTR value, DWORD flags, DWORD* type, void* data,
                            DWORD* data_size) noexcept {
  if ((data && !data_size) || !(flags & RRF_RT_ANY)) return win::ERROR_INVALID_PARAMETER;
  // Asking for unexpanded REG_EXPAND_SZ needs RRF_NOEXPAND (Windows refuses it otherwise).
  if ((flags & RRF_RT_REG_EXPAND_SZ) && !(flags & RRF_NOEXPAND) && (flags & RRF_RT_ANY) != RRF_RT_ANY)
    return win::ERROR_INVALID_PARAMETER;
  return with_registry([&](registry::Store&) -> LSTATUS {
    HANDLE h = nullptr;
    if (subkey && *subkey) {
      // RRF_SUBKEY_WOW64*: there is one 64-bit view, which both name.
      LSTATUS e = open_subkey(key, subkey, 0, nt::KEY_QUERY_VALUE, &h);
      if (e != win::ERROR_SUCCESS) return e;
    } else {
      auto r = real_key(key);
      if (!r) return r.error();
      h = *r;
    }
    RawValue raw;
    LSTATUS e = query_raw(h, value, raw);
    if (h != key && subkey && *subkey) ntdll::NtClose(h);
    auto zero = [&] {
      if (data && (flags & RRF_ZEROONFAILURE) && *data_size) std::memset(data, 0, *data_size);
    };
    if (e != win::ERROR_SUCCESS) {
      zero();
      return e;
    }
    // The type restriction. RRF_RT_DWORD and RRF_RT_QWORD include REG_BINARY, for binary
    // values of exactly their size.
    const DWORD rt = flags & RRF_RT_ANY;
    // REG_EXPAND_SZ is returned expanded as REG_SZ unless RRF_NOEXPAND: it is restricted as one.
    const bool expands = raw.type == registry::REG_EXPAND_SZ && !(flags & RRF_NOEXPAND);
    if (rt != RRF_RT_ANY) {
      if (!(type_bit(expands ? registry::REG_SZ : raw.type) & rt)) {
        zero();
        return win::ERROR_UNSUPPORTED_TYPE;
      }
      if (raw.type == registry::REG_BINARY && (rt & (RRF_RT_REG_DWORD | RRF_RT_REG_QWORD))) {
        bool fits = ((rt & RRF_RT_REG_DWORD) && raw.data.size() == 4) || ((rt & RRF_RT_REG_QWORD) && raw.data.size() == 8);
        if (!fits) {
          zero();
          return win::ERROR_DATATYPE_MISMATCH;
        }
      }
    }
    if ((raw.type == registry::REG_DWORD && raw.data.size() != 4) ||
        (raw.type == registry::REG_QWORD && raw.data.size() != 8)) {
      zero();
      return win::ERROR_DATATYPE_MISMATCH;
    }
    DWORD out_type = raw.type;
    std::vector<BYTE> out = std::move(raw.data);
    if (is_string_type(raw.type)) {
      if (out.size() & 1) out.pop_back();
      // Strings come back terminated even when stored without their NUL.
      if (out.size() < 2 || out[out.size() - 1] != 0 || out[out.size() - 2] != 0) out.insert(out.end(), {0, 0});
      if (expands) {
        const auto* src = reinterpret_cast<const char16_t*>(out.data());
        DWORD n = kernel32::ExpandEnvironmentStringsW(src, nullptr, 0);
        std::u16string expanded(n, u'\0');
        if (n) kernel32::ExpandEnvironmentStringsW(src, expanded.data(), n);
        while (!expanded.empty() && expanded.back() == 0) expanded.pop_back();
        expanded.push_back(0);
        out.assign(reinterpret_cast<const BYTE*>(expanded.data()),
                   reinterpret_cast<const BYTE*>(expanded.data() + expanded.size()));
        out_type = registry::REG_SZ;
      }
    }
    if (type) *type = out_type;
    LSTATUS result = win::ERROR_SUCCESS;
    if (data) {
      if (*data_size < out.size()) {
        zero();
        result = win::ERROR_MORE_DATA;
      } else if (!out.empty()) {
        std::memcpy(data, out.data(), out.size());
      }
    }
    if (data_size) *data_size = static_cast<DWORD>(out.size());
    return result;
  });
}

LSTATUS WINAPI RegSetKeyValueW(HKEY key, LPCWSTR subkey, LPCWSTR value, DWORD type, const void* data,
                               DWORD size) noexcept {
  if (!subkey || !*subkey) return RegSetValueExW(key, value, 0, type, static_cast<const BYTE*>(data), size);
  HKEY sub = nullptr;
  LSTATUS e = RegCreateKeyExW(key, subkey, 0, nullptr, 0, nt::KEY_SET_VALUE, nullptr, &sub, nullptr);
  if (e != win::ERROR_SUCCESS) return e;
  e = RegSetValueExW(sub, value, 0, type, static_cast<const BYTE*>(data), size);
  RegCloseKey(sub);
  return e;
}

LSTATUS WINAPI RegDeleteValueW(HKEY key, LPCWSTR value) noexcept {
  auto h = real_key(key);
  if (!h) return h.error();
  UNICODE_STRING us = counted(value);
  return error_of(ntdll::NtDeleteValueKey(*h, &us));
}

LSTATUS WINAPI RegDeleteKeyValueW(HKEY key, LPCWSTR subkey, LPCWSTR value) noexcept {
  return with_registry([&](registry::Store&) -> LSTATUS {
    HANDLE h = nullptr;
    LSTATUS e = open_subkey(key, subkey, 0, nt::KEY_SET_VALUE, &h);
    if (e != win::ERROR_SUCCESS) return e;
    UNICODE_STRING us = counted(value);
    NTSTATUS s = ntdll::NtDeleteValueKey(h, &us);
    ntdll::NtClose(h);
    return error_of(s);
  });
}

}  // namespace sill::advapi32
