// Calls a host libm function and carries its errno (EDOM/ERANGE, the same numbers on
// Linux and Windows) over to the program's errno. Shared by msvcrt's and the UCRT's math.
#pragma once
#include <cerrno>

#include "win32/msvcrt/msvcrt.h"

namespace sill::msvcrt {

template <class F, class... A>
auto checked_math(F f, A... a) {
  errno = 0;
  auto r = f(a...);
  if (errno) set_errno(errno_from_host(errno));
  return r;
}

}  // namespace sill::msvcrt
