#include "desktop/icon_resources.h"

#include "base/debug.h"

SILL_DEFAULT_DEBUG_CHANNEL(icon);

namespace sill::desktop {

Expected<std::vector<std::span<const std::uint8_t>>> pe_icon_group_images(std::span<const std::uint8_t>, int) {
  // FIXME: waits for the resource-tree reader (loader/pe_resources.h, branch h/resources).
  FIXME("icons in PE resources are not read yet\n");
  return fail("reading icons from PE files is not implemented yet (only .ico files)");
}

}  // namespace sill::desktop
