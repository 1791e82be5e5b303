// LinkInfo ([MS-SHLLINK] 2.3): where the target lives, as a local path on a volume or a path
// below a network share, with Unicode copies of the paths when the header is 0x24 bytes or more.
#include <algorithm>
#include <tuple>

#include "base/unicode.h"
#include "desktop/shell_link_format.h"

namespace sill::desktop::lnk {

namespace {

constexpr std::uint32_t kUnicodeLinkInfoHeaderSize = 0x24;
constexpr std::uint32_t kVolumeLabelUnicodeMarker = 0x14;  // VolumeLabelOffset value meaning "see the Unicode offset"
constexpr std::uint32_t kNetNameAnsiOnlyOffset = 0x14;     // NetNameOffset above this: Unicode offsets follow

std::uint32_t u32_at(std::span<const std::uint8_t> b, std::size_t at) {
  std::uint32_t v = 0;
  if (at + 4 <= b.size()) std::memcpy(&v, b.data() + at, 4);
  return v;
}

// A string at an offset of the structure `b`, Unicode when `unicode_offset` is non-zero.
Expected<std::string> string_in(std::span<const std::uint8_t> b, std::uint32_t ansi_offset, std::uint32_t unicode_offset,
                                unsigned code_page, const char* what) {
  auto s = unicode_offset ? utf16_string_at(b, unicode_offset) : ansi_string_at(b, ansi_offset, code_page);
  if (!s) return fail(std::string("the LinkInfo's ") + what + " runs past its end");
  return *s;
}

Expected<void> read_volume_id(std::span<const std::uint8_t> info, std::uint32_t offset, unsigned code_page,
                              ShellLink& link) {
  VolumeIdHeader volume{};
  if (offset >= info.size() || info.size() - offset < sizeof volume) return fail("the LinkInfo's VolumeID is truncated");
  std::memcpy(&volume, info.data() + offset, sizeof volume);
  if (volume.size < sizeof volume || volume.size > info.size() - offset) return fail("the LinkInfo's VolumeID is truncated");
  auto bytes = info.subspan(offset, volume.size);
  link.volume.drive_type = volume.drive_type;
  link.volume.serial = volume.drive_serial_number;
  bool unicode = volume.volume_label_offset == kVolumeLabelUnicodeMarker;
  auto label = string_in(bytes, volume.volume_label_offset, unicode ? u32_at(bytes, sizeof volume) : 0, code_page,
                         "volume label");
  if (!label) return Unexpected{label.error()};
  link.volume.label = *label;
  return {};
}

Expected<std::string> read_net_name(std::span<const std::uint8_t> info, std::uint32_t offset, unsigned code_page) {
  CommonNetworkRelativeLinkHeader net{};
  if (offset >= info.size() || info.size() - offset < sizeof net)
    return fail("the LinkInfo's CommonNetworkRelativeLink is truncated");
  std::memcpy(&net, info.data() + offset, sizeof net);
  if (net.size < sizeof net || net.size > info.size() - offset)
    return fail("the LinkInfo's CommonNetworkRelativeLink is truncated");
  auto bytes = info.subspan(offset, net.size);
  std::uint32_t unicode = net.net_name_offset > kNetNameAnsiOnlyOffset ? u32_at(bytes, sizeof net) : 0;
  return string_in(bytes, net.net_name_offset, unicode, code_page, "network share name");
}

bool is_ascii(const std::string& s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

// The network share (\\server\share) a UNC path lies below and the rest of it.
std::pair<std::string, std::string> split_unc(const std::string& path) {
  std::size_t server_end = path.find('\\', 2);
  if (server_end == std::string::npos) return {path, ""};
  std::size_t share_end = path.find('\\', server_end + 1);
  if (share_end == std::string::npos) return {path, ""};
  return {path.substr(0, share_end), path.substr(share_end + 1)};
}

}  // namespace

Expected<void> read_link_info(std::span<const std::uint8_t> info, unsigned code_page, ShellLink& link) {
  LinkInfoHeader header{};
  if (info.size() < sizeof header) return fail("the LinkInfo is shorter than its header");
  std::memcpy(&header, info.data(), sizeof header);
  if (header.header_size < sizeof header || header.header_size > info.size())
    return fail("the LinkInfo's header size is out of range");
  bool unicode = header.header_size >= kUnicodeLinkInfoHeaderSize;
  std::uint32_t suffix_unicode = unicode ? u32_at(info, 0x20) : 0;

  std::string suffix;
  if (header.common_path_suffix_offset || suffix_unicode) {
    auto s = string_in(info, header.common_path_suffix_offset, suffix_unicode, code_page, "common path suffix");
    if (!s) return Unexpected{s.error()};
    suffix = *s;
  }
  if (header.flags & kLinkInfoVolumeIdAndLocalBasePath) {
    if (auto r = read_volume_id(info, header.volume_id_offset, code_page, link); !r) return r;
    auto base = string_in(info, header.local_base_path_offset, unicode ? u32_at(info, 0x1C) : 0, code_page,
                          "local base path");
    if (!base) return Unexpected{base.error()};
    link.target_path = *base + suffix;
  } else if (header.flags & kLinkInfoCommonNetworkRelativeLinkAndPathSuffix) {
    auto share = read_net_name(info, header.common_network_relative_link_offset, code_page);
    if (!share) return Unexpected{share.error()};
    link.target_path = suffix.empty() ? *share : *share + '\\' + suffix;
  }
  return {};
}

std::vector<std::uint8_t> link_info_for(const ShellLink& link) {
  const std::string& path = link.target_path;
  bool local = path.size() >= 3 && path[1] == ':' && path[2] == '\\';
  bool network = path.size() > 2 && path[0] == '\\' && path[1] == '\\' && path[2] != '?' && path[2] != '.';
  if (!local && !network) return {};
  bool unicode = !is_ascii(path) || !is_ascii(link.volume.label);
  std::uint32_t header_size = unicode ? kUnicodeLinkInfoHeaderSize : sizeof(LinkInfoHeader);

  Writer out;
  LinkInfoHeader header{};
  header.header_size = header_size;
  out.put(header);  // patched once the offsets are known
  if (unicode) {
    out.put(std::uint32_t{0});
    out.put(std::uint32_t{0});
  }
  std::string base = path, suffix;
  if (local) {
    header.flags = kLinkInfoVolumeIdAndLocalBasePath;
    header.volume_id_offset = static_cast<std::uint32_t>(out.size());
    std::size_t volume = out.size();
    VolumeIdHeader id{0, link.volume.drive_type, link.volume.serial, sizeof(VolumeIdHeader)};
    out.put(id);
    out.put_stringz(encode_ansi(link.volume.label, 1252));
    out.patch(volume, static_cast<std::uint32_t>(out.size() - volume));
    header.local_base_path_offset = static_cast<std::uint32_t>(out.size());
    out.put_stringz(encode_ansi(base, 1252));
  } else {
    std::tie(base, suffix) = split_unc(path);
    header.flags = kLinkInfoCommonNetworkRelativeLinkAndPathSuffix;
    header.common_network_relative_link_offset = static_cast<std::uint32_t>(out.size());
    std::size_t net = out.size();
    CommonNetworkRelativeLinkHeader link_header{0, 0, sizeof(CommonNetworkRelativeLinkHeader), 0, 0};
    if (unicode) link_header.net_name_offset += 8;
    out.put(link_header);
    if (unicode) {
      out.put(static_cast<std::uint32_t>(link_header.net_name_offset + encode_ansi(base, 1252).size() + 1));
      out.put(std::uint32_t{0});
    }
    out.put_stringz(encode_ansi(base, 1252));
    if (unicode) out.put_utf16z(utf8_to_utf16(base));
    out.patch(net, static_cast<std::uint32_t>(out.size() - net));
  }
  header.common_path_suffix_offset = static_cast<std::uint32_t>(out.size());
  out.put_stringz(encode_ansi(suffix, 1252));
  if (unicode) {
    // A local target's Unicode base path; a share's Unicode name is in its own structure.
    std::uint32_t base_unicode = 0;
    if (local) {
      base_unicode = static_cast<std::uint32_t>(out.size());
      out.put_utf16z(utf8_to_utf16(base));
    }
    out.patch(0x1C, base_unicode);
    out.patch(0x20, static_cast<std::uint32_t>(out.size()));
    out.put_utf16z(utf8_to_utf16(suffix));
  }
  header.size = static_cast<std::uint32_t>(out.size());
  out.patch(0, header);
  return std::move(out.bytes());
}

}  // namespace sill::desktop::lnk
