// Declarations of Sill's bcryptprimitives.dll exports.
#pragma once
#include <cstddef>

#include "base/wintypes.h"

namespace sill::bcryptprimitives {

using namespace sill::win;

// The system's random generator, which Go and Rust call at start-up; never fails.
BOOL WINAPI ProcessPrng(unsigned char* data, std::size_t length) noexcept;

}  // namespace sill::bcryptprimitives
