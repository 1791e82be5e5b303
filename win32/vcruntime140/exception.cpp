// vcruntime's std::exception helpers, the per-thread state it keeps beside the C++ exception
// runtime (the SE translator, __processing_throw), and small start-up helpers MSVC-built code
// imports. The current-exception slots, terminate and type_info are msvc_eh's (one store for
// every CRT DLL).
#include <cstring>

#include "base/debug.h"
#include "win32/kernel32/kernel32.h"
#include "win32/msvc_eh/msvc_eh.h"
#include "win32/msvcrt/msvcrt_api.h"
#include "win32/vcruntime140/vcruntime140.h"

SILL_DEFAULT_DEBUG_CHANNEL(msvcrt);

namespace sill::vcruntime {

namespace {

// What vcruntime keeps per thread for C++ exceptions.
struct ThreadData {
  int processing_throw = 0;
  se_translator_t se_translator = nullptr;
};

ThreadData& thread_data() {
  thread_local ThreadData data;
  return data;
}

}  // namespace

// A copy owns its text when the source did: std::exception copies deep-copy the message.
void WINAPI __std_exception_copy(const StdExceptionData* from, StdExceptionData* to) noexcept {
  if (!from || !to) return;
  to->what = nullptr;
  to->do_free = false;
  if (!from->do_free || !from->what) {
    to->what = from->what;
    return;
  }
  std::size_t n = std::strlen(from->what) + 1;
  auto* text = static_cast<char*>(msvcrt::malloc(n));
  if (!text) return;  // as the real one: an empty exception rather than a failure
  std::memcpy(text, from->what, n);
  to->what = text;
  to->do_free = true;
}

void WINAPI __std_exception_destroy(StdExceptionData* data) noexcept {
  if (!data) return;
  if (data->do_free) msvcrt::free(const_cast<char*>(data->what));
  data->what = nullptr;
  data->do_free = false;
}

[[noreturn]] void WINAPI __std_terminate() noexcept { msvc_eh::terminate(); }

int* WINAPI __processing_throw() noexcept { return &thread_data().processing_throw; }

se_translator_t WINAPI _set_se_translator(se_translator_t translator) noexcept {
  ThreadData& d = thread_data();
  se_translator_t old = d.se_translator;
  d.se_translator = translator;
  return old;
}

se_translator_t current_se_translator() noexcept { return thread_data().se_translator; }

BOOL WINAPI __vcrt_InitializeCriticalSectionEx(kernel32::CRITICAL_SECTION* cs, DWORD spin, DWORD flags) noexcept {
  return kernel32::InitializeCriticalSectionEx(cs, spin, flags);
}

// Debugger notification points ("a non-local goto is happening"): nothing listens.
void WINAPI __NLG_Dispatch2() noexcept {}
void WINAPI __NLG_Return2() noexcept {}

}  // namespace sill::vcruntime
