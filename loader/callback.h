// Calls out of a built-in into the program (qsort comparators, atexit and
// signal handlers, thread start routines, ...) go through call_program so that
// +relay logs them like calls into built-ins.
#pragma once
#include <cstdint>
#include <type_traits>

#include "base/wintypes.h"

namespace sill::loader {

bool relay_callbacks_on();
void log_callback_call(const char* what, const void* fn);
void log_callback_return(const char* what, const void* fn, std::uint64_t value);

template <class R, class... A>
R call_program(const char* what, R(WINAPI* fn)(A...), std::type_identity_t<A>... args) {
  if (__builtin_expect(!relay_callbacks_on(), 1)) return fn(args...);
  log_callback_call(what, reinterpret_cast<const void*>(fn));
  if constexpr (std::is_void_v<R>) {
    fn(args...);
    log_callback_return(what, reinterpret_cast<const void*>(fn), 0);
  } else {
    R r = fn(args...);
    std::uint64_t bits = 0;
    if constexpr (std::is_integral_v<R> || std::is_enum_v<R>) bits = static_cast<std::uint64_t>(r);
    else if constexpr (std::is_pointer_v<R>) bits = reinterpret_cast<std::uint64_t>(r);
    log_callback_return(what, reinterpret_cast<const void*>(fn), bits);
    return r;
  }
}

}  // namespace sill::loader
