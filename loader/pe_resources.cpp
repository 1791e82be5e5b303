// Resource tree reader. Offsets inside the tree are relative to its root and
// are checked against the bytes from the root to the end of the section that
// holds it; data entries hold RVAs, checked against the image.
#include "loader/pe_resources.h"

#include <algorithm>
#include <cinttypes>
#include <cstdio>
#include <cstring>
#include <set>

#include "base/unicode.h"

namespace sill::pe {

namespace {

constexpr std::uint32_t kHighBit = 0x80000000u;

std::string hex(std::uint64_t v) {
  char buf[24];
  std::snprintf(buf, sizeof buf, "0x%" PRIx64, v);
  return buf;
}

Unexpected<ResourceError> miss(ResourceMiss kind, std::string message) { return {ResourceError{kind, std::move(message)}}; }

Unexpected<ResourceError> malformed(std::string message) { return miss(ResourceMiss::Malformed, std::move(message)); }

char16_t fold(char16_t c) {
  // Resource compilers upper-case names; Windows upper-cases the name it looks for.
  // ASCII and Latin-1 cover the names programs use.
  if ((c >= u'a' && c <= u'z') || (c >= 0xE0 && c <= 0xFE && c != 0xF7)) return static_cast<char16_t>(c - 0x20);
  return c;
}

template <class T>
T load(const std::uint8_t* p) {
  T v;
  std::memcpy(&v, p, sizeof v);
  return v;
}

}  // namespace

bool ResourceId::matches(const ResourceId& other) const {
  if (is_named != other.is_named) return false;
  if (!is_named) return id == other.id;
  if (name.size() != other.name.size()) return false;
  for (std::size_t i = 0; i < name.size(); ++i)
    if (fold(name[i]) != fold(other.name[i])) return false;
  return true;
}

std::string ResourceId::text() const {
  if (!is_named) return "#" + std::to_string(id);
  return "\"" + printable(utf16_to_utf8(name)) + "\"";
}

std::vector<std::uint16_t> resource_language_order(std::uint16_t requested,
                                                   std::span<const std::uint16_t> ui_languages) {
  constexpr std::uint16_t kPrimaryMask = 0x3FF;
  std::vector<std::uint16_t> order;
  auto add = [&](std::uint16_t lang) {
    if (std::find(order.begin(), order.end(), lang) == order.end()) order.push_back(lang);
  };
  if (!resource_language_is_neutral(requested)) {
    add(requested);
    add(requested & kPrimaryMask);  // MAKELANGID(PRIMARYLANGID(requested), SUBLANG_NEUTRAL)
    add(0x0000);                    // LANG_NEUTRAL
    return order;
  }
  for (std::uint16_t ui : ui_languages) {
    if (resource_language_is_neutral(ui)) continue;
    add(ui);
    add(ui & kPrimaryMask);
  }
  add(0x0000);  // LANG_NEUTRAL, SUBLANG_NEUTRAL
  add(0x0400);  // LANG_NEUTRAL, SUBLANG_DEFAULT
  add(0x0800);  // LANG_NEUTRAL, SUBLANG_SYS_DEFAULT
  add(0x0409);  // English (United States)
  add(0x0009);  // English, SUBLANG_NEUTRAL
  return order;
}

Expected<ResourceTree> ResourceTree::open(const PeFile& pe) {
  ResourceTree tree;
  tree.pe_ = pe;
  const DataDirectory& dir = pe.headers().directories[kDirResource];
  if (dir.VirtualAddress == 0 || dir.Size == 0) return tree;
  tree.root_ = dir.VirtualAddress;
  // The tree may legitimately extend past the directory's declared size (the
  // linker counts only what it wrote first); the section holding it bounds it.
  std::uint64_t end = 0;
  if (pe.layout() == Layout::Image) {
    end = std::min<std::uint64_t>(pe.headers().size_of_image, pe.bytes().size());
  } else {
    for (const Section& s : pe.sections())
      if (dir.VirtualAddress >= s.virtual_address && dir.VirtualAddress - s.virtual_address < s.raw_size)
        end = std::uint64_t{s.virtual_address} + s.raw_size;
  }
  if (end <= dir.VirtualAddress)
    return fail("the resource directory (RVA " + hex(dir.VirtualAddress) + ") is not backed by the file");
  auto view = pe.at_rva(dir.VirtualAddress, static_cast<std::uint32_t>(end - dir.VirtualAddress));
  if (!view) return fail("the resource directory (RVA " + hex(dir.VirtualAddress) + ") is not backed by the file");
  tree.view_ = *view;
  return tree;
}

Expected<ResourceTree> ResourceTree::open_image(const void* base, std::size_t size) {
  auto pe = PeFile::parse({static_cast<const std::uint8_t*>(base), size}, Layout::Image);
  if (!pe) return Unexpected{pe.error()};
  return open(*pe);
}

ResourceResult<std::vector<ResourceTree::Entry>> ResourceTree::directory(std::uint32_t offset,
                                                                        const char* level) const {
  if (view_.empty()) return miss(ResourceMiss::NoResources, "the image has no resources");
  if (std::uint64_t{offset} + sizeof(ResourceDirectory) > view_.size())
    return malformed(std::string("the resource directory of ") + level + " at offset " + hex(offset) +
                     " is outside the resource section");
  auto d = load<ResourceDirectory>(view_.data() + offset);
  std::uint64_t n = std::uint64_t{d.NumberOfNamedEntries} + d.NumberOfIdEntries;
  std::uint64_t first = std::uint64_t{offset} + sizeof d;
  if (first + n * sizeof(ResourceDirectoryEntry) > view_.size())
    return malformed("the " + std::to_string(n) + " entries of the resource directory of " + level + " at offset " +
                     hex(offset) + " do not fit in the resource section");
  std::vector<Entry> out;
  out.reserve(n);
  for (std::uint64_t i = 0; i < n; ++i) {
    auto e = load<ResourceDirectoryEntry>(view_.data() + first + i * sizeof(ResourceDirectoryEntry));
    out.push_back(Entry{e.Name, e.OffsetToData & ~kHighBit, (e.OffsetToData & kHighBit) != 0});
  }
  return out;
}

ResourceResult<std::vector<ResourceId>> ResourceTree::entry_ids(const std::vector<Entry>& entries) const {
  std::vector<ResourceId> out;
  std::uint64_t copied = 0;
  for (const Entry& e : entries) {
    auto id = entry_name(e.raw_name);
    if (!id) return Unexpected{id.error()};
    copied += 2 + id->name.size() * 2;
    if (copied > view_.size())
      return malformed("the names of a resource directory add up to more bytes than the resource section holds");
    out.push_back(std::move(*id));
  }
  return out;
}

ResourceResult<bool> ResourceTree::entry_matches(const Entry& e, const ResourceId& id) const {
  bool named = (e.raw_name & kHighBit) != 0;
  if (named != id.named()) return false;
  if (!named) return e.raw_name == id.id;
  std::uint64_t at = e.raw_name & ~kHighBit;
  if (at + 2 > view_.size()) return malformed("the resource name at offset " + hex(at) + " is outside the resource section");
  auto len = load<std::uint16_t>(view_.data() + at);
  if (len != id.name.size()) return false;
  auto stored = entry_name(e.raw_name);  // the length matches the query's, so this copy is small
  if (!stored) return Unexpected{stored.error()};
  return stored->matches(id);
}

ResourceResult<ResourceId> ResourceTree::entry_name(std::uint32_t raw_name) const {
  if (!(raw_name & kHighBit)) {
    // Integer ids are 16-bit (MAKEINTRESOURCE); a wider one cannot be asked for.
    if (raw_name > 0xFFFF) return malformed("the resource id " + hex(raw_name) + " does not fit in 16 bits");
    return ResourceId::of(static_cast<std::uint16_t>(raw_name));
  }
  std::uint64_t at = raw_name & ~kHighBit;
  if (at + 2 > view_.size()) return malformed("the resource name at offset " + hex(at) + " is outside the resource section");
  auto len = load<std::uint16_t>(view_.data() + at);
  if (at + 2 + std::uint64_t{len} * 2 > view_.size())
    return malformed("the resource name at offset " + hex(at) + " (" + std::to_string(len) +
                     " characters) runs past the end of the resource section");
  std::u16string s(len, u'\0');
  std::memcpy(s.data(), view_.data() + at + 2, std::size_t{len} * 2);
  return ResourceId::of(std::move(s));
}

ResourceResult<ResourceData> ResourceTree::data_entry(std::uint32_t offset, std::uint16_t language) const {
  if (std::uint64_t{offset} + sizeof(ResourceDataEntry) > view_.size())
    return malformed("the resource data entry at offset " + hex(offset) + " is outside the resource section");
  auto e = load<ResourceDataEntry>(view_.data() + offset);
  if (std::uint64_t{e.OffsetToData} + e.Size > pe_.headers().size_of_image)
    return malformed("the resource data at RVA " + hex(e.OffsetToData) + " (" + hex(e.Size) +
                     " bytes) extends past the end of the image");
  return ResourceData{root_ + offset, e.OffsetToData, e.Size, e.CodePage, language};
}

ResourceResult<ResourceTree::Entry> ResourceTree::child(std::uint32_t offset, const ResourceId& id, const char* level,
                                                        ResourceMiss not_found) const {
  auto entries = directory(offset, level);
  if (!entries) return Unexpected{entries.error()};
  for (const Entry& e : *entries) {
    auto m = entry_matches(e, id);
    if (!m) return Unexpected{m.error()};
    if (*m) return e;
  }
  return miss(not_found, std::string("no resource ") + (not_found == ResourceMiss::Type ? "type " : "name ") +
                             id.text() + " in " + level);
}

ResourceResult<std::vector<ResourceTree::Entry>> ResourceTree::language_entries(const ResourceId& type,
                                                                                const ResourceId& name) const {
  auto t = child(0, type, "the types", ResourceMiss::Type);
  if (!t) return Unexpected{t.error()};
  if (!t->is_directory) return malformed("resource type " + type.text() + " points to data instead of a directory of names");
  auto n = child(t->target, name, ("type " + type.text()).c_str(), ResourceMiss::Name);
  if (!n) return Unexpected{n.error()};
  // A name entry pointing straight at data (no language level) reads as one neutral resource.
  if (!n->is_directory) return std::vector<Entry>{Entry{0, n->target, false}};
  auto langs = directory(n->target, ("resource " + type.text() + "/" + name.text()).c_str());
  if (!langs) return Unexpected{langs.error()};
  for (const Entry& l : *langs) {
    if (l.is_directory) return malformed("the resource tree is deeper than three levels (type, name, language)");
    if (l.raw_name > 0xFFFF) return malformed("resource " + type.text() + "/" + name.text() + " has a named language entry");
  }
  return langs;
}

ResourceResult<std::vector<ResourceId>> ResourceTree::types() const {
  auto entries = directory(0, "the types");
  if (!entries) {
    if (entries.error().kind == ResourceMiss::NoResources) return std::vector<ResourceId>{};
    return Unexpected{entries.error()};
  }
  return entry_ids(*entries);
}

ResourceResult<std::vector<ResourceId>> ResourceTree::names(const ResourceId& type) const {
  auto t = child(0, type, "the types", ResourceMiss::Type);
  if (!t) return Unexpected{t.error()};
  if (!t->is_directory) return malformed("resource type " + type.text() + " points to data instead of a directory of names");
  auto entries = directory(t->target, ("type " + type.text()).c_str());
  if (!entries) return Unexpected{entries.error()};
  return entry_ids(*entries);
}

ResourceResult<std::vector<std::uint16_t>> ResourceTree::languages(const ResourceId& type,
                                                                   const ResourceId& name) const {
  auto entries = language_entries(type, name);
  if (!entries) return Unexpected{entries.error()};
  std::vector<std::uint16_t> out;
  for (const Entry& e : *entries) out.push_back(static_cast<std::uint16_t>(e.raw_name));
  return out;
}

ResourceResult<ResourceData> ResourceTree::find_exact(const ResourceId& type, const ResourceId& name,
                                                      std::uint16_t language) const {
  auto entries = language_entries(type, name);
  if (!entries) return Unexpected{entries.error()};
  for (const Entry& e : *entries)
    if (e.raw_name == language) return data_entry(e.target, language);
  return miss(ResourceMiss::Language,
              "resource " + type.text() + "/" + name.text() + " has no language " + hex(language));
}

ResourceResult<ResourceData> ResourceTree::find(const ResourceId& type, const ResourceId& name, std::uint16_t requested,
                                                std::span<const std::uint16_t> ui_languages) const {
  auto order = resource_language_order(requested, ui_languages);
  return find(type, name, order, resource_language_is_neutral(requested));
}

ResourceResult<ResourceData> ResourceTree::find(const ResourceId& type, const ResourceId& name,
                                                std::span<const std::uint16_t> order, bool any_language) const {
  auto entries = language_entries(type, name);
  if (!entries) return Unexpected{entries.error()};
  for (std::uint16_t lang : order)
    for (const Entry& e : *entries)
      if (e.raw_name == lang) return data_entry(e.target, lang);
  if (entries->empty() || !any_language)
    return miss(ResourceMiss::Language, "resource " + type.text() + "/" + name.text() + " has none of the " +
                                            std::to_string(order.size()) + " languages looked for");
  return data_entry(entries->front().target, static_cast<std::uint16_t>(entries->front().raw_name));
}

std::optional<std::span<const std::uint8_t>> ResourceTree::bytes(const ResourceData& data) const {
  return pe_.at_rva(data.rva, data.size);
}

Expected<std::vector<std::pair<ResourceId, std::uint32_t>>> ResourceTree::validate() const {
  std::vector<std::pair<ResourceId, std::uint32_t>> out;
  if (empty()) return out;
  // Each directory may be reached once: a shared or looping subdirectory is
  // refused. Directories may still overlap, so their entries are also counted
  // against the section's size, which a well-formed tree never exceeds.
  std::set<std::uint32_t> seen;
  std::uint64_t budget = view_.size();
  auto read = [&](std::uint32_t offset, const std::string& level) -> ResourceResult<std::vector<Entry>> {
    if (!seen.insert(offset).second)
      return malformed("the resource directory at offset " + hex(offset) +
                       " is reached twice (a loop in the resource tree)");
    auto entries = directory(offset, level.c_str());
    if (!entries) return entries;
    std::uint64_t cost = sizeof(ResourceDirectory) + entries->size() * sizeof(ResourceDirectoryEntry);
    if (cost > budget)
      return malformed("the resource directories add up to more bytes than the resource section holds");
    budget -= cost;
    return entries;
  };
  auto ids = [&](const std::vector<Entry>& entries) -> ResourceResult<std::vector<ResourceId>> {
    auto out = entry_ids(entries);  // copies at most the section's size
    if (!out) return out;
    for (const ResourceId& id : *out) {
      std::uint64_t cost = id.named() ? 2 + 2 * id.name.size() : 0;
      if (cost > budget) return malformed("the resource names add up to more bytes than the resource section holds");
      budget -= cost;
    }
    return out;
  };
  auto as_error = [](const ResourceError& e) { return fail(e.message); };
  auto types = read(0, "the types");
  if (!types) return as_error(types.error());
  auto type_ids = ids(*types);
  if (!type_ids) return as_error(type_ids.error());
  for (std::size_t i = 0; i < types->size(); ++i) {
    const Entry& t = (*types)[i];
    const std::string type = (*type_ids)[i].text();
    if (!t.is_directory) return fail("resource type " + type + " points to data instead of a directory of names");
    auto names = read(t.target, "type " + type);
    if (!names) return as_error(names.error());
    auto name_ids = ids(*names);
    if (!name_ids) return as_error(name_ids.error());
    for (std::size_t k = 0; k < names->size(); ++k) {
      const Entry& n = (*names)[k];
      if (!n.is_directory) {  // no language level: unusual but loadable
        auto d = data_entry(n.target, 0);
        if (!d) return as_error(d.error());
        continue;
      }
      auto langs = read(n.target, "resource " + type + "/" + (*name_ids)[k].text());
      if (!langs) return as_error(langs.error());
      for (const Entry& l : *langs) {
        if (l.is_directory) return fail("the resource tree is deeper than three levels (type, name, language)");
        auto d = data_entry(l.target, static_cast<std::uint16_t>(l.raw_name));
        if (!d) return as_error(d.error());
      }
    }
    out.emplace_back((*type_ids)[i], static_cast<std::uint32_t>(names->size()));
  }
  return out;
}

}  // namespace sill::pe
