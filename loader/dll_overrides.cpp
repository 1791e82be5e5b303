#include "loader/dll_overrides.h"

#include <cstdlib>
#include <map>
#include <mutex>

namespace sill::loader {

namespace {

struct Overrides {
  std::mutex lock;
  bool loaded = false;
  std::map<std::string, std::string, std::less<>> order;  // "msvcrt" -> "nb"
};

Overrides& overrides() {
  static Overrides* o = new Overrides;
  return *o;
}

std::string normalize(std::string_view name) {
  std::string s;
  for (char c : name) {
    if (c == ' ') continue;
    s += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  }
  if (s.size() > 4 && s.ends_with(".dll")) s.resize(s.size() - 4);
  return s;
}

void parse_into(std::map<std::string, std::string, std::less<>>& out, std::string_view spec) {
  while (!spec.empty()) {
    auto semi = spec.find(';');
    std::string_view entry = spec.substr(0, semi);
    spec = semi == std::string_view::npos ? std::string_view{} : spec.substr(semi + 1);
    auto eq = entry.find('=');
    if (eq == std::string_view::npos) continue;
    std::string modes;
    for (char c : entry.substr(eq + 1))
      if (c == 'n' || c == 'b') modes += c;
    std::string_view names = entry.substr(0, eq);
    while (!names.empty()) {
      auto comma = names.find(',');
      std::string name = normalize(names.substr(0, comma));
      if (!name.empty()) out[name] = modes;
      names = comma == std::string_view::npos ? std::string_view{} : names.substr(comma + 1);
    }
  }
}

}  // namespace

void set_dll_overrides(std::string_view spec) {
  auto& o = overrides();
  std::lock_guard guard(o.lock);
  o.order.clear();
  parse_into(o.order, spec);
  o.loaded = true;
}

std::string dll_load_order(std::string_view name, bool has_builtin) {
  auto& o = overrides();
  std::lock_guard guard(o.lock);
  if (!o.loaded) {
    const char* spec = std::getenv("SILL_DLLOVERRIDES");
    if (!spec) spec = std::getenv("WINEDLLOVERRIDES");
    if (spec) parse_into(o.order, spec);
    o.loaded = true;
  }
  if (auto it = o.order.find(normalize(name)); it != o.order.end()) return it->second;
  if (auto it = o.order.find("*"); it != o.order.end()) return it->second;
  return has_builtin ? "bn" : "n";
}

}  // namespace sill::loader
