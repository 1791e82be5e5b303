// UTF-8 <-> UTF-16 conversion for the ABI edge (Windows text is UTF-16).
#pragma once
#include <string>
#include <string_view>

namespace sill {

// Invalid sequences become U+FFFD; lone surrogates are encoded as WTF-8 so
// that Windows names round-trip.
std::u16string utf8_to_utf16(std::string_view s);
std::string utf16_to_utf8(std::u16string_view s);

// Length of a NUL-terminated UTF-16 string.
inline std::size_t wcslen16(const char16_t* s) {
  std::size_t n = 0;
  while (s[n]) ++n;
  return n;
}

}  // namespace sill
