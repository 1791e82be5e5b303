// libloaderapi.h: thin wrappers over the loader (loader/module.h).
#include <cstring>

#include "base/debug.h"
#include "loader/module.h"
#include "ntdll/path_mapping.h"
#include "win32/kernel32/kernel32.h"
#include "win32/kernel32/kernel32_internal.h"
#include "win32/kernel32/library_datafile.h"

SILL_DEFAULT_DEBUG_CHANNEL(module);

namespace sill::kernel32 {

namespace {
constexpr DWORD GET_MODULE_HANDLE_EX_FLAG_PIN = 1, GET_MODULE_HANDLE_EX_FLAG_UNCHANGED_REFCOUNT = 2,
                GET_MODULE_HANDLE_EX_FLAG_FROM_ADDRESS = 4;

// GetModuleFileName's truncation contract: a short buffer gets a truncated,
// terminated copy, the return value is the buffer size and the error says so.
template <class C>
DWORD copy_truncating(std::basic_string_view<C> s, C* buffer, DWORD size) {
  if (size == 0) return fail_error(win::ERROR_INSUFFICIENT_BUFFER, 0u);
  if (s.size() < size) {
    std::char_traits<C>::copy(buffer, s.data(), s.size());
    buffer[s.size()] = 0;
    nt::set_last_error(win::ERROR_SUCCESS);
    return static_cast<DWORD>(s.size());
  }
  std::char_traits<C>::copy(buffer, s.data(), size - 1);
  buffer[size - 1] = 0;
  nt::set_last_error(win::ERROR_INSUFFICIENT_BUFFER);
  return size;
}

// Whether `name` is a module already loaded: a bare name matches by base name, a
// path only the module loaded from that very file.
bool loaded_as_module(LPCWSTR name) {
  HMODULE h = loader::module_handle(name);
  if (!h) return false;
  std::u16string_view n(name);
  if (n.find_first_of(u"\\/:") == std::u16string_view::npos) return true;
  const loader::Module* m = loader::find_module(h);
  auto full = nt::full_dos_path(name);
  return m && full && lstrcmpiW(m->full_name.c_str(), full->c_str()) == 0;
}
}  // namespace

HMODULE WINAPI GetModuleHandleW(LPCWSTR name) noexcept {
  try {
    if (!name) return loader::main_module();
    HMODULE h = loader::module_handle(name);
    if (!h) return fail_error(win::ERROR_MOD_NOT_FOUND, nullptr);
    return h;
  } catch (...) {
    return fail_error(win::ERROR_NOT_ENOUGH_MEMORY, nullptr);
  }
}

HMODULE WINAPI GetModuleHandleA(LPCSTR name) noexcept {
  try {
    auto w = from_ansi(name);
    return GetModuleHandleW(ptr(w));
  } catch (...) {
    return fail_error(win::ERROR_NOT_ENOUGH_MEMORY, nullptr);
  }
}

BOOL WINAPI GetModuleHandleExW(DWORD flags, LPCWSTR name, HMODULE* module) noexcept {
  if (!module) return fail_error(win::ERROR_INVALID_PARAMETER, FALSE);
  *module = nullptr;
  if ((flags & GET_MODULE_HANDLE_EX_FLAG_PIN) && (flags & GET_MODULE_HANDLE_EX_FLAG_UNCHANGED_REFCOUNT))
    return fail_error(win::ERROR_INVALID_PARAMETER, FALSE);
  try {
    HMODULE h;
    if (flags & GET_MODULE_HANDLE_EX_FLAG_FROM_ADDRESS) {
      const loader::Module* m = loader::module_containing(name);
      if (!m) return fail_error(win::ERROR_MOD_NOT_FOUND, FALSE);
      h = m->handle();
    } else {
      h = name ? loader::module_handle(name) : loader::main_module();
      if (!h) return fail_error(win::ERROR_MOD_NOT_FOUND, FALSE);
    }
    if (!(flags & GET_MODULE_HANDLE_EX_FLAG_UNCHANGED_REFCOUNT)) {
      // A reference the caller must FreeLibrary (or a pin, which we keep forever).
      if (const loader::Module* m = loader::find_module(h); m && !m->full_name.empty())
        (void)loader::load_library(m->full_name);
      if (flags & GET_MODULE_HANDLE_EX_FLAG_PIN) FIXME_ONCE("pinning is an extra reference");
    }
    *module = h;
    return TRUE;
  } catch (...) {
    return fail_error(win::ERROR_NOT_ENOUGH_MEMORY, FALSE);
  }
}

BOOL WINAPI GetModuleHandleExA(DWORD flags, LPCSTR name, HMODULE* module) noexcept {
  if (flags & GET_MODULE_HANDLE_EX_FLAG_FROM_ADDRESS)
    return GetModuleHandleExW(flags, reinterpret_cast<LPCWSTR>(name), module);
  try {
    auto w = from_ansi(name);
    return GetModuleHandleExW(flags, ptr(w), module);
  } catch (...) {
    return fail_error(win::ERROR_NOT_ENOUGH_MEMORY, FALSE);
  }
}

DWORD WINAPI GetModuleFileNameW(HMODULE module, LPWSTR buffer, DWORD size) noexcept {
  try {
    const loader::Module* m = loader::find_module(module ? module : loader::main_module());
    if (!m) return fail_error(win::ERROR_MOD_NOT_FOUND, 0u);
    return copy_truncating<char16_t>(m->full_name, buffer, size);
  } catch (...) {
    return fail_error(win::ERROR_NOT_ENOUGH_MEMORY, 0u);
  }
}

DWORD WINAPI GetModuleFileNameA(HMODULE module, LPSTR buffer, DWORD size) noexcept {
  try {
    const loader::Module* m = loader::find_module(module ? module : loader::main_module());
    if (!m) return fail_error(win::ERROR_MOD_NOT_FOUND, 0u);
    return copy_truncating<char>(nt::utf16_to_ansi(m->full_name), buffer, size);
  } catch (...) {
    return fail_error(win::ERROR_NOT_ENOUGH_MEMORY, 0u);
  }
}

HMODULE WINAPI LoadLibraryExW(LPCWSTR name, HANDLE file, DWORD flags) noexcept {
  try {
    if (!name || !*name) return fail_error(win::ERROR_INVALID_PARAMETER, nullptr);
    if (file) return fail_error(win::ERROR_INVALID_PARAMETER, nullptr);
    // A data file of a module already loaded is that module (with a new reference), as on Windows.
    if (is_data_file_load(flags) && !loaded_as_module(name)) {
      auto d = load_data_file(name, flags);
      if (!d) return fail_error(d.error(), static_cast<HMODULE>(nullptr));
      return *d;
    }
    auto r = loader::load_library(name, is_data_file_load(flags) ? 0 : flags);
    if (!r) return fail_status(r.error(), static_cast<HMODULE>(nullptr));
    return *r;
  } catch (...) {
    return fail_error(win::ERROR_NOT_ENOUGH_MEMORY, nullptr);
  }
}

HMODULE WINAPI LoadLibraryExA(LPCSTR name, HANDLE file, DWORD flags) noexcept {
  try {
    auto w = from_ansi(name);
    return LoadLibraryExW(ptr(w), file, flags);
  } catch (...) {
    return fail_error(win::ERROR_NOT_ENOUGH_MEMORY, nullptr);
  }
}

HMODULE WINAPI LoadLibraryW(LPCWSTR name) noexcept { return LoadLibraryExW(name, nullptr, 0); }
HMODULE WINAPI LoadLibraryA(LPCSTR name) noexcept { return LoadLibraryExA(name, nullptr, 0); }

FARPROC WINAPI GetProcAddress(HMODULE module, LPCSTR name) noexcept {
  try {
    HMODULE h = module ? module : loader::main_module();
    auto r = loader::get_proc_address(h, name);
    if (!r) return fail_status(r.error(), static_cast<FARPROC>(nullptr));
    return reinterpret_cast<FARPROC>(*r);
  } catch (...) {
    return fail_error(win::ERROR_NOT_ENOUGH_MEMORY, static_cast<FARPROC>(nullptr));
  }
}

BOOL WINAPI FreeLibrary(HMODULE module) noexcept {
  try {
    if (is_data_file_handle(module))
      return free_data_file(module) ? TRUE : fail_error(win::ERROR_INVALID_HANDLE, FALSE);
    NTSTATUS s = loader::free_library(module);
    return nt::nt_success(s) ? TRUE : fail_status(s, FALSE);
  } catch (...) {
    return fail_error(win::ERROR_NOT_ENOUGH_MEMORY, FALSE);
  }
}

BOOL WINAPI DisableThreadLibraryCalls(HMODULE module) noexcept {
  if (!loader::find_module(module)) return fail_error(win::ERROR_INVALID_HANDLE, FALSE);
  loader::disable_thread_library_calls(module);
  return TRUE;
}

}  // namespace sill::kernel32
