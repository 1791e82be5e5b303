#include "desktop/association_launch.h"

#include <unistd.h>

#include "base/unicode.h"
#include "desktop/class_registry.h"
#include "ntdll/path_mapping.h"
#include "ntdll/registry_key.h"
#include "win32/msvcrt/command_line.h"

namespace sill::desktop {

namespace {

// One word with its %-codes replaced; `used` notes that a document went in.
std::string expand_word(const std::string& word, const std::vector<std::string>& files, bool& used) {
  std::string out;
  for (std::size_t i = 0; i < word.size(); ++i) {
    if (word[i] != '%' || i + 1 == word.size()) {
      out += word[i];
      continue;
    }
    char c = word[++i];
    if (c == '1' || c == 'L' || c == 'l') {
      used = true;
      if (!files.empty()) out += files[0];
    } else if (c >= '2' && c <= '9') {
      used = true;
      if (static_cast<std::size_t>(c - '1') < files.size()) out += files[static_cast<std::size_t>(c - '1')];
    } else if (c == '%') {
      out += '%';
    } else {
      out += '%';
      out += c;  // %SystemRoot% and the like stay for the program's environment
    }
  }
  return out;
}

}  // namespace

Expected<LaunchCommand> expand_association_command(const std::string& command_line,
                                                   const std::vector<std::string>& windows_files) {
  std::u16string line = utf8_to_utf16(command_line);
  auto words = msvcrt::split_command_line(line.c_str());
  if (words.empty() || words[0].empty()) return fail("the command \"" + command_line + "\" names no program");
  auto program = nt::dos_path_to_unix(words[0]);
  if (!program) return fail("the command's program " + utf16_to_utf8(words[0]) + " is not a valid path");
  LaunchCommand out{*program, {}};
  bool used = false;
  for (std::size_t i = 1; i < words.size(); ++i) {
    std::string word = utf16_to_utf8(words[i]);
    if (word == "%*") {
      used = true;
      for (const std::string& f : windows_files) out.args.push_back(f);
      continue;
    }
    out.args.push_back(expand_word(word, windows_files, used));
  }
  if (!used)
    for (const std::string& f : windows_files) out.args.push_back(f);
  return out;
}

Expected<LaunchCommand> association_launch_command(const std::string& prog_id,
                                                   const std::vector<std::string>& unix_files) {
  registry::Store* store = nt::registry_store();
  if (!store) return fail("the prefix's registry cannot be opened");
  auto command = prog_id_command(*store, prog_id);
  if (!command) return fail("no program is registered to open " + prog_id + " documents");
  std::vector<std::string> windows_files;
  for (const std::string& f : unix_files) {
    std::string absolute = f;
    if (absolute.empty() || absolute[0] != '/') {
      char cwd[4096];
      if (getcwd(cwd, sizeof cwd)) absolute = std::string(cwd) + "/" + f;
    }
    windows_files.push_back(utf16_to_utf8(nt::unix_path_to_dos(absolute)));
  }
  return expand_association_command(*command, windows_files);
}

}  // namespace sill::desktop
