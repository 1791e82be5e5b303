// `sill info FILE`: what dumpbin /headers /imports /exports or objdump -p
// print, from Sill's own parser, so a user sees exactly what the loader sees.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cinttypes>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "base/unicode.h"
#include "loader/pe_file.h"
#include "loader/pe_resources.h"
#include "tools/commands.h"
#include "tools/file_reader.h"
#include "win32/version/version_block.h"

namespace sill::tools {
namespace {

using namespace sill::pe;

struct Flag {
  std::uint32_t bit;
  const char* name;
};

std::string flag_names(std::uint32_t value, std::initializer_list<Flag> flags) {
  std::string s;
  for (const Flag& f : flags) {
    if (value & f.bit) {
      if (!s.empty()) s += ", ";
      s += f.name;
      value &= ~f.bit;
    }
  }
  if (value) {
    char buf[24];
    std::snprintf(buf, sizeof buf, "0x%x", value);
    if (!s.empty()) s += ", ";
    s += buf;
  }
  return s.empty() ? "none" : s;
}

// "r-x" plus what the section holds.
std::string section_flags(std::uint32_t c) {
  std::string s;
  s += (c & kScnMemRead) ? 'r' : '-';
  s += (c & kScnMemWrite) ? 'w' : '-';
  s += (c & kScnMemExecute) ? 'x' : '-';
  if (c & kScnCntCode) s += " code";
  if (c & kScnCntInitializedData) s += " data";
  if (c & kScnCntUninitializedData) s += " bss";
  if (c & kScnMemDiscardable) s += " discardable";
  if (c & kScnMemShared) s += " shared";
  return s;
}

const char* resource_type_name(std::uint32_t id) {
  switch (id) {
    case 1:
      return "RT_CURSOR";
    case 2:
      return "RT_BITMAP";
    case 3:
      return "RT_ICON";
    case 4:
      return "RT_MENU";
    case 5:
      return "RT_DIALOG";
    case 6:
      return "RT_STRING";
    case 7:
      return "RT_FONTDIR";
    case 8:
      return "RT_FONT";
    case 9:
      return "RT_ACCELERATOR";
    case 10:
      return "RT_RCDATA";
    case 11:
      return "RT_MESSAGETABLE";
    case 12:
      return "RT_GROUP_CURSOR";
    case 14:
      return "RT_GROUP_ICON";
    case 16:
      return "RT_VERSION";
    case 17:
      return "RT_DLGINCLUDE";
    case 19:
      return "RT_PLUGPLAY";
    case 20:
      return "RT_VXD";
    case 21:
      return "RT_ANICURSOR";
    case 22:
      return "RT_ANIICON";
    case 23:
      return "RT_HTML";
    case 24:
      return "RT_MANIFEST";
    default:
      return nullptr;
  }
}

const char* relocation_name(unsigned type) {
  switch (type) {
    case kRelHigh:
      return "HIGH";
    case kRelLow:
      return "LOW";
    case kRelHighLow:
      return "HIGHLOW";
    case kRelHighAdj:
      return "HIGHADJ";
    case kRelDir64:
      return "DIR64";
    default:
      return "?";
  }
}

// "/4" names a section by its offset in the COFF string table, which follows
// the symbol table; the long name is shown when the table is in the file.
std::string section_name(const PeFile& pe, const std::string& name) {
  if (name.size() < 2 || name[0] != '/' || name.find_first_not_of("0123456789", 1) != std::string::npos) return name;
  const Headers& h = pe.headers();
  if (h.symbol_table_offset == 0) return name;
  std::uint64_t at = std::uint64_t{h.symbol_table_offset} + std::uint64_t{h.number_of_symbols} * 18 +
                     std::strtoull(name.c_str() + 1, nullptr, 10);
  auto bytes = pe.bytes();
  if (name.size() > 10 || at >= bytes.size()) return name;
  std::size_t n = std::min<std::size_t>(bytes.size() - at, 256);
  const char* p = reinterpret_cast<const char*>(bytes.data() + at);
  const void* nul = std::memchr(p, 0, n);
  return nul ? std::string(p, static_cast<const char*>(nul) - p) : name;
}

void print_headers(const std::string& path, const PeFile& pe) {
  const Headers& h = pe.headers();
  std::printf("File: %s\n", path.c_str());
  std::printf("Format: PE32+ %s\n", h.is_dll() ? "DLL" : "executable");
  std::printf("Machine: 0x%04x (%s)\n", h.machine, machine_name(h.machine));
  if (h.timestamp) {
    std::time_t t = h.timestamp;
    std::tm tm{};
    char when[40];
    gmtime_r(&t, &tm);
    std::strftime(when, sizeof when, "%Y-%m-%d %H:%M:%S UTC", &tm);
    // Reproducible builds store a hash here; the date is only a guess.
    std::printf("Time stamp: 0x%08x (%s, if it is a date)\n", h.timestamp, when);
  } else {
    std::printf("Time stamp: 0\n");
  }
  std::printf("Characteristics: 0x%04x (%s)\n", h.characteristics,
              flag_names(h.characteristics, {{kFileRelocsStripped, "relocations stripped"},
                                             {kFileExecutable, "executable"},
                                             {0x0004, "line numbers stripped"},
                                             {0x0008, "local symbols stripped"},
                                             {kFileLargeAddressAware, "large address aware"},
                                             {0x0100, "32-bit machine"},
                                             {0x0200, "debug stripped"},
                                             {0x0400, "removable run from swap"},
                                             {0x0800, "net run from swap"},
                                             {0x1000, "system"},
                                             {kFileDll, "DLL"},
                                             {0x4000, "uniprocessor only"}})
                  .c_str());
  std::printf("Subsystem: %u (%s), version %u.%u\n", h.subsystem, subsystem_name(h.subsystem),
              h.major_subsystem_version, h.minor_subsystem_version);
  std::printf("OS version: %u.%u\n", h.major_os_version, h.minor_os_version);
  std::printf("Linker version: %u.%u\n", h.major_linker_version, h.minor_linker_version);
  std::printf("Image base: 0x%" PRIx64 "\n", h.image_base);
  if (h.entry_point_rva)
    std::printf("Entry point: RVA 0x%x (0x%" PRIx64 ")\n", h.entry_point_rva, h.image_base + h.entry_point_rva);
  else
    std::printf("Entry point: none\n");
  std::printf("Size of image: 0x%x\n", h.size_of_image);
  std::printf("Size of headers: 0x%x\n", h.size_of_headers);
  std::printf("Section alignment: 0x%x, file alignment: 0x%x\n", h.section_alignment, h.file_alignment);
  std::printf("Stack: reserve 0x%" PRIx64 ", commit 0x%" PRIx64 "\n", h.stack_reserve, h.stack_commit);
  std::printf("Heap: reserve 0x%" PRIx64 ", commit 0x%" PRIx64 "\n", h.heap_reserve, h.heap_commit);
  std::printf("DLL characteristics: 0x%04x (%s)\n", h.dll_characteristics,
              flag_names(h.dll_characteristics, {{kDllHighEntropyVa, "high entropy VA"},
                                                 {kDllDynamicBase, "dynamic base"},
                                                 {kDllForceIntegrity, "force integrity"},
                                                 {kDllNxCompat, "NX compatible"},
                                                 {kDllNoIsolation, "no isolation"},
                                                 {kDllNoSeh, "no SEH"},
                                                 {kDllNoBind, "no bind"},
                                                 {kDllAppContainer, "app container"},
                                                 {kDllWdmDriver, "WDM driver"},
                                                 {kDllGuardCf, "control flow guard"},
                                                 {kDllTerminalServerAware, "terminal server aware"}})
                  .c_str());
  std::printf("\nData directories (%u declared):\n", h.number_of_rva_and_sizes);
  for (unsigned i = 0; i < kDirCount; ++i) {
    const DataDirectory& d = h.directories[i];
    if (d.VirtualAddress || d.Size)
      std::printf("  %-22s %s 0x%08x  size 0x%x\n", directory_name(i), i == kDirSecurity ? "offset" : "RVA   ",
                  d.VirtualAddress, d.Size);
  }
  std::printf("\nSections (%zu):\n", pe.sections().size());
  std::printf("  %-3s %-16s %-10s %-10s %-10s %-10s %s\n", "#", "Name", "RVA", "VirtSize", "RawOffset", "RawSize",
              "Flags");
  unsigned n = 0;
  for (const Section& s : pe.sections())
    std::printf("  %-3u %-16s 0x%08x 0x%08x 0x%08x 0x%08x %s\n", ++n, printable(section_name(pe, s.name)).c_str(),
                s.virtual_address, s.virtual_size, s.raw_offset, s.raw_size, section_flags(s.characteristics).c_str());
}

void print_imports(const std::vector<ImportDll>& dlls, bool delay) {
  if (dlls.empty()) return;
  std::printf("\n%s (%zu DLL%s):\n", delay ? "Delay imports" : "Imports", dlls.size(), dlls.size() == 1 ? "" : "s");
  for (const ImportDll& d : dlls) {
    std::printf("  %s: %zu function%s", printable(d.dll_name).c_str(), d.entries.size(),
                d.entries.size() == 1 ? "" : "s");
    if (d.module_handle_rva) std::printf(", module handle at RVA 0x%x", d.module_handle_rva);
    std::printf("\n");
    for (const ImportEntry& e : d.entries) {
      if (e.by_ordinal)
        std::printf("    IAT 0x%08x  ordinal %u\n", e.iat_rva, e.ordinal);
      else
        std::printf("    IAT 0x%08x  hint %5u  %s\n", e.iat_rva, e.hint, printable(e.name).c_str());
    }
  }
}

void print_exports(const Exports& ex) {
  if (ex.entries.empty() && ex.dll_name.empty()) return;
  std::printf("\nExports of %s (ordinal base %u, %zu entries):\n", printable(ex.dll_name).c_str(), ex.ordinal_base,
              ex.entries.size());
  for (const ExportEntry& e : ex.entries) {
    std::string name = e.name.empty() ? "(by ordinal only)" : printable(e.name);
    if (!e.forwarder.empty())
      std::printf("  %5u  forwarder   %s -> %s\n", e.ordinal, name.c_str(), printable(e.forwarder).c_str());
    else
      std::printf("  %5u  0x%08x  %s\n", e.ordinal, e.rva, name.c_str());
  }
}

void print_tls(const PeFile& pe, const TlsInfo& t) {
  std::uint64_t base = pe.headers().image_base;
  std::printf("\nTLS:\n");
  std::printf("  Template: 0x%" PRIx64 "-0x%" PRIx64 " (%" PRIu64 " bytes), zero fill %u bytes\n", t.start_va, t.end_va,
              t.end_va - t.start_va, t.zero_fill);
  std::printf("  Index slot: 0x%" PRIx64 "\n", t.index_va);
  std::printf("  Characteristics: 0x%x\n", t.characteristics);
  std::printf("  Callbacks (%zu):", t.callbacks.size());
  if (t.callbacks.empty()) std::printf(" none");
  std::printf("\n");
  for (std::uint64_t cb : t.callbacks) std::printf("    0x%" PRIx64 " (RVA 0x%" PRIx64 ")\n", cb, cb - base);
}

void print_relocations(const std::vector<Relocation>& rel) {
  std::map<unsigned, std::size_t> by_type;
  std::set<std::uint32_t> pages;
  for (const Relocation& r : rel) {
    ++by_type[r.type];
    pages.insert(r.rva >> 12);
  }
  std::printf("\nBase relocations: %zu in %zu pages", rel.size(), pages.size());
  const char* sep = ": ";
  for (auto [type, count] : by_type) {
    std::printf("%s%s %zu", sep, relocation_name(type), count);
    sep = ", ";
  }
  std::printf("\n");
}

void print_resources(const std::vector<ResourceType>& types) {
  std::printf("\nResources (%zu types):\n", types.size());
  for (const ResourceType& t : types) {
    if (!t.name.empty())
      std::printf("  \"%s\": %u\n", printable(t.name).c_str(), t.count);
    else if (const char* n = resource_type_name(t.id))
      std::printf("  %s (%u): %u\n", n, t.id, t.count);
    else
      std::printf("  type %u: %u\n", t.id, t.count);
  }
}

// The VS_VERSION_INFO resource (RT_VERSION 1, English first as in a default
// prefix): fixed file and product versions, then every StringFileInfo string.
void print_version_info(const PeFile& pe) {
  auto tree = ResourceTree::open(pe);
  if (!tree || tree->empty()) return;
  const std::uint16_t ui[] = {0x0409};
  auto found = tree->find(ResourceId::of(16), ResourceId::of(1), 0, ui);
  if (!found) return;
  auto bytes = tree->bytes(*found);
  if (!bytes) return;
  auto root = version::find_version_node(bytes->data(), bytes->size(), u"\\");
  if (!root) return;
  std::printf("\nVersion information (language %04x):\n", found->language);
  version::FixedFileInfo fixed;
  if (root->value_length >= sizeof fixed && root->value_offset + sizeof fixed <= bytes->size()) {
    std::memcpy(&fixed, bytes->data() + root->value_offset, sizeof fixed);
    if (fixed.dwSignature == version::kFixedFileInfoSignature) {
      auto quad = [](std::uint32_t ms, std::uint32_t ls) {
        return std::to_string(ms >> 16) + "." + std::to_string(ms & 0xFFFF) + "." + std::to_string(ls >> 16) + "." +
               std::to_string(ls & 0xFFFF);
      };
      std::printf("  File version: %s\n", quad(fixed.dwFileVersionMS, fixed.dwFileVersionLS).c_str());
      std::printf("  Product version: %s\n", quad(fixed.dwProductVersionMS, fixed.dwProductVersionLS).c_str());
    }
  }
  for (const auto& s : version::version_strings(bytes->data(), bytes->size())) {
    std::string value = s.value.empty() ? std::string() : printable(utf16_to_utf8(s.value));
    std::printf("  %s: %s\n", printable(utf16_to_utf8(s.key)).c_str(), value.c_str());
  }
}

}  // namespace

int command_info(const std::string& path) {
  auto bytes = read_whole_file(path);
  if (!bytes) {
    std::fprintf(stderr, "sill: cannot open %s: %s\n", path.c_str(), bytes.error().message.c_str());
    return 1;
  }
  auto pe = PeFile::parse(*bytes);
  if (!pe) {
    std::fprintf(stderr, "sill: %s: %s\n", path.c_str(), pe.error().message.c_str());
    return 1;
  }
  print_headers(path, *pe);

  // Each directory is reported on its own: one broken table does not hide the others.
  int status = 0;
  auto report = [&](const Error& e) {
    std::fflush(stdout);
    std::fprintf(stderr, "sill: %s: %s\n", path.c_str(), e.message.c_str());
    status = 1;
  };
  if (auto imports = pe->imports())
    print_imports(*imports, false);
  else
    report(imports.error());
  if (auto delay = pe->delay_imports())
    print_imports(*delay, true);
  else
    report(delay.error());
  if (auto exports = pe->exports())
    print_exports(*exports);
  else
    report(exports.error());
  if (auto tls = pe->tls()) {
    if (*tls) print_tls(*pe, **tls);
  } else {
    report(tls.error());
  }
  if (auto rel = pe->relocations()) {
    if (!rel->empty())
      print_relocations(*rel);
    else if (pe->headers().relocs_stripped())
      std::printf("\nBase relocations: stripped (fixed image base)\n");
  } else {
    report(rel.error());
  }
  if (auto res = pe->resource_types()) {
    if (!res->empty()) {
      print_resources(*res);
      print_version_info(*pe);
    }
  } else {
    report(res.error());
  }
  if (auto pdata = pe->runtime_functions()) {
    if (!pdata->empty()) std::printf("\nException directory: %zu functions with unwind information\n", pdata->size());
  } else {
    report(pdata.error());
  }
  std::fflush(stdout);
  return status;
}

}  // namespace sill::tools
