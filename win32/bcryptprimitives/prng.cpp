// ProcessPrng: random bytes from the kernel, the same source as RtlGenRandom.
#include "win32/advapi32/advapi32.h"
#include "win32/bcryptprimitives/bcryptprimitives.h"

namespace sill::bcryptprimitives {

// Documented to always return TRUE; getrandom(2) cannot fail once the kernel's pool is ready,
// so FALSE here would mean a kernel without getrandom.
BOOL WINAPI ProcessPrng(unsigned char* data, std::size_t length) noexcept {
  while (length > 0) {
    ULONG chunk = length > 0x40000000 ? 0x40000000 : static_cast<ULONG>(length);
    if (!advapi32::SystemFunction036(data, chunk)) return FALSE;
    data += chunk;
    length -= chunk;
  }
  return TRUE;
}

}  // namespace sill::bcryptprimitives
