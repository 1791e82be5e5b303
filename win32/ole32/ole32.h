// Declarations of the ole32.dll exports Sill implements in ole32 itself; the rest of ole32
// forwards to combase (ole32_exports.cpp).
#pragma once
#include "base/wintypes.h"

namespace sill::ole32 {

using namespace sill::win;

HRESULT WINAPI CoInitialize(void* reserved) noexcept;

}  // namespace sill::ole32
