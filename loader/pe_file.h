// A validated, read-only view of a PE32+ file or of an image already mapped
// in memory. Every offset, RVA, size and count is bounds-checked with
// overflow-safe arithmetic; problems are reported as sentences naming the
// offending structure. The view does not own the bytes.
#pragma once
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "base/expected.h"
#include "loader/pe_format.h"

namespace sill::pe {

// File: bytes as stored on disk (RVAs translate through the section table).
// Image: bytes as mapped by a loader (an RVA is an offset).
enum class Layout { File, Image };

struct Headers {
  std::uint16_t machine;
  std::uint16_t characteristics;  // FileHeader.Characteristics
  std::uint32_t timestamp;
  std::uint16_t subsystem;
  std::uint16_t dll_characteristics;
  std::uint16_t major_subsystem_version, minor_subsystem_version;
  std::uint16_t major_os_version, minor_os_version;
  std::uint8_t major_linker_version, minor_linker_version;
  std::uint64_t image_base;
  std::uint32_t size_of_image;
  std::uint32_t size_of_headers;
  std::uint32_t entry_point_rva;  // 0: none
  std::uint32_t section_alignment;
  std::uint32_t file_alignment;
  std::uint64_t stack_reserve, stack_commit, heap_reserve, heap_commit;
  std::uint32_t number_of_rva_and_sizes;
  DataDirectory directories[kDirCount];  // absent ones are zero
  // COFF symbol table (file offset; 0: none). mingw images keep one for long section names ("/4").
  std::uint32_t symbol_table_offset = 0;
  std::uint32_t number_of_symbols = 0;

  bool is_dll() const { return (characteristics & kFileDll) != 0; }
  bool relocs_stripped() const { return (characteristics & kFileRelocsStripped) != 0; }
};

struct Section {
  std::string name;  // up to 8 characters; long names ("/4") are kept as written
  std::uint32_t virtual_address;
  std::uint32_t virtual_size;  // as mapped: max(VirtualSize, 0) rounded by the loader
  std::uint32_t raw_offset;
  std::uint32_t raw_size;  // already clipped to VirtualSize where the latter is smaller and non-zero
  std::uint32_t characteristics;
};

struct ImportEntry {
  bool by_ordinal;
  std::uint16_t ordinal;  // when by_ordinal
  std::uint16_t hint;     // when by name
  std::string name;       // when by name
  std::uint32_t iat_rva;  // the slot the loader writes the address into
};

struct ImportDll {
  std::string dll_name;
  std::vector<ImportEntry> entries;
  // For delay-load imports: RVA of the HMODULE slot (0 if none).
  std::uint32_t module_handle_rva = 0;
};

struct ExportEntry {
  std::uint32_t ordinal;    // biased (Base already added)
  std::uint32_t rva;        // 0 for empty slots (they are not listed)
  std::string name;         // empty: exported by ordinal only
  std::string forwarder;    // "DLL.Function" or "DLL.#12" when the RVA lies in the export directory
};

struct Exports {
  std::string dll_name;
  std::uint32_t ordinal_base = 0;
  std::vector<ExportEntry> entries;  // by ordinal; a name appears with its ordinal
};

struct Relocation {
  std::uint32_t rva;
  std::uint8_t type;  // kRelDir64, kRelHighLow, kRelHigh, kRelLow, kRelHighAdj (kRelAbsolute padding is dropped)
  std::uint16_t param = 0;  // kRelHighAdj only: the entry that follows it (low 16 bits of the adjustment)
};

struct TlsInfo {
  // As written in the file: virtual addresses relative to the preferred image base.
  std::uint64_t start_va, end_va, index_va, callbacks_va;
  std::uint32_t zero_fill;
  std::uint32_t characteristics;
  std::vector<std::uint64_t> callbacks;  // VAs, in order, up to the null terminator
};

struct ResourceType {
  std::uint32_t id;   // 0 when named
  std::string name;   // UTF-8, when named
  std::uint32_t count;  // number of resources (name/id entries) of the type
};

// Names for printing: "AMD64", "ARM64", ... ("unknown" otherwise).
const char* machine_name(std::uint16_t machine);
// "Windows CUI", "Windows GUI", "Native", ... ("unknown" otherwise).
const char* subsystem_name(std::uint16_t subsystem);
// "import", "base relocation", ... for error messages and `sill info`.
const char* directory_name(unsigned index);

// A name read from a file, safe to print: control characters and bytes that are
// not UTF-8 become \xNN, and an empty name reads "(unnamed)".
std::string printable(std::string_view name);

class PeFile {
 public:
  // Validates the DOS header, NT headers, optional header and section table.
  // Refuses PE32 (32-bit) and non-x86-64 machines with a message that says so.
  static Expected<PeFile> parse(std::span<const std::uint8_t> bytes, Layout layout = Layout::File);

  const Headers& headers() const { return headers_; }
  const std::vector<Section>& sections() const { return sections_; }
  std::span<const std::uint8_t> bytes() const { return bytes_; }
  Layout layout() const { return layout_; }

  // Directories are parsed on demand; each fully validates what it reads.
  Expected<std::vector<ImportDll>> imports() const;
  Expected<std::vector<ImportDll>> delay_imports() const;
  Expected<Exports> exports() const;
  Expected<std::vector<Relocation>> relocations() const;
  Expected<std::optional<TlsInfo>> tls() const;
  Expected<std::vector<ResourceType>> resource_types() const;
  Expected<std::span<const RuntimeFunction>> runtime_functions() const;

  // size bytes at rva, if all of them are backed by the file (or the image).
  std::optional<std::span<const std::uint8_t>> at_rva(std::uint32_t rva, std::uint32_t size) const;
  // A NUL-terminated string at rva of at most max_len characters.
  std::optional<std::string> string_at_rva(std::uint32_t rva, std::uint32_t max_len = 4096) const;
  std::optional<std::uint32_t> rva_to_offset(std::uint32_t rva) const;

 private:
  std::span<const std::uint8_t> bytes_;
  Layout layout_ = Layout::File;
  Headers headers_{};
  std::vector<Section> sections_;
};

}  // namespace sill::pe
