// The A forms of advapi32's registry functions: names convert through the
// process's ANSI code page and call the W forms; string data (REG_SZ,
// REG_EXPAND_SZ, REG_MULTI_SZ) converts both ways, and sizes are those of the
// ANSI form.
#include <cstring>

#include "win32/advapi32/registry_internal.h"

namespace sill::advapi32 {

namespace {

// Copies `s` with its NUL when `*size` holds both; ERROR_MORE_DATA otherwise.
LSTATUS copy_ansi_name(const std::string& s, LPSTR out, DWORD* size) {
  if (*size <= s.size()) return win::ERROR_MORE_DATA;
  std::memcpy(out, s.data(), s.size());
  out[s.size()] = 0;
  *size = static_cast<DWORD>(s.size());
  return win::ERROR_SUCCESS;
}

// Hands data out with the size rules of RegQueryValueEx.
LSTATUS give_data(const void* p, std::size_t n, BYTE* data, DWORD* data_size) {
  LSTATUS result = win::ERROR_SUCCESS;
  if (data) {
    if (*data_size < n) result = win::ERROR_MORE_DATA;
    else if (n) std::memcpy(data, p, n);
  }
  if (data_size) *data_size = static_cast<DWORD>(n);
  return result;
}

LSTATUS give_value(DWORD type, const std::vector<BYTE>& raw, BYTE* data, DWORD* data_size) {
  if (is_string_type(type)) {
    std::string a = string_data_to_ansi(raw.data(), raw.size());
    return give_data(a.data(), a.size(), data, data_size);
  }
  return give_data(raw.data(), raw.size(), data, data_size);
}

template <class F>
LSTATUS with_names(F&& fn) {
  try {
    return fn();
  } catch (const std::bad_alloc&) {
    return win::ERROR_NOT_ENOUGH_MEMORY;
  }
}

}  // namespace

std::string string_data_to_ansi(const BYTE* data, std::size_t size) {
  std::u16string w(size / 2, u'\0');
  if (!w.empty()) std::memcpy(w.data(), data, w.size() * 2);
  return nt::utf16_to_ansi(w);
}

std::u16string string_data_from_ansi(const BYTE* data, std::size_t size) {
  return nt::ansi_to_utf16(std::string_view(reinterpret_cast<const char*>(data), size));
}

LSTATUS WINAPI RegOpenKeyExA(HKEY key, LPCSTR subkey, DWORD options, REGSAM access, HKEY* result) noexcept {
  return with_names([&] { return RegOpenKeyExW(key, ptr(wide(subkey)), options, access, result); });
}

LSTATUS WINAPI RegOpenKeyA(HKEY key, LPCSTR subkey, HKEY* result) noexcept {
  return with_names([&] { return RegOpenKeyW(key, ptr(wide(subkey)), result); });
}

LSTATUS WINAPI RegCreateKeyExA(HKEY key, LPCSTR subkey, DWORD reserved, LPSTR class_name, DWORD options,
                               REGSAM access, SECURITY_ATTRIBUTES* sa, HKEY* result, DWORD* disposition) noexcept {
  return with_names([&] {
    auto cls = wide(class_name);
    return RegCreateKeyExW(key, ptr(wide(subkey)), reserved, cls ? cls->data() : nullptr, options, access, sa, result,
                           disposition);
  });
}

LSTATUS WINAPI RegCreateKeyA(HKEY key, LPCSTR subkey, HKEY* result) noexcept {
  return with_names([&] { return RegCreateKeyW(key, ptr(wide(subkey)), result); });
}

LSTATUS WINAPI RegDeleteKeyA(HKEY key, LPCSTR subkey) noexcept {
  return with_names([&] { return RegDeleteKeyW(key, ptr(wide(subkey))); });
}

LSTATUS WINAPI RegDeleteKeyExA(HKEY key, LPCSTR subkey, REGSAM access, DWORD reserved) noexcept {
  return with_names([&] { return RegDeleteKeyExW(key, ptr(wide(subkey)), access, reserved); });
}

LSTATUS WINAPI RegDeleteKeyValueA(HKEY key, LPCSTR subkey, LPCSTR value) noexcept {
  return with_names([&] { return RegDeleteKeyValueW(key, ptr(wide(subkey)), ptr(wide(value))); });
}

LSTATUS WINAPI RegDeleteTreeA(HKEY key, LPCSTR subkey) noexcept {
  return with_names([&] { return RegDeleteTreeW(key, ptr(wide(subkey))); });
}

LSTATUS WINAPI RegDeleteValueA(HKEY key, LPCSTR value) noexcept {
  return with_names([&] { return RegDeleteValueW(key, ptr(wide(value))); });
}

LSTATUS WINAPI RegCopyTreeA(HKEY src, LPCSTR subkey, HKEY dest) noexcept {
  return with_names([&] { return RegCopyTreeW(src, ptr(wide(subkey)), dest); });
}

LSTATUS WINAPI RegConnectRegistryA(LPCSTR machine, HKEY key, HKEY* result) noexcept {
  return with_names([&] { return RegConnectRegistryW(ptr(wide(machine)), key, result); });
}

LSTATUS WINAPI RegSetValueExA(HKEY key, LPCSTR value, DWORD reserved, DWORD type, const BYTE* data,
                              DWORD size) noexcept {
  if (size && !data) return win::ERROR_NOACCESS;
  return with_names([&] {
    auto name = wide(value);
    if (!is_string_type(type) || !data)
      return RegSetValueExW(key, ptr(name), reserved, type, data, size);
    std::u16string w = string_data_from_ansi(data, size);
    return RegSetValueExW(key, ptr(name), reserved, type, reinterpret_cast<const BYTE*>(w.data()),
                          static_cast<DWORD>(w.size() * 2));
  });
}

LSTATUS WINAPI RegSetKeyValueA(HKEY key, LPCSTR subkey, LPCSTR value, DWORD type, const void* data,
                               DWORD size) noexcept {
  return with_names([&] {
    if (!subkey || !*subkey) return RegSetValueExA(key, value, 0, type, static_cast<const BYTE*>(data), size);
    HKEY sub = nullptr;
    LSTATUS e = RegCreateKeyExW(key, ptr(wide(subkey)), 0, nullptr, 0, nt::KEY_SET_VALUE, nullptr, &sub, nullptr);
    if (e != win::ERROR_SUCCESS) return e;
    e = RegSetValueExA(sub, value, 0, type, static_cast<const BYTE*>(data), size);
    RegCloseKey(sub);
    return e;
  });
}

LSTATUS WINAPI RegQueryValueExA(HKEY key, LPCSTR value, DWORD* reserved, DWORD* type, BYTE* data,
                                DWORD* data_size) noexcept {
  if (reserved || (data && !data_size)) return win::ERROR_INVALID_PARAMETER;
  return with_names([&]() -> LSTATUS {
    auto h = real_key(key);
    if (!h) return h.error();
    RawValue raw;
    LSTATUS e = query_raw(*h, ptr(wide(value)), raw);
    if (e != win::ERROR_SUCCESS) return e;
    if (type) *type = raw.type;
    return give_value(raw.type, raw.data, data, data_size);
  });
}

LSTATUS WINAPI RegGetValueA(HKEY key, LPCSTR subkey, LPCSTR value, DWORD flags, DWORD* type, void* data,
                            DWORD* data_size) noexcept {
  if (data && !data_size) return win::ERROR_INVALID_PARAMETER;
  return with_names([&]() -> LSTATUS {
    auto sub = wide(subkey);
    auto name = wide(value);
    DWORD wtype = 0, wsize = 0;
    // The W form does the restrictions and expansion; its result converts afterwards.
    LSTATUS e = RegGetValueW(key, ptr(sub), ptr(name), flags & ~0x20000000u, &wtype, nullptr, &wsize);
    std::vector<BYTE> buf(wsize);
    for (int tries = 0; e == win::ERROR_SUCCESS && tries < 4; ++tries) {
      DWORD size = static_cast<DWORD>(buf.size());
      e = RegGetValueW(key, ptr(sub), ptr(name), flags & ~0x20000000u, &wtype, buf.data(), &size);
      if (e == win::ERROR_MORE_DATA) {
        buf.resize(size);
        e = win::ERROR_SUCCESS;
        continue;
      }
      buf.resize(size);
      break;
    }
    if (e != win::ERROR_SUCCESS) {
      if (data && (flags & 0x20000000u) && *data_size) std::memset(data, 0, *data_size);
      return e;
    }
    if (type) *type = wtype;
    LSTATUS r = give_value(wtype, buf, static_cast<BYTE*>(data), data_size);
    if (r == win::ERROR_MORE_DATA && (flags & 0x20000000u)) std::memset(data, 0, *data_size);
    return r;
  });
}

LSTATUS WINAPI RegEnumKeyExA(HKEY key, DWORD index, LPSTR name, DWORD* name_size, DWORD* reserved, LPSTR class_name,
                             DWORD* class_size, FILETIME* last_write) noexcept {
  if (!name || !name_size || reserved || (class_name && !class_size)) return win::ERROR_INVALID_PARAMETER;
  return with_names([&]() -> LSTATUS {
    char16_t wname[256], wclass[2048];
    DWORD wn = 256, wc = 2048;
    LSTATUS e = RegEnumKeyExW(key, index, wname, &wn, nullptr, class_name ? wclass : nullptr,
                              class_name ? &wc : nullptr, last_write);
    if (e != win::ERROR_SUCCESS) return e;
    std::string n = nt::utf16_to_ansi(std::u16string_view(wname, wn));
    std::string c = class_name ? nt::utf16_to_ansi(std::u16string_view(wclass, wc)) : std::string();
    if (n.size() >= *name_size || (class_name && c.size() >= *class_size)) return win::ERROR_MORE_DATA;
    copy_ansi_name(n, name, name_size);
    if (class_name) copy_ansi_name(c, class_name, class_size);
    return win::ERROR_SUCCESS;
  });
}

LSTATUS WINAPI RegEnumKeyA(HKEY key, DWORD index, LPSTR name, DWORD name_size) noexcept {
  return RegEnumKeyExA(key, index, name, &name_size, nullptr, nullptr, nullptr, nullptr);
}

LSTATUS WINAPI RegEnumValueA(HKEY key, DWORD index, LPSTR name, DWORD* name_size, DWORD* reserved, DWORD* type,
                             BYTE* data, DWORD* data_size) noexcept {
  if (!name || !name_size || reserved || (data && !data_size)) return win::ERROR_INVALID_PARAMETER;
  return with_names([&]() -> LSTATUS {
    std::vector<char16_t> wname(16384);
    DWORD wn = static_cast<DWORD>(wname.size()), wtype = 0, wsize = 0;
    LSTATUS e = RegEnumValueW(key, index, wname.data(), &wn, nullptr, &wtype, nullptr, &wsize);
    if (e != win::ERROR_SUCCESS) return e;
    std::vector<BYTE> buf(wsize);
    wn = static_cast<DWORD>(wname.size());
    e = RegEnumValueW(key, index, wname.data(), &wn, nullptr, &wtype, buf.data(), &wsize);
    if (e != win::ERROR_SUCCESS) return e;
    std::string n = nt::utf16_to_ansi(std::u16string_view(wname.data(), wn));
    if (n.size() >= *name_size) return win::ERROR_MORE_DATA;
    copy_ansi_name(n, name, name_size);
    if (type) *type = wtype;
    return give_value(wtype, buf, data, data_size);
  });
}

LSTATUS WINAPI RegQueryInfoKeyA(HKEY key, LPSTR class_name, DWORD* class_size, DWORD* reserved, DWORD* subkeys,
                                DWORD* max_subkey_len, DWORD* max_class_len, DWORD* values, DWORD* max_value_name_len,
                                DWORD* max_value_len, DWORD* security_descriptor_size, FILETIME* last_write) noexcept {
  if (reserved || (class_name && !class_size)) return win::ERROR_INVALID_PARAMETER;
  return with_names([&]() -> LSTATUS {
    char16_t wclass[2048];
    DWORD wc = 2048;
    LSTATUS e = RegQueryInfoKeyW(key, wclass, &wc, nullptr, subkeys, max_subkey_len, max_class_len, values,
                                 max_value_name_len, max_value_len, security_descriptor_size, last_write);
    if (e != win::ERROR_SUCCESS) return e;
    std::string c = nt::utf16_to_ansi(std::u16string_view(wclass, wc));
    if (class_size) {
      if (class_name && c.size() >= *class_size) {
        *class_size = static_cast<DWORD>(c.size());
        return win::ERROR_MORE_DATA;
      }
      if (class_name) copy_ansi_name(c, class_name, class_size);
      *class_size = static_cast<DWORD>(c.size());
    }
    return win::ERROR_SUCCESS;
  });
}

}  // namespace sill::advapi32
