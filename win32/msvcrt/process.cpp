// <process.h>: CRT threads over kernel32 threads, and the process id. Per-thread CRT
// state (errno, strtok, rand) lives in thread_local storage, so a thread needs no
// set-up beyond what kernel32 gives it.
#include <cstdlib>
#include <new>

#include "base/debug.h"
#include "win32/kernel32/kernel32.h"
#include "win32/msvcrt/msvcrt.h"
#include "win32/msvcrt/msvcrt_api.h"

SILL_DEFAULT_DEBUG_CHANNEL(msvcrt);

namespace sill::msvcrt {

namespace k32 = sill::kernel32;

namespace {

struct StartEx {
  unsigned(WINAPI* start)(void*);
  void* arg;
};

struct Start {
  void(WINAPI* start)(void*);
  void* arg;
};

DWORD WINAPI run_thread_ex(void* p) {
  StartEx s = *static_cast<StartEx*>(p);
  delete static_cast<StartEx*>(p);
  _endthreadex(s.start(s.arg));
}

DWORD WINAPI run_thread(void* p) {
  Start s = *static_cast<Start*>(p);
  delete static_cast<Start*>(p);
  s.start(s.arg);
  _endthread();
}

}  // namespace

std::uintptr_t WINAPI _beginthreadex(void* security, unsigned stack, unsigned(WINAPI* start)(void*), void* arg,
                                     unsigned flags, unsigned* id) noexcept {
  if (!start) {
    set_errno(err::einval);
    return 0;
  }
  auto* s = new (std::nothrow) StartEx{start, arg};
  if (!s) {
    set_errno(err::enomem);
    return 0;
  }
  DWORD tid = 0;
  HANDLE h = k32::CreateThread(static_cast<k32::SECURITY_ATTRIBUTES*>(security), stack, run_thread_ex, s, flags, &tid);
  if (!h) {
    delete s;
    set_errno_from_win32(k32::GetLastError());
    return 0;
  }
  if (id) *id = tid;
  return reinterpret_cast<std::uintptr_t>(h);
}

[[noreturn]] void WINAPI _endthreadex(unsigned code) noexcept { k32::ExitThread(code); }

// _beginthread's handle is closed by the thread itself when it ends; callers must not
// wait on it after that.
std::uintptr_t WINAPI _beginthread(void(WINAPI* start)(void*), unsigned stack, void* arg) noexcept {
  if (!start) {
    set_errno(err::einval);
    return static_cast<std::uintptr_t>(-1);
  }
  auto* s = new (std::nothrow) Start{start, arg};
  if (!s) {
    set_errno(err::enomem);
    return static_cast<std::uintptr_t>(-1);
  }
  HANDLE h = k32::CreateThread(nullptr, stack, run_thread, s, 0, nullptr);
  if (!h) {
    delete s;
    set_errno_from_win32(k32::GetLastError());
    return static_cast<std::uintptr_t>(-1);
  }
  return reinterpret_cast<std::uintptr_t>(h);
}

[[noreturn]] void WINAPI _endthread() noexcept {
  FIXME_ONCE("the handle of a _beginthread thread is not closed when it ends\n");
  k32::ExitThread(0);
}

int WINAPI _getpid() noexcept { return static_cast<int>(k32::GetCurrentProcessId()); }

}  // namespace sill::msvcrt
