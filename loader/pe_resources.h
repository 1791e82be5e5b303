// The resource tree of a PE image (type -> name -> language -> data), read
// lazily and bounds-checked: every directory, name string and data entry is
// checked against the resource section before a byte is used, so a malformed
// file yields an error that names the broken structure. Lookups walk exactly
// three levels and enumerations read one directory, so no input can loop.
#pragma once
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "base/expected.h"
#include "loader/pe_file.h"

namespace sill::pe {

// A resource type, name or (in enumerations) an integer id: MAKEINTRESOURCE
// ids are 16-bit; names are UTF-16 strings.
struct ResourceId {
  std::uint16_t id = 0;
  std::u16string name;
  bool is_named = false;

  static ResourceId of(std::uint16_t id) { return ResourceId{id, {}, false}; }
  static ResourceId of(std::u16string name) { return ResourceId{0, std::move(name), true}; }
  bool named() const { return is_named; }
  // Names compare case-insensitively (Windows upper-cases the name it looks for).
  bool matches(const ResourceId& other) const;
  // "#12" for an id, the name in UTF-8 (printable) otherwise: for messages.
  std::string text() const;
};

// A leaf of the tree: where the resource's bytes are.
struct ResourceData {
  std::uint32_t entry_rva;  // of its IMAGE_RESOURCE_DATA_ENTRY (what an HRSRC points at)
  std::uint32_t rva;
  std::uint32_t size;
  std::uint32_t code_page;
  std::uint16_t language;
};

// Why a lookup failed; kernel32 turns each into its own error code.
enum class ResourceMiss {
  NoResources,  // the image has no resource directory (ERROR_RESOURCE_DATA_NOT_FOUND)
  Type,         // ERROR_RESOURCE_TYPE_NOT_FOUND
  Name,         // ERROR_RESOURCE_NAME_NOT_FOUND
  Language,     // ERROR_RESOURCE_LANG_NOT_FOUND
  Malformed,    // the tree is damaged where the lookup went
};

struct ResourceError {
  ResourceMiss kind;
  std::string message;
};

template <class T>
using ResourceResult = Expected<T, ResourceError>;

// The languages FindResourceExW tries, in order, for a requested LANGID, as
// Windows' loader (LdrFindResource_U) does it:
// - a specific language (primary language not LANG_NEUTRAL): that LANGID, the
//   same primary language with SUBLANG_NEUTRAL, then LANG_NEUTRAL itself; a
//   resource in none of them is not found (ERROR_RESOURCE_LANG_NOT_FOUND), it
//   is never replaced by an unrelated language;
// - LANG_NEUTRAL with any sublanguage (0, what FindResourceW passes, or
//   SUBLANG_DEFAULT / SUBLANG_SYS_DEFAULT) means "the caller's language": each
//   UI language given (thread, user, system default, in that
//   order) and its primary language, LANG_NEUTRAL with SUBLANG_NEUTRAL,
//   SUBLANG_DEFAULT and SUBLANG_SYS_DEFAULT, English (US, then neutral), and
//   finally whichever language the resource lists first (ResourceTree::find
//   adds that last step).
// Checked against Wine, whose resource tests encode Windows' answers. Duplicates
// are dropped, keeping the first position.
std::vector<std::uint16_t> resource_language_order(std::uint16_t requested,
                                                   std::span<const std::uint16_t> ui_languages);
// Whether a request for this LANGID may end on any language the resource has.
inline bool resource_language_is_neutral(std::uint16_t requested) { return (requested & 0x3FF) == 0; }

class ResourceTree {
 public:
  // The tree of a parsed PE (file or image layout). The PeFile's bytes must
  // outlive the tree. A PE without a resource directory gives an empty tree.
  static Expected<ResourceTree> open(const PeFile& pe);
  // The tree of an image mapped in memory (base, SizeOfImage), as a loaded module has it.
  static Expected<ResourceTree> open_image(const void* base, std::size_t size);

  bool empty() const { return view_.empty(); }
  const PeFile& pe() const { return pe_; }

  // The file's own order (named entries first, then ids, as the linker sorted them).
  ResourceResult<std::vector<ResourceId>> types() const;
  ResourceResult<std::vector<ResourceId>> names(const ResourceId& type) const;
  ResourceResult<std::vector<std::uint16_t>> languages(const ResourceId& type, const ResourceId& name) const;

  // The resource in exactly this language.
  ResourceResult<ResourceData> find_exact(const ResourceId& type, const ResourceId& name,
                                          std::uint16_t language) const;
  // The first of `order` the resource has; failing that, its first language
  // when any_language (a neutral request), else a Language miss.
  ResourceResult<ResourceData> find(const ResourceId& type, const ResourceId& name,
                                    std::span<const std::uint16_t> order, bool any_language) const;
  // FindResourceExW's search: resource_language_order(requested, ui_languages).
  ResourceResult<ResourceData> find(const ResourceId& type, const ResourceId& name, std::uint16_t requested,
                                    std::span<const std::uint16_t> ui_languages) const;

  // The resource's bytes, if the image (or file) backs all of them.
  std::optional<std::span<const std::uint8_t>> bytes(const ResourceData& data) const;

  // Walks the whole tree once (shared or looping subdirectories and trees
  // deeper than three levels are errors; the work is capped by the file's
  // size) and returns the number of resources of each type, in order.
  Expected<std::vector<std::pair<ResourceId, std::uint32_t>>> validate() const;

 private:
  struct Entry {
    std::uint32_t raw_name;  // high bit: offset of a counted UTF-16 name; else the id
    std::uint32_t target;    // offset in the tree of a subdirectory or a data entry
    bool is_directory;
  };

  ResourceResult<std::vector<Entry>> directory(std::uint32_t offset, const char* level) const;
  ResourceResult<ResourceId> entry_name(std::uint32_t raw_name) const;
  // The ids of a directory's entries; the copied names may not total more bytes than the section.
  ResourceResult<std::vector<ResourceId>> entry_ids(const std::vector<Entry>& entries) const;
  ResourceResult<bool> entry_matches(const Entry& e, const ResourceId& id) const;
  ResourceResult<ResourceData> data_entry(std::uint32_t offset, std::uint16_t language) const;
  // The subdirectory below `id` in the directory at `offset`.
  ResourceResult<Entry> child(std::uint32_t offset, const ResourceId& id, const char* level, ResourceMiss miss) const;
  ResourceResult<std::vector<Entry>> language_entries(const ResourceId& type, const ResourceId& name) const;

  PeFile pe_;
  std::uint32_t root_ = 0;                // RVA of the root directory
  std::span<const std::uint8_t> view_;  // the bytes from the root to the end of its section
};

}  // namespace sill::pe
