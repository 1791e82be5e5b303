// heapapi.h, and winbase.h's Local*/Global* (fixed memory on the process heap).
#include <algorithm>

#include "base/debug.h"
#include "ntdll/heap.h"
#include "ntdll/nt_structs.h"
#include "win32/kernel32/kernel32.h"
#include "win32/kernel32/kernel32_internal.h"

SILL_DEFAULT_DEBUG_CHANNEL(heap);

namespace sill::kernel32 {

namespace {
constexpr UINT LMEM_MOVEABLE = 0x2, LMEM_ZEROINIT = 0x40, LMEM_MODIFY = 0x80;

nt::Heap* heap_of(HANDLE h) { return nt::is_heap(h) ? static_cast<nt::Heap*>(h) : nullptr; }
}  // namespace

HANDLE WINAPI GetProcessHeap() noexcept { return nt::process_heap(); }

HANDLE WINAPI HeapCreate(DWORD flags, SIZE_T initial, SIZE_T maximum) noexcept {
  try {
    // A non-zero maximum makes a fixed-size heap; initial only pre-commits on Windows.
    return nt::create_heap(flags, maximum ? std::max(maximum, initial) : 0);
  } catch (...) {
    return fail_error(win::ERROR_NOT_ENOUGH_MEMORY, nullptr);
  }
}

BOOL WINAPI HeapDestroy(HANDLE heap) noexcept {
  if (heap == nt::process_heap()) return fail_error(win::ERROR_INVALID_PARAMETER, FALSE);
  return nt::destroy_heap(heap_of(heap)) ? TRUE : fail_error(win::ERROR_INVALID_HANDLE, FALSE);
}

void* WINAPI HeapAlloc(HANDLE heap, DWORD flags, SIZE_T size) noexcept {
  nt::Heap* h = heap_of(heap);
  if (!h) return fail_error(win::ERROR_INVALID_HANDLE, nullptr);
  void* p = nt::heap_alloc(h, flags, size);
  if (!p) {
    if (flags & nt::HEAP_GENERATE_EXCEPTIONS) FIXME("HEAP_GENERATE_EXCEPTIONS: no exception raised");
    return fail_error(win::ERROR_NOT_ENOUGH_MEMORY, nullptr);
  }
  return p;
}

void* WINAPI HeapReAlloc(HANDLE heap, DWORD flags, void* p, SIZE_T size) noexcept {
  nt::Heap* h = heap_of(heap);
  if (!h) return fail_error(win::ERROR_INVALID_HANDLE, nullptr);
  if (!p) return fail_error(win::ERROR_INVALID_PARAMETER, nullptr);
  void* r = nt::heap_realloc(h, flags, p, size);
  if (!r) return fail_error(win::ERROR_NOT_ENOUGH_MEMORY, nullptr);
  return r;
}

BOOL WINAPI HeapFree(HANDLE heap, DWORD flags, void* p) noexcept {
  if (!p) return TRUE;
  return nt::heap_free(heap_of(heap), p) ? TRUE : fail_error(win::ERROR_INVALID_PARAMETER, FALSE);
}

SIZE_T WINAPI HeapSize(HANDLE heap, DWORD flags, const void* p) noexcept {
  SIZE_T n = nt::heap_size(p);
  if (n == SIZE_MAX) return fail_error(win::ERROR_INVALID_PARAMETER, static_cast<SIZE_T>(-1));
  return n;
}

BOOL WINAPI HeapValidate(HANDLE heap, DWORD flags, const void* p) noexcept {
  if (!heap_of(heap)) return FALSE;
  return p ? nt::heap_validate(p) : TRUE;
}

// Local and Global memory: fixed blocks on the process heap. Moveable memory
// would need handles to blocks; programs that lock what they allocate work the same.
HLOCAL WINAPI LocalAlloc(UINT flags, SIZE_T size) noexcept {
  if (flags & LMEM_MOVEABLE) FIXME_ONCE("moveable memory is allocated fixed");
  void* p = nt::heap_alloc(nt::process_heap(), (flags & LMEM_ZEROINIT) ? nt::HEAP_ZERO_MEMORY : 0, size);
  if (!p) return fail_error(win::ERROR_NOT_ENOUGH_MEMORY, nullptr);
  return p;
}
HLOCAL WINAPI LocalFree(HLOCAL mem) noexcept {
  if (!mem) return nullptr;
  if (!nt::heap_free(nt::process_heap(), mem)) return fail_error(win::ERROR_INVALID_HANDLE, mem);
  return nullptr;
}
HLOCAL WINAPI LocalReAlloc(HLOCAL mem, SIZE_T size, UINT flags) noexcept {
  if (flags & LMEM_MODIFY) return mem;  // only flags change: nothing to do for fixed memory
  void* p = nt::heap_realloc(nt::process_heap(), (flags & LMEM_ZEROINIT) ? nt::HEAP_ZERO_MEMORY : 0, mem, size);
  if (!p) return fail_error(win::ERROR_NOT_ENOUGH_MEMORY, nullptr);
  return p;
}
SIZE_T WINAPI LocalSize(HLOCAL mem) noexcept {
  SIZE_T n = nt::heap_size(mem);
  return n == SIZE_MAX ? fail_error(win::ERROR_INVALID_HANDLE, SIZE_T{0}) : n;
}
HGLOBAL WINAPI GlobalAlloc(UINT flags, SIZE_T size) noexcept { return LocalAlloc(flags, size); }
HGLOBAL WINAPI GlobalFree(HGLOBAL mem) noexcept { return LocalFree(mem); }
void* WINAPI GlobalLock(HGLOBAL mem) noexcept {
  if (!mem) return fail_error(win::ERROR_INVALID_HANDLE, nullptr);
  return mem;
}
BOOL WINAPI GlobalUnlock(HGLOBAL mem) noexcept {
  // Fixed memory has no lock count: Windows answers FALSE with no error.
  nt::set_last_error(win::ERROR_SUCCESS);
  return FALSE;
}

}  // namespace sill::kernel32
