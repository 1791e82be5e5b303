// The conversion engines behind multibyte_to_wide/wide_to_multibyte (codepage.cpp,
// which checks arguments and flags first): UTF-8 (nls_utf8.cpp), table pages
// (nls_table_convert.cpp) and pages ICU converts whole (UTF-7, GB18030:
// nls_icu_convert.cpp). Each returns the length written (or needed when the
// sink only counts) or a Win32 error.
#pragma once
#include <cstddef>
#include <cstdint>

#include "base/wintypes.h"
#include "ntdll/winerror.h"

namespace sill::nt::nls {

// Where converted units go: counting only (capacity 0) or into a buffer that
// must not overflow (ERROR_INSUFFICIENT_BUFFER).
template <class T>
struct Sink {
  T* data;
  std::size_t capacity;  // 0: count only
  std::size_t size = 0;
  bool overflow = false;

  bool put(T v) {
    if (capacity) {
      if (size >= capacity) {
        overflow = true;
        return false;
      }
      data[size] = v;
    }
    ++size;
    return true;
  }
};

struct Result {
  std::size_t length;
  win::DWORD error;  // 0 on success
};

inline constexpr win::DWORD kMbErrInvalidChars = 8, kMbComposite = 2, kMbUseGlyphChars = 4;
inline constexpr win::DWORD kWcErrInvalidChars = 0x80, kWcNoBestFitChars = 0x400;

Result utf8_to_utf16(const unsigned char* src, std::size_t n, win::DWORD flags, Sink<char16_t>& out);
Result utf16_to_utf8(const char16_t* src, std::size_t n, win::DWORD flags, Sink<char>& out);

Result table_to_utf16(win::UINT cp, const unsigned char* src, std::size_t n, win::DWORD flags,
                      Sink<char16_t>& out);
// `default_char` null: the page's own. `used_default` may be null.
Result utf16_to_table(win::UINT cp, const char16_t* src, std::size_t n, win::DWORD flags, const char* default_char,
                      bool* used_default, Sink<char>& out);

Result icu_to_utf16(win::UINT cp, const unsigned char* src, std::size_t n, win::DWORD flags, Sink<char16_t>& out);
Result utf16_to_icu(win::UINT cp, const char16_t* src, std::size_t n, win::DWORD flags, Sink<char>& out);

}  // namespace sill::nt::nls
