// The .reg text format regedit reads and writes, both versions:
//   "Windows Registry Editor Version 5.00" (UTF-16LE with a BOM, CRLF), and
//   "REGEDIT4" (the ANSI code page, CRLF).
// [KEY] and [-KEY] (delete the tree), "name"="text", @= (the default value),
// dword:xxxxxxxx, hex:..., hex(N):... with "\" line continuations, "name"=-
// (delete), ';' comments. Writing follows regedit's layout (see write_reg_file),
// so a file regedit wrote imports and exports back byte for byte.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "base/expected.h"

namespace sill::registry {

enum class RegVersion { Regedit4, Regedit5 };

struct RegValueEntry {
  std::u16string name;  // empty: the default value (@)
  bool remove = false;
  std::uint32_t type = 0;
  std::vector<std::uint8_t> data;  // as stored: UTF-16 for strings
};

struct RegKeyEntry {
  std::u16string path;  // with its root name, as written: HKEY_CURRENT_USER\Software\X
  bool remove = false;
  std::vector<RegValueEntry> values;
};

struct RegFile {
  RegVersion version = RegVersion::Regedit5;
  std::vector<RegKeyEntry> keys;
};

// Parses a whole file (encoding from its BOM: UTF-16LE, UTF-8, else the ANSI
// code page). Errors name the line.
Expected<RegFile> parse_reg_file(std::string_view bytes);

// The file's bytes: version 5 as UTF-16LE with a BOM, REGEDIT4 in the ANSI code page.
std::string write_reg_file(const RegFile& file);

}  // namespace sill::registry
