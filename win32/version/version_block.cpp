// VS_VERSIONINFO parsing (see version_block.h).
#include "win32/version/version_block.h"

#include <algorithm>
#include <cstring>

namespace sill::version {

namespace {

constexpr std::size_t kHeader = 6;  // wLength, wValueLength, wType

std::uint16_t word_at(const std::uint8_t* p) {
  std::uint16_t v;
  std::memcpy(&v, p, 2);
  return v;
}

std::size_t align4(std::size_t v) { return (v + 3) & ~std::size_t{3}; }

char16_t fold(char16_t c) { return c >= u'a' && c <= u'z' ? static_cast<char16_t>(c - 0x20) : c; }

bool same_key(std::u16string_view a, std::u16string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char16_t x, char16_t y) {
           return fold(x) == fold(y);
         });
}

// The node at `offset`, if it fits in [offset, end).
std::optional<VersionNode> node_at(const std::uint8_t* block, std::size_t offset, std::size_t end) {
  if (offset + kHeader > end) return std::nullopt;
  std::size_t length = word_at(block + offset);
  if (length < kHeader || offset + length > end) return std::nullopt;
  std::size_t node_end = offset + length;
  VersionNode n{offset, length, word_at(block + offset + 2), word_at(block + offset + 4) == 1, {}, 0, 0};
  std::size_t at = offset + kHeader;
  for (;; at += 2) {
    if (at + 2 > node_end) return std::nullopt;  // the key must be terminated inside the node
    char16_t c = word_at(block + at);
    if (!c) break;
    n.key.push_back(c);
  }
  n.value_offset = std::min(align4(at + 2), node_end);
  std::size_t value_bytes = n.text ? std::size_t{n.value_length} * 2 : n.value_length;
  if (n.value_offset + value_bytes > node_end) value_bytes = node_end - n.value_offset;  // clipped, as Windows reads it
  n.children_offset = std::min(align4(n.value_offset + value_bytes), node_end);
  return n;
}

std::size_t block_end(const std::uint8_t* block, std::size_t size) {
  if (size < 2) return 0;
  return std::min<std::size_t>(size, word_at(block));
}

}  // namespace

std::vector<VersionNode> version_children(const std::uint8_t* block, std::size_t size, const VersionNode& node) {
  std::vector<VersionNode> out;
  std::size_t end = std::min(node.offset + node.length, block_end(block, size));
  for (std::size_t at = node.children_offset; at < end;) {
    auto child = node_at(block, at, end);
    if (!child) break;
    at = align4(at + child->length);
    out.push_back(std::move(*child));
  }
  return out;
}

std::optional<VersionNode> find_version_node(const std::uint8_t* block, std::size_t size, std::u16string_view path) {
  auto node = node_at(block, 0, block_end(block, size));
  while (node && !path.empty()) {
    auto slash = path.find(u'\\');
    std::u16string_view part = path.substr(0, slash);
    path = slash == std::u16string_view::npos ? std::u16string_view{} : path.substr(slash + 1);
    if (part.empty()) continue;
    std::optional<VersionNode> next;
    for (auto& child : version_children(block, size, *node))
      if (same_key(child.key, part)) {
        next = std::move(child);
        break;
      }
    node = std::move(next);
  }
  return node;
}

std::vector<VersionString> version_strings(const std::uint8_t* block, std::size_t size) {
  std::vector<VersionString> out;
  auto info = find_version_node(block, size, u"\\StringFileInfo");
  if (!info) return out;
  for (const VersionNode& table : version_children(block, size, *info))
    for (const VersionNode& s : version_children(block, size, table)) {
      if (!s.text) continue;
      std::size_t units = std::min<std::size_t>(s.value_length, (s.children_offset - s.value_offset) / 2);
      std::u16string value(units, u'\0');
      if (units) std::memcpy(value.data(), block + s.value_offset, units * 2);
      while (!value.empty() && value.back() == 0) value.pop_back();
      out.push_back({table.key, s.key, std::move(value)});
    }
  return out;
}

}  // namespace sill::version
