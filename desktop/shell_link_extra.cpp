// ExtraData ([MS-SHLLINK] 2.5): the blocks after StringData. The environment, known-folder and
// special-folder blocks are read into ShellLink's fields; every other block is kept as bytes and
// written back unchanged.
#include "base/unicode.h"
#include "desktop/shell_link_format.h"

namespace sill::desktop::lnk {

namespace {

constexpr std::size_t kEnvironmentAnsiSize = 260, kEnvironmentUnicodeSize = 520;
constexpr std::size_t kBlockHeaderSize = 8;  // BlockSize, BlockSignature
constexpr std::uint32_t kTerminalBlockBelow = 4;

// TargetAnsi and TargetUnicode of an environment block: the Unicode one when it is set.
std::string environment_target(std::span<const std::uint8_t> block, unsigned code_page) {
  auto unicode = block.subspan(kBlockHeaderSize + kEnvironmentAnsiSize, kEnvironmentUnicodeSize);
  auto wide = utf16_string_at(unicode, 0);
  if (wide && !wide->empty()) return *wide;
  auto ansi = ansi_string_at(block.subspan(kBlockHeaderSize, kEnvironmentAnsiSize), 0, code_page);
  return ansi ? *ansi : std::string();
}

void put_environment_block(Writer& out, std::uint32_t signature, const std::string& value) {
  out.put(kEnvironmentBlockSize);
  out.put(signature);
  std::string ansi = encode_ansi(value, 1252).substr(0, kEnvironmentAnsiSize - 1);
  ansi.resize(kEnvironmentAnsiSize, '\0');
  out.put_bytes({reinterpret_cast<const std::uint8_t*>(ansi.data()), ansi.size()});
  std::u16string wide = utf8_to_utf16(value).substr(0, kEnvironmentUnicodeSize / 2 - 1);
  wide.resize(kEnvironmentUnicodeSize / 2, u'\0');
  for (char16_t c : wide) out.put(static_cast<std::uint16_t>(c));
}

}  // namespace

Expected<void> read_extra_data(Reader& in, unsigned code_page, ShellLink& link) {
  for (;;) {
    std::uint32_t size = 0;
    // Links written by older tools may end without the terminal block.
    if (in.remaining() == 0) return {};
    if (in.remaining() < 4) return fail("the link ends inside an ExtraData block's size");
    in.read(size);
    if (size < kTerminalBlockBelow) return {};
    if (size < kBlockHeaderSize || size - 4 > in.remaining()) return fail("an ExtraData block runs past the end of the link");
    std::span<const std::uint8_t> rest;
    in.take(size - 4, rest);
    std::uint32_t signature = 0;
    std::memcpy(&signature, rest.data(), 4);
    std::vector<std::uint8_t> block(4);
    std::memcpy(block.data(), &size, 4);
    block.insert(block.end(), rest.begin(), rest.end());

    if (signature == kEnvironmentBlock || signature == kIconEnvironmentBlock) {
      if (size != kEnvironmentBlockSize) return fail("an environment ExtraData block is not 0x314 bytes");
      (signature == kEnvironmentBlock ? link.env_target_path : link.env_icon_location) =
          environment_target(block, code_page);
    } else if (signature == kKnownFolderBlock) {
      if (size != kKnownFolderBlockSize) return fail("a KnownFolderDataBlock is not 0x1C bytes");
      KnownFolderLocation known;
      std::memcpy(known.folder_id.data(), block.data() + kBlockHeaderSize, 16);
      std::memcpy(&known.offset, block.data() + kBlockHeaderSize + 16, 4);
      link.known_folder = known;
    } else if (signature == kSpecialFolderBlock) {
      if (size != kSpecialFolderBlockSize) return fail("a SpecialFolderDataBlock is not 0x10 bytes");
      SpecialFolderLocation special;
      std::memcpy(&special.csidl, block.data() + kBlockHeaderSize, 4);
      std::memcpy(&special.offset, block.data() + kBlockHeaderSize + 4, 4);
      link.special_folder = special;
    } else {
      link.other_blocks.push_back({signature, std::move(block)});
    }
  }
}

void write_extra_data(const ShellLink& link, Writer& out) {
  if (!link.env_target_path.empty()) put_environment_block(out, kEnvironmentBlock, link.env_target_path);
  if (!link.env_icon_location.empty()) put_environment_block(out, kIconEnvironmentBlock, link.env_icon_location);
  if (link.special_folder) {
    out.put(kSpecialFolderBlockSize);
    out.put(static_cast<std::uint32_t>(kSpecialFolderBlock));
    out.put(link.special_folder->csidl);
    out.put(link.special_folder->offset);
  }
  if (link.known_folder) {
    out.put(kKnownFolderBlockSize);
    out.put(static_cast<std::uint32_t>(kKnownFolderBlock));
    out.put_bytes(link.known_folder->folder_id);
    out.put(link.known_folder->offset);
  }
  for (const OpaqueExtraBlock& block : link.other_blocks) out.put_bytes(block.bytes);
  out.put(std::uint32_t{0});  // TerminalBlock
}

}  // namespace sill::desktop::lnk
