// The `sill` command: runs Windows programs and inspects PE files.
//   sill PROGRAM.exe [ARGS...]      sill run PROGRAM.exe [ARGS...]
//   sill info FILE                  sill check FILE
// Options before the command: --help, --version, --debug SPEC (like SILLDEBUG).
#include <boost/program_options.hpp>
#include <cstdio>
#include <iostream>
#include <string>
#include <vector>

#include "base/debug.h"
#include "tools/commands.h"

namespace po = boost::program_options;

namespace {

constexpr const char* kUsage =
    "Usage: sill [OPTIONS] PROGRAM.exe [ARGS...]\n"
    "       sill [OPTIONS] run PROGRAM.exe [ARGS...]\n"
    "       sill [OPTIONS] SHORTCUT.lnk [ARGS...]  runs the shortcut's target with its arguments, in its folder\n"
    "       sill info FILE      show the headers, sections, imports and exports of a PE file\n"
    "       sill check FILE     list the imports Sill does not provide (exit status 1 if any)\n"
    "       sill prefix init [DIR]  create the prefix (default: $SILL_PREFIX or ~/.local/share/sill/default)\n"
    "       sill path --unix|--windows PATH  convert a path between Windows and Unix forms\n"
    "       sill reg query|add|delete|import|export|check ...  the prefix's registry, like reg.exe\n"
    "       sill kill [--prefix DIR]  end every process of the prefix at once (like wineserver -k)\n"
    "       sill wait [--prefix DIR]  return when every process of the prefix has ended (wineserver -w)\n"
    "       sill steam install|uninstall [--name NAME] [--dir DIR]  Sill as a Steam compatibility tool\n"
    "       sill desktop install|uninstall|sync|list|enable|disable  menu entries and file associations\n"
    "       sill icon PROGRAM.exe OUT_DIR [--index N] [--name NAME]  the program's icon as PNGs of the\n"
    "                           hicolor sizes: OUT_DIR/48x48/apps/NAME.png, ... (a .ico file works too)\n"
    "       sill wine-shim install|uninstall DIR  DIR/bin/wine, wineboot, wineserver, winepath, regedit:\n"
    "                           Wine's commands done by sill, for Lutris' Wine runner and Bottles\n"
    "\n"
    "Runs 64-bit Windows programs natively on Linux. The program's exit code becomes\n"
    "sill's exit status (the low 8 bits, as on Linux); its standard streams are sill's.\n"
    "\n"
    "Environment:\n"
    "  SILLDEBUG=+relay,warn+all,-heap   debug channels (Wine's WINEDEBUG is accepted too)\n"
    "  SILL_DLLOVERRIDES=name=n,b;...     prefer native (n) or built-in (b) DLLs\n"
    "  SILL_LOCALE=ja-JP                  the Windows user locale (default: from LC_ALL, LC_MESSAGES, LANG)\n"
    "  SILL_CODEPAGES=932 | 1251,866      ANSI[,OEM] code pages (default: the locale's, en_US: 1252,437)\n"
    "  SILL_PREFIX=DIR                    the prefix (made on first use; Wine's WINEPREFIX is not read)\n"
    "  SILL_NO_MENUS=1                    no automatic menu entries or file associations\n"
    "\n";

int usage_error(const std::string& message) {
  std::fprintf(stderr, "sill: %s\nTry 'sill --help' for more information.\n", message.c_str());
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  // Options end at the first word that is not one: everything after belongs to the command.
  int first = 1;
  while (first < argc && argv[first][0] == '-' && argv[first][1] != '\0') {
    std::string a = argv[first];
    if (a == "--") {
      ++first;
      break;
    }
    // --debug takes a value in the next word unless written --debug=SPEC.
    if ((a == "--debug" || a == "-d") && first + 1 < argc) ++first;
    ++first;
  }

  po::options_description options("Options");
  options.add_options()("help,h", "show this help and exit")("version,V", "show the version and exit")(
      "debug,d", po::value<std::string>(), "debug channels, e.g. +relay,warn+all (overrides SILLDEBUG)");
  po::variables_map vm;
  try {
    po::store(po::command_line_parser(first, argv).options(options).run(), vm);
    po::notify(vm);
  } catch (const po::error& e) {
    return usage_error(e.what());
  }
  if (vm.count("help")) {
    std::cout << kUsage << options << "\n";
    return 0;
  }
  if (vm.count("version")) {
    std::cout << "sill " << SILL_VERSION << " (reports Windows 10.0.19045, x86-64)\n";
    return 0;
  }
  sill::debug::configure_from_environment();
  if (vm.count("debug")) sill::debug::configure(vm["debug"].as<std::string>());

  if (first >= argc) return usage_error("no program given");
  std::string command = argv[first];
  std::vector<std::string> rest(argv + first + 1, argv + argc);
  if (command == "info" || command == "check") {
    if (rest.size() != 1) return usage_error("'" + command + "' takes exactly one file");
    return command == "info" ? sill::tools::command_info(rest[0]) : sill::tools::command_check(rest[0]);
  }
  if (command == "prefix") return sill::tools::command_prefix(rest);
  if (command == "path") return sill::tools::command_path(rest);
  if (command == "reg") return sill::tools::command_reg(rest);
  if (command == "kill") return sill::tools::command_kill(rest);
  if (command == "wait") return sill::tools::command_wait(rest);
  if (command == "steam") return sill::tools::command_steam(rest);
  if (command == "desktop") return sill::tools::command_desktop(rest);
  if (command == "icon") return sill::tools::command_icon(rest);
  if (command == "wine-shim") return sill::tools::command_wine_shim(rest);
  if (command == "run") {
    if (rest.empty()) return usage_error("'run' needs a program");
    command = rest.front();
    rest.erase(rest.begin());
  }
  return sill::tools::command_run(command, rest);
}
