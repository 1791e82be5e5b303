// Helpers shared by kernel32's files: error reporting at the Win32 edge and
// A <-> W string conversion for the ANSI entry points.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/wintypes.h"
#include "ntdll/codepage.h"
#include "ntdll/object.h"
#include "ntdll/shared_objects.h"
#include "ntdll/status.h"
#include "ntdll/winerror.h"
#include "win32/kernel32/kernel32.h"

namespace sill::kernel32 {

// Sets the last error from an NTSTATUS and returns `ret`: `return fail(s, FALSE);`
template <class T>
T fail_status(win::NTSTATUS s, T ret) {
  nt::set_last_status(s);
  return ret;
}
template <class T>
T fail_error(win::DWORD e, T ret) {
  nt::set_last_error(e);
  return ret;
}

// Named kernel objects (synchapi.cpp): inserts `fresh`, or with a name that exists, a handle to the
// existing object and ERROR_ALREADY_EXISTS (ERROR_INVALID_HANDLE when it is of another kind).
HANDLE insert_new_object(LPCWSTR name, nt::Ref<nt::Object> fresh, DWORD access, SECURITY_ATTRIBUTES* sa);
// Open*: a handle to an existing named object of the kind (ERROR_FILE_NOT_FOUND when none).
HANDLE open_named_object(LPCWSTR name, nt::ObjectType type, DWORD access, BOOL inherit);

// Affinity masks (processthreadsapi_affinity.cpp): the process's, and the machine's processors.
DWORD_PTR process_affinity();
DWORD_PTR system_affinity();

// Events, mutexes, semaphores (synchapi_shared.cpp): named or inheritable ones are shared with the
// prefix's other processes; last error ERROR_ALREADY_EXISTS / ERROR_INVALID_HANDLE as above.
HANDLE create_sync_object(nt::shared::Kind kind, const nt::shared::InitialState& init, LPCWSTR name, DWORD access,
                          SECURITY_ATTRIBUTES* sa);
HANDLE open_sync_object(nt::shared::Kind kind, LPCWSTR name, DWORD access, BOOL inherit);

// The handles PROC_THREAD_ATTRIBUTE_HANDLE_LIST names in an attribute list, if it has one
// (processthreadsapi_attributes.cpp).
std::optional<std::vector<HANDLE>> inherited_handle_list(const void* list);

// A child process's main-thread handle (CreateProcess's hThread) for the thread functions of
// processthreadsapi_thread.cpp; nullopt when `h` is not one (processthreadsapi_process.cpp).
std::optional<DWORD> resume_child_thread(HANDLE h);
std::optional<DWORD> child_thread_exit_code(HANDLE h);
std::optional<DWORD> child_thread_id(HANDLE h);

// An A-function's string argument as UTF-16 (nullopt for a null pointer).
inline std::optional<std::u16string> from_ansi(const char* s) {
  if (!s) return std::nullopt;
  return nt::ansi_to_utf16(s);
}
inline std::u16string_view view(const std::optional<std::u16string>& s) {
  return s ? std::u16string_view(*s) : std::u16string_view{};
}
inline const char16_t* ptr(const std::optional<std::u16string>& s) { return s ? s->c_str() : nullptr; }

// Runs fn with an A-function's string argument converted to UTF-16 (failure if out of memory).
template <class R, class F>
R with_ansi(LPCSTR s, R failure, F fn) {
  try {
    auto w = from_ansi(s);
    return fn(ptr(w));
  } catch (...) {
    return fail_error(win::ERROR_NOT_ENOUGH_MEMORY, failure);
  }
}

// The Windows "copy a string out" contract for functions returning a length:
// fits: copies with NUL, returns length without NUL; too small: returns the
// size needed including the NUL (buffer untouched).
template <class C>
win::DWORD copy_out(std::basic_string_view<C> s, C* buffer, win::DWORD size) {
  if (!buffer || size <= s.size()) return static_cast<win::DWORD>(s.size() + 1);
  std::char_traits<C>::copy(buffer, s.data(), s.size());
  buffer[s.size()] = 0;
  return static_cast<win::DWORD>(s.size());
}

}  // namespace sill::kernel32
