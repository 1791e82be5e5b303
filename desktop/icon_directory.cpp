#include "desktop/icon_directory.h"

#include <string>

#include "desktop/icon_format.h"

namespace sill::desktop {
namespace {

// The header of either directory, checked, with room for count entries of entry_size bytes.
Expected<IconDir> read_directory(std::span<const std::uint8_t> bytes, std::size_t entry_size, const char* what) {
  auto dir = read_struct<IconDir>(bytes, 0);
  if (!dir) return fail(std::string(what) + " is too short (" + std::to_string(bytes.size()) + " bytes)");
  if (dir->idReserved != 0 || dir->idType != kIconType)
    return fail(std::string(what) + " is not an icon directory (type " + std::to_string(dir->idType) + ")");
  if (dir->idCount == 0) return fail(std::string(what) + " lists no images");
  if (sizeof(IconDir) + std::uint64_t(dir->idCount) * entry_size > bytes.size())
    return fail(std::string(what) + " is truncated: " + std::to_string(dir->idCount) + " entries do not fit");
  return *dir;
}

}  // namespace

bool is_ico_file(std::span<const std::uint8_t> bytes) {
  auto dir = read_struct<IconDir>(bytes, 0);
  return dir && dir->idReserved == 0 && dir->idType == kIconType && dir->idCount != 0;
}

Expected<std::vector<std::span<const std::uint8_t>>> ico_file_images(std::span<const std::uint8_t> file) {
  auto dir = read_directory(file, sizeof(IconDirEntry), "the .ico file");
  if (!dir) return Unexpected{dir.error()};
  std::vector<std::span<const std::uint8_t>> images;
  for (unsigned i = 0; i < dir->idCount; ++i) {
    IconDirEntry e = *read_struct<IconDirEntry>(file, sizeof(IconDir) + i * sizeof(IconDirEntry));
    if (std::uint64_t(e.dwImageOffset) + e.dwBytesInRes > file.size() || e.dwBytesInRes == 0)
      return fail("the .ico file's image " + std::to_string(i) + " (" + std::to_string(e.dwBytesInRes) +
                  " bytes at " + std::to_string(e.dwImageOffset) + ") lies outside the file");
    images.push_back(file.subspan(e.dwImageOffset, e.dwBytesInRes));
  }
  return images;
}

Expected<std::vector<std::uint16_t>> group_icon_ids(std::span<const std::uint8_t> group) {
  auto dir = read_directory(group, sizeof(GroupIconDirEntry), "the RT_GROUP_ICON resource");
  if (!dir) return Unexpected{dir.error()};
  std::vector<std::uint16_t> ids;
  for (unsigned i = 0; i < dir->idCount; ++i)
    ids.push_back(read_struct<GroupIconDirEntry>(group, sizeof(IconDir) + i * sizeof(GroupIconDirEntry))->nId);
  return ids;
}

}  // namespace sill::desktop
