// LoadStringW/A: string tables. Strings live in RT_STRING blocks of 16: block
// id / 16 + 1 holds ids id & ~15 .. id | 15, each as a length-prefixed UTF-16
// run (no terminator); absent strings have length 0.
#include <algorithm>
#include <optional>
#include <string_view>

#include "base/debug.h"
#include "ntdll/codepage.h"
#include "ntdll/status.h"
#include "ntdll/winerror.h"
#include "win32/kernel32/resource.h"
#include "win32/user32/user32.h"

SILL_DEFAULT_DEBUG_CHANNEL(resource);

namespace sill::user32 {

namespace {

// The string in the module's image (found in the caller's languages), or
// nullopt with the last error FindResource set.
std::optional<std::u16string_view> find_string(HINSTANCE module, UINT id) {
  auto* block_id = reinterpret_cast<LPCWSTR>(static_cast<std::uintptr_t>((id & 0xFFFF) / 16 + 1));
  auto* type = reinterpret_cast<LPCWSTR>(static_cast<std::uintptr_t>(kernel32::RT_STRING));
  kernel32::HRSRC res = kernel32::FindResourceW(module, block_id, type);
  if (!res) return std::nullopt;
  const auto* p = static_cast<const char16_t*>(kernel32::LockResource(kernel32::LoadResource(module, res)));
  std::size_t units = kernel32::SizeofResource(module, res) / 2;
  if (!p) return std::nullopt;
  std::size_t at = 0;
  for (UINT i = 0; i < (id & 15); ++i) {
    if (at >= units) return std::u16string_view{};
    at += 1 + p[at];
  }
  if (at >= units) return std::u16string_view{};
  std::size_t len = std::min<std::size_t>(p[at], units - at - 1);  // a damaged block is cut at its end
  return std::u16string_view(p + at + 1, len);
}

}  // namespace

int WINAPI LoadStringW(HINSTANCE module, UINT id, LPWSTR buffer, int max) noexcept {
  if (!buffer) return 0;
  try {
    auto s = find_string(module, id);
    if (!s) return 0;  // the buffer is left alone
    if (max == 0) {
      // The caller gets a read-only pointer to the resource itself (not terminated).
      *reinterpret_cast<const char16_t**>(buffer) = s->data();
      return static_cast<int>(s->size());
    }
    if (max < 0) return 0;
    std::size_t n = std::min<std::size_t>(s->size(), static_cast<std::size_t>(max) - 1);
    std::copy_n(s->data(), n, buffer);
    buffer[n] = 0;
    return static_cast<int>(n);
  } catch (...) {
    nt::set_last_error(win::ERROR_NOT_ENOUGH_MEMORY);
    return 0;
  }
}

int WINAPI LoadStringA(HINSTANCE module, UINT id, LPSTR buffer, int max) noexcept {
  if (!buffer || max <= 0) return 0;
  try {
    auto s = find_string(module, id);
    std::string text = s ? nt::utf16_to_ansi(*s) : std::string();
    std::size_t n = std::min<std::size_t>(text.size(), static_cast<std::size_t>(max) - 1);
    std::copy_n(text.data(), n, buffer);
    buffer[n] = 0;
    return static_cast<int>(n);
  } catch (...) {
    nt::set_last_error(win::ERROR_NOT_ENOUGH_MEMORY);
    return 0;
  }
}

}  // namespace sill::user32
