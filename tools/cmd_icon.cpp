// sill icon PROGRAM.exe|ICON.ico OUT_DIR [--index N] [--name NAME]: the program's icon as PNG
// files of the hicolor sizes, laid out as an icon theme (OUT_DIR/48x48/apps/NAME.png).
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include "desktop/icon_export.h"
#include "desktop/icon_theme.h"
#include "tools/commands.h"

namespace sill::tools {
namespace {

int icon_usage(const std::string& message) {
  std::fprintf(stderr,
               "sill: %s\nUsage: sill icon PROGRAM.exe OUT_DIR [--index N] [--name NAME]\n"
               "Try 'sill --help' for more information.\n",
               message.c_str());
  return 2;
}

// "Game.EXE" -> "game": the default icon name.
std::string default_name(const std::string& path) {
  std::string name = std::filesystem::path(path).stem().string();
  std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return std::tolower(c); });
  return name;
}

bool parse_index(const std::string& text, int& index) {
  try {
    std::size_t used = 0;
    long value = std::stol(text, &used);
    if (used != text.size() || value < -0xffff || value > 0xffff) return false;
    index = int(value);
    return true;
  } catch (const std::exception&) {
    return false;
  }
}

}  // namespace

int command_icon(const std::vector<std::string>& args) {
  std::vector<std::string> positional;
  int index = 0;
  std::string name;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    std::string option = a, value;
    bool has_value = false;
    if (auto eq = a.find('='); a.rfind("--", 0) == 0 && eq != std::string::npos) {
      option = a.substr(0, eq), value = a.substr(eq + 1), has_value = true;
    }
    if (option == "--index" || option == "--name") {
      if (!has_value) {
        if (i + 1 >= args.size()) return icon_usage(option + " needs a value");
        value = args[++i];
      }
      if (option == "--index" && !parse_index(value, index))
        return icon_usage("--index takes an integer (an icon group's position, or -ID)");
      if (option == "--name") name = value;
    } else if (a.size() > 1 && a[0] == '-' && a != "-") {
      return icon_usage("unknown option '" + a + "'");
    } else {
      positional.push_back(a);
    }
  }
  if (positional.size() != 2) return icon_usage("'icon' takes a program and an output folder");
  const std::string& program = positional[0];
  if (name.empty()) name = default_name(program);
  if (!desktop::valid_icon_name(name)) return icon_usage("'" + name + "' cannot be an icon's file name");

  if (::access(program.c_str(), R_OK) != 0) {
    std::fprintf(stderr, "sill: cannot read %s: %s\n", program.c_str(), std::strerror(errno));
    return 1;
  }
  auto icons = desktop::hicolor_icons_from_file(program, index);
  if (!icons) {
    std::fprintf(stderr, "sill: no icon from %s: %s\n", program.c_str(), icons.error().message.c_str());
    return 1;
  }
  auto written = desktop::write_theme_icons(*icons, positional[1], name);
  if (!written) {
    std::fprintf(stderr, "sill: %s\n", written.error().message.c_str());
    return 1;
  }
  for (const auto& path : *written) std::printf("%s\n", path.c_str());
  return 0;
}

}  // namespace sill::tools
