// IDLists of file-system paths: the shell items installers' shortcuts carry (My Computer's root
// item, a drive item, one file entry item per component). The item layouts are the ones the
// shell writes; [MS-SHLLINK] leaves them to the shell and documents only the framing.
#include <algorithm>

#include "base/unicode.h"
#include "desktop/shell_link_format.h"

namespace sill::desktop {

namespace {

using namespace lnk;

// {20D04FE0-3AEA-1069-A2D8-08002B30309D} (My Computer) in on-disk order.
constexpr Guid kMyComputer = {0xE0, 0x4F, 0xD0, 0x20, 0xEA, 0x3A, 0x69, 0x10,
                              0xA2, 0xD8, 0x08, 0x00, 0x2B, 0x30, 0x30, 0x9D};
constexpr std::uint8_t kRootItem = 0x1F, kRootSortMyComputer = 0x50;
constexpr std::uint8_t kVolumeItem = 0x2F, kVolumeItemSize = 0x19;
constexpr std::uint8_t kFileEntryDirectory = 0x31, kFileEntryFile = 0x32, kFileEntryUnicode = 0x04;
constexpr std::uint32_t kFileEntryExtensionSignature = 0xBEEF0004;
constexpr std::uint32_t kDirectoryAttribute = 0x10;
// A file entry item: size, type, a zero byte, file size, DOS date and time, attributes, name.
constexpr std::size_t kFileEntryNameOffset = 14;

// Where an extension block's long name starts, by block version (the fields before it grow).
std::size_t long_name_offset(std::uint16_t version) {
  if (version >= 9) return 0x2E;
  if (version == 8) return 0x2A;
  if (version == 7) return 0x26;
  if (version >= 3) return 0x14;
  return 0;
}

std::uint16_t read_u16(std::span<const std::uint8_t> b, std::size_t at) {
  return static_cast<std::uint16_t>(b[at] | b[at + 1] << 8);
}

// The long name from the item's BEEF0004 extension block, whose offset is the item's last word.
std::optional<std::string> long_name(std::span<const std::uint8_t> item) {
  if (item.size() < kFileEntryNameOffset + 2) return std::nullopt;
  std::size_t ext = read_u16(item, item.size() - 2);
  if (ext < kFileEntryNameOffset || ext + 8 > item.size()) return std::nullopt;
  std::uint32_t signature = 0;
  std::memcpy(&signature, item.data() + ext + 4, 4);
  if (signature != kFileEntryExtensionSignature) return std::nullopt;
  std::size_t name = long_name_offset(read_u16(item, ext + 2));
  if (name == 0) return std::nullopt;
  // The block ends with its own offset word; the name must end before it.
  return utf16_string_at(item.first(item.size() - 2), ext + name);
}

Expected<std::string> file_entry_name(std::span<const std::uint8_t> item, unsigned code_page) {
  if (auto name = long_name(item)) return *name;
  std::optional<std::string> primary = (item[2] & kFileEntryUnicode)
                                           ? utf16_string_at(item, kFileEntryNameOffset)
                                           : ansi_string_at(item, kFileEntryNameOffset, code_page);
  if (!primary || primary->empty()) return fail("a file entry item of the IDList has no name");
  return *primary;
}

void append_component(std::string& path, const std::string& name) {
  if (!path.empty() && path.back() != '\\') path += '\\';
  path += name;
}

void put_file_entry(Writer& out, const std::string& name, bool directory, std::uint32_t attributes) {
  std::u16string wide = utf8_to_utf16(name);
  bool ascii = std::all_of(name.begin(), name.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
  std::size_t start = out.size();
  out.put(std::uint16_t{0});  // size, patched below
  std::uint8_t type = directory ? kFileEntryDirectory : kFileEntryFile;
  out.put(static_cast<std::uint8_t>(ascii ? type : type | kFileEntryUnicode));
  out.put(std::uint8_t{0});
  out.put(std::uint32_t{0});  // file size and DOS time: not known here
  out.put(std::uint32_t{0});
  out.put(static_cast<std::uint16_t>(attributes & 0xFFFF));
  if (ascii)
    out.put_stringz(name);
  else
    out.put_utf16z(wide);
  if ((out.size() - start) % 2) out.put(std::uint8_t{0});
  // Extension block version 3: size, version, signature, two DOS times, the name offset, no
  // localized name, the long name, and the block's own offset.
  std::size_t ext = out.size();
  out.put(std::uint16_t{0});
  out.put(std::uint16_t{3});
  out.put(kFileEntryExtensionSignature);
  out.put(std::uint32_t{0});
  out.put(std::uint32_t{0});
  out.put(static_cast<std::uint16_t>(long_name_offset(3)));
  out.put(std::uint16_t{0});
  out.put_utf16z(wide);
  out.put(static_cast<std::uint16_t>(ext - start));
  out.patch(ext, static_cast<std::uint16_t>(out.size() - ext));
  out.patch(start, static_cast<std::uint16_t>(out.size() - start));
}

}  // namespace

Expected<std::string> path_from_id_list(std::span<const std::uint8_t> id_list, unsigned code_page) {
  std::string path;
  std::size_t pos = 0;
  for (;;) {
    if (pos + 2 > id_list.size()) return fail("the IDList has no terminator");
    std::uint16_t size = read_u16(id_list, pos);
    if (size == 0) break;
    if (size < 3 || size > id_list.size() - pos) return fail("an IDList item runs past the end of the list");
    auto item = id_list.subspan(pos, size);
    std::uint8_t type = item[2];
    if (type == kRootItem) {
      if (size < 4 + 16 || !std::equal(kMyComputer.begin(), kMyComputer.end(), item.begin() + 4))
        return fail("the IDList starts at a shell folder other than My Computer");
    } else if ((type & 0x70) == 0x20) {
      auto drive = ansi_string_at(item, 3, 1252);
      if (!drive || drive->size() < 2 || (*drive)[1] != ':') return fail("a drive item of the IDList has no drive");
      path = drive->substr(0, 2) + '\\';
    } else if ((type & 0x70) == 0x30) {
      if (path.empty()) return fail("a file entry item of the IDList comes before any drive");
      if (size < kFileEntryNameOffset + 1) return fail("a file entry item of the IDList is truncated");
      auto name = file_entry_name(item, code_page);
      if (!name) return Unexpected{name.error()};
      append_component(path, *name);
    } else {
      return fail("the IDList holds a shell item that is not a file-system path");
    }
    pos += size;
  }
  if (path.empty()) return fail("the IDList names no file-system path");
  return path;
}

std::vector<std::uint8_t> id_list_for_path(const std::string& windows_path, std::uint32_t attributes) {
  if (windows_path.size() < 3 || windows_path[1] != ':' || (windows_path[2] != '\\' && windows_path[2] != '/'))
    return {};
  Writer out;
  out.put(std::uint16_t{0x14});
  out.put(kRootItem);
  out.put(kRootSortMyComputer);
  out.put_bytes(kMyComputer);

  std::size_t drive = out.size();
  out.put(std::uint16_t{kVolumeItemSize});
  out.put(kVolumeItem);
  out.put_stringz(windows_path.substr(0, 2) + '\\');
  while (out.size() < drive + kVolumeItemSize) out.put(std::uint8_t{0});

  std::vector<std::string> components;
  std::size_t start = 3;
  while (start <= windows_path.size()) {
    std::size_t end = windows_path.find_first_of("\\/", start);
    if (end == std::string::npos) end = windows_path.size();
    if (end > start) components.push_back(windows_path.substr(start, end - start));
    start = end + 1;
  }
  for (std::size_t i = 0; i < components.size(); ++i) {
    bool last = i + 1 == components.size();
    bool directory = !last || (attributes & kDirectoryAttribute);
    put_file_entry(out, components[i], directory, last ? attributes : kDirectoryAttribute);
  }
  out.put(std::uint16_t{0});
  return std::move(out.bytes());
}

}  // namespace sill::desktop
