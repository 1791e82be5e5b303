// Case folding for registry names through ICU (see case_fold.h). ASCII takes a
// branch of its own: nearly every name programs use is ASCII.
#include "registry/case_fold.h"

#include <unicode/uchar.h>

namespace sill::registry {

char16_t fold_unit(char16_t c) {
  if (c < 0x80) return (c >= u'a' && c <= u'z') ? static_cast<char16_t>(c - 32) : c;
  if (c >= 0xD800 && c <= 0xDFFF) return c;
  UChar32 upper = u_toupper(c);
  // A unit whose upper case lies outside the BMP keeps its own value (it could not fit one unit).
  return upper <= 0xFFFF ? static_cast<char16_t>(upper) : c;
}

void fold_name_into(std::u16string_view name, std::u16string& out) {
  out.resize(name.size());
  for (std::size_t i = 0; i < name.size(); ++i) out[i] = fold_unit(name[i]);
}

std::u16string fold_name(std::u16string_view name) {
  std::u16string out;
  fold_name_into(name, out);
  return out;
}

}  // namespace sill::registry
