#include "desktop/icon_resources.h"

#include <string>

#include "base/debug.h"
#include "desktop/icon_directory.h"
#include "loader/pe_file.h"
#include "loader/pe_resources.h"

SILL_DEFAULT_DEBUG_CHANNEL(icon);

namespace sill::desktop {
namespace {

constexpr std::uint16_t kRtIcon = 3;
constexpr std::uint16_t kRtGroupIcon = 14;

// The group's name in the tree: the index-th in resource order, or the integer ID -index.
Expected<pe::ResourceId> group_name(const pe::ResourceTree& tree, int index) {
  auto groups = tree.names(pe::ResourceId::of(kRtGroupIcon));
  if (!groups) {
    if (groups.error().kind == pe::ResourceMiss::Malformed) return fail(groups.error().message);
    return fail("the program has no icon (no RT_GROUP_ICON resource)");
  }
  if (index < 0) {
    if (index < -0xffff) return fail("there is no icon group with ID " + std::to_string(-std::int64_t(index)));
    const pe::ResourceId id = pe::ResourceId::of(std::uint16_t(-index));
    for (const pe::ResourceId& g : *groups)
      if (g.matches(id)) return id;
    return fail("there is no icon group with ID " + std::to_string(-index));
  }
  if (std::size_t(index) >= groups->size())
    return fail("icon index " + std::to_string(index) + " is out of range: the program has " +
                std::to_string(groups->size()) + " icon group(s)");
  return (*groups)[index];
}

}  // namespace

Expected<std::vector<std::span<const std::uint8_t>>> pe_icon_group_images(std::span<const std::uint8_t> pe_file,
                                                                          int index) {
  auto pe = pe::PeFile::parse(pe_file);
  if (!pe) return Unexpected{pe.error()};
  auto tree = pe::ResourceTree::open(*pe);
  if (!tree) return Unexpected{tree.error()};
  if (tree->empty()) return fail("the program has no icon (no resources)");
  auto name = group_name(*tree, index);
  if (!name) return Unexpected{name.error()};

  // The caller's language first (LANGID 0), as LoadIcon would; the icons in the group's language.
  const std::vector<std::uint16_t> order = pe::resource_language_order(0, {});
  auto group = tree->find(pe::ResourceId::of(kRtGroupIcon), *name, order, true);
  if (!group) return fail(group.error().message);
  auto group_bytes = tree->bytes(*group);
  if (!group_bytes) return fail("the icon group " + name->text() + " lies outside the file");
  auto ids = group_icon_ids(*group_bytes);
  if (!ids) return Unexpected{ids.error()};

  std::vector<std::uint16_t> icon_order(1, group->language);
  icon_order.insert(icon_order.end(), order.begin(), order.end());
  std::vector<std::span<const std::uint8_t>> images;
  for (std::uint16_t id : *ids) {
    auto icon = tree->find(pe::ResourceId::of(kRtIcon), pe::ResourceId::of(id), icon_order, true);
    std::optional<std::span<const std::uint8_t>> bytes;
    if (icon) bytes = tree->bytes(*icon);
    if (!bytes) {
      WARN("icon group %s names RT_ICON #%u, which the file lacks\n", name->text().c_str(), id);
      continue;
    }
    images.push_back(*bytes);
  }
  if (images.empty()) return fail("the icon group " + name->text() + " names no RT_ICON the file has");
  return images;
}

}  // namespace sill::desktop
