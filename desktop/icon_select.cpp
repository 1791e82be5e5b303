#include "desktop/icon_select.h"

#include <algorithm>

namespace sill::desktop {
namespace {

unsigned icon_size(const DecodedIcon& icon) { return std::max(icon.image.width, icon.image.height); }

// Whether a is a better source than b for the requested size (ties keep the earlier image).
bool better(const DecodedIcon& a, const DecodedIcon& b, unsigned size) {
  const unsigned sa = icon_size(a), sb = icon_size(b);
  // Rank: 0 exact, 1 larger, 2 smaller.
  auto rank = [size](unsigned s) { return s == size ? 0 : s > size ? 1 : 2; };
  if (rank(sa) != rank(sb)) return rank(sa) < rank(sb);
  if (sa != sb) return rank(sa) == 1 ? sa < sb : sa > sb;  // nearest larger, else largest
  return a.bit_depth > b.bit_depth;
}

}  // namespace

std::size_t best_icon_for_size(std::span<const DecodedIcon> icons, unsigned size) {
  std::size_t best = 0;
  for (std::size_t i = 1; i < icons.size(); ++i)
    if (better(icons[i], icons[best], size)) best = i;
  return best;
}

}  // namespace sill::desktop
