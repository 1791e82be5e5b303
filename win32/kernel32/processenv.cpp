// processenv.h: command line, environment, standard handles, current directory.
#include <cstring>
#include <mutex>

#include "base/debug.h"
#include "ntdll/environment.h"
#include "ntdll/heap.h"
#include "ntdll/nt_structs.h"
#include "ntdll/path_mapping.h"
#include "win32/kernel32/kernel32.h"
#include "win32/kernel32/kernel32_internal.h"

SILL_DEFAULT_DEBUG_CHANNEL(process);

namespace sill::kernel32 {

namespace {
nt::RTL_USER_PROCESS_PARAMETERS* params() { return nt::current_peb()->ProcessParameters; }

HANDLE* std_slot(DWORD which) {
  nt::RTL_USER_PROCESS_PARAMETERS* p = params();
  switch (which) {
    case STD_INPUT_HANDLE: return &p->StandardInput;
    case STD_OUTPUT_HANDLE: return &p->StandardOutput;
    case STD_ERROR_HANDLE: return &p->StandardError;
    default: return nullptr;
  }
}

template <class C>
C* heap_copy(std::basic_string_view<C> s) {
  auto* p = static_cast<C*>(nt::heap_alloc(nt::process_heap(), 0, s.size() * sizeof(C)));
  if (p) std::memcpy(p, s.data(), s.size() * sizeof(C));
  return p;
}
}  // namespace

HANDLE WINAPI GetStdHandle(DWORD which) noexcept {
  HANDLE* slot = std_slot(which);
  if (!slot) return fail_error(win::ERROR_INVALID_HANDLE, INVALID_HANDLE_VALUE);
  return *slot;
}

BOOL WINAPI SetStdHandle(DWORD which, HANDLE h) noexcept {
  HANDLE* slot = std_slot(which);
  if (!slot) return fail_error(win::ERROR_INVALID_HANDLE, FALSE);
  *slot = h;
  return TRUE;
}

LPWSTR WINAPI GetCommandLineW() noexcept { return params()->CommandLine.Buffer; }

LPSTR WINAPI GetCommandLineA() noexcept {
  // Converted once and kept, as Windows does: programs keep the pointer.
  static std::once_flag once;
  static char* line = nullptr;
  try {
    std::call_once(once, [] {
      const UNICODE_STRING& cl = params()->CommandLine;
      std::string a = nt::utf16_to_ansi(std::u16string_view(cl.Buffer, cl.Length / 2));
      line = new char[a.size() + 1];
      std::memcpy(line, a.c_str(), a.size() + 1);
    });
  } catch (...) {
    return nullptr;
  }
  return line;
}

LPWSTR WINAPI GetEnvironmentStringsW() noexcept {
  try {
    return heap_copy<char16_t>(nt::env_snapshot());
  } catch (...) {
    return fail_error(win::ERROR_NOT_ENOUGH_MEMORY, nullptr);
  }
}
LPWSTR WINAPI GetEnvironmentStrings() noexcept { return GetEnvironmentStringsW(); }

LPSTR WINAPI GetEnvironmentStringsA() noexcept {
  try {
    std::u16string w = nt::env_snapshot();
    std::string a = nt::from_utf16(nt::CP_ACP, w);  // NULs convert one-for-one
    return heap_copy<char>(a);
  } catch (...) {
    return fail_error(win::ERROR_NOT_ENOUGH_MEMORY, nullptr);
  }
}

BOOL WINAPI FreeEnvironmentStringsW(LPWSTR block) noexcept {
  return nt::heap_free(nt::process_heap(), block) ? TRUE : fail_error(win::ERROR_INVALID_PARAMETER, FALSE);
}
BOOL WINAPI FreeEnvironmentStringsA(LPSTR block) noexcept {
  return nt::heap_free(nt::process_heap(), block) ? TRUE : fail_error(win::ERROR_INVALID_PARAMETER, FALSE);
}

DWORD WINAPI GetEnvironmentVariableW(LPCWSTR name, LPWSTR buffer, DWORD size) noexcept {
  try {
    if (!name) return fail_error(win::ERROR_ENVVAR_NOT_FOUND, 0u);
    auto v = nt::env_get(name);
    if (!v) return fail_error(win::ERROR_ENVVAR_NOT_FOUND, 0u);
    DWORD r = copy_out<char16_t>(*v, buffer, size);
    // An empty value is found but returns 0: last error says which.
    nt::set_last_error(win::ERROR_SUCCESS);
    return r;
  } catch (...) {
    return fail_error(win::ERROR_NOT_ENOUGH_MEMORY, 0u);
  }
}

DWORD WINAPI GetEnvironmentVariableA(LPCSTR name, LPSTR buffer, DWORD size) noexcept {
  try {
    if (!name) return fail_error(win::ERROR_ENVVAR_NOT_FOUND, 0u);
    auto v = nt::env_get(nt::ansi_to_utf16(name));
    if (!v) return fail_error(win::ERROR_ENVVAR_NOT_FOUND, 0u);
    DWORD r = copy_out<char>(nt::utf16_to_ansi(*v), buffer, size);
    nt::set_last_error(win::ERROR_SUCCESS);
    return r;
  } catch (...) {
    return fail_error(win::ERROR_NOT_ENOUGH_MEMORY, 0u);
  }
}

BOOL WINAPI SetEnvironmentVariableW(LPCWSTR name, LPCWSTR value) noexcept {
  try {
    if (!name) return fail_error(win::ERROR_ENVVAR_NOT_FOUND, FALSE);
    std::optional<std::u16string_view> v;
    if (value) v = std::u16string_view(value);
    if (!nt::env_set(name, v)) return fail_error(win::ERROR_INVALID_PARAMETER, FALSE);
    return TRUE;
  } catch (...) {
    return fail_error(win::ERROR_NOT_ENOUGH_MEMORY, FALSE);
  }
}

BOOL WINAPI SetEnvironmentVariableA(LPCSTR name, LPCSTR value) noexcept {
  try {
    auto n = from_ansi(name);
    auto v = from_ansi(value);
    return SetEnvironmentVariableW(ptr(n), ptr(v));
  } catch (...) {
    return fail_error(win::ERROR_NOT_ENOUGH_MEMORY, FALSE);
  }
}

DWORD WINAPI ExpandEnvironmentStringsW(LPCWSTR src, LPWSTR dst, DWORD size) noexcept {
  try {
    if (!src) return fail_error(win::ERROR_INVALID_PARAMETER, 0u);
    std::u16string out = nt::env_expand(src);
    // Unlike most, this returns the size including the NUL on success too.
    DWORD need = static_cast<DWORD>(out.size() + 1);
    if (dst && size >= need) std::memcpy(dst, out.c_str(), need * 2);
    return need;
  } catch (...) {
    return fail_error(win::ERROR_NOT_ENOUGH_MEMORY, 0u);
  }
}

DWORD WINAPI ExpandEnvironmentStringsA(LPCSTR src, LPSTR dst, DWORD size) noexcept {
  try {
    if (!src) return fail_error(win::ERROR_INVALID_PARAMETER, 0u);
    std::string out = nt::utf16_to_ansi(nt::env_expand(nt::ansi_to_utf16(src)));
    DWORD need = static_cast<DWORD>(out.size() + 1);
    if (dst && size >= need) std::memcpy(dst, out.c_str(), need);
    return need;
  } catch (...) {
    return fail_error(win::ERROR_NOT_ENOUGH_MEMORY, 0u);
  }
}

DWORD WINAPI GetCurrentDirectoryW(DWORD size, LPWSTR buffer) noexcept {
  try {
    std::u16string d = nt::current_directory();
    if (d.size() > 3 && d.back() == u'\\') d.pop_back();  // "C:\" keeps its backslash, others lose it
    return copy_out<char16_t>(d, buffer, size);
  } catch (...) {
    return fail_error(win::ERROR_NOT_ENOUGH_MEMORY, 0u);
  }
}

DWORD WINAPI GetCurrentDirectoryA(DWORD size, LPSTR buffer) noexcept {
  try {
    std::u16string d = nt::current_directory();
    if (d.size() > 3 && d.back() == u'\\') d.pop_back();
    return copy_out<char>(nt::utf16_to_ansi(d), buffer, size);
  } catch (...) {
    return fail_error(win::ERROR_NOT_ENOUGH_MEMORY, 0u);
  }
}

BOOL WINAPI SetCurrentDirectoryW(LPCWSTR path) noexcept {
  try {
    if (!path) return fail_error(win::ERROR_INVALID_PARAMETER, FALSE);
    NTSTATUS s = nt::set_current_directory(path);
    if (s == nt::STATUS_NOT_A_DIRECTORY) return fail_error(win::ERROR_DIRECTORY, FALSE);
    return nt::nt_success(s) ? TRUE : fail_status(s, FALSE);
  } catch (...) {
    return fail_error(win::ERROR_NOT_ENOUGH_MEMORY, FALSE);
  }
}

BOOL WINAPI SetCurrentDirectoryA(LPCSTR path) noexcept {
  try {
    auto w = from_ansi(path);
    return SetCurrentDirectoryW(ptr(w));
  } catch (...) {
    return fail_error(win::ERROR_NOT_ENOUGH_MEMORY, FALSE);
  }
}

}  // namespace sill::kernel32
