// Declarations of Sill's combase.dll exports (COM's task allocator for now). ole32.dll
// exports the same functions on Windows and forwards them here.
#pragma once
#include "base/wintypes.h"

namespace sill::combase {

using namespace sill::win;

void* WINAPI CoTaskMemAlloc(SIZE_T size) noexcept;
void* WINAPI CoTaskMemRealloc(void* p, SIZE_T size) noexcept;
void WINAPI CoTaskMemFree(void* p) noexcept;

}  // namespace sill::combase
