// The process environment: a UTF-16 block of "NAME=value\0" strings ending in an
// extra NUL, kept in the PEB's process parameters, sorted case-insensitively.
#pragma once
#include <optional>
#include <string>
#include <string_view>

#include "base/wintypes.h"

namespace sill::nt {

// Operations on a block (pure: unit-testable).
std::size_t env_block_length(const char16_t* block);  // in chars, including the final NUL
std::optional<std::u16string> env_block_get(const char16_t* block, std::u16string_view name);
// A new block with `name` set to `value` (nullopt: removed), inserted in sorted position.
std::u16string env_block_set(const char16_t* block, std::u16string_view name,
                             std::optional<std::u16string_view> value);

// The process's environment (the PEB's block; a private one before the PEB exists).
std::optional<std::u16string> env_get(std::u16string_view name);
// false for an invalid name (empty or containing '=' after the first character).
bool env_set(std::u16string_view name, std::optional<std::u16string_view> value);
// A copy of the whole block (for GetEnvironmentStrings).
std::u16string env_snapshot();

// %NAME% expansion as ExpandEnvironmentStrings does it (unknown names stay as written).
std::u16string env_expand(std::u16string_view src);

}  // namespace sill::nt
