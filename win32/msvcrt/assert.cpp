// <assert.h> and the runtime's error reporting hooks: _assert/_wassert (what mingw's
// assert() calls), the invalid-parameter handler, _purecall.
#include <cstdio>
#include <cstring>
#include <string>

#include "base/debug.h"
#include "win32/msvcrt/msvcrt.h"
#include "win32/msvcrt/msvcrt_api.h"

SILL_DEFAULT_DEBUG_CHANNEL(msvcrt);

namespace sill::msvcrt {
namespace {

using invalid_parameter_handler = void(WINAPI*)(const wchar*, const wchar*, const wchar*, unsigned, std::uintptr_t);
invalid_parameter_handler g_invalid_parameter = nullptr;

void write_stderr(const std::string& s) {
  FILE* f = &iob[2];
  stdio::Guard g(f);
  stdio::write_nolock(s.data(), s.size(), f);
  stdio::flush_nolock(f);
}

std::string narrow(const wchar* s) {
  std::string out;
  for (; s && *s; ++s) out.push_back(*s < 0x80 ? static_cast<char>(*s) : '?');
  return out;
}

}  // namespace

// A console program's failed assertion: the message on stderr, then abort().
[[noreturn]] void WINAPI _assert(const char* expr, const char* file, unsigned line) noexcept {
  try {
    write_stderr("Assertion failed: " + std::string(expr ? expr : "") + ", file " + (file ? file : "") +
                 ", line " + std::to_string(line) + "\n");
  } catch (...) {
  }
  abort();
}

[[noreturn]] void WINAPI _wassert(const wchar* expr, const wchar* file, unsigned line) noexcept {
  try {
    write_stderr("Assertion failed: " + narrow(expr) + ", file " + narrow(file) + ", line " + std::to_string(line) +
                 "\n");
  } catch (...) {
  }
  abort();
}

void* WINAPI _set_invalid_parameter_handler(void* handler) noexcept {
  if (handler) FIXME_ONCE("the invalid-parameter handler is recorded; invalid parameters set errno instead\n");
  void* old = reinterpret_cast<void*>(g_invalid_parameter);
  g_invalid_parameter = reinterpret_cast<invalid_parameter_handler>(handler);
  return old;
}

void* WINAPI _get_invalid_parameter_handler() noexcept { return reinterpret_cast<void*>(g_invalid_parameter); }

[[noreturn]] void WINAPI _purecall() noexcept {
  write_stderr("\nruntime error R6025\n- pure virtual function call\n");
  abort();
}

}  // namespace sill::msvcrt
