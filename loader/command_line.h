// Turning a Unix argument vector into a Windows command line. The CRT of the
// program parses it back (CommandLineToArgvW rules), so quoting must be exact.
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace sill::loader {

// Quotes one argument so that Microsoft's CRT parser yields it unchanged:
// arguments with spaces, tabs or quotes (or empty ones) are enclosed in quotes,
// quotes are escaped with a backslash, and backslashes are doubled only where
// they precede a quote.
std::u16string quote_windows_argument(std::u16string_view arg);

// The program name is special: the CRT takes it up to the next quote or space
// without any escape processing, so it is quoted only when it contains spaces.
std::u16string build_windows_command_line(std::u16string_view program,
                                          const std::vector<std::u16string>& args);

}  // namespace sill::loader
