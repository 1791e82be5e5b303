// Item ID lists (PIDLs) as shell32 hands them out: allocated with the COM task allocator,
// freed with ILFree, and read as a path with SHGetPathFromIDListW when they name a file.
#include <cstring>

#include "base/unicode.h"
#include "desktop/shell_link.h"
#include "win32/combase/combase.h"
#include "win32/shell32/shell32.h"
#include "win32/shell32/shell_link.h"

namespace sill::shell32 {

namespace {
constexpr std::size_t kMaxPath = 260;
}

std::size_t id_list_size(const ITEMIDLIST* pidl) {
  std::size_t size = 0;
  for (;;) {
    std::uint16_t item = 0;
    std::memcpy(&item, pidl + size, 2);
    if (item == 0) return size + 2;
    size += item;
  }
}

UINT WINAPI ILGetSize(const ITEMIDLIST* pidl) noexcept { return pidl ? static_cast<UINT>(id_list_size(pidl)) : 0; }

void WINAPI ILFree(ITEMIDLIST* pidl) noexcept { combase::CoTaskMemFree(pidl); }

ITEMIDLIST* WINAPI ILClone(const ITEMIDLIST* pidl) noexcept {
  if (!pidl) return nullptr;
  std::size_t size = id_list_size(pidl);
  auto* copy = static_cast<ITEMIDLIST*>(combase::CoTaskMemAlloc(size));
  if (copy) std::memcpy(copy, pidl, size);
  return copy;
}

BOOL WINAPI SHGetPathFromIDListW(const ITEMIDLIST* pidl, WCHAR* path) noexcept {
  if (!pidl || !path) return FALSE;
  path[0] = 0;
  try {
    auto named = desktop::path_from_id_list({pidl, id_list_size(pidl)});
    if (!named) return FALSE;
    std::u16string wide = utf8_to_utf16(*named);
    if (wide.size() >= kMaxPath) return FALSE;
    copy_out(wide, path, kMaxPath);
    return TRUE;
  } catch (const std::bad_alloc&) {
    return FALSE;
  }
}

}  // namespace sill::shell32
