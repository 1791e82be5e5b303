// processthreadsapi.h for the calling process: identity, exit, start-up info,
// processor features, times, and TLS slots.
#include <sys/resource.h>
#include <sys/times.h>
#include <unistd.h>

#include <cstring>
#include <mutex>

#include "base/debug.h"
#include "loader/module.h"
#include "ntdll/file.h"
#include "ntdll/handle_table.h"
#include "ntdll/process_internal.h"
#include "ntdll/time.h"
#include "ntdll/tls.h"
#include "win32/kernel32/kernel32.h"
#include "win32/kernel32/kernel32_internal.h"

SILL_DEFAULT_DEBUG_CHANNEL(process);

namespace sill::kernel32 {

namespace {
constexpr DWORD STARTF_USESTDHANDLES = 0x100;
std::int64_t g_start_time = nt::system_time_now();

FILETIME ft_from(std::int64_t v) { return {static_cast<DWORD>(v), static_cast<DWORD>(v >> 32)}; }
FILETIME ft_from_timeval(const timeval& tv) {
  return ft_from((static_cast<std::int64_t>(tv.tv_sec) * 1000000 + tv.tv_usec) * 10);
}
}  // namespace

HANDLE WINAPI GetCurrentProcess() noexcept { return nt::current_process_handle(); }
HANDLE WINAPI GetCurrentThread() noexcept { return nt::current_thread_handle(); }
DWORD WINAPI GetCurrentProcessId() noexcept { return nt::current_process_id(); }
DWORD WINAPI GetCurrentThreadId() noexcept { return nt::current_thread_id(); }

void WINAPI ExitProcess(UINT code) noexcept { loader::exit_process(code); }

// TerminateProcess and GetExitCodeProcess: processthreadsapi_process.cpp.

void WINAPI GetStartupInfoW(STARTUPINFOW* info) noexcept {
  nt::RTL_USER_PROCESS_PARAMETERS* p = nt::current_peb()->ProcessParameters;
  std::memset(info, 0, sizeof *info);
  info->cb = sizeof *info;
  info->lpDesktop = p->DesktopInfo.Buffer;
  info->lpTitle = p->WindowTitle.Buffer;
  info->dwFlags = p->WindowFlags | STARTF_USESTDHANDLES;
  info->wShowWindow = static_cast<WORD>(p->ShowWindowFlags);
  info->hStdInput = p->StandardInput;
  info->hStdOutput = p->StandardOutput;
  info->hStdError = p->StandardError;
}

void WINAPI GetStartupInfoA(STARTUPINFOA* info) noexcept {
  // The A strings are converted once and kept, like GetCommandLineA.
  static char* desktop = nullptr;
  static char* title = nullptr;
  static std::once_flag once;
  STARTUPINFOW w;
  GetStartupInfoW(&w);
  try {
    std::call_once(once, [&] {
      auto conv = [](const char16_t* s) -> char* {
        if (!s) return nullptr;
        std::string a = nt::utf16_to_ansi(s);
        char* c = new char[a.size() + 1];
        std::memcpy(c, a.c_str(), a.size() + 1);
        return c;
      };
      desktop = conv(w.lpDesktop);
      title = conv(w.lpTitle);
    });
  } catch (...) {
  }
  std::memcpy(info, &w, sizeof *info);  // same layout; fix the string pointers
  info->lpReserved = nullptr;
  info->lpDesktop = desktop;
  info->lpTitle = title;
}

BOOL WINAPI IsProcessorFeaturePresent(DWORD feature) noexcept { return nt::processor_feature(feature); }

BOOL WINAPI GetProcessTimes(HANDLE process, FILETIME* creation, FILETIME* exit, FILETIME* kernel,
                            FILETIME* user) noexcept {
  if (process != nt::current_process_handle()) {
    FIXME("times of other processes are not supported yet");
    return fail_error(win::ERROR_INVALID_HANDLE, FALSE);
  }
  rusage ru;
  getrusage(RUSAGE_SELF, &ru);
  if (creation) *creation = ft_from(g_start_time);
  if (exit) *exit = ft_from(0);
  if (kernel) *kernel = ft_from_timeval(ru.ru_stime);
  if (user) *user = ft_from_timeval(ru.ru_utime);
  return TRUE;
}

DWORD WINAPI TlsAlloc() noexcept {
  DWORD i = nt::tls_alloc();
  if (i == nt::TLS_OUT_OF_INDEXES) nt::set_last_error(win::ERROR_NO_MORE_ITEMS);
  return i;
}
BOOL WINAPI TlsFree(DWORD index) noexcept {
  return nt::tls_free(index) ? TRUE : fail_error(win::ERROR_INVALID_PARAMETER, FALSE);
}
void* WINAPI TlsGetValue(DWORD index) noexcept {
  void* v = nullptr;
  if (!nt::tls_get(nt::current_teb(), index, &v)) return fail_error(win::ERROR_INVALID_PARAMETER, nullptr);
  // Windows clears the last error so that a NULL value can be told from failure.
  nt::current_teb()->LastErrorValue = win::ERROR_SUCCESS;
  return v;
}
BOOL WINAPI TlsSetValue(DWORD index, void* value) noexcept {
  try {
    return nt::tls_set(nt::current_teb(), index, value) ? TRUE : fail_error(win::ERROR_INVALID_PARAMETER, FALSE);
  } catch (...) {
    return fail_error(win::ERROR_NOT_ENOUGH_MEMORY, FALSE);
  }
}

DWORD WINAPI FlsAlloc(PFLS_CALLBACK_FUNCTION callback) noexcept {
  DWORD i = nt::fls_alloc(callback);
  if (i == nt::FLS_OUT_OF_INDEXES) nt::set_last_error(win::ERROR_NO_MORE_ITEMS);
  return i;
}
BOOL WINAPI FlsFree(DWORD index) noexcept {
  return nt::fls_free(index) ? TRUE : fail_error(win::ERROR_INVALID_PARAMETER, FALSE);
}
void* WINAPI FlsGetValue(DWORD index) noexcept {
  void* v = nullptr;
  if (!nt::fls_get(index, &v)) return fail_error(win::ERROR_INVALID_PARAMETER, nullptr);
  nt::current_teb()->LastErrorValue = win::ERROR_SUCCESS;
  return v;
}
BOOL WINAPI FlsSetValue(DWORD index, void* value) noexcept {
  try {
    return nt::fls_set(index, value) ? TRUE : fail_error(win::ERROR_INVALID_PARAMETER, FALSE);
  } catch (...) {
    return fail_error(win::ERROR_NOT_ENOUGH_MEMORY, FALSE);
  }
}

}  // namespace sill::kernel32
