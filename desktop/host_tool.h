// Running a helper program of the host desktop (update-mime-database, ...) found
// through PATH, without a shell, its output discarded.
#pragma once
#include <string>
#include <vector>

namespace sill::desktop {

// The program's exit status, or -1 when it is not installed or could not be started.
int run_host_tool(const std::vector<std::string>& argv);

}  // namespace sill::desktop
