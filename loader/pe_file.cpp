// PE32+ parser: headers and section table at parse time, directories on demand.
// Every value read from the file is untrusted: offsets and sizes are combined
// in 64-bit arithmetic (no 32-bit sum can overflow it) and checked against the
// region that backs them before a byte is touched.
#include "loader/pe_file.h"

#include <algorithm>
#include <cinttypes>
#include <cstdio>
#include <cstring>
#include <map>

#include "base/debug.h"
#include "base/unicode.h"
#include "loader/pe_resources.h"

SILL_DEFAULT_DEBUG_CHANNEL(pe);

namespace sill::pe {

const char* machine_name(std::uint16_t machine) {
  switch (machine) {
    case kMachineAmd64:
      return "AMD64";
    case kMachineI386:
      return "i386";
    case kMachineArm64:
      return "ARM64";
    case kMachineArmNt:
      return "ARMNT";
    case kMachineArm:
      return "ARM";
    case kMachineIa64:
      return "IA-64";
    case kMachineArm64Ec:
      return "ARM64EC";
    case kMachineArm64X:
      return "ARM64X";
    case kMachineRiscV64:
      return "RISC-V 64";
    case kMachineLoongArch64:
      return "LoongArch64";
    default:
      return "unknown";
  }
}

const char* subsystem_name(std::uint16_t subsystem) {
  switch (subsystem) {
    case kSubsystemNative:
      return "Native";
    case kSubsystemWindowsGui:
      return "Windows GUI";
    case kSubsystemWindowsCui:
      return "Windows CUI";
    case kSubsystemOs2Cui:
      return "OS/2 CUI";
    case kSubsystemPosixCui:
      return "POSIX CUI";
    case kSubsystemWindowsCeGui:
      return "Windows CE GUI";
    case kSubsystemEfiApplication:
      return "EFI application";
    case kSubsystemEfiBootServiceDriver:
      return "EFI boot service driver";
    case kSubsystemEfiRuntimeDriver:
      return "EFI runtime driver";
    case kSubsystemEfiRom:
      return "EFI ROM";
    case kSubsystemXbox:
      return "Xbox";
    case kSubsystemWindowsBootApplication:
      return "Windows boot application";
    default:
      return "unknown";
  }
}

const char* directory_name(unsigned index) {
  static const char* const names[kDirCount] = {"export",
                                               "import",
                                               "resource",
                                               "exception",
                                               "security",
                                               "base relocation",
                                               "debug",
                                               "architecture",
                                               "global pointer",
                                               "TLS",
                                               "load configuration",
                                               "bound import",
                                               "import address table",
                                               "delay import",
                                               "CLR runtime header",
                                               "reserved"};
  return index < kDirCount ? names[index] : "unknown";
}

std::string printable(std::string_view name) {
  if (name.empty()) return "(unnamed)";
  std::string out;
  out.reserve(name.size());
  for (std::size_t i = 0; i < name.size();) {
    auto c = static_cast<unsigned char>(name[i]);
    // Length of a well-formed UTF-8 sequence starting here (0: not one).
    std::size_t len = c >= 0x20 && c < 0x7F             ? 1
                      : (c & 0xE0) == 0xC0 && c >= 0xC2 ? 2
                      : (c & 0xF0) == 0xE0              ? 3
                      : (c & 0xF8) == 0xF0 && c <= 0xF4 ? 4
                                                        : 0;
    for (std::size_t k = 1; len > 1 && k < len; ++k)
      if (i + k >= name.size() || (static_cast<unsigned char>(name[i + k]) & 0xC0) != 0x80) len = 0;
    if (len == 0) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\x%02x", c);
      out += buf;
      ++i;
    } else {
      out.append(name, i, len);
      i += len;
    }
  }
  return out;
}

namespace {

constexpr std::uint64_t k4G = 0x100000000ull;

std::string hex(std::uint64_t v) {
  char buf[24];
  std::snprintf(buf, sizeof buf, "0x%" PRIx64, v);
  return buf;
}

template <class T>
T load(const std::uint8_t* p) {
  T v;
  std::memcpy(&v, p, sizeof v);
  return v;
}

// A run of RVAs and the file bytes behind its start; past raw_size it reads as zeros.
struct Region {
  std::uint64_t va, vend;
  std::uint64_t raw_offset, raw_size;
};

// Caps how much a directory walk may produce, so that shared or looping
// tables cannot turn a small file into unbounded work: a well-formed file never
// describes more entries than it has bytes.
struct Budget {
  std::uint64_t left;
  bool take(std::uint64_t n) {
    if (n > left) return false;
    left -= n;
    return true;
  }
};

// Read access in RVA space for one PeFile, used by every directory parser.
class Reader {
 public:
  explicit Reader(const PeFile& pe) : pe_(pe) {}

  std::optional<Region> region_of(std::uint32_t rva) const {
    const auto& h = pe_.headers();
    auto bytes = pe_.bytes();
    if (pe_.layout() == Layout::Image) {
      std::uint64_t end = std::min<std::uint64_t>(h.size_of_image, bytes.size());
      if (rva >= end) return std::nullopt;
      return Region{0, end, 0, end};
    }
    for (const Section& s : pe_.sections()) {
      std::uint64_t end = std::uint64_t{s.virtual_address} + s.virtual_size;
      // Without raw data the offset is meaningless and may point anywhere.
      if (rva >= s.virtual_address && rva < end)
        return Region{s.virtual_address, end, s.raw_size ? s.raw_offset : 0u, s.raw_size};
    }
    if (rva < h.size_of_headers) {
      std::uint64_t raw = std::min<std::uint64_t>(h.size_of_headers, bytes.size());
      return Region{0, h.size_of_headers, 0, raw};
    }
    return std::nullopt;
  }

  // Copies size bytes at rva; the range must lie inside one region.
  bool read(std::uint64_t rva, void* out, std::uint64_t size) const {
    if (rva >= k4G) return false;
    auto r = region_of(static_cast<std::uint32_t>(rva));
    if (!r || rva + size > r->vend) return false;
    std::uint64_t off = rva - r->va;
    std::uint64_t avail = off < r->raw_size ? r->raw_size - off : 0;
    std::uint64_t n = std::min(size, avail);
    auto* dst = static_cast<std::uint8_t*>(out);
    if (n) std::memcpy(dst, pe_.bytes().data() + r->raw_offset + off, n);
    if (n < size) std::memset(dst + n, 0, size - n);
    return true;
  }

  template <class T>
  bool read(std::uint64_t rva, T& out) const {
    return read(rva, &out, sizeof out);
  }

  // A large block (a whole directory): refuses more bytes than the file holds,
  // since a huge zero-filled virtual range would otherwise be allocated.
  std::optional<std::vector<std::uint8_t>> read_block(std::uint64_t rva, std::uint64_t size) const {
    if (size > pe_.bytes().size()) return std::nullopt;
    std::vector<std::uint8_t> v(size);
    if (!read(rva, v.data(), size)) return std::nullopt;
    return v;
  }

  // A NUL-terminated string; the zero fill after a section's raw data terminates it.
  std::optional<std::string> string_at(std::uint64_t rva, std::uint32_t max_len) const {
    if (rva >= k4G) return std::nullopt;
    auto r = region_of(static_cast<std::uint32_t>(rva));
    if (!r) return std::nullopt;
    std::uint64_t off = rva - r->va;
    std::uint64_t vleft = r->vend - rva;
    std::uint64_t avail = off < r->raw_size ? std::min(r->raw_size - off, vleft) : 0;
    std::uint64_t scan = std::min<std::uint64_t>(avail, std::uint64_t{max_len} + 1);
    const char* p = reinterpret_cast<const char*>(pe_.bytes().data() + r->raw_offset + off);
    if (scan) {
      if (const void* nul = std::memchr(p, 0, scan)) return std::string(p, static_cast<const char*>(nul) - p);
    }
    if (scan == avail && avail < vleft && avail <= max_len) return std::string(avail ? p : "", avail);
    return std::nullopt;
  }

  std::optional<std::uint32_t> va_to_rva(std::uint64_t va, bool allow_end = false) const {
    const auto& h = pe_.headers();
    if (va < h.image_base) return std::nullopt;
    std::uint64_t d = va - h.image_base;
    if (d < h.size_of_image || (allow_end && d == h.size_of_image)) return static_cast<std::uint32_t>(d);
    return std::nullopt;
  }

 private:
  const PeFile& pe_;
};

// The directory's range if present (both fields non-zero).
std::optional<DataDirectory> directory(const Headers& h, unsigned index) {
  const DataDirectory& d = h.directories[index];
  if (d.VirtualAddress == 0 || d.Size == 0) return std::nullopt;
  return d;
}

}  // namespace

// ---------------------------------------------------------------------------
// Headers and section table

Expected<PeFile> PeFile::parse(std::span<const std::uint8_t> bytes, Layout layout) {
  PeFile pe;
  pe.bytes_ = bytes;
  pe.layout_ = layout;
  const std::uint64_t size = bytes.size();
  const std::uint8_t* data = bytes.data();

  if (size < 2 || load<std::uint16_t>(data) != kDosMagic) return fail("is not a Windows executable (no MZ header)");
  if (size < sizeof(DosHeader))
    return fail("the DOS header is truncated (the file has " + std::to_string(size) + " bytes, the header needs 64)");
  auto dos = load<DosHeader>(data);
  if (dos.e_lfanew < 0 || std::uint64_t(dos.e_lfanew) + 4 > size)
    return fail("the PE header offset (e_lfanew " + hex(std::uint32_t(dos.e_lfanew)) +
                ") points past the end of the file");
  const std::uint64_t nt = std::uint64_t(dos.e_lfanew);
  if (load<std::uint32_t>(data + nt) != kNtSignature)
    return fail("is not a Windows executable (no PE signature at offset " + hex(nt) + "; an MS-DOS program?)");
  if (nt + 4 + sizeof(FileHeader) > size) return fail("the COFF file header is truncated");
  auto fh = load<FileHeader>(data + nt + 4);
  const std::uint64_t opt = nt + 4 + sizeof(FileHeader);

  // The machine is the most telling fact about a foreign binary, the
  // optional header's magic the next; report those before any layout detail.
  if (fh.Machine != kMachineAmd64 && fh.Machine != kMachineI386) {
    if (std::strcmp(machine_name(fh.Machine), "unknown") == 0)
      return fail("is for an unknown machine type " + hex(fh.Machine) + "; Sill runs only x86-64 (AMD64) programs");
    return fail(std::string("is an ") + machine_name(fh.Machine) + " program; Sill runs only x86-64 (AMD64) programs");
  }
  if (fh.SizeOfOptionalHeader < 2 || opt + 2 > size) return fail("the optional header is truncated");
  const std::uint16_t magic = load<std::uint16_t>(data + opt);
  if (magic == kPe32Magic) return fail("is a 32-bit (PE32) program; Sill runs only 64-bit (PE32+) programs");
  if (magic != kPe32PlusMagic) return fail("the optional header has an unknown magic number " + hex(magic));
  if (fh.Machine != kMachineAmd64) return fail("is an i386 program; Sill runs only x86-64 (AMD64) programs");
  if (fh.SizeOfOptionalHeader < offsetof(OptionalHeader64, DataDirectory))
    return fail("the optional header is too small (" + std::to_string(fh.SizeOfOptionalHeader) +
                " bytes; a PE32+ optional header needs at least 112)");
  if (opt + fh.SizeOfOptionalHeader > size) return fail("the optional header is truncated");

  OptionalHeader64 oh{};
  std::memcpy(&oh, data + opt, std::min<std::size_t>(fh.SizeOfOptionalHeader, sizeof oh));
  const std::uint32_t ndirs = std::min<std::uint32_t>(oh.NumberOfRvaAndSizes, kDirCount);
  const std::uint32_t room = (fh.SizeOfOptionalHeader - offsetof(OptionalHeader64, DataDirectory)) / 8;
  if (ndirs > room)
    return fail("the optional header declares " + std::to_string(ndirs) + " data directories but has room for " +
                std::to_string(room));

  Headers& h = pe.headers_;
  h.machine = fh.Machine;
  h.characteristics = fh.Characteristics;
  h.timestamp = fh.TimeDateStamp;
  h.subsystem = oh.Subsystem;
  h.dll_characteristics = oh.DllCharacteristics;
  h.major_subsystem_version = oh.MajorSubsystemVersion;
  h.minor_subsystem_version = oh.MinorSubsystemVersion;
  h.major_os_version = oh.MajorOperatingSystemVersion;
  h.minor_os_version = oh.MinorOperatingSystemVersion;
  h.major_linker_version = oh.MajorLinkerVersion;
  h.minor_linker_version = oh.MinorLinkerVersion;
  h.image_base = oh.ImageBase;
  h.size_of_image = oh.SizeOfImage;
  h.size_of_headers = oh.SizeOfHeaders;
  h.entry_point_rva = oh.AddressOfEntryPoint;
  h.section_alignment = oh.SectionAlignment;
  h.file_alignment = oh.FileAlignment;
  h.stack_reserve = oh.SizeOfStackReserve;
  h.stack_commit = oh.SizeOfStackCommit;
  h.heap_reserve = oh.SizeOfHeapReserve;
  h.heap_commit = oh.SizeOfHeapCommit;
  h.number_of_rva_and_sizes = oh.NumberOfRvaAndSizes;
  h.symbol_table_offset = fh.PointerToSymbolTable;
  h.number_of_symbols = fh.NumberOfSymbols;
  for (std::uint32_t i = 0; i < ndirs; ++i) h.directories[i] = oh.DataDirectory[i];

  auto pow2 = [](std::uint32_t v) { return v != 0 && (v & (v - 1)) == 0; };
  if (!pow2(h.section_alignment))
    return fail("the section alignment " + hex(h.section_alignment) + " is not a power of two");
  if (!pow2(h.file_alignment)) return fail("the file alignment " + hex(h.file_alignment) + " is not a power of two");
  if (h.size_of_image == 0) return fail("the optional header gives an image size (SizeOfImage) of 0");
  if (h.size_of_headers > h.size_of_image)
    return fail("the headers (SizeOfHeaders " + hex(h.size_of_headers) + ") are larger than the image (SizeOfImage " +
                hex(h.size_of_image) + ")");
  if (h.image_base + std::uint64_t{h.size_of_image} < h.image_base)
    return fail("the image base " + hex(h.image_base) + " plus the image size wraps around the address space");
  if (layout == Layout::Image && size < h.size_of_image)
    return fail("the mapped image (" + hex(size) + " bytes) is smaller than its SizeOfImage (" + hex(h.size_of_image) +
                ")");

  if (fh.NumberOfSections > kMaxSections)
    return fail("the file declares " + std::to_string(fh.NumberOfSections) + " sections; Windows allows at most " +
                std::to_string(kMaxSections));
  const std::uint64_t table = opt + fh.SizeOfOptionalHeader;
  if (table + std::uint64_t{fh.NumberOfSections} * sizeof(SectionHeader) > size)
    return fail("the section table extends past the end of the file");

  pe.sections_.reserve(fh.NumberOfSections);
  for (unsigned i = 0; i < fh.NumberOfSections; ++i) {
    auto sh = load<SectionHeader>(data + table + i * sizeof(SectionHeader));
    Section s;
    s.name.assign(sh.Name, strnlen(sh.Name, sizeof sh.Name));
    s.virtual_address = sh.VirtualAddress;
    s.virtual_size = sh.VirtualSize ? sh.VirtualSize : sh.SizeOfRawData;
    s.raw_offset = sh.PointerToRawData;
    s.raw_size = (sh.VirtualSize && sh.SizeOfRawData > sh.VirtualSize) ? sh.VirtualSize : sh.SizeOfRawData;
    s.characteristics = sh.Characteristics;
    const std::string label = "section " + std::to_string(i + 1) + " (" + printable(s.name) + ")";
    if (layout == Layout::File && s.raw_size && std::uint64_t{s.raw_offset} + s.raw_size > size)
      return fail(label + "'s raw data (offset " + hex(s.raw_offset) + ", " + hex(s.raw_size) +
                  " bytes) extends past the end of the file");
    if (std::uint64_t{s.virtual_address} + s.virtual_size > h.size_of_image)
      return fail(label + " (RVA " + hex(s.virtual_address) + ", " + hex(s.virtual_size) +
                  " bytes) lies outside the image (SizeOfImage " + hex(h.size_of_image) + ")");
    if (s.virtual_size && s.virtual_address < h.size_of_headers)
      return fail(label + " (RVA " + hex(s.virtual_address) + ") overlaps the headers (SizeOfHeaders " +
                  hex(h.size_of_headers) + ")");
    pe.sections_.push_back(std::move(s));
  }
  std::vector<const Section*> sorted;
  for (const Section& s : pe.sections_) sorted.push_back(&s);
  std::sort(sorted.begin(), sorted.end(),
            [](const Section* a, const Section* b) { return a->virtual_address < b->virtual_address; });
  for (std::size_t i = 1; i < sorted.size(); ++i) {
    const Section& a = *sorted[i - 1];
    const Section& b = *sorted[i];
    if (std::uint64_t{a.virtual_address} + a.virtual_size > b.virtual_address)
      return fail("sections " + printable(a.name) + " (RVA " + hex(a.virtual_address) + ", " + hex(a.virtual_size) +
                  " bytes) and " + printable(b.name) + " (RVA " + hex(b.virtual_address) + ") overlap");
  }

  if (h.entry_point_rva >= h.size_of_image)
    return fail("the entry point RVA " + hex(h.entry_point_rva) + " is outside the image");
  for (unsigned i = 0; i < kDirCount; ++i) {
    const DataDirectory& d = h.directories[i];
    // The security directory holds a file offset, not an RVA, and is never mapped.
    if (i == kDirSecurity || (d.VirtualAddress == 0 && d.Size == 0)) continue;
    std::uint64_t end = std::uint64_t{d.VirtualAddress} + d.Size;
    if (end > 0xFFFFFFFFull)
      return fail(std::string("the ") + directory_name(i) + " directory (RVA " + hex(d.VirtualAddress) + ", " +
                  hex(d.Size) + " bytes) wraps around the 32-bit address space");
    if (d.VirtualAddress >= h.size_of_image)
      return fail(std::string(directory_name(i)) + " directory RVA " + hex(d.VirtualAddress) + " is outside the image");
    if (end > h.size_of_image)
      return fail(std::string("the ") + directory_name(i) + " directory (RVA " + hex(d.VirtualAddress) + ", " +
                  hex(d.Size) + " bytes) extends past the end of the image");
  }
  TRACE("%u sections, image size %#x, base %#" PRIx64 "\n", fh.NumberOfSections, h.size_of_image, h.image_base);
  return pe;
}

std::optional<std::uint32_t> PeFile::rva_to_offset(std::uint32_t rva) const {
  auto r = Reader(*this).region_of(rva);
  if (!r) return std::nullopt;
  std::uint64_t off = rva - r->va;
  if (off >= r->raw_size) return std::nullopt;
  return static_cast<std::uint32_t>(r->raw_offset + off);
}

std::optional<std::span<const std::uint8_t>> PeFile::at_rva(std::uint32_t rva, std::uint32_t size) const {
  auto r = Reader(*this).region_of(rva);
  if (!r) return std::nullopt;
  std::uint64_t off = rva - r->va;
  if (off + size > r->raw_size) return std::nullopt;
  return bytes_.subspan(r->raw_offset + off, size);
}

std::optional<std::string> PeFile::string_at_rva(std::uint32_t rva, std::uint32_t max_len) const {
  return Reader(*this).string_at(rva, max_len);
}

// ---------------------------------------------------------------------------
// Imports

namespace {

constexpr std::uint32_t kMaxDllName = 512;
constexpr std::uint32_t kMaxSymbolName = 4096;

// One import lookup table and the IAT beside it (both arrays of 64-bit thunks).
Expected<std::vector<ImportEntry>> read_thunks(const Reader& rd, const std::string& what, std::uint32_t ilt,
                                               std::uint32_t iat, Budget& budget) {
  std::vector<ImportEntry> out;
  for (std::uint64_t i = 0;; ++i) {
    std::uint64_t slot = ilt + 8 * i, iat_slot = iat + 8 * i;
    std::uint64_t value;
    if (!rd.read(slot, value))
      return fail("the import lookup table of " + what + " (RVA " + hex(ilt) +
                  ") runs past the end of its section without a terminating null entry");
    if (value == 0) break;
    if (!budget.take(8)) return fail("the import tables of " + what + " describe more entries than the file can hold");
    std::uint64_t iat_value;
    if (iat_slot >= k4G || !rd.read(iat_slot, iat_value))
      return fail("the import address table of " + what + " (RVA " + hex(iat) + ") runs past the end of its section");
    ImportEntry e{};
    e.iat_rva = static_cast<std::uint32_t>(iat_slot);
    if (value & kImportByOrdinal64) {
      if (value & 0x7FFFFFFFFFFF0000ull)
        return fail("import #" + std::to_string(i + 1) + " of " + what +
                    " is an ordinal entry with reserved bits set (" + hex(value) + ")");
      e.by_ordinal = true;
      e.ordinal = static_cast<std::uint16_t>(value);
    } else {
      std::string where = "import #" + std::to_string(i + 1) + " of " + what;
      std::uint16_t hint;
      if (value > 0x7FFFFFFF || !rd.read(value, hint))
        return fail("import name RVA " + hex(value) + " of " + where + " is outside the image");
      auto name = rd.string_at(value + 2, kMaxSymbolName);
      if (!name) return fail("the name of " + where + " (RVA " + hex(value + 2) + ") is not terminated");
      if (!budget.take(name->size() + 2))
        return fail("the import names of " + what + " add up to more bytes than the file holds");
      e.hint = hint;
      e.name = std::move(*name);
    }
    out.push_back(std::move(e));
  }
  return out;
}

}  // namespace

Expected<std::vector<ImportDll>> PeFile::imports() const {
  std::vector<ImportDll> out;
  auto dir = directory(headers_, kDirImport);
  if (!dir) return out;
  Reader rd(*this);
  Budget budget{bytes_.size()};
  for (std::uint64_t pos = dir->VirtualAddress;; pos += sizeof(ImportDescriptor)) {
    ImportDescriptor d;
    if (!rd.read(pos, d))
      return fail("the import directory (RVA " + hex(dir->VirtualAddress) +
                  ") runs past the end of its section without a terminating empty descriptor");
    // Windows stops at the first descriptor without a name.
    if (d.Name == 0) break;
    if (!budget.take(sizeof d)) return fail("the import directory has more descriptors than the file can hold");
    std::string index = "imported DLL #" + std::to_string(out.size() + 1);
    auto name = rd.string_at(d.Name, kMaxDllName);
    if (!name)
      return fail("the name of " + index + " (RVA " + hex(d.Name) + ") is outside the image or not terminated");
    if (name->empty()) return fail("the name of " + index + " is empty");
    if (d.FirstThunk == 0) return fail("the import descriptor of " + printable(*name) + " has no import address table");
    auto entries = read_thunks(rd, printable(*name), d.OriginalFirstThunk ? d.OriginalFirstThunk : d.FirstThunk,
                               d.FirstThunk, budget);
    if (!entries) return Unexpected{entries.error()};
    out.push_back(ImportDll{std::move(*name), std::move(*entries), 0});
  }
  return out;
}

Expected<std::vector<ImportDll>> PeFile::delay_imports() const {
  std::vector<ImportDll> out;
  auto dir = directory(headers_, kDirDelayImport);
  if (!dir) return out;
  Reader rd(*this);
  Budget budget{bytes_.size()};
  for (std::uint64_t pos = dir->VirtualAddress;; pos += sizeof(DelayImportDescriptor)) {
    DelayImportDescriptor d;
    if (!rd.read(pos, d))
      return fail("the delay import directory (RVA " + hex(dir->VirtualAddress) +
                  ") runs past the end of its section without a terminating empty descriptor");
    if (d.DllNameRVA == 0) break;
    if (!budget.take(sizeof d)) return fail("the delay import directory has more descriptors than the file can hold");
    std::string index = "delay-imported DLL #" + std::to_string(out.size() + 1);
    if ((d.Attributes & 1) == 0)
      return fail("the descriptor of " + index +
                  " uses virtual addresses (the old Visual C++ 6 format), which Sill does not support");
    auto name = rd.string_at(d.DllNameRVA, kMaxDllName);
    if (!name)
      return fail("the name of " + index + " (RVA " + hex(d.DllNameRVA) + ") is outside the image or not terminated");
    if (name->empty()) return fail("the name of " + index + " is empty");
    if (d.ImportNameTableRVA == 0 || d.ImportAddressTableRVA == 0)
      return fail("the delay import descriptor of " + printable(*name) + " lacks its name table or address table");
    if (d.ModuleHandleRVA && std::uint64_t{d.ModuleHandleRVA} + 8 > headers_.size_of_image)
      return fail("the module handle slot of delay-imported " + printable(*name) + " (RVA " + hex(d.ModuleHandleRVA) +
                  ") is outside the image");
    auto entries = read_thunks(rd, printable(*name), d.ImportNameTableRVA, d.ImportAddressTableRVA, budget);
    if (!entries) return Unexpected{entries.error()};
    out.push_back(ImportDll{std::move(*name), std::move(*entries), d.ModuleHandleRVA});
  }
  return out;
}

// ---------------------------------------------------------------------------
// Exports

Expected<Exports> PeFile::exports() const {
  Exports out;
  auto dir = directory(headers_, kDirExport);
  if (!dir) return out;
  Reader rd(*this);
  Budget budget{bytes_.size()};
  ExportDirectory ed;
  if (!rd.read(dir->VirtualAddress, ed))
    return fail("the export directory (RVA " + hex(dir->VirtualAddress) + ") is not inside a section");
  if (ed.Name) {
    auto name = rd.string_at(ed.Name, kMaxDllName);
    if (!name)
      return fail("the export directory's DLL name (RVA " + hex(ed.Name) + ") is outside the image or not terminated");
    out.dll_name = std::move(*name);
  }
  out.ordinal_base = ed.Base;
  if (std::uint64_t{ed.Base} + ed.NumberOfFunctions > k4G)
    return fail("the export ordinals (base " + std::to_string(ed.Base) + ", " + std::to_string(ed.NumberOfFunctions) +
                " functions) exceed 32 bits");
  auto table = [&](std::uint32_t rva, std::uint32_t count, unsigned width,
                   const char* what) -> Expected<std::vector<std::uint8_t>> {
    std::uint64_t bytes = std::uint64_t{count} * width;
    std::optional<std::vector<std::uint8_t>> v;
    if (count == 0) return std::vector<std::uint8_t>{};
    if (budget.take(bytes)) v = rd.read_block(rva, bytes);
    if (!v)
      return fail(std::string("the export ") + what + " (" + std::to_string(count) + " entries at RVA " + hex(rva) +
                  ") does not fit in the file");
    return std::move(*v);
  };
  auto functions = table(ed.AddressOfFunctions, ed.NumberOfFunctions, 4, "address table");
  if (!functions) return Unexpected{functions.error()};
  auto names = table(ed.AddressOfNames, ed.NumberOfNames, 4, "name pointer table");
  if (!names) return Unexpected{names.error()};
  auto ordinals = table(ed.AddressOfNameOrdinals, ed.NumberOfNames, 2, "ordinal table");
  if (!ordinals) return Unexpected{ordinals.error()};

  std::multimap<std::uint32_t, std::string> names_of;  // function index -> names
  for (std::uint32_t i = 0; i < ed.NumberOfNames; ++i) {
    std::uint32_t name_rva = load<std::uint32_t>(names->data() + 4 * i);
    std::uint16_t index = load<std::uint16_t>(ordinals->data() + 2 * i);
    auto name = rd.string_at(name_rva, kMaxSymbolName);
    if (!name)
      return fail("the name of export #" + std::to_string(i + 1) + " (RVA " + hex(name_rva) +
                  ") is outside the image or not terminated");
    if (index >= ed.NumberOfFunctions)
      return fail("export " + printable(*name) + " refers to function index " + std::to_string(index) +
                  ", but there are only " + std::to_string(ed.NumberOfFunctions));
    if (!budget.take(name->size() + 1)) return fail("the export names add up to more bytes than the file holds");
    names_of.emplace(index, std::move(*name));
  }

  const std::uint64_t dir_end = std::uint64_t{dir->VirtualAddress} + dir->Size;
  for (std::uint32_t i = 0; i < ed.NumberOfFunctions; ++i) {
    std::uint32_t rva = load<std::uint32_t>(functions->data() + 4 * i);
    if (rva == 0) continue;
    ExportEntry e{ed.Base + i, rva, {}, {}};
    // An RVA inside the export directory names another DLL's export instead of code.
    if (rva >= dir->VirtualAddress && rva < dir_end) {
      auto fwd = rd.string_at(rva, kMaxSymbolName);
      if (!fwd || fwd->empty() || fwd->find('.') == std::string::npos)
        return fail("the forwarder of export ordinal " + std::to_string(e.ordinal) + " (RVA " + hex(rva) +
                    ") is not a terminated \"DLL.Function\" string");
      if (!budget.take(fwd->size() + 1)) return fail("the export forwarders add up to more bytes than the file holds");
      e.forwarder = std::move(*fwd);
    } else if (rva >= headers_.size_of_image) {
      return fail("export ordinal " + std::to_string(e.ordinal) + " has RVA " + hex(rva) + ", outside the image");
    }
    auto [first, last] = names_of.equal_range(i);
    if (first == last) {
      out.entries.push_back(std::move(e));
      continue;
    }
    for (auto it = first; it != last; ++it) {
      ExportEntry named = e;
      named.name = it->second;
      out.entries.push_back(std::move(named));
    }
  }
  return out;
}

// ---------------------------------------------------------------------------
// Base relocations

Expected<std::vector<Relocation>> PeFile::relocations() const {
  std::vector<Relocation> out;
  auto dir = directory(headers_, kDirBaseReloc);
  if (!dir) return out;
  auto block = Reader(*this).read_block(dir->VirtualAddress, dir->Size);
  if (!block)
    return fail("the base relocation directory (RVA " + hex(dir->VirtualAddress) + ", " + hex(dir->Size) +
                " bytes) is not inside one section of the file");
  const std::vector<std::uint8_t>& b = *block;
  std::size_t off = 0;
  while (off < b.size()) {
    std::size_t left = b.size() - off;
    auto rest_is_zero = [&] { return std::all_of(b.begin() + off, b.end(), [](std::uint8_t c) { return c == 0; }); };
    if (left < sizeof(BaseRelocationBlock)) {
      if (rest_is_zero()) break;  // linker padding
      return fail("the base relocation block at offset " + hex(off) + " of the directory is truncated");
    }
    auto hdr = load<BaseRelocationBlock>(b.data() + off);
    std::string where =
        "the base relocation block for RVA " + hex(hdr.VirtualAddress) + " at offset " + hex(off) + " of the directory";
    if (hdr.SizeOfBlock == 0 && rest_is_zero()) break;
    if (hdr.SizeOfBlock < sizeof(BaseRelocationBlock))
      return fail(where + " has size " + std::to_string(hdr.SizeOfBlock) + ", less than its own header");
    if (hdr.SizeOfBlock & 1) return fail(where + " has an odd size (" + std::to_string(hdr.SizeOfBlock) + ")");
    if (hdr.SizeOfBlock > left)
      return fail(where + " (" + std::to_string(hdr.SizeOfBlock) + " bytes) extends past the end of the directory");
    std::size_t n = (hdr.SizeOfBlock - sizeof(BaseRelocationBlock)) / 2;
    const std::uint8_t* p = b.data() + off + sizeof(BaseRelocationBlock);
    for (std::size_t i = 0; i < n; ++i) {
      std::uint16_t entry = load<std::uint16_t>(p + 2 * i);
      unsigned type = entry >> 12;
      std::uint64_t rva = std::uint64_t{hdr.VirtualAddress} + (entry & 0xFFF);
      unsigned width;
      switch (type) {
        case kRelAbsolute:
          continue;
        case kRelHigh:
        case kRelLow:
        case kRelHighAdj:
          width = 2;
          break;
        case kRelHighLow:
          width = 4;
          break;
        case kRelDir64:
          width = 8;
          break;
        default:
          return fail("base relocation type " + std::to_string(type) + " at RVA " + hex(rva) +
                      " is specific to another machine and cannot apply to an x86-64 image");
      }
      if (rva + width > headers_.size_of_image)
        return fail("the base relocation at RVA " + hex(rva) + " is outside the image");
      Relocation r{static_cast<std::uint32_t>(rva), static_cast<std::uint8_t>(type), 0};
      if (type == kRelHighAdj) {
        if (++i >= n) return fail(where + " ends in the middle of a HIGHADJ relocation");
        r.param = load<std::uint16_t>(p + 2 * i);
      }
      out.push_back(r);
    }
    off += hdr.SizeOfBlock;
  }
  return out;
}

// ---------------------------------------------------------------------------
// TLS

Expected<std::optional<TlsInfo>> PeFile::tls() const {
  auto dir = directory(headers_, kDirTls);
  if (!dir) return std::optional<TlsInfo>{};
  Reader rd(*this);
  TlsDirectory64 t;
  if (!rd.read(dir->VirtualAddress, t))
    return fail("the TLS directory (RVA " + hex(dir->VirtualAddress) + ") is not inside a section");
  TlsInfo info{t.StartAddressOfRawData,
               t.EndAddressOfRawData,
               t.AddressOfIndex,
               t.AddressOfCallBacks,
               t.SizeOfZeroFill,
               t.Characteristics,
               {}};
  if (t.StartAddressOfRawData || t.EndAddressOfRawData) {
    if (t.EndAddressOfRawData < t.StartAddressOfRawData || !rd.va_to_rva(t.StartAddressOfRawData, true) ||
        !rd.va_to_rva(t.EndAddressOfRawData, true))
      return fail("the TLS data template " + hex(t.StartAddressOfRawData) + "-" + hex(t.EndAddressOfRawData) +
                  " is outside the image (based at " + hex(headers_.image_base) + ")");
  }
  if (t.AddressOfIndex) {
    auto rva = rd.va_to_rva(t.AddressOfIndex);
    if (!rva || std::uint64_t{*rva} + 4 > headers_.size_of_image)
      return fail("the TLS index slot " + hex(t.AddressOfIndex) + " is outside the image");
  }
  if (t.AddressOfCallBacks) {
    auto rva = rd.va_to_rva(t.AddressOfCallBacks);
    if (!rva) return fail("the TLS callback array " + hex(t.AddressOfCallBacks) + " is outside the image");
    for (std::uint64_t i = 0;; ++i) {
      std::uint64_t cb;
      if (!rd.read(*rva + 8 * i, cb))
        return fail("the TLS callback array at RVA " + hex(*rva) +
                    " runs past the end of its section without a terminating null entry");
      if (cb == 0) break;
      if (!rd.va_to_rva(cb))
        return fail("TLS callback #" + std::to_string(i + 1) + " (" + hex(cb) + ") is outside the image");
      info.callbacks.push_back(cb);
    }
  }
  return std::optional<TlsInfo>{std::move(info)};
}

// ---------------------------------------------------------------------------
// Resources (the tree itself is read by pe_resources.cpp)

Expected<std::vector<ResourceType>> PeFile::resource_types() const {
  auto tree = ResourceTree::open(*this);
  if (!tree) return Unexpected{tree.error()};
  auto types = tree->validate();
  if (!types) return Unexpected{types.error()};
  std::vector<ResourceType> out;
  for (const auto& [id, count] : *types)
    out.push_back(ResourceType{id.named() ? 0u : id.id, id.named() ? utf16_to_utf8(id.name) : std::string(), count});
  return out;
}

// ---------------------------------------------------------------------------
// Exception directory (.pdata)

Expected<std::span<const RuntimeFunction>> PeFile::runtime_functions() const {
  auto dir = directory(headers_, kDirException);
  if (!dir) return std::span<const RuntimeFunction>{};
  if (dir->Size % sizeof(RuntimeFunction))
    return fail("the exception directory size " + hex(dir->Size) + " is not a multiple of 12 (one RUNTIME_FUNCTION)");
  auto raw = at_rva(dir->VirtualAddress, dir->Size);
  if (!raw)
    return fail("the exception directory (RVA " + hex(dir->VirtualAddress) + ", " + hex(dir->Size) +
                " bytes) is not backed by the file");
  if (reinterpret_cast<std::uintptr_t>(raw->data()) % alignof(RuntimeFunction))
    return fail("the exception directory (RVA " + hex(dir->VirtualAddress) + ") is not 4-byte aligned");
  std::span<const RuntimeFunction> table(reinterpret_cast<const RuntimeFunction*>(raw->data()),
                                         dir->Size / sizeof(RuntimeFunction));
  for (std::size_t i = 0; i < table.size(); ++i) {
    const RuntimeFunction& f = table[i];
    // The low bit of UnwindData marks an indirect entry (it points to another RUNTIME_FUNCTION).
    if (f.BeginAddress > f.EndAddress || f.EndAddress > headers_.size_of_image ||
        (f.UnwindData & ~1u) >= headers_.size_of_image)
      return fail("RUNTIME_FUNCTION #" + std::to_string(i + 1) + " (" + hex(f.BeginAddress) + "-" + hex(f.EndAddress) +
                  ", unwind data " + hex(f.UnwindData) + ") is outside the image");
  }
  return table;
}

}  // namespace sill::pe
