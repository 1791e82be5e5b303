// processthreadsapi.h: QueueUserAPC (run by the target thread in its next alertable wait, see
// ntdll/apc.h) and thread descriptions (SetThreadDescription/GetThreadDescription).
#include <sys/prctl.h>

#include <cstdio>
#include <mutex>
#include <string>
#include <unordered_map>

#include "base/debug.h"
#include "base/unicode.h"
#include "loader/callback.h"
#include "ntdll/apc.h"
#include "ntdll/process_internal.h"
#include "win32/kernel32/kernel32.h"
#include "win32/kernel32/kernel32_internal.h"

SILL_DEFAULT_DEBUG_CHANNEL(thread);

namespace sill::kernel32 {

namespace {
void invoke_user_apc(void* routine, ULONG_PTR data, ULONG_PTR, ULONG_PTR) {
  loader::call_program("APC", reinterpret_cast<PAPCFUNC>(routine), data);
}

// Both description functions return the NTSTATUS of the underlying call as an HRESULT
// (HRESULT_FROM_NT): success is 0x10000000, which SUCCEEDED() accepts, as on Windows.
constexpr HRESULT hresult_from_nt(NTSTATUS s) { return static_cast<HRESULT>(static_cast<std::uint32_t>(s) | 0x10000000u); }

// Descriptions by thread id. FIXME: an entry outlives its thread (a later thread reusing the id
// would see it).
std::mutex g_names_lock;
std::unordered_map<DWORD, std::u16string>& names() {
  static auto* m = new std::unordered_map<DWORD, std::u16string>();
  return *m;
}

// Linux keeps 15 bytes of a thread name: the UTF-8 form, cut at a character boundary.
void set_linux_name(DWORD tid, std::u16string_view name) {
  std::string utf8 = sill::utf16_to_utf8(name);
  std::size_t n = utf8.size() < 15 ? utf8.size() : 15;
  while (n > 0 && n < utf8.size() && (static_cast<unsigned char>(utf8[n]) & 0xC0) == 0x80) --n;
  utf8.resize(n);
  if (tid == nt::current_thread_id()) {
    prctl(PR_SET_NAME, utf8.c_str(), 0, 0, 0);
    return;
  }
  char path[64];
  std::snprintf(path, sizeof path, "/proc/self/task/%u/comm", static_cast<unsigned>(tid));
  if (FILE* f = std::fopen(path, "w")) {
    std::fputs(utf8.c_str(), f);
    std::fclose(f);
  }
}
}  // namespace

DWORD WINAPI QueueUserAPC(PAPCFUNC fn, HANDLE thread, ULONG_PTR data) noexcept {
  if (!fn) return fail_error(win::ERROR_INVALID_PARAMETER, DWORD{0});
  DWORD tid = GetThreadId(thread);
  if (!tid) return 0;  // GetThreadId set the last error
  try {
    nt::queue_user_apc(tid, {invoke_user_apc, reinterpret_cast<void*>(fn), data, 0, 0});
  } catch (...) {
    return fail_error(win::ERROR_NOT_ENOUGH_MEMORY, DWORD{0});
  }
  return 1;
}

HRESULT WINAPI SetThreadDescription(HANDLE thread, LPCWSTR description) noexcept {
  DWORD tid = GetThreadId(thread);
  if (!tid) return hresult_from_nt(nt::STATUS_INVALID_HANDLE);
  try {
    std::u16string name = description ? std::u16string(description) : std::u16string();
    set_linux_name(tid, name);
    std::lock_guard g(g_names_lock);
    names()[tid] = std::move(name);
  } catch (...) {
    return hresult_from_nt(nt::STATUS_NO_MEMORY);
  }
  return hresult_from_nt(nt::STATUS_SUCCESS);
}

HRESULT WINAPI GetThreadDescription(HANDLE thread, LPWSTR* description) noexcept {
  if (!description) return hresult_from_nt(nt::STATUS_INVALID_PARAMETER);
  DWORD tid = GetThreadId(thread);
  if (!tid) return hresult_from_nt(nt::STATUS_INVALID_HANDLE);
  try {
    std::u16string name;
    {
      std::lock_guard g(g_names_lock);
      auto it = names().find(tid);
      if (it != names().end()) name = it->second;
    }
    // The caller frees the copy with LocalFree.
    auto* out = static_cast<char16_t*>(LocalAlloc(0, (name.size() + 1) * sizeof(char16_t)));
    if (!out) return hresult_from_nt(nt::STATUS_NO_MEMORY);
    name.copy(out, name.size());
    out[name.size()] = 0;
    *description = out;
  } catch (...) {
    return hresult_from_nt(nt::STATUS_NO_MEMORY);
  }
  return hresult_from_nt(nt::STATUS_SUCCESS);
}

}  // namespace sill::kernel32
