// The on-disk structures of [MS-SHLLINK] and the little-endian cursor the shell_link*.cpp files
// read and write them with. Internal to desktop/.
#pragma once
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "desktop/shell_link.h"

namespace sill::desktop::lnk {

// 00021401-0000-0000-C000-000000000046 in on-disk order.
inline constexpr Guid kShellLinkClsid = {0x01, 0x14, 0x02, 0x00, 0x00, 0x00, 0x00, 0x00,
                                         0xC0, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x46};

#pragma pack(push, 1)
struct ShellLinkHeader {
  std::uint32_t header_size;  // 0x4C
  Guid link_clsid;
  std::uint32_t link_flags;
  std::uint32_t file_attributes;
  std::uint64_t creation_time, access_time, write_time;
  std::uint32_t file_size;
  std::int32_t icon_index;
  std::uint32_t show_command;
  std::uint16_t hotkey;
  std::uint16_t reserved1;
  std::uint32_t reserved2, reserved3;
};
static_assert(sizeof(ShellLinkHeader) == 0x4C);
static_assert(offsetof(ShellLinkHeader, link_clsid) == 4);
static_assert(offsetof(ShellLinkHeader, link_flags) == 0x14);
static_assert(offsetof(ShellLinkHeader, creation_time) == 0x1C);
static_assert(offsetof(ShellLinkHeader, file_size) == 0x34);
static_assert(offsetof(ShellLinkHeader, show_command) == 0x3C);
static_assert(offsetof(ShellLinkHeader, hotkey) == 0x40);

struct LinkInfoHeader {
  std::uint32_t size;
  std::uint32_t header_size;  // 0x1C, or >= 0x24 with the Unicode offsets
  std::uint32_t flags;
  std::uint32_t volume_id_offset;
  std::uint32_t local_base_path_offset;
  std::uint32_t common_network_relative_link_offset;
  std::uint32_t common_path_suffix_offset;
};
static_assert(sizeof(LinkInfoHeader) == 0x1C);
static_assert(offsetof(LinkInfoHeader, common_path_suffix_offset) == 0x18);

struct VolumeIdHeader {
  std::uint32_t size;
  std::uint32_t drive_type;
  std::uint32_t drive_serial_number;
  std::uint32_t volume_label_offset;  // 0x14: a Unicode offset follows
};
static_assert(sizeof(VolumeIdHeader) == 0x10);

struct CommonNetworkRelativeLinkHeader {
  std::uint32_t size;
  std::uint32_t flags;
  std::uint32_t net_name_offset;  // > 0x14: Unicode offsets follow
  std::uint32_t device_name_offset;
  std::uint32_t network_provider_type;
};
static_assert(sizeof(CommonNetworkRelativeLinkHeader) == 0x14);
#pragma pack(pop)

enum LinkFlag : std::uint32_t {
  kHasLinkTargetIdList = 0x1,
  kHasLinkInfo = 0x2,
  kHasName = 0x4,
  kHasRelativePath = 0x8,
  kHasWorkingDir = 0x10,
  kHasArguments = 0x20,
  kHasIconLocation = 0x40,
  kIsUnicode = 0x80,
  kForceNoLinkInfo = 0x100,
  kHasExpString = 0x200,
  kHasExpIcon = 0x4000,
};
// The flags ShellLink's fields stand for; write_shell_link computes them.
inline constexpr std::uint32_t kStructuralFlags = kHasLinkTargetIdList | kHasLinkInfo | kHasName | kHasRelativePath |
                                                  kHasWorkingDir | kHasArguments | kHasIconLocation | kIsUnicode |
                                                  kHasExpString | kHasExpIcon;

inline constexpr std::uint32_t kLinkInfoVolumeIdAndLocalBasePath = 1;
inline constexpr std::uint32_t kLinkInfoCommonNetworkRelativeLinkAndPathSuffix = 2;

enum BlockSignature : std::uint32_t {
  kEnvironmentBlock = 0xA0000001,
  kSpecialFolderBlock = 0xA0000005,
  kIconEnvironmentBlock = 0xA0000007,
  kKnownFolderBlock = 0xA000000B,
};
inline constexpr std::uint32_t kEnvironmentBlockSize = 0x314;  // size, signature, 260 ANSI, 520 Unicode bytes
inline constexpr std::uint32_t kSpecialFolderBlockSize = 0x10;
inline constexpr std::uint32_t kKnownFolderBlockSize = 0x1C;

// A bounds-checked little-endian reader: every read past the end fails and leaves `ok` false.
class Reader {
 public:
  explicit Reader(std::span<const std::uint8_t> bytes) : bytes_(bytes) {}

  template <class T>
  bool read(T& out) {
    if (sizeof(T) > remaining()) return fail();
    std::memcpy(&out, bytes_.data() + pos_, sizeof(T));
    pos_ += sizeof(T);
    return true;
  }
  bool take(std::size_t n, std::span<const std::uint8_t>& out) {
    if (n > remaining()) return fail();
    out = bytes_.subspan(pos_, n);
    pos_ += n;
    return true;
  }
  std::size_t remaining() const { return bytes_.size() - pos_; }
  std::size_t position() const { return pos_; }
  bool ok() const { return ok_; }

 private:
  bool fail() {
    ok_ = false;
    return false;
  }
  std::span<const std::uint8_t> bytes_;
  std::size_t pos_ = 0;
  bool ok_ = true;
};

// Appends little-endian values.
class Writer {
 public:
  template <class T>
  void put(const T& v) {
    auto p = reinterpret_cast<const std::uint8_t*>(&v);
    out_.insert(out_.end(), p, p + sizeof(T));
  }
  void put_bytes(std::span<const std::uint8_t> b) { out_.insert(out_.end(), b.begin(), b.end()); }
  void put_utf16z(const std::u16string& s) {
    for (char16_t c : s) put(static_cast<std::uint16_t>(c));
    put(std::uint16_t{0});
  }
  void put_stringz(const std::string& s) {
    out_.insert(out_.end(), s.begin(), s.end());
    out_.push_back(0);
  }
  template <class T>
  void patch(std::size_t at, const T& v) {
    std::memcpy(out_.data() + at, &v, sizeof(T));
  }
  std::size_t size() const { return out_.size(); }
  std::vector<std::uint8_t>& bytes() { return out_; }

 private:
  std::vector<std::uint8_t> out_;
};

// NUL-terminated strings inside a structure, bounded by its end; nullopt when unterminated.
std::optional<std::string> ansi_string_at(std::span<const std::uint8_t> bytes, std::size_t offset, unsigned code_page);
std::optional<std::string> utf16_string_at(std::span<const std::uint8_t> bytes, std::size_t offset);
std::string decode_ansi(std::span<const std::uint8_t> bytes, unsigned code_page);
// Windows' best-fit of UTF-8 text to the ANSI page for the *A fields of a written link.
std::string encode_ansi(const std::string& utf8, unsigned code_page);

// The parts of a link, each in its own file.
Expected<void> read_link_info(std::span<const std::uint8_t> bytes, unsigned code_page, ShellLink& link);
// Empty when the target is not a local or UNC path (then the link has no LinkInfo).
std::vector<std::uint8_t> link_info_for(const ShellLink& link);
Expected<void> read_extra_data(Reader& in, unsigned code_page, ShellLink& link);
void write_extra_data(const ShellLink& link, Writer& out);

}  // namespace sill::desktop::lnk
