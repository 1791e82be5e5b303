// Stage 1 and 2 of loading a PE file: map its sections at the preferred base
// (or anywhere, then apply base relocations), and later set page protections.
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "base/debug.h"
#include "loader/loader_internal.h"
#include "ntdll/status.h"
#include "loader/pe_file.h"
#include "ntdll/virtual.h"

SILL_DEFAULT_DEBUG_CHANNEL(loader);

namespace sill::loader {

namespace {

constexpr std::size_t kPage = 4096;

LoadError error(win::NTSTATUS status, std::string message) { return LoadError{status, std::move(message)}; }

// The whole file, read-only. Unmapped by the destructor.
struct FileView {
  void* data = MAP_FAILED;
  std::size_t size = 0;
  ~FileView() {
    if (data != MAP_FAILED) munmap(data, size);
  }
};

LoadResult<void> open_file(const std::string& path, FileView& view) {
  int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return Unexpected(error(nt::STATUS_DLL_NOT_FOUND, "cannot open " + path + ": " + std::strerror(errno)));
  struct stat st {};
  if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    close(fd);
    return Unexpected(error(nt::STATUS_INVALID_IMAGE_FORMAT, path + " is not a regular file"));
  }
  view.size = static_cast<std::size_t>(st.st_size);
  if (view.size == 0) {
    close(fd);
    return Unexpected(error(nt::STATUS_INVALID_IMAGE_FORMAT, path + " is empty"));
  }
  view.data = mmap(nullptr, view.size, PROT_READ, MAP_PRIVATE, fd, 0);
  close(fd);
  if (view.data == MAP_FAILED) return Unexpected(error(nt::STATUS_NO_MEMORY, "cannot read " + path));
  return {};
}

std::uint8_t* reserve_at(std::uint64_t address, std::size_t size) {
  void* want = reinterpret_cast<void*>(address);
  void* p = mmap(want, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
  if (p == MAP_FAILED) return nullptr;
  if (p != want) {  // kernels before 4.17 treat the flag as a hint
    munmap(p, size);
    return nullptr;
  }
  return static_cast<std::uint8_t*>(p);
}

LoadResult<void> apply_relocations(const pe::PeFile& file, std::uint8_t* base, std::size_t size,
                                   std::int64_t delta) {
  auto relocs = file.relocations();
  if (!relocs) return Unexpected(error(nt::STATUS_INVALID_IMAGE_FORMAT, relocs.error().message));
  const auto& list = *relocs;
  for (std::size_t i = 0; i < list.size(); ++i) {
    const auto& r = list[i];
    std::size_t width = r.type == pe::kRelDir64 ? 8 : (r.type == pe::kRelHighLow ? 4 : 2);
    if (std::size_t{r.rva} + width > size)
      return Unexpected(error(nt::STATUS_INVALID_IMAGE_FORMAT, "a base relocation points outside the image"));
    std::uint8_t* at = base + r.rva;
    switch (r.type) {
      case pe::kRelDir64: {
        std::uint64_t v;
        std::memcpy(&v, at, 8);
        v += static_cast<std::uint64_t>(delta);
        std::memcpy(at, &v, 8);
        break;
      }
      case pe::kRelHighLow: {
        std::uint32_t v;
        std::memcpy(&v, at, 4);
        v += static_cast<std::uint32_t>(delta);
        std::memcpy(at, &v, 4);
        break;
      }
      case pe::kRelHigh: {
        std::uint16_t v;
        std::memcpy(&v, at, 2);
        v = static_cast<std::uint16_t>(((std::uint32_t{v} << 16) + static_cast<std::uint32_t>(delta)) >> 16);
        std::memcpy(at, &v, 2);
        break;
      }
      case pe::kRelLow: {
        std::uint16_t v;
        std::memcpy(&v, at, 2);
        v = static_cast<std::uint16_t>(v + static_cast<std::uint16_t>(delta));
        std::memcpy(at, &v, 2);
        break;
      }
      case pe::kRelHighAdj: {
        // The high half of a 32-bit value whose low half is the next entry, rounded.
        std::uint16_t v;
        std::memcpy(&v, at, 2);
        std::uint32_t low = static_cast<std::uint32_t>(static_cast<std::int32_t>(static_cast<std::int16_t>(r.param)));
        std::uint32_t full = (std::uint32_t{v} << 16) + low + static_cast<std::uint32_t>(delta);
        v = static_cast<std::uint16_t>((full + 0x8000) >> 16);
        std::memcpy(at, &v, 2);
        break;
      }
      default:
        return Unexpected(error(nt::STATUS_INVALID_IMAGE_FORMAT,
                                "unsupported base relocation type " + std::to_string(r.type)));
    }
  }
  return {};
}

int protection_of(std::uint32_t characteristics) {
  int prot = 0;
  if (characteristics & pe::kScnMemRead) prot |= PROT_READ;
  if (characteristics & pe::kScnMemWrite) prot |= PROT_READ | PROT_WRITE;
  if (characteristics & pe::kScnMemExecute) prot |= PROT_READ | PROT_EXEC;
  return prot;
}

}  // namespace

LoadResult<ModuleState*> map_pe_image(const std::string& unix_path, std::u16string full_name, bool is_exe) {
  FileView view;
  if (auto r = open_file(unix_path, view); !r) return Unexpected(r.error());
  auto parsed = pe::PeFile::parse({static_cast<const std::uint8_t*>(view.data), view.size});
  if (!parsed) return Unexpected(error(nt::STATUS_INVALID_IMAGE_FORMAT, parsed.error().message));
  const pe::PeFile& file = *parsed;
  const pe::Headers& h = file.headers();
  if (is_exe && h.is_dll())
    return Unexpected(error(nt::STATUS_INVALID_IMAGE_FORMAT, "it is a DLL, not a program"));
  if (!is_exe && !h.is_dll())
    return Unexpected(error(nt::STATUS_INVALID_IMAGE_FORMAT, "it is a program, not a DLL"));

  std::size_t size = (std::size_t{h.size_of_image} + kPage - 1) & ~(kPage - 1);
  std::uint8_t* base = reserve_at(h.image_base, size);
  bool relocate = false;
  if (!base) {
    bool has_relocs = h.directories[pe::kDirBaseReloc].Size != 0;
    if (h.relocs_stripped() || !has_relocs)
      return Unexpected(error(nt::STATUS_CONFLICTING_ADDRESSES,
                              "its preferred address is already in use and it has no relocations"));
    void* p = mmap(nullptr, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED) return Unexpected(error(nt::STATUS_NO_MEMORY, "not enough memory to map it"));
    base = static_cast<std::uint8_t*>(p);
    relocate = true;
  }

  auto fail = [&](LoadError e) -> LoadResult<ModuleState*> {
    munmap(base, size);
    return Unexpected(std::move(e));
  };

  std::memcpy(base, view.data, std::min<std::size_t>(h.size_of_headers, view.size));
  for (const pe::Section& s : file.sections()) {
    if (s.raw_size == 0) continue;
    // The parser guarantees the raw data lies in the file and the section inside the image.
    std::memcpy(base + s.virtual_address, static_cast<const std::uint8_t*>(view.data) + s.raw_offset, s.raw_size);
  }
  std::int64_t delta = static_cast<std::int64_t>(reinterpret_cast<std::uint64_t>(base) - h.image_base);
  if (relocate) {
    TRACE("%s: relocating from 0x%llx to %p\n", unix_path.c_str(), static_cast<unsigned long long>(h.image_base),
          static_cast<void*>(base));
    if (auto r = apply_relocations(file, base, size, delta); !r) return fail(r.error());
    // Programs read their ImageBase from the headers: it must be the actual one.
    auto* dos = reinterpret_cast<pe::DosHeader*>(base);
    auto* nt = reinterpret_cast<pe::NtHeaders64*>(base + dos->e_lfanew);
    nt->OptionalHeader.ImageBase = reinterpret_cast<std::uint64_t>(base);
  }

  auto state = std::make_unique<ModuleState>();
  Module& m = state->module;
  m.full_name = std::move(full_name);
  m.base_name = base_name_of(m.full_name);
  m.unix_path = unix_path;
  m.base = base;
  m.size = size;
  m.is_exe = is_exe;
  m.load_count = is_exe ? -1 : 0;
  state->sections = file.sections();
  state->section_alignment = h.section_alignment;
  if (h.entry_point_rva) {
    if (h.entry_point_rva >= size) return fail(error(nt::STATUS_INVALID_IMAGE_FORMAT, "its entry point lies outside the image"));
    state->entry_point = base + h.entry_point_rva;
  }

  // TLS template, read from the relocated image (its VAs are absolute and now correct).
  const auto& tls_dir = h.directories[pe::kDirTls];
  if (tls_dir.Size) {
    if (std::size_t{tls_dir.VirtualAddress} + sizeof(pe::TlsDirectory64) > size)
      return fail(error(nt::STATUS_INVALID_IMAGE_FORMAT, "its TLS directory lies outside the image"));
    pe::TlsDirectory64 tls;
    std::memcpy(&tls, base + tls_dir.VirtualAddress, sizeof tls);
    auto inside = [&](std::uint64_t va, std::uint64_t len) {
      auto b = reinterpret_cast<std::uint64_t>(base);
      return va >= b && va - b <= size && len <= size - (va - b);
    };
    if (tls.EndAddressOfRawData < tls.StartAddressOfRawData ||
        !inside(tls.StartAddressOfRawData, tls.EndAddressOfRawData - tls.StartAddressOfRawData) ||
        !inside(tls.AddressOfIndex, 4) || (tls.AddressOfCallBacks && !inside(tls.AddressOfCallBacks, 8)))
      return fail(error(nt::STATUS_INVALID_IMAGE_FORMAT, "its TLS directory points outside the image"));
    state->has_tls = true;
    state->tls_start = reinterpret_cast<const std::uint8_t*>(tls.StartAddressOfRawData);
    state->tls_data_size = tls.EndAddressOfRawData - tls.StartAddressOfRawData;
    state->tls_zero_fill = tls.SizeOfZeroFill;
    state->tls_callbacks = tls.AddressOfCallBacks ? reinterpret_cast<void**>(tls.AddressOfCallBacks) : nullptr;
    state->tls_index_slot = reinterpret_cast<std::uint32_t*>(tls.AddressOfIndex);
  }
  nt::note_image_mapping(base, size);  // VirtualQuery reports MEM_IMAGE for it
  TRACE("mapped %s at %p (%zu bytes)\n", unix_path.c_str(), static_cast<void*>(base), size);
  return register_module(std::move(state));
}

void protect_sections(ModuleState& s) {
  Module& m = s.module;
  if (s.section_alignment < kPage) {
    // Sections share pages: keep the whole image accessible rather than guess.
    mprotect(m.base, m.size, PROT_READ | PROT_WRITE | PROT_EXEC);
    return;
  }
  mprotect(m.base, kPage, PROT_READ);
  for (const pe::Section& sec : s.sections) {
    std::size_t start = sec.virtual_address & ~(kPage - 1);
    std::size_t end = (std::size_t{sec.virtual_address} + std::max(sec.virtual_size, sec.raw_size) + kPage - 1) &
                      ~(kPage - 1);
    if (end > m.size) end = m.size;
    if (end > start) mprotect(m.base + start, end - start, protection_of(sec.characteristics));
  }
}

}  // namespace sill::loader
