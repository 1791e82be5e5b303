#include "loader/environment_block.h"

#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <map>
#include <string_view>

#include "base/unicode.h"
#include "ntdll/path_mapping.h"
#include "ntdll/prefix.h"

namespace sill::loader {

namespace {

std::u16string upper(std::u16string_view s) {
  std::u16string out(s);
  for (auto& c : out)
    if (c >= u'a' && c <= u'z') c = static_cast<char16_t>(c - u'a' + u'A');
  return out;
}

// "/usr/bin:/bin" -> "C:\windows\system32;C:\windows;Z:\usr\bin;Z:\bin"
std::u16string windows_search_path(std::string_view unix_path) {
  std::u16string out = u"C:\\windows\\system32;C:\\windows;C:\\windows\\system32\\wbem";
  while (!unix_path.empty()) {
    auto colon = unix_path.find(':');
    std::string_view dir = unix_path.substr(0, colon);
    if (!dir.empty() && dir.front() == '/') {
      out += u';';
      out += nt::unix_path_to_dos(dir);
    }
    unix_path = colon == std::string_view::npos ? std::string_view{} : unix_path.substr(colon + 1);
  }
  return out;
}

}  // namespace

std::u16string build_environment_block(char** unix_environment) {
  // Keyed by the upper-case name: Windows names are case-insensitive and the block is sorted.
  std::map<std::u16string, std::u16string> vars;
  auto set = [&](std::u16string_view name, std::u16string value) {
    vars[upper(name)] = std::u16string(name) + u"=" + value;
  };
  auto set_default = [&](std::u16string_view name, std::u16string value) {
    if (!vars.contains(upper(name))) set(name, std::move(value));
  };
  for (char** e = unix_environment; e && *e; ++e) {
    std::string_view entry(*e);
    auto eq = entry.find('=');
    if (eq == 0 || eq == std::string_view::npos) continue;
    std::string_view name = entry.substr(0, eq), value = entry.substr(eq + 1);
    if (name == "PATH") set(u"PATH", windows_search_path(value));
    else set(utf8_to_utf16(name), utf8_to_utf16(value));
  }
  // The user's folders are the prefix's (ntdll/prefix.cpp makes them).
  std::u16string user16 = utf8_to_utf16(nt::prefix_user_name());
  char host[256] = "sill";
  gethostname(host, sizeof host - 1);
  std::u16string profile = u"C:\\users\\" + user16;
  std::u16string temp = profile + u"\\Temp";
  // A Unix TEMP/TMP (a Linux path) means nothing to a Windows program; one a Windows parent passed on stays.
  for (std::u16string_view name : {u"TEMP", u"TMP"})
    if (auto it = vars.find(std::u16string(name)); it != vars.end()) {
      std::u16string_view value = std::u16string_view(it->second).substr(name.size() + 1);
      if (value.size() < 3 || value[1] != u':' || (value[2] != u'\\' && value[2] != u'/')) vars.erase(it);
    }

  set_default(u"PATH", windows_search_path(""));
  set_default(u"SystemRoot", u"C:\\windows");
  set_default(u"windir", u"C:\\windows");
  set_default(u"SystemDrive", u"C:");
  set_default(u"ComSpec", u"C:\\windows\\system32\\cmd.exe");
  set_default(u"PATHEXT", u".COM;.EXE;.BAT;.CMD;.VBS;.JS;.MSC");
  set_default(u"OS", u"Windows_NT");
  set_default(u"PROCESSOR_ARCHITECTURE", u"AMD64");
  set_default(u"NUMBER_OF_PROCESSORS", utf8_to_utf16(std::to_string(std::max(1L, sysconf(_SC_NPROCESSORS_ONLN)))));
  set_default(u"TEMP", temp);
  set_default(u"TMP", temp);
  set_default(u"USERNAME", user16);
  set_default(u"COMPUTERNAME", upper(utf8_to_utf16(host)));
  set_default(u"USERPROFILE", profile);
  set_default(u"APPDATA", profile + u"\\AppData\\Roaming");
  set_default(u"LOCALAPPDATA", profile + u"\\AppData\\Local");
  set_default(u"ProgramData", u"C:\\ProgramData");
  set_default(u"ProgramFiles", u"C:\\Program Files");
  set_default(u"ProgramFiles(x86)", u"C:\\Program Files (x86)");
  set_default(u"CommonProgramFiles", u"C:\\Program Files\\Common Files");
  set_default(u"PUBLIC", u"C:\\users\\Public");
  set_default(u"ALLUSERSPROFILE", u"C:\\ProgramData");

  std::u16string block;
  for (const auto& [key, entry] : vars) {
    block += entry;
    block += u'\0';
  }
  if (block.empty()) block += u'\0';
  block += u'\0';
  return block;
}

}  // namespace sill::loader
