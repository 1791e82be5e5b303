// VerQueryValueW/A and VerLanguageNameW/A.
// VerQueryValueA on a (32-bit, UTF-16) block converts a text value to the ANSI
// code page into the room GetFileVersionInfo reserved after the resource: the
// copy of the value at block offset o goes to offset length + 4 + o, so each
// value has its own place and a repeated query gives the same pointer.
#include <algorithm>
#include <cstring>
#include <string>

#include "base/debug.h"
#include "ntdll/codepage.h"
#include "ntdll/status.h"
#include "win32/kernel32/kernel32_internal.h"
#include "win32/kernel32/nls/nls_api.h"
#include "win32/kernel32/resource.h"
#include "win32/version/version.h"
#include "win32/version/version_block.h"
#include "win32/version/version_internal.h"

SILL_DEFAULT_DEBUG_CHANNEL(ver);

namespace sill::version {

namespace {

// The node at `path`, or nullopt with the last error set and *length cleared.
std::optional<VersionNode> query(const void* block, std::u16string_view path, UINT* length) {
  if (length) *length = 0;
  const auto* b = static_cast<const std::uint8_t*>(block);
  std::size_t size = version_block_length(b, 0xFFFF);
  auto node = size ? find_version_node(b, size, path) : std::nullopt;
  if (!node) nt::set_last_error(kernel32::ERROR_RESOURCE_TYPE_NOT_FOUND);
  return node;
}

}  // namespace

BOOL WINAPI VerQueryValueW(const void* block, LPCWSTR sub_block, void** buffer, UINT* length) noexcept {
  if (!block || !buffer) return kernel32::fail_error(win::ERROR_INVALID_PARAMETER, FALSE);
  try {
    auto node = query(block, sub_block ? std::u16string_view(sub_block) : u"\\", length);
    if (!node) return FALSE;
    *buffer = const_cast<std::uint8_t*>(static_cast<const std::uint8_t*>(block) + node->value_offset);
    if (length) *length = node->value_length;
    return TRUE;
  } catch (...) {
    return kernel32::fail_error(win::ERROR_NOT_ENOUGH_MEMORY, FALSE);
  }
}

BOOL WINAPI VerQueryValueA(const void* block, LPCSTR sub_block, void** buffer, UINT* length) noexcept {
  if (!block || !buffer) return kernel32::fail_error(win::ERROR_INVALID_PARAMETER, FALSE);
  try {
    std::u16string path = sub_block ? nt::ansi_to_utf16(sub_block) : u"\\";
    auto node = query(block, path, length);
    if (!node) return FALSE;
    auto* b = const_cast<std::uint8_t*>(static_cast<const std::uint8_t*>(block));
    if (!node->text || node->value_length == 0) {
      *buffer = b + node->value_offset;
      if (length) *length = node->value_length;
      return TRUE;
    }
    std::size_t total = version_block_length(b, 0xFFFF);
    if (std::memcmp(b + total, kAnsiMark, kAnsiMarkSize) != 0) {
      WARN("no room for ANSI strings after the block (not filled by GetFileVersionInfo with its size)\n");
      return kernel32::fail_error(win::ERROR_INVALID_DATA, FALSE);
    }
    std::size_t units = std::min<std::size_t>(node->value_length, (node->children_offset - node->value_offset) / 2);
    std::u16string value(units, u'\0');
    if (units) std::memcpy(value.data(), b + node->value_offset, units * 2);
    while (!value.empty() && value.back() == 0) value.pop_back();
    std::string ansi = nt::utf16_to_ansi(value);
    std::size_t room = total - node->value_offset;  // up to the end of the reserved second half
    std::size_t n = std::min(ansi.size(), room - 1);
    std::uint8_t* out = b + total + kAnsiMarkSize + node->value_offset;
    std::memcpy(out, ansi.data(), n);
    out[n] = 0;
    *buffer = out;
    if (length) *length = static_cast<UINT>(n + 1);
    return TRUE;
  } catch (...) {
    return kernel32::fail_error(win::ERROR_NOT_ENOUGH_MEMORY, FALSE);
  }
}

namespace {

// The language's display name in the user's language ("English (United States)").
std::u16string language_name(DWORD language) {
  constexpr DWORD kLocaleSLocalizedDisplayName = 0x2;
  char16_t name[128];
  if (language != 0 &&
      kernel32::GetLocaleInfoW(language & 0xFFFF, kLocaleSLocalizedDisplayName, name, 128) > 1)
    return name;
  return u"Language Neutral";
}

// The contract of both forms: a buffer too small gets a truncated, terminated copy.
template <class C>
DWORD copy_name(const std::basic_string<C>& s, C* buffer, DWORD size) {
  if (!buffer || size == 0) return static_cast<DWORD>(s.size());
  std::size_t n = std::min<std::size_t>(s.size(), size - 1);
  std::copy_n(s.data(), n, buffer);
  buffer[n] = 0;
  return static_cast<DWORD>(n);
}

}  // namespace

DWORD WINAPI VerLanguageNameW(DWORD language, LPWSTR buffer, DWORD size) noexcept {
  try {
    return copy_name(language_name(language), buffer, size);
  } catch (...) {
    return kernel32::fail_error(win::ERROR_NOT_ENOUGH_MEMORY, DWORD{0});
  }
}

DWORD WINAPI VerLanguageNameA(DWORD language, LPSTR buffer, DWORD size) noexcept {
  try {
    return copy_name(nt::utf16_to_ansi(language_name(language)), buffer, size);
  } catch (...) {
    return kernel32::fail_error(win::ERROR_NOT_ENOUGH_MEMORY, DWORD{0});
  }
}

}  // namespace sill::version
