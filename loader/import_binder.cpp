// Stage 3: finding the DLLs an image imports (API sets, built-ins, the search
// path), binding its import address table, and looking up exports on any
// loaded module, built-in or PE, following forwarders.
#include <dirent.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>

#include "base/debug.h"
#include "base/unicode.h"
#include "loader/api_sets.h"
#include "loader/dll_overrides.h"
#include "loader/loader_internal.h"
#include "ntdll/status.h"
#include "loader/pe_file.h"
#include "ntdll/path_mapping.h"
#include "ntdll/virtual.h"

SILL_DEFAULT_DEBUG_CHANNEL(loader);

namespace sill::loader {

namespace {


// The export directory of a mapped module, with every table checked against the image size.
struct ExportTable {
  const std::uint8_t* base = nullptr;
  std::uint32_t dir_rva = 0, dir_size = 0;
  const pe::ExportDirectory* dir = nullptr;
  const std::uint32_t* functions = nullptr;
  const std::uint32_t* names = nullptr;
  const std::uint16_t* ordinals = nullptr;
  std::size_t image_size = 0;

  bool load(const Module& m) {
    base = m.base;
    image_size = m.size;
    if (m.size < sizeof(pe::DosHeader)) return false;
    auto* dos = reinterpret_cast<const pe::DosHeader*>(m.base);
    if (dos->e_lfanew < 0 || std::size_t(dos->e_lfanew) + sizeof(pe::NtHeaders64) > m.size) return false;
    auto* nt = reinterpret_cast<const pe::NtHeaders64*>(m.base + dos->e_lfanew);
    if (nt->OptionalHeader.NumberOfRvaAndSizes <= pe::kDirExport) return false;
    dir_rva = nt->OptionalHeader.DataDirectory[pe::kDirExport].VirtualAddress;
    dir_size = nt->OptionalHeader.DataDirectory[pe::kDirExport].Size;
    if (!dir_rva || !fits(dir_rva, sizeof(pe::ExportDirectory))) return false;
    dir = reinterpret_cast<const pe::ExportDirectory*>(base + dir_rva);
    if (!fits(dir->AddressOfFunctions, std::uint64_t{dir->NumberOfFunctions} * 4) ||
        !fits(dir->AddressOfNames, std::uint64_t{dir->NumberOfNames} * 4) ||
        !fits(dir->AddressOfNameOrdinals, std::uint64_t{dir->NumberOfNames} * 2))
      return false;
    functions = reinterpret_cast<const std::uint32_t*>(base + dir->AddressOfFunctions);
    names = reinterpret_cast<const std::uint32_t*>(base + dir->AddressOfNames);
    ordinals = reinterpret_cast<const std::uint16_t*>(base + dir->AddressOfNameOrdinals);
    return true;
  }
  bool fits(std::uint64_t rva, std::uint64_t len) const { return rva <= image_size && len <= image_size - rva; }
  std::string_view name_at(std::uint32_t i) const {
    std::uint32_t rva = names[i];
    if (rva >= image_size) return {};
    auto* s = reinterpret_cast<const char*>(base + rva);
    return {s, strnlen(s, image_size - rva)};
  }
};

void* resolve_slot(ModuleState& m, const ExportTable& t, std::uint32_t index, int depth);

void* resolve_forwarder(std::string_view fwd, int depth) {
  if (depth > 16) return nullptr;  // a forwarder loop
  auto dot = fwd.rfind('.');
  if (dot == std::string_view::npos) return nullptr;
  auto target = load_dependency(utf8_to_utf16(fwd.substr(0, dot)), nullptr);
  if (!target) return nullptr;
  std::string_view fn = fwd.substr(dot + 1);
  ExportTable t;
  if (!t.load((*target)->module)) return nullptr;
  if (fn.starts_with('#')) {
    std::uint32_t ordinal = static_cast<std::uint32_t>(std::strtoul(std::string(fn.substr(1)).c_str(), nullptr, 10));
    if (ordinal < t.dir->Base || ordinal - t.dir->Base >= t.dir->NumberOfFunctions) return nullptr;
    return resolve_slot(**target, t, ordinal - t.dir->Base, depth + 1);
  }
  for (std::uint32_t i = 0; i < t.dir->NumberOfNames; ++i)
    if (t.name_at(i) == fn) return resolve_slot(**target, t, t.ordinals[i], depth + 1);
  return nullptr;
}

void* resolve_slot(ModuleState& m, const ExportTable& t, std::uint32_t index, int depth) {
  if (index >= t.dir->NumberOfFunctions) return nullptr;
  std::uint32_t rva = t.functions[index];
  // A built-in's data exports are Sill's own variables, outside its synthesized image.
  if (rva == 0 || (rva >= t.image_size && !m.module.builtin)) return nullptr;
  if (rva >= t.dir_rva && rva < t.dir_rva + t.dir_size) {
    auto* s = reinterpret_cast<const char*>(t.base + rva);
    return resolve_forwarder({s, strnlen(s, t.image_size - rva)}, depth);
  }
  return m.module.base + rva;
}

// Case-insensitive lookup of `name` in directory `dir`; the exact name first.
std::string find_in_directory(const std::string& dir, std::u16string_view name_lower) {
  std::string exact = dir + "/" + utf16_to_utf8(name_lower);
  struct stat st {};
  if (stat(exact.c_str(), &st) == 0 && S_ISREG(st.st_mode)) return exact;
  DIR* d = opendir(dir.c_str());
  if (!d) return {};
  std::string found;
  while (dirent* e = readdir(d)) {
    if (lower_name(utf8_to_utf16(e->d_name)) == name_lower) {
      found = dir + "/" + e->d_name;
      if (stat(found.c_str(), &st) == 0 && S_ISREG(st.st_mode)) break;
      found.clear();
    }
  }
  closedir(d);
  return found;
}

std::string directory_of(const std::string& path) {
  auto slash = path.rfind('/');
  return slash == std::string::npos ? "." : (slash == 0 ? "/" : path.substr(0, slash));
}

// The directories of the program's PATH variable (Windows paths, ';'-separated).
std::vector<std::string> path_directories() {
  std::vector<std::string> dirs;
  auto* peb = nt::current_peb();
  if (!peb || !peb->ProcessParameters || !peb->ProcessParameters->Environment) return dirs;
  for (const char16_t* e = peb->ProcessParameters->Environment; *e; e += std::char_traits<char16_t>::length(e) + 1) {
    std::u16string_view entry(e);
    if (entry.size() < 5 || lower_name(entry.substr(0, 5)) != u"path=") continue;
    std::u16string_view list = entry.substr(5);
    while (!list.empty()) {
      auto semi = list.find(u';');
      if (auto dir = nt::dos_path_to_unix(list.substr(0, semi)); dir && !dir->empty()) dirs.push_back(*dir);
      list = semi == std::u16string_view::npos ? std::u16string_view{} : list.substr(semi + 1);
    }
    break;
  }
  return dirs;
}

// The native DLL search, in Windows' order: the program's directory (and the importer's),
// the current directory, then PATH.
std::string search_native(std::u16string_view name_lower, const ModuleState* importer) {
  std::vector<std::string> dirs;
  if (auto exe = main_module())
    if (auto* m = find_module(exe); m && !m->unix_path.empty()) dirs.push_back(directory_of(m->unix_path));
  if (importer && !importer->module.unix_path.empty()) dirs.push_back(directory_of(importer->module.unix_path));
  if (char cwd[4096]; getcwd(cwd, sizeof cwd)) dirs.emplace_back(cwd);
  for (auto& d : path_directories()) dirs.push_back(std::move(d));
  for (const auto& d : dirs)
    if (auto p = find_in_directory(d, name_lower); !p.empty()) return p;
  return {};
}

LoadResult<ModuleState*> load_native(const std::string& unix_path) {
  char resolved[4096];
  std::string real = realpath(unix_path.c_str(), resolved) ? std::string(resolved) : unix_path;
  auto mapped = map_pe_image(real, nt::unix_path_to_dos(real), false);
  if (!mapped) return mapped;
  ModuleState* m = *mapped;
  if (auto r = bind_imports(*m); !r) {
    std::uint8_t* base = m->module.base;
    std::size_t size = m->module.size;
    unregister_module(m);
    nt::note_image_unmapping(base);
    munmap(base, size);
    return Unexpected(r.error());
  }
  setup_tls(*m);
  protect_sections(*m);
  return m;
}

}  // namespace

bool in_system_directory(const std::string& unix_path) {
  static const std::string system_dir = [] {
    auto dir = nt::dos_path_to_unix(u"C:\\windows\\system32");
    if (!dir) return std::string();
    char resolved[4096];
    return realpath(dir->c_str(), resolved) ? std::string(resolved) : *dir;
  }();
  std::string dir = directory_of(unix_path);
  char resolved[4096];
  if (realpath(dir.c_str(), resolved)) dir = resolved;
  return !system_dir.empty() && dir == system_dir;
}

void* find_export_by_name(ModuleState& m, std::string_view name, std::uint16_t hint) {
  ExportTable t;
  if (!t.load(m.module)) return nullptr;
  if (hint < t.dir->NumberOfNames && t.name_at(hint) == name) return resolve_slot(m, t, t.ordinals[hint], 0);
  // Names are sorted (the PE format requires it): binary search.
  std::uint32_t lo = 0, hi = t.dir->NumberOfNames;
  while (lo < hi) {
    std::uint32_t mid = lo + (hi - lo) / 2;
    int c = t.name_at(mid).compare(name);
    if (c == 0) return resolve_slot(m, t, t.ordinals[mid], 0);
    if (c < 0) lo = mid + 1;
    else hi = mid;
  }
  return nullptr;
}

void* find_export_by_ordinal(ModuleState& m, std::uint32_t ordinal) {
  ExportTable t;
  if (!t.load(m.module) || ordinal < t.dir->Base) return nullptr;
  return resolve_slot(m, t, ordinal - t.dir->Base, 0);
}

LoadResult<ModuleState*> load_dependency(std::u16string_view name, const ModuleState* importer) {
  std::lock_guard guard(loader_lock());
  bool is_path = name.find_first_of(u"\\/") != std::u16string_view::npos;
  std::u16string full = with_default_extension(name);
  std::u16string key = lower_name(base_name_of(full));
  if (auto host = resolve_api_set(utf16_to_utf8(key))) key = utf8_to_utf16(*host);

  if (auto* loaded = find_loaded(key)) return loaded;

  if (is_path) {
    auto unix_path = nt::dos_path_to_unix(full);
    if (!unix_path) return Unexpected(LoadError{nt::STATUS_DLL_NOT_FOUND, utf16_to_utf8(full) + " was not found"});
    struct stat st {};
    bool exists = stat(unix_path->c_str(), &st) == 0;
    // C:\windows\system32\shell32.dll names the system's shell32 (what COM's InprocServer32
    // values say): the built-in, unless the overrides prefer a native file that is there.
    if (const BuiltinDll* builtin = find_builtin(key); builtin && in_system_directory(*unix_path)) {
      for (char kind : dll_load_order(utf16_to_utf8(key), true)) {
        if (kind == 'b') return load_builtin(*builtin);
        if (kind == 'n' && exists) return load_native(*unix_path);
      }
    }
    if (!exists) return Unexpected(LoadError{nt::STATUS_DLL_NOT_FOUND, utf16_to_utf8(full) + " was not found"});
    return load_native(*unix_path);
  }

  const BuiltinDll* builtin = find_builtin(key);
  for (char kind : dll_load_order(utf16_to_utf8(key), builtin != nullptr)) {
    if (kind == 'b' && builtin) {
      TRACE("loading built-in %s\n", utf16_to_utf8(key).c_str());
      return load_builtin(*builtin);
    }
    if (kind == 'n') {
      std::string path = search_native(key, importer);
      if (path.empty()) continue;
      TRACE("loading native %s from %s\n", utf16_to_utf8(key).c_str(), path.c_str());
      return load_native(path);
    }
  }
  return Unexpected(LoadError{nt::STATUS_DLL_NOT_FOUND, utf16_to_utf8(key) + " was not found"});
}

LoadResult<void> bind_imports(ModuleState& m) {
  auto file = pe::PeFile::parse({m.module.base, m.module.size}, pe::Layout::Image);
  if (!file) return Unexpected(LoadError{nt::STATUS_INVALID_IMAGE_FORMAT, file.error().message});
  auto imports = file->imports();
  if (!imports) return Unexpected(LoadError{nt::STATUS_INVALID_IMAGE_FORMAT, imports.error().message});
  for (const pe::ImportDll& dll : *imports) {
    auto dep = load_dependency(utf8_to_utf16(dll.dll_name), &m);
    ModuleState* target = nullptr;
    if (dep) {
      target = *dep;
      m.dependencies.push_back(&target->module);
    } else if (dep.error().status == nt::STATUS_DLL_NOT_FOUND) {
      // Loading still succeeds: each import becomes a stub that fails loudly when called.
      ERR("%s imports %s, which was not found; calls into it will fail\n",
          utf16_to_utf8(m.module.base_name).c_str(), dll.dll_name.c_str());
    } else {
      return Unexpected(LoadError{dep.error().status, dll.dll_name + ": " + dep.error().message});
    }
    for (const pe::ImportEntry& e : dll.entries) {
      void* address = nullptr;
      if (target)
        address = e.by_ordinal ? find_export_by_ordinal(*target, e.ordinal) : find_export_by_name(*target, e.name, e.hint);
      if (!address) {
        std::string what = e.by_ordinal ? "#" + std::to_string(e.ordinal) : e.name;
        if (target) WARN("%s: no %s in %s\n", utf16_to_utf8(m.module.base_name).c_str(), what.c_str(), dll.dll_name.c_str());
        address = missing_import_stub(dll.dll_name, what);
      }
      if (std::size_t{e.iat_rva} + 8 > m.module.size)
        return Unexpected(LoadError{nt::STATUS_INVALID_IMAGE_FORMAT, "an import address table lies outside the image"});
      std::memcpy(m.module.base + e.iat_rva, &address, 8);
    }
  }
  return {};
}

}  // namespace sill::loader
