#include "desktop/mime_defaults.h"

#include <vector>

#include "desktop/files.h"

namespace sill::desktop {

namespace {

constexpr char kGroup[] = "[Default Applications]";

std::vector<std::string> split_lines(const std::string& text) {
  std::vector<std::string> lines;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    lines.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return lines;
}

std::string trim(const std::string& s) {
  std::size_t a = s.find_first_not_of(" \t\r"), b = s.find_last_not_of(" \t\r");
  return a == std::string::npos ? std::string() : s.substr(a, b - a + 1);
}

// The key of a "key=value" line, or empty.
std::string key_of(const std::string& line) {
  std::size_t eq = line.find('=');
  return eq == std::string::npos ? std::string() : trim(line.substr(0, eq));
}

}  // namespace

std::string mimeapps_list_path() { return config_home() + "/mimeapps.list"; }

std::string user_default_for(const std::string& type) {
  auto text = read_file(mimeapps_list_path());
  if (!text) return {};
  bool in_group = false;
  for (const std::string& raw : split_lines(*text)) {
    std::string line = trim(raw);
    if (!line.empty() && line[0] == '[') {
      in_group = line == kGroup;
      continue;
    }
    if (!in_group || key_of(line) != type) continue;
    std::string value = trim(line.substr(line.find('=') + 1));
    return value.substr(0, value.find(';'));
  }
  return {};
}

Expected<void> set_user_default(const std::string& type, const std::string& desktop_id) {
  std::string path = mimeapps_list_path();
  auto text = read_file(path);
  std::vector<std::string> lines = text ? split_lines(*text) : std::vector<std::string>{};
  std::vector<std::string> out;
  bool in_group = false, seen_group = false, written = false;
  std::string line_for = desktop_id.empty() ? std::string() : type + "=" + desktop_id + ";";
  for (const std::string& raw : lines) {
    std::string line = trim(raw);
    if (!line.empty() && line[0] == '[') {
      if (in_group && !written && !line_for.empty()) {
        out.push_back(line_for);
        written = true;
      }
      in_group = line == kGroup;
      seen_group |= in_group;
    } else if (in_group && key_of(line) == type) {
      if (!written && !line_for.empty()) out.push_back(line_for);
      written = true;
      continue;
    }
    out.push_back(raw);
  }
  if (!written && !line_for.empty()) {
    if (!seen_group) {
      if (!out.empty() && !trim(out.back()).empty()) out.push_back("");
      out.push_back(kGroup);
    } else if (!in_group) {
      // The group exists but is not the last one: add the line at its end.
      for (std::size_t i = 0; i < out.size(); ++i) {
        if (trim(out[i]) != kGroup) continue;
        std::size_t j = i + 1;
        while (j < out.size() && (trim(out[j]).empty() || trim(out[j])[0] != '[')) ++j;
        while (j > i + 1 && trim(out[j - 1]).empty()) --j;
        out.insert(out.begin() + static_cast<std::ptrdiff_t>(j), line_for);
        written = true;
        break;
      }
    }
    if (!written) out.push_back(line_for);
  }
  // A file that holds nothing but an empty group was Sill's alone: remove it.
  bool only_group = true;
  for (const std::string& l : out)
    if (!trim(l).empty() && trim(l) != kGroup) only_group = false;
  if (only_group) {
    if (text) remove_file(path);
    return {};
  }
  std::string result;
  for (const std::string& l : out) result += l + "\n";
  return write_file(path, result);
}

}  // namespace sill::desktop
