// utilapiset.h (pointer encoding) and the error mode (errhandlingapi.h's
// SetErrorMode, which is process state, not exception handling).
#include <sys/random.h>

#include <atomic>

#include "win32/kernel32/kernel32.h"

namespace sill::kernel32 {

namespace {
// A per-process secret, as Windows keeps: encoded pointers are rotated and XORed.
ULONG_PTR cookie() {
  static const ULONG_PTR value = [] {
    ULONG_PTR v = 0;
    if (getrandom(&v, sizeof v, 0) != sizeof v) v = reinterpret_cast<ULONG_PTR>(&v) * 0x9E3779B97F4A7C15ull;
    return v | 1;
  }();
  return value;
}
ULONG_PTR rotr(ULONG_PTR v, unsigned n) { n &= 63; return n ? (v >> n) | (v << (64 - n)) : v; }
ULONG_PTR rotl(ULONG_PTR v, unsigned n) { n &= 63; return n ? (v << n) | (v >> (64 - n)) : v; }

std::atomic<UINT> g_error_mode{0};
}  // namespace

void* WINAPI EncodePointer(void* p) noexcept {
  ULONG_PTR c = cookie();
  return reinterpret_cast<void*>(rotr(reinterpret_cast<ULONG_PTR>(p) ^ c, static_cast<unsigned>(c & 0x3F)));
}
void* WINAPI DecodePointer(void* p) noexcept {
  ULONG_PTR c = cookie();
  return reinterpret_cast<void*>(rotl(reinterpret_cast<ULONG_PTR>(p), static_cast<unsigned>(c & 0x3F)) ^ c);
}
// The system cookie is shared between processes on Windows; one process here.
void* WINAPI EncodeSystemPointer(void* p) noexcept { return EncodePointer(p); }
void* WINAPI DecodeSystemPointer(void* p) noexcept { return DecodePointer(p); }

UINT WINAPI SetErrorMode(UINT mode) noexcept { return g_error_mode.exchange(mode); }
UINT WINAPI GetErrorMode() noexcept { return g_error_mode.load(); }

}  // namespace sill::kernel32
