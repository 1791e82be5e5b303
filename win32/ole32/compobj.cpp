// CoInitialize: the single-threaded apartment form of combase's CoInitializeEx, which is
// what it has always been documented to be.
#include "win32/combase/combase.h"
#include "win32/ole32/ole32.h"

namespace sill::ole32 {

namespace {
constexpr DWORD COINIT_APARTMENTTHREADED = 0x2;
}

HRESULT WINAPI CoInitialize(void* reserved) noexcept {
  return combase::CoInitializeEx(reserved, COINIT_APARTMENTTHREADED);
}

}  // namespace sill::ole32
