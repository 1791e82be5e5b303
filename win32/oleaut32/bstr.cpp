// BSTRs: a 4-byte byte count, the characters, a 2-byte NUL; the BSTR points at
// the characters (8-byte aligned). A null BSTR is the empty string.
#include <cstdlib>
#include <cstring>

#include "win32/oleaut32/oleaut32.h"

namespace sill::oleaut32 {
namespace {

// A block whose string part holds `bytes` bytes, copied from data when given (zeroed otherwise).
BSTR allocate(const void* data, UINT bytes) {
  if (bytes > 0x7FFFFFF0u) return nullptr;
  auto* block = static_cast<char*>(std::malloc(8 + std::size_t{bytes} + sizeof(OLECHAR)));
  if (!block) return nullptr;
  const DWORD prefix = bytes;
  std::memcpy(block + 4, &prefix, 4);
  if (data)
    std::memcpy(block + 8, data, bytes);
  else
    std::memset(block + 8, 0, bytes);
  std::memset(block + 8 + bytes, 0, sizeof(OLECHAR));
  return reinterpret_cast<BSTR>(block + 8);
}

std::size_t length(const OLECHAR* s) {
  std::size_t n = 0;
  while (s[n]) ++n;
  return n;
}

}  // namespace

BSTR WINAPI SysAllocString(const OLECHAR* s) noexcept {
  if (!s) return nullptr;
  return allocate(s, static_cast<UINT>(length(s) * sizeof(OLECHAR)));
}

BSTR WINAPI SysAllocStringLen(const OLECHAR* s, UINT chars) noexcept {
  if (chars > 0x3FFFFFF0u) return nullptr;
  return allocate(s, chars * static_cast<UINT>(sizeof(OLECHAR)));
}

BSTR WINAPI SysAllocStringByteLen(const char* s, UINT bytes) noexcept { return allocate(s, bytes); }

void WINAPI SysFreeString(BSTR b) noexcept {
  if (b) std::free(reinterpret_cast<char*>(b) - 8);
}

INT WINAPI SysReAllocStringLen(BSTR* b, const OLECHAR* s, UINT chars) noexcept {
  if (!b) return FALSE;
  BSTR fresh = SysAllocStringLen(s, chars);  // before freeing: s may point into *b
  if (!fresh) return FALSE;
  SysFreeString(*b);
  *b = fresh;
  return TRUE;
}

INT WINAPI SysReAllocString(BSTR* b, const OLECHAR* s) noexcept {
  if (!b) return FALSE;
  return SysReAllocStringLen(b, s, s ? static_cast<UINT>(length(s)) : 0);
}

UINT WINAPI SysStringByteLen(BSTR b) noexcept {
  if (!b) return 0;
  DWORD prefix;
  std::memcpy(&prefix, reinterpret_cast<char*>(b) - 4, 4);
  return prefix;
}

UINT WINAPI SysStringLen(BSTR b) noexcept { return SysStringByteLen(b) / sizeof(OLECHAR); }

}  // namespace sill::oleaut32
