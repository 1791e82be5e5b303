// The program's initial environment: the Unix environment, with PATH turned
// into a Windows search path and the variables every Windows process has
// (SystemRoot, windir, TEMP, ...) added when the Unix side lacks them.
#pragma once
#include <string>

namespace sill::loader {

// A Windows environment block: "NAME=value\0...\0\0", sorted case-insensitively by name.
std::u16string build_environment_block(char** unix_environment);

}  // namespace sill::loader
