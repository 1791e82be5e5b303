// `sill desktop open PROGID FILE...`: what an association's entry runs. The ProgID's
// command line (from the registry at that moment) becomes a program and arguments:
// %1 and %L are the document's Windows path, %2..%9 the further ones, %* all of them;
// a command that names none of them gets the documents appended, as the shell does.
#pragma once
#include <string>
#include <vector>

#include "base/expected.h"

namespace sill::desktop {

struct LaunchCommand {
  std::string program;  // a Unix path, as `sill PROGRAM` takes it
  std::vector<std::string> args;
};

// `windows_files` are the documents as Windows paths.
Expected<LaunchCommand> expand_association_command(const std::string& command_line,
                                                   const std::vector<std::string>& windows_files);
// The same for the ProgID's command in the current prefix and Unix paths of documents.
Expected<LaunchCommand> association_launch_command(const std::string& prog_id,
                                                   const std::vector<std::string>& unix_files);

}  // namespace sill::desktop
