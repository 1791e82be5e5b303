// The end of a process and msvcrt's part in it: atexit/_onexit tables, exit/_exit/
// _cexit, abort and _amsg_exit, the numbered CRT locks, and the DLL entry point that
// sets the CRT up at attach and flushes every stream at detach.
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <mutex>
#include <vector>

#include "base/debug.h"
#include "win32/kernel32/kernel32.h"
#include "win32/msvcrt/msvcrt.h"
#include "win32/msvcrt/msvcrt_api.h"

SILL_DEFAULT_DEBUG_CHANNEL(msvcrt);

namespace sill::msvcrt {

namespace k32 = sill::kernel32;

namespace {

constexpr int kLockCount = 64;
std::recursive_mutex g_locks[kLockCount];

std::vector<vfunc_t>& exit_table() {
  static std::vector<vfunc_t> t;
  return t;
}

void write_stderr(const char* s) {
  FILE* f = &iob[2];
  stdio::Guard g(f);
  stdio::write_nolock(s, std::strlen(s), f);
  stdio::flush_nolock(f);
}

}  // namespace

std::recursive_mutex& crt_lock(int n) { return g_locks[(n >= 0 && n < kLockCount) ? n : kLockCount - 1]; }

void run_exit_handlers() {
  std::lock_guard<std::recursive_mutex> g(crt_lock(LOCK_EXIT));
  // Handlers may register more handlers; each runs once, newest first.
  auto& t = exit_table();
  while (!t.empty()) {
    vfunc_t fn = t.back();
    t.pop_back();
    if (fn) fn();
  }
}

// ---- Exports ----

void WINAPI _lock(int n) noexcept { crt_lock(n).lock(); }
void WINAPI _unlock(int n) noexcept { crt_lock(n).unlock(); }

onexit_t WINAPI _onexit(onexit_t fn) noexcept {
  if (!fn) return nullptr;
  std::lock_guard<std::recursive_mutex> g(crt_lock(LOCK_EXIT));
  try {
    exit_table().push_back(reinterpret_cast<vfunc_t>(fn));
  } catch (...) {
    return nullptr;
  }
  return fn;
}

int WINAPI atexit(vfunc_t fn) noexcept {
  return _onexit(reinterpret_cast<onexit_t>(fn)) ? 0 : -1;
}

// A DLL's own table: *begin is a malloc'd array the DLL's start-up code owns and
// later walks itself; we only append to it.
onexit_t WINAPI __dllonexit(onexit_t fn, vfunc_t** begin, vfunc_t** end) noexcept {
  if (!fn || !begin || !end) return nullptr;
  std::lock_guard<std::recursive_mutex> g(crt_lock(LOCK_EXIT));
  std::size_t count = *begin ? static_cast<std::size_t>(*end - *begin) : 0;
  // The table was allocated with this CRT's malloc by the DLL's start-up code.
  auto* table = static_cast<vfunc_t*>(realloc(*begin, (count + 1) * sizeof(vfunc_t)));
  if (!table) return nullptr;
  table[count] = reinterpret_cast<vfunc_t>(fn);
  *begin = table;
  *end = table + count + 1;
  return fn;
}

void WINAPI _cexit() noexcept {
  run_exit_handlers();
  stdio::flush_all(false);
}

void WINAPI _c_exit() noexcept {}

[[noreturn]] void WINAPI exit(int code) noexcept {
  run_exit_handlers();
  stdio::flush_all(false);
  k32::ExitProcess(static_cast<UINT>(code));
}

[[noreturn]] void WINAPI _exit(int code) noexcept { k32::ExitProcess(static_cast<UINT>(code)); }

[[noreturn]] void WINAPI _amsg_exit(int error) noexcept {
  char msg[64];
  std::snprintf(msg, sizeof msg, "\nruntime error R60%02d\n", error);
  write_stderr(msg);
  _exit(255);
}

[[noreturn]] void WINAPI abort() noexcept {
  // A SIGABRT handler runs first; if it returns, the message and status 3 follow.
  if (signal_handler_installed(SIGNAL_ABRT)) raise(SIGNAL_ABRT);
  write_stderr(
      "\nThis application has requested the Runtime to terminate it in an unusual way.\n"
      "Please contact the application's support team for more information.\n");
  _exit(3);
}

unsigned WINAPI _set_abort_behavior(unsigned flags, unsigned mask) noexcept {
  static unsigned behavior = 1;
  unsigned old = behavior;
  behavior = (behavior & ~mask) | (flags & mask);
  return old;
}

// DLL_PROCESS_ATTACH sets up what start-up code reads as data (_acmdln, _environ, the
// standard descriptors); DLL_PROCESS_DETACH pushes out whatever streams still hold.
BOOL WINAPI dll_main(HINSTANCE, DWORD reason, void*) noexcept {
  if (reason == 1) initialize_startup_data();
  if (reason == 0) stdio::flush_all(false, true);
  return TRUE;
}

}  // namespace sill::msvcrt
