// `sill check FILE`: before running a program, lists every import nothing in
// Sill provides: functions missing from a built-in DLL's export table, from a
// DLL shipped next to the program, or whole DLLs found nowhere. Functions a
// program finds with GetProcAddress at run time are not seen, so a clean report
// is a floor, not a guarantee.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "loader/api_sets.h"
#include "loader/builtin_dll.h"
#include "loader/pe_file.h"
#include "tools/commands.h"
#include "tools/file_reader.h"

namespace sill::tools {
namespace {

using namespace sill::pe;

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

// Lower case without a trailing ".dll", so "KERNEL32" and "kernel32.dll" compare equal.
std::string dll_key(std::string_view name) {
  std::string s = lower(name);
  if (s.size() > 4 && s.compare(s.size() - 4, 4, ".dll") == 0) s.resize(s.size() - 4);
  return s;
}

std::string describe(const ImportEntry& e) {
  return e.by_ordinal ? "#" + std::to_string(e.ordinal) : printable(e.name);
}

const loader::BuiltinDll* find_builtin(std::string_view name) {
  std::string key = dll_key(name);
  for (const loader::BuiltinDll* d : loader::builtin_dlls())
    if (dll_key(d->name) == key) return d;
  return nullptr;
}

// A built-in export without an explicit ordinal gets its 1-based position in the table.
bool builtin_provides(const loader::BuiltinDll& dll, const ImportEntry& e, int depth = 0) {
  const auto& ex = dll.exports;
  for (std::size_t i = 0; i < ex.size(); ++i) {
    bool match = e.by_ordinal ? (ex[i].ordinal ? ex[i].ordinal : i + 1) == e.ordinal : ex[i].name == e.name;
    if (!match) continue;
    if (ex[i].forward.empty()) return true;
    // A forwarder is only as good as its target ("ntdll.RtlUnwind").
    std::string_view fwd = ex[i].forward;
    auto dot = fwd.find('.');
    if (dot == std::string_view::npos || depth > 4) return false;
    const loader::BuiltinDll* target = find_builtin(fwd.substr(0, dot));
    if (!target) return false;
    ImportEntry t{};
    std::string_view sym = fwd.substr(dot + 1);
    if (!sym.empty() && sym[0] == '#') {
      t.by_ordinal = true;
      t.ordinal = static_cast<std::uint16_t>(std::atoi(std::string(sym.substr(1)).c_str()));
    } else {
      t.name = std::string(sym);
    }
    return builtin_provides(*target, t, depth + 1);
  }
  return false;
}

bool native_provides(const Exports& ex, const ImportEntry& e) {
  for (const ExportEntry& x : ex.entries)
    if (e.by_ordinal ? x.ordinal == e.ordinal : x.name == e.name) return true;
  return false;
}

struct Totals {
  std::size_t dlls = 0, imports = 0, missing = 0, dlls_with_missing = 0;
};

class Checker {
 public:
  explicit Checker(std::filesystem::path dir) : dir_(std::move(dir)) {}
  void mark_visited(const std::string& path) { visited_.insert(lower(path)); }

  // Checks one PE file's imports; prefix indents the report of DLLs it pulls in.
  // Returns false (after printing the message) when the file cannot be read.
  bool check(const std::string& path, const std::string& prefix) {
    auto bytes = read_whole_file(path);
    if (!bytes) {
      std::fprintf(stderr, "sill: cannot open %s: %s\n", path.c_str(), bytes.error().message.c_str());
      return false;
    }
    auto pe = PeFile::parse(*bytes);
    if (!pe) {
      std::fprintf(stderr, "sill: %s: %s\n", path.c_str(), pe.error().message.c_str());
      return false;
    }
    auto imports = pe->imports();
    if (!imports) {
      std::fprintf(stderr, "sill: %s: %s\n", path.c_str(), imports.error().message.c_str());
      return false;
    }
    auto delay = pe->delay_imports();
    if (!delay) {
      std::fprintf(stderr, "sill: %s: %s\n", path.c_str(), delay.error().message.c_str());
      return false;
    }
    bool ok = true;
    for (const ImportDll& d : *imports) ok &= check_dll(d, false, prefix);
    for (const ImportDll& d : *delay) ok &= check_dll(d, true, prefix);
    return ok;
  }

  const Totals& totals() const { return totals_; }

 private:
  // A file in the program's directory whose name matches case-insensitively.
  std::optional<std::filesystem::path> find_local(const std::string& name) {
    std::string want = dll_key(name);
    std::error_code ec;
    for (const auto& entry : std::filesystem::directory_iterator(dir_, ec)) {
      if (!entry.is_regular_file(ec)) continue;
      if (dll_key(entry.path().filename().string()) == want && lower(entry.path().extension().string()) == ".dll")
        return entry.path();
    }
    return std::nullopt;
  }

  void line(const std::string& prefix, const ImportDll& d, bool delay, const std::string& where,
            const std::vector<std::string>& missing) {
    std::printf("%s%s%s%s: %zu imported", prefix.c_str(), printable(d.dll_name).c_str(), delay ? " (delay-loaded)" : "",
                where.c_str(), d.entries.size());
    if (missing.empty()) {
      std::printf(", none missing\n");
      return;
    }
    std::printf(", %zu missing:", missing.size());
    for (std::size_t i = 0; i < missing.size(); ++i) std::printf("%s %s", i ? "," : "", missing[i].c_str());
    std::printf("\n");
  }

  bool check_dll(const ImportDll& d, bool delay, const std::string& prefix) {
    ++totals_.dlls;
    totals_.imports += d.entries.size();
    std::string host = d.dll_name;
    std::string where;
    if (auto set = loader::resolve_api_set(d.dll_name)) {
      host = std::string(*set);
      where = " (API set of " + host + ")";
    }
    std::vector<std::string> missing;
    if (const loader::BuiltinDll* b = find_builtin(host)) {
      where += where.empty() ? " (built-in)" : "";
      for (const ImportEntry& e : d.entries)
        if (!builtin_provides(*b, e)) missing.push_back(describe(e));
      return report(prefix, d, delay, where, missing);
    }
    if (auto local = find_local(host)) {
      std::string key = lower(local->string());
      auto bytes = read_whole_file(local->string());
      Expected<Exports> ex = fail("unreadable");
      if (bytes) {
        auto parsed = PeFile::parse(*bytes);
        if (parsed) {
          ex = parsed->exports();
        } else {
          ex = Unexpected{parsed.error()};
        }
      } else {
        ex = fail(bytes.error().message);
      }
      if (!ex) {
        std::printf("%s%s%s: %zu imported, all missing: %s is unusable: %s\n", prefix.c_str(),
                    printable(d.dll_name).c_str(), delay ? " (delay-loaded)" : "", d.entries.size(),
                    local->filename().c_str(), ex.error().message.c_str());
        totals_.missing += d.entries.size();
        ++totals_.dlls_with_missing;
        return false;
      }
      where += " (" + local->filename().string() + " next to the program)";
      for (const ImportEntry& e : d.entries)
        if (!native_provides(*ex, e)) missing.push_back(describe(e));
      bool ok = report(prefix, d, delay, where, missing);
      // The DLL's own imports must be satisfied too; each file is checked once.
      if (visited_.insert(key).second)
        ok &= check(local->string(), prefix + local->filename().string() + " -> ");
      return ok;
    }
    std::printf("%s%s%s: %zu imported, DLL missing (not built in and not next to the program)\n", prefix.c_str(),
                printable(d.dll_name).c_str(), delay ? " (delay-loaded)" : "", d.entries.size());
    totals_.missing += d.entries.size();
    ++totals_.dlls_with_missing;
    return false;
  }

  bool report(const std::string& prefix, const ImportDll& d, bool delay, const std::string& where,
              const std::vector<std::string>& missing) {
    line(prefix, d, delay, where, missing);
    totals_.missing += missing.size();
    if (!missing.empty()) ++totals_.dlls_with_missing;
    return missing.empty();
  }

  std::filesystem::path dir_;
  std::set<std::string> visited_;
  Totals totals_;
};

}  // namespace

int command_check(const std::string& path) {
  std::filesystem::path p(path);
  std::filesystem::path dir = p.has_parent_path() ? p.parent_path() : std::filesystem::path(".");
  Checker checker(dir);
  // Unreadable or malformed input is a different answer (2) from "something is missing" (1).
  auto bytes = read_whole_file(path);
  if (!bytes) {
    std::fprintf(stderr, "sill: cannot open %s: %s\n", path.c_str(), bytes.error().message.c_str());
    return 2;
  }
  auto pe = PeFile::parse(*bytes);
  if (!pe) {
    std::fprintf(stderr, "sill: %s: %s\n", path.c_str(), pe.error().message.c_str());
    return 2;
  }
  if (auto i = pe->imports(); !i) {
    std::fprintf(stderr, "sill: %s: %s\n", path.c_str(), i.error().message.c_str());
    return 2;
  }
  if (auto i = pe->delay_imports(); !i) {
    std::fprintf(stderr, "sill: %s: %s\n", path.c_str(), i.error().message.c_str());
    return 2;
  }
  std::printf("%s:\n", path.c_str());
  checker.mark_visited((dir / p.filename()).string());
  bool ok = checker.check(path, "  ");
  std::fflush(stdout);
  const Totals& t = checker.totals();
  if (t.missing == 0) {
    std::printf("All %zu imports from %zu DLLs are provided.\n", t.imports, t.dlls);
  } else {
    std::printf("%zu of %zu imports missing, in %zu of %zu DLLs.\n", t.missing, t.imports, t.dlls_with_missing, t.dlls);
  }
  return ok && t.missing == 0 ? 0 : 1;
}

}  // namespace sill::tools
