// Declarations of Sill's advapi32 exports (Windows signatures): the registry,
// security and identity, and the odd system functions programs import from it.
#pragma once
#include "base/wintypes.h"

namespace sill::advapi32 {

using namespace sill::win;

// RtlGenRandom: fills the buffer with random bytes from the kernel.
BOOLEAN WINAPI SystemFunction036(void* buffer, ULONG length) noexcept;

}  // namespace sill::advapi32
