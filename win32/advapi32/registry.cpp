// advapi32's key functions: predefined keys, RegOpenKeyEx, RegCreateKeyEx,
// RegCloseKey, RegDeleteKey(Ex), RegRenameKey, RegFlushKey, RegOpenCurrentUser,
// RegConnectRegistry. Each is a thin layer over the Nt*Key calls.
#include <atomic>

#include "base/debug.h"
#include "base/unicode.h"
#include <unistd.h>

#include "registry/case_fold.h"
#include "registry/roots.h"
#include "win32/advapi32/registry_internal.h"

SILL_DEFAULT_DEBUG_CHANNEL(reg);

namespace sill::advapi32 {

namespace {

constexpr std::uint32_t kPredefinedFirst = 0x80000000, kPredefinedLast = 0x80000006;
constexpr std::uint32_t kPerformanceData = 0x80000004, kPerformanceText = 0x80000050,
                        kPerformanceNlsText = 0x80000060, kDynData = 0x80000006;
constexpr DWORD MAXIMUM_ALLOWED = 0x02000000;

// The low 32 bits of a predefined handle (programs pass it zero- or sign-extended).
std::optional<std::uint32_t> predefined_value(HKEY key) {
  auto v = reinterpret_cast<std::uint64_t>(key);
  std::uint64_t high = v >> 32;
  if (high != 0 && high != 0xFFFFFFFFu) return std::nullopt;
  auto low = static_cast<std::uint32_t>(v);
  if ((low >= kPredefinedFirst && low <= kPredefinedLast) || low == kPerformanceText || low == kPerformanceNlsText)
    return low;
  return std::nullopt;
}

std::optional<registry::Root> root_of(std::uint32_t v) {
  switch (v) {
    case 0x80000000: return registry::Root::ClassesRoot;
    case 0x80000001: return registry::Root::CurrentUser;
    case 0x80000002: return registry::Root::LocalMachine;
    case 0x80000003: return registry::Root::Users;
    case 0x80000005: return registry::Root::CurrentConfig;
  }
  return std::nullopt;
}

std::atomic<HANDLE> g_predefined[7];

NTSTATUS open_absolute(std::u16string_view path, DWORD options, REGSAM access, HANDLE* out) {
  std::u16string full = u"\\REGISTRY\\" + std::u16string(path);
  UNICODE_STRING name{static_cast<USHORT>(full.size() * 2), static_cast<USHORT>(full.size() * 2), full.data()};
  ntdll::OBJECT_ATTRIBUTES attr{sizeof attr, nullptr, &name, 0x40 /* OBJ_CASE_INSENSITIVE */, nullptr, nullptr};
  return ntdll::NtOpenKeyEx(out, access, &attr, options);
}

NTSTATUS open_relative(HANDLE root, std::u16string_view path, DWORD options, REGSAM access, HANDLE* out) {
  std::u16string copy(path);
  UNICODE_STRING name{static_cast<USHORT>(copy.size() * 2), static_cast<USHORT>(copy.size() * 2), copy.data()};
  ntdll::OBJECT_ATTRIBUTES attr{sizeof attr, root, &name, 0x40, nullptr, nullptr};
  return ntdll::NtOpenKeyEx(out, access, &attr, options);
}

}  // namespace

bool is_predefined(HKEY key) { return predefined_value(key).has_value(); }

Expected<HANDLE, LSTATUS> real_key(HKEY key) {
  auto v = predefined_value(key);
  if (!v) return key;
  auto root = root_of(*v);
  if (!root) {
    if (*v == kPerformanceData || *v == kPerformanceText || *v == kPerformanceNlsText)
      FIXME_ONCE("performance data through the registry (HKEY_PERFORMANCE_DATA) is not provided\n");
    return Unexpected{static_cast<LSTATUS>(*v == kDynData ? win::ERROR_BADKEY : win::ERROR_CALL_NOT_IMPLEMENTED)};
  }
  std::atomic<HANDLE>& slot = g_predefined[*v - kPredefinedFirst];
  if (HANDLE h = slot.load(std::memory_order_acquire)) return h;
  HANDLE h = nullptr;
  NTSTATUS s = open_absolute(registry::root_path(*root), 0, MAXIMUM_ALLOWED, &h);
  if (!nt::nt_success(s)) return Unexpected{error_of(s)};
  HANDLE expected = nullptr;
  if (!slot.compare_exchange_strong(expected, h)) {  // another thread opened it first
    ntdll::NtClose(h);
    return expected;
  }
  return h;
}

LSTATUS open_subkey(HKEY key, const char16_t* subkey, DWORD options, REGSAM access, HANDLE* result) {
  auto root = real_key(key);
  if (!root) return root.error();
  std::u16string_view path = subkey ? std::u16string_view(subkey) : std::u16string_view{};
  options &= nt::REG_OPTION_OPEN_LINK;
  auto v = predefined_value(key);
  if (v && *v == kClassesRoot && !path.empty() && path[0] != u'\\') {
    // HKEY_CLASSES_ROOT: the user's classes win over the machine's.
    std::u16string user = registry::root_path(registry::Root::CurrentUser) + u"\\Software\\Classes\\" + std::u16string(path);
    if (nt::nt_success(open_absolute(user, options, access, result))) return win::ERROR_SUCCESS;
  }
  NTSTATUS s = open_relative(*root, path, options, access, result);
  return error_of(s);
}

void close_key(HANDLE h, HKEY original) {
  if (h && h != original && !is_predefined(h)) ntdll::NtClose(h);
}

LSTATUS WINAPI RegOpenKeyExW(HKEY key, LPCWSTR subkey, DWORD options, REGSAM access, HKEY* result) noexcept {
  if (!result) return win::ERROR_INVALID_PARAMETER;
  *result = nullptr;
  // No subkey on a predefined key: the predefined handle itself, as on Windows.
  if ((!subkey || !*subkey) && is_predefined(key)) {
    auto r = real_key(key);
    if (!r) return r.error();
    *result = key;
    return win::ERROR_SUCCESS;
  }
  return with_registry([&](registry::Store&) { return open_subkey(key, subkey, options, access, result); });
}

LSTATUS WINAPI RegOpenKeyW(HKEY key, LPCWSTR subkey, HKEY* result) noexcept {
  return RegOpenKeyExW(key, subkey, 0, MAXIMUM_ALLOWED, result);
}

LSTATUS WINAPI RegCreateKeyExW(HKEY key, LPCWSTR subkey, DWORD, LPWSTR class_name, DWORD options, REGSAM access,
                               SECURITY_ATTRIBUTES*, HKEY* result, DWORD* disposition) noexcept {
  if (!result || !subkey) return win::ERROR_INVALID_PARAMETER;
  *result = nullptr;
  constexpr DWORD kKnown = nt::REG_OPTION_VOLATILE | nt::REG_OPTION_CREATE_LINK | nt::REG_OPTION_BACKUP_RESTORE |
                           nt::REG_OPTION_OPEN_LINK;
  if (options & ~kKnown) return win::ERROR_INVALID_PARAMETER;
  return with_registry([&](registry::Store&) -> LSTATUS {
    auto root = real_key(key);
    if (!root) return root.error();
    std::u16string_view path(subkey);
    if (!path.empty() && path[0] == u'\\') return win::ERROR_BAD_PATHNAME;
    while (!path.empty() && path.back() == u'\\') path.remove_suffix(1);
    // One NtCreateKey per name, each below the last: missing intermediate keys are made.
    HANDLE cur = *root;
    ULONG disp = nt::REG_OPENED_EXISTING_KEY;
    UNICODE_STRING cls{};
    if (class_name) {
      std::u16string_view c(class_name);
      cls = {static_cast<USHORT>(c.size() * 2), static_cast<USHORT>(c.size() * 2), class_name};
    }
    do {
      std::size_t sep = path.find(u'\\');
      std::u16string name(path.substr(0, sep));
      path = sep == std::u16string_view::npos ? std::u16string_view{} : path.substr(sep + 1);
      bool last = path.empty();
      UNICODE_STRING us{static_cast<USHORT>(name.size() * 2), static_cast<USHORT>(name.size() * 2), name.data()};
      ntdll::OBJECT_ATTRIBUTES attr{sizeof attr, cur, &us, 0x40, nullptr, nullptr};
      HANDLE next = nullptr;
      ULONG opts = last ? options : (options & nt::REG_OPTION_VOLATILE);
      NTSTATUS s = ntdll::NtCreateKey(&next, last ? access : MAXIMUM_ALLOWED, &attr, 0, last ? &cls : nullptr,
                                      opts, &disp);
      if (cur != *root) ntdll::NtClose(cur);
      if (!nt::nt_success(s)) return error_of(s);
      cur = next;
    } while (!path.empty());
    *result = cur;
    if (disposition) *disposition = disp;
    return win::ERROR_SUCCESS;
  });
}

LSTATUS WINAPI RegCreateKeyW(HKEY key, LPCWSTR subkey, HKEY* result) noexcept {
  if (!subkey || !*subkey) return RegOpenKeyW(key, subkey, result);
  return RegCreateKeyExW(key, subkey, 0, nullptr, 0, MAXIMUM_ALLOWED, nullptr, result, nullptr);
}

LSTATUS WINAPI RegCloseKey(HKEY key) noexcept {
  if (is_predefined(key)) return win::ERROR_SUCCESS;
  return error_of(ntdll::NtClose(key));
}

LSTATUS WINAPI RegDeleteKeyExW(HKEY key, LPCWSTR subkey, REGSAM access, DWORD) noexcept {
  if (!subkey) return win::ERROR_INVALID_PARAMETER;
  return with_registry([&](registry::Store&) -> LSTATUS {
    HANDLE h = nullptr;
    LSTATUS e = open_subkey(key, subkey, 0, nt::KEY_DELETE | (access & (nt::KEY_WOW64_32KEY | nt::KEY_WOW64_64KEY)), &h);
    if (e != win::ERROR_SUCCESS) return e;
    NTSTATUS s = ntdll::NtDeleteKey(h);
    ntdll::NtClose(h);
    return error_of(s);
  });
}

LSTATUS WINAPI RegDeleteKeyW(HKEY key, LPCWSTR subkey) noexcept { return RegDeleteKeyExW(key, subkey, 0, 0); }

LSTATUS WINAPI RegRenameKey(HKEY key, LPCWSTR subkey, LPCWSTR new_name) noexcept {
  if (!new_name) return win::ERROR_INVALID_PARAMETER;
  return with_registry([&](registry::Store&) -> LSTATUS {
    HANDLE h = nullptr;
    LSTATUS e = open_subkey(key, subkey, 0, nt::KEY_WRITE, &h);
    if (e != win::ERROR_SUCCESS) return e;
    std::u16string n(new_name);
    UNICODE_STRING us{static_cast<USHORT>(n.size() * 2), static_cast<USHORT>(n.size() * 2), n.data()};
    NTSTATUS s = ntdll::NtRenameKey(h, &us);
    close_key(h, key);
    return error_of(s);
  });
}

LSTATUS WINAPI RegFlushKey(HKEY key) noexcept {
  auto h = real_key(key);
  if (!h) return h.error();
  return error_of(ntdll::NtFlushKey(*h));
}

LSTATUS WINAPI RegOpenCurrentUser(REGSAM access, HKEY* result) noexcept {
  if (!result) return win::ERROR_INVALID_PARAMETER;
  return with_registry([&](registry::Store&) -> LSTATUS {
    return error_of(open_absolute(registry::root_path(registry::Root::CurrentUser), 0, access, result));
  });
}

LSTATUS WINAPI RegConnectRegistryW(LPCWSTR machine, HKEY key, HKEY* result) noexcept {
  if (!result) return win::ERROR_INVALID_PARAMETER;
  if (machine && *machine) {
    // Only this computer: "\\NAME" or "NAME" with the local computer name.
    std::u16string_view m(machine);
    while (!m.empty() && m[0] == u'\\') m.remove_prefix(1);
    char host[256] = {};
    gethostname(host, sizeof host - 1);
    std::string h(host);
    if (auto dot = h.find('.'); dot != std::string::npos) h.resize(dot);
    if (registry::fold_name(m) != registry::fold_name(utf8_to_utf16(h))) {
      FIXME_ONCE("remote registries are not supported\n");
      return win::ERROR_BAD_NETPATH;
    }
  }
  auto v = predefined_value(key);
  if (!v || (*v != 0x80000002 && *v != 0x80000003 && *v != kPerformanceData)) return win::ERROR_INVALID_HANDLE;
  auto r = real_key(key);
  if (!r) return r.error();
  *result = key;
  return win::ERROR_SUCCESS;
}

}  // namespace sill::advapi32
