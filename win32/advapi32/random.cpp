// SystemFunction036 (RtlGenRandom): the CRT's rand_s and many programs seed from it.
#include <sys/random.h>

#include <cerrno>

#include "win32/advapi32/advapi32.h"

namespace sill::advapi32 {

BOOLEAN WINAPI SystemFunction036(void* buffer, ULONG length) noexcept {
  auto* p = static_cast<unsigned char*>(buffer);
  while (length > 0) {
    ssize_t n = getrandom(p, length, 0);
    if (n < 0) {
      if (errno == EINTR) continue;
      return FALSE;
    }
    p += n;
    length -= static_cast<ULONG>(n);
  }
  return TRUE;
}

}  // namespace sill::advapi32
