// A small in-memory PE32+ writer for tests and fuzz seeds: headers, sections
// whose contents are appended in RVA space, and data directories. It writes
// exactly what it is told, so tests can also produce malformed files.
#pragma once
#include <algorithm>
#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

#include "loader/pe_format.h"

namespace sill::pe::testing {

class PeBuilder {
 public:
  // File offsets of the headers in every built file, for tests that corrupt them.
  static constexpr std::size_t kLfanew = 0x80;
  static constexpr std::size_t kFileHeader = kLfanew + 4;
  static constexpr std::size_t kOptionalHeader = kFileHeader + sizeof(FileHeader);
  static constexpr std::size_t kSectionTable = kOptionalHeader + sizeof(OptionalHeader64);
  static constexpr std::uint32_t kSectionSpan = 0x10000;  // RVA space given to each section
  static constexpr std::uint32_t kFirstSection = 0x1000;

  FileHeader fh{};
  OptionalHeader64 oh{};

  PeBuilder() {
    fh.Machine = kMachineAmd64;
    fh.SizeOfOptionalHeader = sizeof(OptionalHeader64);
    fh.Characteristics = kFileExecutable | kFileLargeAddressAware;
    oh.Magic = kPe32PlusMagic;
    oh.MajorLinkerVersion = 2;
    oh.ImageBase = 0x140000000ull;
    oh.SectionAlignment = 0x1000;
    oh.FileAlignment = 0x200;
    oh.MajorOperatingSystemVersion = 4;
    oh.MajorSubsystemVersion = 5;
    oh.MinorSubsystemVersion = 2;
    oh.Subsystem = kSubsystemWindowsCui;
    oh.DllCharacteristics = kDllNxCompat | kDllDynamicBase | kDllHighEntropyVa;
    oh.SizeOfStackReserve = 0x200000;
    oh.SizeOfStackCommit = 0x1000;
    oh.SizeOfHeapReserve = 0x100000;
    oh.SizeOfHeapCommit = 0x1000;
    oh.NumberOfRvaAndSizes = kDirCount;
  }

  // Adds a section; returns its index. Its RVA is fixed: kFirstSection + index * kSectionSpan.
  unsigned section(const char* name, std::uint32_t characteristics) {
    Sec s{};
    std::memcpy(s.name, name, std::min<std::size_t>(std::strlen(name), sizeof s.name));
    s.characteristics = characteristics;
    sections_.push_back(s);
    return static_cast<unsigned>(sections_.size() - 1);
  }
  static std::uint32_t section_rva(unsigned index) { return kFirstSection + index * kSectionSpan; }
  // Extra zero-filled virtual size beyond the raw data (a .bss tail).
  void set_virtual_extra(unsigned index, std::uint32_t extra) { sections_[index].extra = extra; }

  // Appends bytes to a section (aligned); returns their RVA.
  std::uint32_t append(unsigned index, const void* p, std::size_t n, std::size_t align = 8) {
    auto& d = sections_[index].data;
    while (d.size() % align) d.push_back(0);
    std::uint32_t rva = section_rva(index) + static_cast<std::uint32_t>(d.size());
    const auto* b = static_cast<const std::uint8_t*>(p);
    d.insert(d.end(), b, b + n);
    return rva;
  }
  template <class T>
  std::uint32_t append_value(unsigned index, const T& v, std::size_t align = 8) {
    return append(index, &v, sizeof v, align);
  }
  std::uint32_t append_string(unsigned index, const std::string& s, std::size_t align = 1) {
    return append(index, s.c_str(), s.size() + 1, align);
  }
  // A hint/name entry for an import lookup table.
  std::uint32_t append_hint_name(unsigned index, std::uint16_t hint, const std::string& name) {
    std::uint32_t rva = append_value(index, hint, 2);
    append(index, name.c_str(), name.size() + 1, 1);
    return rva;
  }
  std::uint32_t reserve(unsigned index, std::size_t n, std::size_t align = 8) {
    std::vector<std::uint8_t> zero(n);
    return append(index, zero.data(), n, align);
  }
  // Overwrites bytes already appended.
  void patch(std::uint32_t rva, const void* p, std::size_t n) {
    for (auto& s : sections_) {
      std::uint32_t base = section_rva(static_cast<unsigned>(&s - sections_.data()));
      if (rva >= base && rva - base + n <= s.data.size()) {
        std::memcpy(s.data.data() + (rva - base), p, n);
        return;
      }
    }
  }
  template <class T>
  void patch_value(std::uint32_t rva, const T& v) {
    patch(rva, &v, sizeof v);
  }

  void set_directory(unsigned index, std::uint32_t rva, std::uint32_t size) { oh.DataDirectory[index] = {rva, size}; }

  std::vector<std::uint8_t> build() const {
    auto align = [](std::uint64_t v, std::uint64_t a) { return (v + a - 1) / a * a; };
    FileHeader f = fh;
    OptionalHeader64 o = oh;
    f.NumberOfSections = static_cast<std::uint16_t>(sections_.size());
    std::size_t headers = align(kSectionTable + sections_.size() * sizeof(SectionHeader), o.FileAlignment);
    o.SizeOfHeaders = static_cast<std::uint32_t>(headers);
    o.SizeOfImage = kFirstSection + static_cast<std::uint32_t>(sections_.size()) * kSectionSpan;
    std::vector<std::uint8_t> out(headers);
    std::size_t raw = headers;
    std::vector<SectionHeader> table;
    for (std::size_t i = 0; i < sections_.size(); ++i) {
      const Sec& s = sections_[i];
      SectionHeader h{};
      std::memcpy(h.Name, s.name, 8);
      h.VirtualAddress = section_rva(static_cast<unsigned>(i));
      h.VirtualSize = static_cast<std::uint32_t>(s.data.size() + s.extra);
      if (h.VirtualSize == 0) h.VirtualSize = 1;
      h.SizeOfRawData = static_cast<std::uint32_t>(align(s.data.size(), o.FileAlignment));
      h.PointerToRawData = s.data.empty() ? 0 : static_cast<std::uint32_t>(raw);
      h.Characteristics = s.characteristics;
      out.resize(raw + h.SizeOfRawData);
      if (!s.data.empty()) std::memcpy(out.data() + raw, s.data.data(), s.data.size());
      raw += h.SizeOfRawData;
      table.push_back(h);
    }
    out[0] = 'M';
    out[1] = 'Z';
    std::uint32_t lfanew = kLfanew;
    std::memcpy(out.data() + 0x3C, &lfanew, 4);
    std::memcpy(out.data() + kLfanew, "PE\0\0", 4);
    std::memcpy(out.data() + kFileHeader, &f, sizeof f);
    std::memcpy(out.data() + kOptionalHeader, &o, sizeof o);
    if (!table.empty()) std::memcpy(out.data() + kSectionTable, table.data(), table.size() * sizeof(SectionHeader));
    return out;
  }

 private:
  struct Sec {
    char name[8];
    std::uint32_t characteristics;
    std::uint32_t extra;
    std::vector<std::uint8_t> data;
  };
  std::vector<Sec> sections_;
};

inline constexpr std::uint32_t kText = kScnCntCode | kScnMemExecute | kScnMemRead;
inline constexpr std::uint32_t kRdata = kScnCntInitializedData | kScnMemRead;
inline constexpr std::uint32_t kData = kScnCntInitializedData | kScnMemRead | kScnMemWrite;

// Where build_sample() put things, for tests that check or corrupt them.
struct Sample {
  std::uint32_t text, rdata, data;
  std::uint32_t kernel32_iat, msvcrt_iat, delay_iat, delay_handle;
  std::uint32_t export_dir;
  std::uint32_t tls_dir, tls_callbacks, tls_index;
  std::uint32_t reloc_dir;
  std::uint32_t resource_dir;
};

// A DLL exercising every directory the parser reads:
//  imports  kernel32.dll: ExitProcess (hint 0x120, by name), ordinal 7; separate ILT
//           msvcrt.dll: printf (hint 2) with no ILT (OriginalFirstThunk 0)
//  delay    user32.dll: MessageBoxA (hint 1), ordinal 9
//  exports  sample.dll, base 5: Alpha (ordinal 5), ordinal-only 6, Fwd -> "kernel32.ExitProcess" (7), empty 8,
//           Beta and Gamma as two names of ordinal 9
//  relocs   one block at .data: DIR64 at +0, +8, padding; one block at .text: HIGHLOW at +0x10
//  TLS      template 16 bytes in .data, index slot, two callbacks into .text
//  .pdata   two RUNTIME_FUNCTIONs
//  .rsrc    RT_ICON (3) x2, RT_VERSION (16) x1, named type "MYTYPE" x1
inline std::vector<std::uint8_t> build_sample(Sample* where = nullptr, PeBuilder* customize = nullptr) {
  PeBuilder local;
  PeBuilder& b = customize ? *customize : local;
  Sample s{};
  b.fh.Characteristics |= kFileDll;
  unsigned text = b.section(".text", kText);
  unsigned rdata = b.section(".rdata", kRdata);
  unsigned data = b.section(".data", kData);
  unsigned pdata = b.section(".pdata", kRdata);
  unsigned rsrc = b.section(".rsrc", kRdata);
  unsigned reloc = b.section(".reloc", kRdata | kScnMemDiscardable);
  s.text = PeBuilder::section_rva(text);
  s.rdata = PeBuilder::section_rva(rdata);
  s.data = PeBuilder::section_rva(data);

  std::vector<std::uint8_t> code(0x40, 0xC3);  // ret
  b.append(text, code.data(), code.size());
  b.oh.AddressOfEntryPoint = s.text;

  // Imports.
  std::uint64_t k32_ilt_v[3] = {b.append_hint_name(rdata, 0x120, "ExitProcess"), kImportByOrdinal64 | 7, 0};
  std::uint32_t k32_ilt = b.append(rdata, k32_ilt_v, sizeof k32_ilt_v);
  s.kernel32_iat = b.append(data, k32_ilt_v, sizeof k32_ilt_v);
  std::uint64_t msv_v[2] = {b.append_hint_name(rdata, 2, "printf"), 0};
  s.msvcrt_iat = b.append(data, msv_v, sizeof msv_v);
  ImportDescriptor imp[3] = {};
  imp[0] = {k32_ilt, 0, 0, b.append_string(rdata, "KERNEL32.dll"), s.kernel32_iat};
  imp[1] = {0, 0, 0, b.append_string(rdata, "msvcrt.dll"), s.msvcrt_iat};
  std::uint32_t imp_rva = b.append(rdata, imp, sizeof imp, 4);
  b.set_directory(kDirImport, imp_rva, sizeof imp);

  // Delay imports.
  std::uint64_t delay_int[3] = {b.append_hint_name(rdata, 1, "MessageBoxA"), kImportByOrdinal64 | 9, 0};
  std::uint32_t delay_int_rva = b.append(rdata, delay_int, sizeof delay_int);
  std::uint64_t delay_iat[3] = {s.text + 0x20 + b.oh.ImageBase, s.text + 0x20 + b.oh.ImageBase, 0};
  s.delay_iat = b.append(data, delay_iat, sizeof delay_iat);
  s.delay_handle = b.reserve(data, 8);
  DelayImportDescriptor dd[2] = {};
  dd[0] = {1, b.append_string(rdata, "user32.dll"), s.delay_handle, s.delay_iat, delay_int_rva, 0, 0, 0};
  std::uint32_t dd_rva = b.append(rdata, dd, sizeof dd, 4);
  b.set_directory(kDirDelayImport, dd_rva, sizeof dd);

  // Exports: the directory and everything it points to, the forwarder string inside its range.
  std::uint32_t exp_start = b.reserve(rdata, sizeof(ExportDirectory), 4);
  s.export_dir = exp_start;
  std::uint32_t fwd = b.append_string(rdata, "kernel32.ExitProcess");
  std::uint32_t funcs[5] = {s.text + 0x00, s.text + 0x10, fwd, 0, s.text + 0x30};
  std::uint32_t funcs_rva = b.append(rdata, funcs, sizeof funcs, 4);
  // Names sorted as the loader's binary search expects.
  std::uint32_t names[4] = {b.append_string(rdata, "Alpha"), b.append_string(rdata, "Beta"),
                            b.append_string(rdata, "Fwd"), b.append_string(rdata, "Gamma")};
  std::uint16_t ords[4] = {0, 4, 2, 4};
  std::uint32_t names_rva = b.append(rdata, names, sizeof names, 4);
  std::uint32_t ords_rva = b.append(rdata, ords, sizeof ords, 2);
  std::uint32_t dll_name = b.append_string(rdata, "sample.dll");
  std::uint32_t exp_end = b.reserve(rdata, 0, 1);
  ExportDirectory ed{0, 0, 0, 0, dll_name, 5, 5, 4, funcs_rva, names_rva, ords_rva};
  b.patch_value(exp_start, ed);
  b.set_directory(kDirExport, exp_start, exp_end - exp_start);

  // TLS.
  std::uint64_t tls_template[2] = {0x1122334455667788ull, 0x99};
  std::uint32_t tls_data = b.append(data, tls_template, sizeof tls_template);
  s.tls_index = b.reserve(data, 8);
  std::uint64_t callbacks[3] = {b.oh.ImageBase + s.text + 0x20, b.oh.ImageBase + s.text + 0x28, 0};
  s.tls_callbacks = b.append(rdata, callbacks, sizeof callbacks);
  TlsDirectory64 tls{b.oh.ImageBase + tls_data,
                     b.oh.ImageBase + tls_data + 16,
                     b.oh.ImageBase + s.tls_index,
                     b.oh.ImageBase + s.tls_callbacks,
                     0,
                     0};
  s.tls_dir = b.append_value(rdata, tls);
  b.set_directory(kDirTls, s.tls_dir, sizeof tls);

  // .pdata.
  RuntimeFunction rf[2] = {{s.text, s.text + 0x10, s.rdata}, {s.text + 0x10, s.text + 0x20, s.rdata}};
  std::uint32_t pdata_rva = b.append(pdata, rf, sizeof rf, 4);
  b.set_directory(kDirException, pdata_rva, sizeof rf);

  // .rsrc: root -> types -> names -> languages -> data entries. Offsets are relative to the root.
  {
    std::vector<std::uint8_t> r;
    auto put = [&](const void* p, std::size_t n) {
      std::uint32_t off = static_cast<std::uint32_t>(r.size());
      const auto* c = static_cast<const std::uint8_t*>(p);
      r.insert(r.end(), c, c + n);
      return off;
    };
    auto dir_with = [&](std::uint16_t named, std::uint16_t ids) {
      ResourceDirectory d{0, 0, 0, 0, named, ids};
      std::uint32_t off = put(&d, sizeof d);
      std::vector<ResourceDirectoryEntry> e(named + ids);
      put(e.data(), e.size() * sizeof e[0]);
      return off;
    };
    auto set_entry = [&](std::uint32_t dir, unsigned i, std::uint32_t name, std::uint32_t target) {
      ResourceDirectoryEntry e{name, target};
      std::memcpy(r.data() + dir + sizeof(ResourceDirectory) + i * sizeof e, &e, sizeof e);
    };
    std::uint32_t root_rva = PeBuilder::section_rva(rsrc);
    auto leaf = [&]() {  // a language directory with one data entry
      std::uint32_t lang = dir_with(0, 1);
      ResourceDataEntry de{root_rva, 4, 0, 0};
      std::uint32_t de_off = put(&de, sizeof de);
      set_entry(lang, 0, 0x409, de_off);
      return lang;
    };
    std::uint32_t root = dir_with(1, 2);
    std::u16string type_name = u"MYTYPE";
    std::uint16_t len = static_cast<std::uint16_t>(type_name.size());
    std::uint32_t name_off = put(&len, 2);
    put(type_name.data(), type_name.size() * 2);
    while (r.size() % 4) r.push_back(0);
    std::uint32_t named = dir_with(0, 1);
    set_entry(named, 0, 1, 0x80000000u | leaf());
    std::uint32_t icons = dir_with(0, 2);
    set_entry(icons, 0, 1, 0x80000000u | leaf());
    set_entry(icons, 1, 2, 0x80000000u | leaf());
    std::uint32_t version = dir_with(0, 1);
    set_entry(version, 0, 1, 0x80000000u | leaf());
    set_entry(root, 0, 0x80000000u | name_off, 0x80000000u | named);
    set_entry(root, 1, 3, 0x80000000u | icons);
    set_entry(root, 2, 16, 0x80000000u | version);
    s.resource_dir = b.append(rsrc, r.data(), r.size(), 4);
    b.set_directory(kDirResource, s.resource_dir, static_cast<std::uint32_t>(r.size()));
  }

  // Base relocations: DIR64 for the two TLS pointers' neighbours, HIGHLOW in .text, with padding.
  {
    std::vector<std::uint8_t> r;
    auto block = [&](std::uint32_t page, std::vector<std::uint16_t> entries) {
      BaseRelocationBlock h{page, static_cast<std::uint32_t>(8 + entries.size() * 2)};
      const auto* p = reinterpret_cast<const std::uint8_t*>(&h);
      r.insert(r.end(), p, p + 8);
      const auto* e = reinterpret_cast<const std::uint8_t*>(entries.data());
      r.insert(r.end(), e, e + entries.size() * 2);
    };
    block(s.data,
          {static_cast<std::uint16_t>(kRelDir64 << 12 | 0x000), static_cast<std::uint16_t>(kRelDir64 << 12 | 0x008),
           static_cast<std::uint16_t>(kRelDir64 << 12 | 0x010), 0});
    block(s.text, {static_cast<std::uint16_t>(kRelHighLow << 12 | 0x010), 0});
    s.reloc_dir = b.append(reloc, r.data(), r.size(), 4);
    b.set_directory(kDirBaseReloc, s.reloc_dir, static_cast<std::uint32_t>(r.size()));
  }

  if (where) *where = s;
  return b.build();
}

}  // namespace sill::pe::testing
