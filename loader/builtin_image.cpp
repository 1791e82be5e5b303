// Synthesizes a PE image for each built-in DLL so that programs see a real DLL:
// GetModuleHandle returns its base, manual walks of the export directory work,
// each exported function is a jump stub into Sill's C++ code, and a resource
// section holds the DLL's version information (builtin_version_resource.h), so
// FindResource and GetFileVersionInfo see what Windows' system DLLs have. Data exports
// must be reachable by a 32-bit RVA, so the image is placed just below the
// lowest variable it exports (Sill's own .data/.bss).
#include <sys/mman.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <optional>
#include <span>
#include <vector>

#include "base/debug.h"
#include "base/unicode.h"
#include "loader/builtin_version_resource.h"
#include "loader/loader_internal.h"
#include "ntdll/status.h"
#include "loader/pe_format.h"
#include "ntdll/virtual.h"

SILL_DEFAULT_DEBUG_CHANNEL(loader);

namespace sill::loader {

namespace {

constexpr std::uint32_t kPage = 0x1000;
constexpr std::uint32_t kStubSize = 16;
constexpr std::uint32_t kFileAlignment = 0x200;

std::uint32_t align_up(std::uint32_t v, std::uint32_t a) { return (v + a - 1) & ~(a - 1); }

struct Layout {
  std::uint32_t export_dir;      // RVA of IMAGE_EXPORT_DIRECTORY
  std::uint32_t functions;       // address table
  std::uint32_t names;           // name pointer table
  std::uint32_t ordinals;        // name ordinal table
  std::uint32_t strings;         // DLL name, export names, forwarder strings
  std::uint32_t export_end;
  std::uint32_t stubs;           // page-aligned
  std::uint32_t rsrc;            // the resource section, page-aligned
  std::uint32_t size;            // SizeOfImage
};

struct SectionSpec {
  const char* name;
  std::uint32_t rva, size, characteristics;
};

// Headers: enough for programs that check MZ/PE and walk to the export or
// resource directory. Raw data sits at its RVA, so the file and image layouts match.
void write_headers(std::uint8_t* base, std::uint64_t image_base, std::uint32_t size_of_image,
                   std::span<const SectionSpec> sections, pe::DataDirectory exports, pe::DataDirectory resources) {
  auto* dos = reinterpret_cast<pe::DosHeader*>(base);
  dos->e_magic = 0x5A4D;
  dos->e_lfanew = sizeof(pe::DosHeader);
  auto* nt = reinterpret_cast<pe::NtHeaders64*>(base + dos->e_lfanew);
  nt->Signature = 0x00004550;
  nt->FileHeader.Machine = pe::kMachineAmd64;
  nt->FileHeader.NumberOfSections = static_cast<std::uint16_t>(sections.size());
  nt->FileHeader.SizeOfOptionalHeader = sizeof(pe::OptionalHeader64);
  nt->FileHeader.Characteristics = pe::kFileExecutable | pe::kFileLargeAddressAware | pe::kFileDll;
  auto& opt = nt->OptionalHeader;
  opt.Magic = 0x20B;
  opt.ImageBase = image_base;
  opt.SectionAlignment = kPage;
  opt.FileAlignment = kFileAlignment;
  opt.MajorOperatingSystemVersion = opt.MajorSubsystemVersion = 6;
  opt.SizeOfImage = size_of_image;
  opt.SizeOfHeaders = kPage;
  opt.Subsystem = pe::kSubsystemWindowsCui;
  opt.DllCharacteristics = pe::kDllDynamicBase | pe::kDllNxCompat | pe::kDllHighEntropyVa;
  opt.NumberOfRvaAndSizes = pe::kDirCount;
  opt.DataDirectory[pe::kDirExport] = exports;
  opt.DataDirectory[pe::kDirResource] = resources;
  auto* header = reinterpret_cast<pe::SectionHeader*>(nt + 1);
  for (const SectionSpec& s : sections) {
    std::memcpy(header->Name, s.name, std::strlen(s.name));
    header->VirtualAddress = s.rva;
    header->VirtualSize = s.size;
    header->SizeOfRawData = align_up(s.size, kFileAlignment);
    header->PointerToRawData = s.rva;
    header->Characteristics = s.characteristics;
    ++header;
  }
}

constexpr std::uint32_t kCodeSection = pe::kScnCntCode | pe::kScnMemExecute | pe::kScnMemRead;
constexpr std::uint32_t kResourceSection = pe::kScnCntInitializedData | pe::kScnMemRead;
constexpr std::uint64_t kDataFileImageBase = 0x180000000;  // where the linker puts 64-bit DLLs

// Writes `jmp [rip+2]; xchg ax,ax; dq target`: 16 bytes, the target qword 8-aligned.
void write_stub(std::uint8_t* at, const void* target) {
  static constexpr std::uint8_t code[8] = {0xFF, 0x25, 0x02, 0x00, 0x00, 0x00, 0x66, 0x90};
  std::memcpy(at, code, sizeof code);
  auto t = reinterpret_cast<std::uint64_t>(target);
  std::memcpy(at + 8, &t, 8);
}

// Reserves size bytes at an address from which every data export is within a 32-bit RVA.
std::uint8_t* reserve_image(const BuiltinDll& dll, std::uint32_t size) {
  std::uintptr_t lowest = UINTPTR_MAX, highest = 0;
  for (const Export& e : dll.exports) {
    if (e.signature || !e.address) continue;
    auto a = reinterpret_cast<std::uintptr_t>(e.address);
    lowest = std::min(lowest, a);
    highest = std::max(highest, a);
  }
  if (lowest == UINTPTR_MAX) {
    void* p = mmap(nullptr, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    return p == MAP_FAILED ? nullptr : static_cast<std::uint8_t*>(p);
  }
  // Walk down from just below the lowest variable, 1 MiB at a time, while the highest stays in reach.
  std::uintptr_t candidate = (lowest - size - (1u << 20)) & ~std::uintptr_t{0xFFFFF};
  for (; candidate + 0xFFFF0000ull > highest && candidate > (1u << 20); candidate -= (1u << 20)) {
    void* p = mmap(reinterpret_cast<void*>(candidate), size, PROT_READ | PROT_WRITE,
                   MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
    if (p == MAP_FAILED) continue;
    if (p == reinterpret_cast<void*>(candidate)) return static_cast<std::uint8_t*>(p);
    munmap(p, size);  // a kernel without MAP_FIXED_NOREPLACE put it elsewhere
  }
  return nullptr;
}

}  // namespace

const BuiltinDll* find_builtin(std::u16string_view base_name_lower) {
  for (const BuiltinDll* dll : builtin_dlls())
    if (lower_name(utf8_to_utf16(dll->name)) == base_name_lower) return dll;
  return nullptr;
}

LoadResult<ModuleState*> load_builtin(const BuiltinDll& dll) {
  // Ordinals: explicit ones stay, the rest follow their position (base 1).
  std::uint32_t count = 0;
  std::vector<std::uint32_t> ordinal_of(dll.exports.size());
  for (std::size_t i = 0; i < dll.exports.size(); ++i) {
    ordinal_of[i] = dll.exports[i].ordinal ? dll.exports[i].ordinal : static_cast<std::uint32_t>(i + 1);
    count = std::max(count, ordinal_of[i]);
  }
  std::vector<std::size_t> named;
  std::uint32_t string_bytes = static_cast<std::uint32_t>(dll.name.size() + 1);
  for (std::size_t i = 0; i < dll.exports.size(); ++i) {
    const Export& e = dll.exports[i];
    if (!e.name.empty()) {
      named.push_back(i);
      string_bytes += static_cast<std::uint32_t>(e.name.size() + 1);
    }
    if (!e.forward.empty()) string_bytes += static_cast<std::uint32_t>(e.forward.size() + 1);
  }
  // The export name table is sorted so binary searches (ours and the program's) work.
  std::sort(named.begin(), named.end(),
            [&](std::size_t a, std::size_t b) { return dll.exports[a].name < dll.exports[b].name; });

  Layout l{};
  l.export_dir = kPage;
  l.functions = l.export_dir + sizeof(pe::ExportDirectory);
  l.names = l.functions + 4 * count;
  l.ordinals = l.names + 4 * static_cast<std::uint32_t>(named.size());
  l.strings = l.ordinals + 2 * static_cast<std::uint32_t>(named.size());
  l.export_end = l.strings + string_bytes;
  l.stubs = align_up(l.export_end, kPage);
  l.rsrc = align_up(l.stubs + kStubSize * count, kPage);
  std::vector<std::uint8_t> resources = builtin_resource_section(dll.name, l.rsrc);
  l.size = align_up(l.rsrc + static_cast<std::uint32_t>(resources.size()), kPage);

  std::uint8_t* base = reserve_image(dll, l.size);
  if (!base)
    return Unexpected(LoadError{nt::STATUS_NO_MEMORY,
                                "cannot reserve memory for built-in " + std::string(dll.name)});

  const SectionSpec sections[] = {
      {".text", kPage, l.rsrc - kPage, kCodeSection},
      {".rsrc", l.rsrc, static_cast<std::uint32_t>(resources.size()), kResourceSection},
  };
  write_headers(base, reinterpret_cast<std::uint64_t>(base), l.size, sections,
                {l.export_dir, l.export_end - l.export_dir}, {l.rsrc, static_cast<std::uint32_t>(resources.size())});
  std::memcpy(base + l.rsrc, resources.data(), resources.size());

  auto* dir = reinterpret_cast<pe::ExportDirectory*>(base + l.export_dir);
  dir->Base = 1;
  dir->NumberOfFunctions = count;
  dir->NumberOfNames = static_cast<std::uint32_t>(named.size());
  dir->AddressOfFunctions = l.functions;
  dir->AddressOfNames = l.names;
  dir->AddressOfNameOrdinals = l.ordinals;

  std::uint32_t str = l.strings;
  auto put_string = [&](std::string_view s) {
    std::memcpy(base + str, s.data(), s.size());
    base[str + s.size()] = 0;
    std::uint32_t rva = str;
    str += static_cast<std::uint32_t>(s.size() + 1);
    return rva;
  };
  dir->Name = put_string(dll.name);

  auto* functions = reinterpret_cast<std::uint32_t*>(base + l.functions);
  for (std::size_t i = 0; i < dll.exports.size(); ++i) {
    const Export& e = dll.exports[i];
    std::uint32_t slot = ordinal_of[i] - 1;
    if (!e.forward.empty()) {
      functions[slot] = put_string(e.forward);
    } else if (!e.signature) {
      functions[slot] = static_cast<std::uint32_t>(reinterpret_cast<std::uintptr_t>(e.address) -
                                                   reinterpret_cast<std::uintptr_t>(base));
    } else if (e.address) {
      std::uint32_t stub = l.stubs + kStubSize * slot;
      write_stub(base + stub, relay_target(dll, e));
      functions[slot] = stub;
    }
  }
  auto* names = reinterpret_cast<std::uint32_t*>(base + l.names);
  auto* ordinals = reinterpret_cast<std::uint16_t*>(base + l.ordinals);
  for (std::size_t k = 0; k < named.size(); ++k) {
    names[k] = put_string(dll.exports[named[k]].name);
    ordinals[k] = static_cast<std::uint16_t>(ordinal_of[named[k]] - 1);
  }

  mprotect(base, l.stubs, PROT_READ);
  if (l.rsrc > l.stubs) mprotect(base + l.stubs, l.rsrc - l.stubs, PROT_READ | PROT_EXEC);
  mprotect(base + l.rsrc, l.size - l.rsrc, PROT_READ);

  nt::note_image_mapping(base, l.size);
  auto state = std::make_unique<ModuleState>();
  Module& m = state->module;
  m.base_name = utf8_to_utf16(dll.name);
  m.full_name = u"C:\\windows\\system32\\" + m.base_name;
  m.base = base;
  m.size = l.size;
  m.builtin = &dll;
  m.load_count = -1;
  TRACE("built-in %s at %p (%u exports)\n", std::string(dll.name).c_str(), static_cast<void*>(base), count);
  return register_module(std::move(state));
}

std::optional<std::vector<std::uint8_t>> builtin_data_file(std::u16string_view base_name) {
  const BuiltinDll* dll = find_builtin(lower_name(base_name));
  if (!dll) return std::nullopt;
  std::vector<std::uint8_t> resources = builtin_resource_section(dll->name, kPage);
  auto rsrc_size = static_cast<std::uint32_t>(resources.size());
  auto size = align_up(kPage + rsrc_size, kPage);
  std::vector<std::uint8_t> file(size);
  const SectionSpec sections[] = {{".rsrc", kPage, rsrc_size, kResourceSection}};
  write_headers(file.data(), kDataFileImageBase, size, sections, {}, {kPage, rsrc_size});
  std::memcpy(file.data() + kPage, resources.data(), resources.size());
  return file;
}

}  // namespace sill::loader
