// Reading a whole file for the inspection commands (info, check).
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "base/expected.h"

namespace sill::tools {

// The whole file, or a message saying why not (strerror text).
Expected<std::vector<std::uint8_t>> read_whole_file(const std::string& path);

}  // namespace sill::tools
