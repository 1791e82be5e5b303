#include "loader/api_sets.h"

#include <algorithm>
#include <array>
#include <string>

namespace sill::loader {

namespace {

struct ApiSetEntry {
  std::string_view prefix;  // the name without its "-lX-Y-Z" version suffix
  std::string_view host;
};

// Sorted by prefix. The UCRT sets all live in ucrtbase; the core sets in kernelbase on Windows,
// which Sill folds into kernel32 (kernel32 forwards nothing there). Sets whose host Sill does not
// have yet still resolve: the loader then reports the missing host DLL by its real name.
constexpr std::array kApiSets = {
    ApiSetEntry{"api-ms-win-core-com", "combase.dll"},
    ApiSetEntry{"api-ms-win-core-console", "kernel32.dll"},
    ApiSetEntry{"api-ms-win-core-datetime", "kernel32.dll"},
    ApiSetEntry{"api-ms-win-core-debug", "kernel32.dll"},
    ApiSetEntry{"api-ms-win-core-errorhandling", "kernel32.dll"},
    ApiSetEntry{"api-ms-win-core-fibers", "kernel32.dll"},
    ApiSetEntry{"api-ms-win-core-file", "kernel32.dll"},
    ApiSetEntry{"api-ms-win-core-handle", "kernel32.dll"},
    ApiSetEntry{"api-ms-win-core-heap", "kernel32.dll"},
    ApiSetEntry{"api-ms-win-core-interlocked", "kernel32.dll"},
    ApiSetEntry{"api-ms-win-core-libraryloader", "kernel32.dll"},
    ApiSetEntry{"api-ms-win-core-localization", "kernel32.dll"},
    ApiSetEntry{"api-ms-win-core-memory", "kernel32.dll"},
    ApiSetEntry{"api-ms-win-core-namedpipe", "kernel32.dll"},
    ApiSetEntry{"api-ms-win-core-path", "kernelbase.dll"},
    ApiSetEntry{"api-ms-win-core-processenvironment", "kernel32.dll"},
    ApiSetEntry{"api-ms-win-core-processthreads", "kernel32.dll"},
    ApiSetEntry{"api-ms-win-core-profile", "kernel32.dll"},
    ApiSetEntry{"api-ms-win-core-registry", "advapi32.dll"},  // kernelbase on Windows; Reg* live in advapi32 here
    ApiSetEntry{"api-ms-win-core-rtlsupport", "ntdll.dll"},
    ApiSetEntry{"api-ms-win-core-string", "kernel32.dll"},
    ApiSetEntry{"api-ms-win-core-synch", "kernel32.dll"},
    ApiSetEntry{"api-ms-win-core-sysinfo", "kernel32.dll"},
    ApiSetEntry{"api-ms-win-core-timezone", "kernel32.dll"},
    ApiSetEntry{"api-ms-win-core-util", "kernel32.dll"},
    ApiSetEntry{"api-ms-win-core-version", "version.dll"},  // kernelbase on Windows; the functions live in version.dll here
    ApiSetEntry{"api-ms-win-core-versionansi", "version.dll"},
    ApiSetEntry{"api-ms-win-core-winrt", "combase.dll"},
    ApiSetEntry{"api-ms-win-core-winrt-error", "combase.dll"},
    ApiSetEntry{"api-ms-win-core-winrt-string", "combase.dll"},
    ApiSetEntry{"api-ms-win-core-wow64", "kernel32.dll"},
    ApiSetEntry{"api-ms-win-crt-conio", "ucrtbase.dll"},
    ApiSetEntry{"api-ms-win-crt-convert", "ucrtbase.dll"},
    ApiSetEntry{"api-ms-win-crt-environment", "ucrtbase.dll"},
    ApiSetEntry{"api-ms-win-crt-filesystem", "ucrtbase.dll"},
    ApiSetEntry{"api-ms-win-crt-heap", "ucrtbase.dll"},
    ApiSetEntry{"api-ms-win-crt-locale", "ucrtbase.dll"},
    ApiSetEntry{"api-ms-win-crt-math", "ucrtbase.dll"},
    ApiSetEntry{"api-ms-win-crt-multibyte", "ucrtbase.dll"},
    ApiSetEntry{"api-ms-win-crt-private", "ucrtbase.dll"},
    ApiSetEntry{"api-ms-win-crt-process", "ucrtbase.dll"},
    ApiSetEntry{"api-ms-win-crt-runtime", "ucrtbase.dll"},
    ApiSetEntry{"api-ms-win-crt-stdio", "ucrtbase.dll"},
    ApiSetEntry{"api-ms-win-crt-string", "ucrtbase.dll"},
    ApiSetEntry{"api-ms-win-crt-time", "ucrtbase.dll"},
    ApiSetEntry{"api-ms-win-crt-utility", "ucrtbase.dll"},
    ApiSetEntry{"api-ms-win-eventing-provider", "advapi32.dll"},
    ApiSetEntry{"api-ms-win-security-base", "advapi32.dll"},
    ApiSetEntry{"api-ms-win-security-sddl", "advapi32.dll"},
    ApiSetEntry{"ext-ms-win-ntuser-window", "user32.dll"},
};

constexpr bool sorted() {
  for (std::size_t i = 1; i < kApiSets.size(); ++i)
    if (!(kApiSets[i - 1].prefix < kApiSets[i].prefix)) return false;
  return true;
}
static_assert(sorted(), "kApiSets must stay sorted for binary search");

std::string lower_ascii(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

// "api-ms-win-crt-runtime-l1-1-0" -> "api-ms-win-crt-runtime": drops "-lN-N-N" (the last three
// dash-separated parts when the first of them starts with 'l' and the rest are digits).
std::string_view strip_version(std::string_view name) {
  std::size_t end = name.size();
  for (int part = 0; part < 3; ++part) {
    std::size_t dash = name.rfind('-', end - 1);
    if (dash == std::string_view::npos || end == 0) return name;
    std::string_view piece = name.substr(dash + 1, end - dash - 1);
    if (piece.empty()) return name;
    std::size_t digits_from = (part == 2) ? 1 : 0;
    if (part == 2 && piece[0] != 'l') return name;
    if (piece.size() <= digits_from) return name;
    for (std::size_t i = digits_from; i < piece.size(); ++i)
      if (piece[i] < '0' || piece[i] > '9') return name;
    end = dash;
  }
  return name.substr(0, end);
}

}  // namespace

std::optional<std::string_view> resolve_api_set(std::string_view dll_name) {
  std::string name = lower_ascii(dll_name);
  if (name.size() > 4 && name.ends_with(".dll")) name.resize(name.size() - 4);
  if (!name.starts_with("api-ms-") && !name.starts_with("ext-ms-")) return std::nullopt;
  std::string_view key = strip_version(name);
  auto it = std::lower_bound(kApiSets.begin(), kApiSets.end(), key,
                             [](const ApiSetEntry& e, std::string_view k) { return e.prefix < k; });
  if (it != kApiSets.end() && it->prefix == key) return it->host;
  return std::nullopt;
}

}  // namespace sill::loader
