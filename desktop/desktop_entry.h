// Writing freedesktop Desktop Entry files (Desktop Entry Specification 1.5): the
// escapes of string values and the quoting rules of the Exec key.
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace sill::desktop {

struct DesktopEntry {
  std::string type = "Application";  // or "Directory"
  std::string name;
  std::string comment;
  std::vector<std::string> exec;  // the argument vector; field codes (%f) given as separate words
  std::string path;               // working folder
  std::string icon;
  std::vector<std::string> mime_types;
  std::vector<std::string> categories;
  std::string startup_wm_class;
  bool no_display = false;
};

// One argument of Exec, quoted when it holds a reserved character, with '%' doubled.
// A word that is exactly a field code (%f, %F, %u, %U) is left as it is.
std::string quote_exec_argument(std::string_view arg);
// A value of type string or localestring: \s is not needed, but newline, tab, CR and
// backslash are escaped; other control characters are dropped.
std::string escape_value(std::string_view value);
// A list value ("a;b;"): each element escaped and ';' inside it escaped.
std::string list_value(const std::vector<std::string>& items);

// The whole file, starting with a comment naming Sill as its author.
std::string render_desktop_entry(const DesktopEntry& entry);

}  // namespace sill::desktop
