// Starting the program: PEB, process parameters, the main thread's TEB and
// stack, KUSER_SHARED_DATA, loading the program and its DLLs, initializers,
// and the jump to the entry point.
#pragma once
#include <string>
#include <vector>

#include "loader/loader_internal.h"

namespace sill::loader {

// Runs the program at unix_path with the given arguments (argv[1..]).
// Returns only when the program cannot be started; the process exits otherwise.
LoadError run_program(const std::string& unix_path, const std::vector<std::string>& args);

}  // namespace sill::loader
