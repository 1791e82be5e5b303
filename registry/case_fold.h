// Registry names compare the Windows way: each UTF-16 code unit upper-cased
// with Unicode's simple mapping (not ASCII only), then compared unit by unit.
#pragma once
#include <string>
#include <string_view>

namespace sill::registry {

// One UTF-16 unit upper-cased (ICU's u_toupper; surrogates map to themselves,
// as on Windows, which folds units rather than code points).
char16_t fold_unit(char16_t c);

// The folded form of a name; two names are the same key or value when their folds are equal.
std::u16string fold_name(std::u16string_view name);
// The same into a caller's buffer (no allocation once the buffer is large enough).
void fold_name_into(std::u16string_view name, std::u16string& out);

}  // namespace sill::registry
