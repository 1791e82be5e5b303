// Helpers for the shell scripts that sill writes for launchers (sill steam install,
// sill wine-shim install): they call this sill by its absolute path.
#pragma once
#include <string>

namespace sill::tools {

// `s` as one word for /bin/sh, in single quotes.
std::string shell_quote(const std::string& s);
// The absolute path of the running sill executable; empty when /proc/self/exe cannot be read.
std::string self_path();

}  // namespace sill::tools
