// The UCRT's runtime services around the program: the invalid-parameter path (a handler if the program set one, else a fail-fast exit as the UCRT's
// release build does), operator new's handler and mode, the %n switch, and locale objects.
#include <atomic>
#include <utility>

#include "base/debug.h"
#include "loader/callback.h"
#include "win32/advapi32/advapi32.h"
#include "win32/kernel32/kernel32.h"
#include "win32/msvcrt/msvcrt.h"
#include "win32/msvcrt/msvcrt_api.h"
#include "win32/ucrtbase/ucrtbase.h"

SILL_DEFAULT_DEBUG_CHANNEL(msvcrt);

namespace sill::ucrtbase {

namespace k32 = sill::kernel32;

namespace {

std::atomic<new_handler_t> g_new_handler{nullptr};
std::atomic<int> g_new_mode{0};
std::atomic<int> g_printf_count_output{0};

using invalid_parameter_handler_t = void(WINAPI*)(const wchar*, const wchar*, const wchar*, unsigned,
                                                  std::uintptr_t);

// What __fastfail(FAST_FAIL_INVALID_ARG) leaves behind: the process ends at once with
// STATUS_STACK_BUFFER_OVERRUN, no exit handlers, no DLL detach.
constexpr UINT kStatusStackBufferOverrun = 0xC0000409;

}  // namespace

// ---- Invalid parameters ----

namespace {
thread_local void* t_invalid_parameter_handler = nullptr;  // _set_thread_local_invalid_parameter_handler
}

void* WINAPI _set_thread_local_invalid_parameter_handler(void* handler) noexcept {
  return std::exchange(t_invalid_parameter_handler, handler);
}

void* WINAPI _get_thread_local_invalid_parameter_handler() noexcept { return t_invalid_parameter_handler; }

// The thread's own handler first, then the process's, then the fail-fast exit.
void WINAPI _invalid_parameter(const wchar* expr, const wchar* function, const wchar* file, unsigned line,
                               std::uintptr_t reserved) noexcept {
  void* handler = t_invalid_parameter_handler ? t_invalid_parameter_handler : msvcrt::_get_invalid_parameter_handler();
  auto h = reinterpret_cast<invalid_parameter_handler_t>(handler);
  if (h) {
    loader::call_program("invalid parameter handler", h, expr, function, file, line, reserved);
    return;
  }
  _invoke_watson(expr, function, file, line, reserved);
}

[[noreturn]] void WINAPI _invoke_watson(const wchar*, const wchar*, const wchar*, unsigned, std::uintptr_t) noexcept {
  ERR("invalid parameter passed to a C runtime function; ending the process as the UCRT does\n");
  k32::TerminateProcess(k32::GetCurrentProcess(), kStatusStackBufferOverrun);
  __builtin_trap();
}

// /GS found a damaged stack cookie: nothing of the process can be trusted, so it ends at once.
[[noreturn]] void WINAPI __report_gsfailure(std::uintptr_t cookie) noexcept {
  ERR("stack buffer overrun detected (security cookie %#lx); ending the process\n",
      static_cast<unsigned long>(cookie));
  k32::TerminateProcess(k32::GetCurrentProcess(), kStatusStackBufferOverrun);
  __builtin_trap();
}

// Called so that an attached debugger can stop; with none attached there is nothing to do.
void WINAPI _crt_debugger_hook(int reserved) noexcept {}

void WINAPI _invalid_parameter_noinfo() noexcept { _invalid_parameter(nullptr, nullptr, nullptr, 0, 0); }

[[noreturn]] void WINAPI _invalid_parameter_noinfo_noreturn() noexcept {
  _invalid_parameter(nullptr, nullptr, nullptr, 0, 0);
  _invoke_watson(nullptr, nullptr, nullptr, 0, 0);
}

// ---- Small process and thread state ----

namespace {
std::atomic<int> g_error_mode{0};  // _OUT_TO_DEFAULT
thread_local void* t_exception_pointers = nullptr;  // what a SIGFPE/SIGSEGV handler may read
thread_local int t_fpecode = 0;
}  // namespace

int WINAPI _set_error_mode(int mode) noexcept {
  if (mode == 3) return g_error_mode.load();  // _REPORT_ERRMODE: a query
  if (mode < 0 || mode > 2) {
    msvcrt::set_errno(msvcrt::err::einval);
    _invalid_parameter_noinfo();
    return -1;
  }
  return g_error_mode.exchange(mode);
}

int WINAPI _query_app_type() noexcept { return msvcrt::app_type; }
void** WINAPI __pxcptinfoptrs() noexcept { return &t_exception_pointers; }
int* WINAPI __fpecode() noexcept { return &t_fpecode; }
DWORD WINAPI __threadid() noexcept { return k32::GetCurrentThreadId(); }
std::uintptr_t WINAPI __threadhandle() noexcept { return reinterpret_cast<std::uintptr_t>(k32::GetCurrentThread()); }
void WINAPI _sleep(msvcrt::crt_ulong ms) noexcept { k32::Sleep(ms); }

// ---- operator new ----

int WINAPI _set_new_mode(int mode) noexcept {
  if (mode != 0 && mode != 1) {
    msvcrt::set_errno(msvcrt::err::einval);
    return -1;
  }
  if (mode) FIXME_ONCE("new mode 1: malloc does not call the new handler on failure\n");
  return g_new_mode.exchange(mode);
}

int WINAPI _query_new_mode() noexcept { return g_new_mode.load(); }
new_handler_t WINAPI _set_new_handler(new_handler_t handler) noexcept { return g_new_handler.exchange(handler); }
new_handler_t WINAPI _query_new_handler() noexcept { return g_new_handler.load(); }

// operator new calls this when allocation fails: non-zero means "try again".
int WINAPI _callnewh(std::size_t size) noexcept {
  new_handler_t h = g_new_handler.load();
  if (!h) return 0;
  return loader::call_program("new handler", h, size) ? 1 : 0;
}

// ---- printf's %n: off unless the program turns it on ----

int WINAPI _set_printf_count_output(int enable) noexcept { return g_printf_count_output.exchange(enable ? 1 : 0); }
int WINAPI _get_printf_count_output() noexcept { return g_printf_count_output.load(); }

// ---- Locale objects: msvcrt's (crt_locale.cpp) ----

namespace {
unsigned char g_mbctype[257] = {};  // FIXME: lead bytes of the _setmbcp code page are not filled in
}  // namespace

// A new locale object holding the thread's current settings; the caller frees it.
void* WINAPI _get_current_locale() noexcept {
  const char* name = msvcrt::setlocale(0, nullptr);  // LC_ALL
  void* locale = msvcrt::_create_locale(0, name ? name : "C");
  if (!locale) FIXME("the current locale %s cannot be copied into a locale object\n", name ? name : "(null)");
  return locale;
}

void* WINAPI __p__mbctype() noexcept { return g_mbctype; }

// The locale names of the six categories (LC_COLLATE..LC_TIME), null for "C".
wchar** WINAPI ___lc_locale_name_func() noexcept {
  static wchar* names[6] = {};
  const char* current = msvcrt::setlocale(0, nullptr);
  if (current && !(current[0] == 'C' && !current[1]))
    FIXME_ONCE("locale names of categories set to %s are not reported\n", current);
  return names;
}

// Callers pair this lock with reads of the locale they expect to be consistent.
void WINAPI _lock_locales() noexcept { msvcrt::crt_lock(msvcrt::LOCK_TABLES).lock(); }
void WINAPI _unlock_locales() noexcept { msvcrt::crt_lock(msvcrt::LOCK_TABLES).unlock(); }

// ---- rand_s: the system's random generator, not rand()'s sequence ----

errno_t WINAPI rand_s(unsigned* value) noexcept {
  if (!value) {
    msvcrt::set_errno(msvcrt::err::einval);
    _invalid_parameter_noinfo();
    return msvcrt::err::einval;
  }
  if (!advapi32::SystemFunction036(value, sizeof *value)) {
    *value = 0;
    return msvcrt::err::enomem;
  }
  return 0;
}

}  // namespace sill::ucrtbase
