// COM's task allocator: memory one component hands another (SHGetKnownFolderPath's path,
// string results of COM calls). It is the process heap, as on Windows.
#include "win32/combase/combase.h"
#include "win32/kernel32/kernel32.h"

namespace sill::combase {

namespace k32 = sill::kernel32;

void* WINAPI CoTaskMemAlloc(SIZE_T size) noexcept { return k32::HeapAlloc(k32::GetProcessHeap(), 0, size); }

void* WINAPI CoTaskMemRealloc(void* p, SIZE_T size) noexcept {
  if (!p) return CoTaskMemAlloc(size);
  if (!size) {
    CoTaskMemFree(p);
    return nullptr;
  }
  return k32::HeapReAlloc(k32::GetProcessHeap(), 0, p, size);
}

void WINAPI CoTaskMemFree(void* p) noexcept {
  if (p) k32::HeapFree(k32::GetProcessHeap(), 0, p);
}

}  // namespace sill::combase
