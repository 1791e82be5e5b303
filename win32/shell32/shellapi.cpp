// CommandLineToArgvW: a command line split with the C runtime's rules (msvcrt's splitter,
// shared), returned as one LocalAlloc block the caller frees with LocalFree.
#include <cstring>
#include <string>
#include <vector>

#include "win32/kernel32/kernel32.h"
#include "win32/msvcrt/command_line.h"
#include "win32/shell32/shell32.h"

namespace sill::shell32 {

namespace k32 = sill::kernel32;

namespace {
constexpr DWORD kErrorInvalidParameter = 87;
}

WCHAR** WINAPI CommandLineToArgvW(const WCHAR* command_line, int* count) noexcept {
  if (!count) {
    k32::SetLastError(kErrorInvalidParameter);
    return nullptr;
  }
  try {
    std::vector<std::u16string> args;
    if (!command_line || !*command_line) {
      // An empty command line stands for the program itself.
      WCHAR path[32768];
      DWORD n = k32::GetModuleFileNameW(nullptr, path, 32768);
      args.emplace_back(path, n);
    } else {
      args = msvcrt::split_command_line<WCHAR>(command_line);
    }
    std::size_t bytes = (args.size() + 1) * sizeof(WCHAR*);
    for (const auto& a : args) bytes += (a.size() + 1) * sizeof(WCHAR);
    auto** argv = static_cast<WCHAR**>(k32::LocalAlloc(0, bytes));
    if (!argv) return nullptr;
    auto* text = reinterpret_cast<WCHAR*>(argv + args.size() + 1);
    for (std::size_t i = 0; i < args.size(); ++i) {
      argv[i] = text;
      std::memcpy(text, args[i].c_str(), (args[i].size() + 1) * sizeof(WCHAR));
      text += args[i].size() + 1;
    }
    argv[args.size()] = nullptr;
    *count = static_cast<int>(args.size());
    return argv;
  } catch (...) {
    k32::SetLastError(8);  // ERROR_NOT_ENOUGH_MEMORY
    return nullptr;
  }
}

}  // namespace sill::shell32
