// libFuzzer target: PeFile::parse in both layouts and every accessor, with
// checks that whatever the parser hands out lies inside the input.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <span>

#include "loader/pe_file.h"
#include "loader/pe_resources.h"

using namespace sill::pe;

namespace {

void require(bool ok) {
  if (!ok) __builtin_trap();
}

void inside(std::span<const std::uint8_t> all, std::span<const std::uint8_t> part) {
  require(part.data() >= all.data() && part.data() + part.size() <= all.data() + all.size());
}

void probe(const PeFile& pe, std::uint32_t rva, std::uint32_t size) {
  if (auto s = pe.at_rva(rva, size)) {
    inside(pe.bytes(), *s);
    require(s->size() == size);
  }
  if (auto off = pe.rva_to_offset(rva)) require(*off < pe.bytes().size());
  if (auto str = pe.string_at_rva(rva, 64)) require(str->size() <= 64);
}

void exercise(const PeFile& pe) {
  const Headers& h = pe.headers();
  for (const Section& s : pe.sections()) {
    require(std::uint64_t{s.virtual_address} + s.virtual_size <= h.size_of_image);
    if (pe.layout() == Layout::File && s.raw_size)
      require(std::uint64_t{s.raw_offset} + s.raw_size <= pe.bytes().size());
    probe(pe, s.virtual_address, s.raw_size);
    probe(pe, s.virtual_address + s.virtual_size - 1, 1);
  }
  if (auto imports = pe.imports()) {
    for (const ImportDll& d : *imports) {
      require(!printable(d.dll_name).empty());
      for (const ImportEntry& e : d.entries) {
        probe(pe, e.iat_rva, 8);
        require(e.by_ordinal || printable(e.name).size() >= e.name.size());
      }
    }
  }
  if (auto delay = pe.delay_imports()) {
    for (const ImportDll& d : *delay) {
      probe(pe, d.module_handle_rva, 8);
      for (const ImportEntry& e : d.entries) probe(pe, e.iat_rva, 8);
    }
  }
  if (auto exports = pe.exports()) {
    for (const ExportEntry& e : exports->entries) {
      require(e.rva != 0);
      if (e.forwarder.empty()) require(e.rva < h.size_of_image);
      probe(pe, e.rva, 16);
    }
  }
  if (auto rel = pe.relocations()) {
    for (const Relocation& r : *rel) require(std::uint64_t{r.rva} + 2 <= h.size_of_image && r.type != 0);
  }
  if (auto tls = pe.tls(); tls && *tls) {
    for (std::uint64_t cb : (*tls)->callbacks) require(cb >= h.image_base && cb - h.image_base < h.size_of_image);
  }
  if (auto res = pe.resource_types()) {
    for (const ResourceType& t : *res) require(t.name.size() < (1u << 20));
  }
  // Lookups walk the tree without validate(): each must end, and what it finds must be inside the image.
  if (auto tree = ResourceTree::open(pe)) {
    if (auto types = tree->types(); types && !types->empty()) {
      const ResourceId& type = types->front();
      if (auto names = tree->names(type); names && !names->empty()) {
        const std::uint16_t ui[] = {0x0409};
        if (auto d = tree->find(type, names->front(), 0, ui)) {
          require(std::uint64_t{d->rva} + d->size <= h.size_of_image);
          if (auto b = tree->bytes(*d)) inside(pe.bytes(), *b);
        }
      }
    }
  }
  if (auto pdata = pe.runtime_functions()) {
    if (!pdata->empty())
      inside(pe.bytes(), {reinterpret_cast<const std::uint8_t*>(pdata->data()), pdata->size_bytes()});
    for (const RuntimeFunction& f : *pdata) require(f.BeginAddress <= f.EndAddress);
  }
  probe(pe, h.entry_point_rva, 16);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::span<const std::uint8_t> bytes(data, size);
  if (auto pe = PeFile::parse(bytes, Layout::File)) exercise(*pe);
  // The same bytes read as a mapped image exercise the RVA == offset paths.
  if (auto pe = PeFile::parse(bytes, Layout::Image)) exercise(*pe);
  return 0;
}
