// Helpers the PE parsers (pe_file.cpp, pe_resources.cpp) share: unaligned
// loads of structures from untrusted bytes, and hex numbers for error messages.
#pragma once
#include <cinttypes>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <string>

namespace sill::pe::detail {

inline std::string hex(std::uint64_t v) {
  char buf[24];
  std::snprintf(buf, sizeof buf, "0x%" PRIx64, v);
  return buf;
}

// The caller has checked that sizeof(T) bytes at p are inside the buffer.
template <class T>
T load(const std::uint8_t* p) {
  T v;
  std::memcpy(&v, p, sizeof v);
  return v;
}

}  // namespace sill::pe::detail
