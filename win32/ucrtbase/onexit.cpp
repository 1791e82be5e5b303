// The UCRT's exit machinery: the per-module onexit tables MSVC's start-up code keeps
// (_initialize_onexit_table, _register_onexit_function, _execute_onexit_table), the
// process table behind _crt_atexit (msvcrt's atexit table, shared), quick_exit's table,
// and the thread-local destructor callback exit() runs first.
#include <cstdlib>
#include <mutex>
#include <vector>

#include "base/debug.h"
#include "loader/callback.h"
#include "win32/msvcrt/msvcrt.h"
#include "win32/msvcrt/msvcrt_api.h"
#include "win32/ucrtbase/ucrtbase.h"

SILL_DEFAULT_DEBUG_CHANNEL(msvcrt);

namespace sill::ucrtbase {

namespace {

tls_callback_t g_thread_local_exit_callback = nullptr;
std::vector<msvcrt::vfunc_t> g_quick_exit_table;  // under LOCK_EXIT

void run_thread_local_destructors() {
  tls_callback_t cb = g_thread_local_exit_callback;
  g_thread_local_exit_callback = nullptr;
  if (cb) loader::call_program("thread_local exit callback", cb, nullptr, DWORD{0}, nullptr);  // DLL_PROCESS_DETACH
}

}  // namespace

int WINAPI _initialize_onexit_table(OnexitTable* table) noexcept {
  if (!table) return -1;
  if (table->first) return 0;  // already set up
  table->first = table->last = table->end = nullptr;
  return 0;
}

// The table's array comes from this CRT's heap and grows by doubling; the module's
// start-up code only ever hands it back to _execute_onexit_table.
int WINAPI _register_onexit_function(OnexitTable* table, msvcrt::onexit_t fn) noexcept {
  if (!table) return -1;
  std::lock_guard<std::recursive_mutex> g(msvcrt::crt_lock(msvcrt::LOCK_EXIT));
  std::size_t used = table->first ? static_cast<std::size_t>(table->last - table->first) : 0;
  std::size_t capacity = table->first ? static_cast<std::size_t>(table->end - table->first) : 0;
  if (used == capacity) {
    std::size_t grown = capacity ? capacity * 2 : 32;
    auto* p = static_cast<msvcrt::vfunc_t*>(msvcrt::realloc(table->first, grown * sizeof(msvcrt::vfunc_t)));
    if (!p) return -1;
    table->first = p;
    table->last = p + used;
    table->end = p + grown;
  }
  *table->last++ = reinterpret_cast<msvcrt::vfunc_t>(fn);
  return 0;
}

// Runs the functions newest first. One registered while the table runs is picked up: the
// table is re-read after each call, as the UCRT does.
int WINAPI _execute_onexit_table(OnexitTable* table) noexcept {
  if (!table) return -1;
  std::lock_guard<std::recursive_mutex> g(msvcrt::crt_lock(msvcrt::LOCK_EXIT));
  for (;;) {
    if (!table->first || table->last == table->first) break;
    msvcrt::vfunc_t fn = *--table->last;
    if (fn) loader::call_program("onexit function", fn);
  }
  msvcrt::free(table->first);
  table->first = table->last = table->end = nullptr;
  return 0;
}

int WINAPI _crt_atexit(msvcrt::vfunc_t fn) noexcept { return msvcrt::atexit(fn); }

int WINAPI _crt_at_quick_exit(msvcrt::vfunc_t fn) noexcept {
  if (!fn) return -1;
  std::lock_guard<std::recursive_mutex> g(msvcrt::crt_lock(msvcrt::LOCK_EXIT));
  try {
    g_quick_exit_table.push_back(fn);
  } catch (...) {
    return -1;
  }
  return 0;
}

int WINAPI at_quick_exit(msvcrt::vfunc_t fn) noexcept { return _crt_at_quick_exit(fn); }

void WINAPI _register_thread_local_exe_atexit_callback(tls_callback_t callback) noexcept {
  // The UCRT accepts one; a second registration is a fatal error there.
  if (g_thread_local_exit_callback) FIXME("a second thread_local exit callback replaces the first\n");
  g_thread_local_exit_callback = callback;
}

void WINAPI _cexit() noexcept {
  run_thread_local_destructors();
  msvcrt::_cexit();
}

[[noreturn]] void WINAPI exit(int code) noexcept {
  run_thread_local_destructors();
  msvcrt::exit(code);
}

[[noreturn]] void WINAPI quick_exit(int code) noexcept {
  {
    std::lock_guard<std::recursive_mutex> g(msvcrt::crt_lock(msvcrt::LOCK_EXIT));
    while (!g_quick_exit_table.empty()) {
      msvcrt::vfunc_t fn = g_quick_exit_table.back();
      g_quick_exit_table.pop_back();
      loader::call_program("at_quick_exit function", fn);
    }
  }
  msvcrt::_exit(code);
}

}  // namespace sill::ucrtbase
