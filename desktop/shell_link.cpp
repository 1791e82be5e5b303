// Shell Link files: the header, StringData and the order of the parts ([MS-SHLLINK] 2.1-2.4).
#include "desktop/shell_link.h"

#include "base/unicode.h"
#include "desktop/shell_link_format.h"
#include "ntdll/codepage.h"

namespace sill::desktop {

namespace lnk {

std::string decode_ansi(std::span<const std::uint8_t> bytes, unsigned code_page) {
  std::string_view s(reinterpret_cast<const char*>(bytes.data()), bytes.size());
  return utf16_to_utf8(nt::to_utf16(code_page, s));
}

std::string encode_ansi(const std::string& utf8, unsigned code_page) {
  return nt::from_utf16(code_page, utf8_to_utf16(utf8));
}

std::optional<std::string> ansi_string_at(std::span<const std::uint8_t> bytes, std::size_t offset, unsigned code_page) {
  for (std::size_t i = offset; i < bytes.size(); ++i)
    if (bytes[i] == 0) return decode_ansi(bytes.subspan(offset, i - offset), code_page);
  return std::nullopt;
}

std::optional<std::string> utf16_string_at(std::span<const std::uint8_t> bytes, std::size_t offset) {
  std::u16string s;
  for (std::size_t i = offset; i + 1 < bytes.size(); i += 2) {
    char16_t c = static_cast<char16_t>(bytes[i] | bytes[i + 1] << 8);
    if (c == 0) return utf16_to_utf8(s);
    s.push_back(c);
  }
  return std::nullopt;
}

}  // namespace lnk

namespace {

using namespace lnk;

// StringData in file order, with the flag that says each is present.
struct StringField {
  std::uint32_t flag;
  std::string ShellLink::*field;
  const char* name;
};
constexpr StringField kStringFields[] = {
    {kHasName, &ShellLink::description, "NAME_STRING"},
    {kHasRelativePath, &ShellLink::relative_path, "RELATIVE_PATH"},
    {kHasWorkingDir, &ShellLink::working_dir, "WORKING_DIR"},
    {kHasArguments, &ShellLink::arguments, "COMMAND_LINE_ARGUMENTS"},
    {kHasIconLocation, &ShellLink::icon_location, "ICON_LOCATION"},
};

Expected<std::string> read_counted_string(Reader& in, bool unicode, unsigned code_page, const char* name) {
  std::uint16_t count = 0;
  std::span<const std::uint8_t> chars;
  if (!in.read(count) || !in.take(unicode ? count * std::size_t{2} : count, chars))
    return fail(std::string("the link ends inside its ") + name);
  if (!unicode) return decode_ansi(chars, code_page);
  std::u16string s(count, u'\0');
  std::memcpy(s.data(), chars.data(), chars.size());
  return utf16_to_utf8(s);
}

// The IDList to write: the one read while it still names the target, else one built for it.
std::vector<std::uint8_t> id_list_to_write(const ShellLink& link) {
  if (!link.id_list.empty()) {
    if (link.target_path.empty()) return link.id_list;
    auto named = path_from_id_list(link.id_list);
    if (named && *named == link.target_path) return link.id_list;
  }
  if (link.target_path.empty()) return {};
  std::vector<std::uint8_t> built = id_list_for_path(link.target_path, link.file_attributes);
  return built.size() <= 0xFFFF ? built : std::vector<std::uint8_t>{};
}

}  // namespace

Expected<ShellLink> parse_shell_link(std::span<const std::uint8_t> bytes, unsigned ansi_code_page) {
  Reader in(bytes);
  ShellLinkHeader header{};
  if (!in.read(header)) return fail("too short for a shell link header (76 bytes)");
  if (header.header_size != sizeof(ShellLinkHeader)) return fail("not a shell link: header size is not 0x4C");
  if (header.link_clsid != kShellLinkClsid) return fail("not a shell link: wrong class identifier");

  ShellLink link;
  link.file_attributes = header.file_attributes;
  link.creation_time = header.creation_time;
  link.access_time = header.access_time;
  link.write_time = header.write_time;
  link.file_size = header.file_size;
  link.icon_index = header.icon_index;
  link.show_command = static_cast<int>(header.show_command);
  link.hotkey = header.hotkey;
  link.other_flags = header.link_flags & ~kStructuralFlags;

  // The IDList is read after LinkInfo's path is known: LinkInfo is the more exact of the two.
  std::span<const std::uint8_t> id_list_bytes;
  if (header.link_flags & kHasLinkTargetIdList) {
    std::uint16_t size = 0;
    if (!in.read(size) || !in.take(size, id_list_bytes)) return fail("the link ends inside its LinkTargetIDList");
  }
  if (header.link_flags & kHasLinkInfo) {
    std::uint32_t size = 0;
    Reader peek(bytes.subspan(in.position()));
    std::span<const std::uint8_t> info;
    if (!peek.read(size) || !in.take(size, info)) return fail("the link ends inside its LinkInfo");
    if (!(header.link_flags & kForceNoLinkInfo))
      if (auto r = read_link_info(info, ansi_code_page, link); !r) return Unexpected{r.error()};
  }
  if (header.link_flags & kHasLinkTargetIdList) {
    link.id_list.assign(id_list_bytes.begin(), id_list_bytes.end());
    // Items this library cannot read leave the target to LinkInfo or the environment block.
    if (link.target_path.empty())
      if (auto path = path_from_id_list(id_list_bytes, ansi_code_page)) link.target_path = *path;
  }
  bool unicode = header.link_flags & kIsUnicode;
  for (const StringField& f : kStringFields) {
    if (!(header.link_flags & f.flag)) continue;
    auto s = read_counted_string(in, unicode, ansi_code_page, f.name);
    if (!s) return Unexpected{s.error()};
    link.*f.field = std::move(*s);
  }
  if (auto r = read_extra_data(in, ansi_code_page, link); !r) return Unexpected{r.error()};
  if (link.target_path.empty()) link.target_path = link.env_target_path;
  return link;
}

std::vector<std::uint8_t> write_shell_link(const ShellLink& link) {
  std::vector<std::uint8_t> id_list = id_list_to_write(link);
  std::vector<std::uint8_t> link_info = link_info_for(link);

  std::uint32_t flags = (link.other_flags & ~kStructuralFlags) | kIsUnicode;
  if (!id_list.empty()) flags |= kHasLinkTargetIdList;
  if (!link_info.empty()) flags |= kHasLinkInfo;
  for (const StringField& f : kStringFields)
    if (!(link.*f.field).empty()) flags |= f.flag;
  if (!link.env_target_path.empty()) flags |= kHasExpString;
  if (!link.env_icon_location.empty()) flags |= kHasExpIcon;

  ShellLinkHeader header{};
  header.header_size = sizeof(ShellLinkHeader);
  header.link_clsid = kShellLinkClsid;
  header.link_flags = flags;
  header.file_attributes = link.file_attributes;
  header.creation_time = link.creation_time;
  header.access_time = link.access_time;
  header.write_time = link.write_time;
  header.file_size = link.file_size;
  header.icon_index = link.icon_index;
  header.show_command = static_cast<std::uint32_t>(link.show_command);
  header.hotkey = link.hotkey;

  Writer out;
  out.put(header);
  if (!id_list.empty()) {
    out.put(static_cast<std::uint16_t>(id_list.size()));
    out.put_bytes(id_list);
  }
  out.put_bytes(link_info);
  for (const StringField& f : kStringFields) {
    const std::string& value = link.*f.field;
    if (value.empty()) continue;
    std::u16string s = utf8_to_utf16(value);
    if (s.size() > 0xFFFF) s.resize(0xFFFF);
    out.put(static_cast<std::uint16_t>(s.size()));
    for (char16_t c : s) out.put(static_cast<std::uint16_t>(c));
  }
  write_extra_data(link, out);
  return std::move(out.bytes());
}

}  // namespace sill::desktop
