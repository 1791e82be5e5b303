#include "desktop/desktop_entry.h"

namespace sill::desktop {

namespace {

bool is_field_code(std::string_view arg) {
  return arg == "%f" || arg == "%F" || arg == "%u" || arg == "%U";
}

}  // namespace

std::string quote_exec_argument(std::string_view arg) {
  if (is_field_code(arg)) return std::string(arg);
  // The spec's reserved characters: an argument holding one must be quoted.
  static constexpr std::string_view kReserved = " \t\n\"'\\><~|&;$*?#()`";
  bool quote = arg.empty() || arg.find_first_of(kReserved) != std::string_view::npos;
  std::string out;
  if (quote) out += '"';
  for (char c : arg) {
    // Inside quotes '"', '`', '$' and '\' take a backslash.
    if (quote && (c == '"' || c == '`' || c == '$' || c == '\\')) out += '\\';
    if (c == '%') out += '%';  // a literal percent sign
    out += c;
  }
  if (quote) out += '"';
  return out;
}

std::string escape_value(std::string_view value) {
  std::string out;
  for (char c : value) {
    switch (c) {
      case '\n': out += "\\n"; break;
      case '\t': out += "\\t"; break;
      case '\r': out += "\\r"; break;
      case '\\': out += "\\\\"; break;
      default:
        if (static_cast<unsigned char>(c) >= 0x20 && c != 0x7f) out += c;
    }
  }
  return out;
}

std::string list_value(const std::vector<std::string>& items) {
  std::string out;
  for (const std::string& item : items) {
    for (char c : escape_value(item)) {
      if (c == ';') out += '\\';
      out += c;
    }
    out += ';';
  }
  return out;
}

std::string render_desktop_entry(const DesktopEntry& e) {
  std::string out = "# Written by Sill; `sill desktop uninstall` or `sill desktop sync` manages this file.\n";
  out += "[Desktop Entry]\nType=" + e.type + "\n";
  out += "Name=" + escape_value(e.name) + "\n";
  if (!e.comment.empty()) out += "Comment=" + escape_value(e.comment) + "\n";
  if (!e.exec.empty()) {
    // The quoting rule applies to the arguments first; the string escapes then apply to the
    // whole value, which is why a backslash in a quoted argument ends up as four.
    std::string line;
    for (const std::string& arg : e.exec) {
      if (!line.empty()) line += ' ';
      line += quote_exec_argument(arg);
    }
    out += "Exec=" + escape_value(line) + "\n";
  }
  if (!e.path.empty()) out += "Path=" + escape_value(e.path) + "\n";
  if (!e.icon.empty()) out += "Icon=" + escape_value(e.icon) + "\n";
  if (!e.mime_types.empty()) out += "MimeType=" + list_value(e.mime_types) + "\n";
  if (!e.categories.empty()) out += "Categories=" + list_value(e.categories) + "\n";
  if (!e.startup_wm_class.empty()) out += "StartupWMClass=" + escape_value(e.startup_wm_class) + "\n";
  if (e.no_display) out += "NoDisplay=true\n";
  if (e.type == "Application") out += "Terminal=false\n";
  return out;
}

}  // namespace sill::desktop
