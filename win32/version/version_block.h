// The VS_VERSIONINFO block of a version resource: a tree of nodes, each
// { WORD wLength; WORD wValueLength; WORD wType; WCHAR szKey[]; padding to 4;
//   value; padding to 4; children }. Every length is checked against the node
// that contains it, so a damaged block yields "not found", never a read past it.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sill::version {

struct VersionNode {
  std::size_t offset;        // of the node, from the start of the block
  std::size_t length;        // wLength (with children)
  std::uint16_t value_length;  // wValueLength: bytes for binary values, characters for text
  bool text;                 // wType == 1
  std::u16string key;
  std::size_t value_offset;  // where the value starts (aligned after the key)
  std::size_t children_offset;
};

// The node at `path` ("\\", "\\StringFileInfo\\040904b0\\ProductName", ...;
// components separated by '\\', keys compared case-insensitively, empty
// components ignored). `size` bounds the block (its root wLength is used when smaller).
std::optional<VersionNode> find_version_node(const std::uint8_t* block, std::size_t size, std::u16string_view path);

// The children of a node, in order.
std::vector<VersionNode> version_children(const std::uint8_t* block, std::size_t size, const VersionNode& node);

// The root's VS_FIXEDFILEINFO signature (0xFEEF04BD) and layout.
struct FixedFileInfo {
  std::uint32_t dwSignature;
  std::uint32_t dwStrucVersion;
  std::uint32_t dwFileVersionMS, dwFileVersionLS;
  std::uint32_t dwProductVersionMS, dwProductVersionLS;
  std::uint32_t dwFileFlagsMask, dwFileFlags;
  std::uint32_t dwFileOS, dwFileType, dwFileSubtype;
  std::uint32_t dwFileDateMS, dwFileDateLS;
};
static_assert(sizeof(FixedFileInfo) == 52);
inline constexpr std::uint32_t kFixedFileInfoSignature = 0xFEEF04BD;

// Every "\\StringFileInfo\\<table>\\<key>" string of a block, as (table, key, value) in UTF-16.
struct VersionString {
  std::u16string table, key, value;
};
std::vector<VersionString> version_strings(const std::uint8_t* block, std::size_t size);

}  // namespace sill::version
