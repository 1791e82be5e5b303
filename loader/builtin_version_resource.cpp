// Builds the VS_VERSIONINFO block of a built-in DLL and the resource section
// that holds it. A node of the block is { WORD wLength; WORD wValueLength;
// WORD wType; WCHAR szKey[]; padding to 4; value; padding to 4; children },
// wValueLength counting characters (with the terminator) for text and bytes
// for binary values; wLength covers the node up to the end of its last child.
#include "loader/builtin_version_resource.h"

#include <cstring>
#include <span>
#include <string>

#include "base/unicode.h"
#include "loader/pe_format.h"
#include "ntdll/nt_structs.h"

namespace sill::loader {

namespace {

static_assert(kSystemFileBuild <= nt::kWindowsBuild && nt::kWindowsBuild - kSystemFileBuild < 10,
              "system files carry the base build of the Windows release RtlGetVersion reports");

constexpr std::uint16_t kRtVersion = 16;
constexpr std::uint16_t kVersionInfoId = 1;      // VS_VERSION_INFO
constexpr std::uint16_t kLanguage = 0x0409;      // English (United States)
constexpr std::uint16_t kCodePage = 1200;        // UTF-16LE
constexpr std::uint32_t kVosNtWindows32 = 0x00040004;
constexpr std::uint32_t kVftDll = 2;
constexpr std::uint32_t kFileFlagsMask = 0x3F;  // VS_FFI_FILEFLAGSMASK

// What sets one DLL apart: Windows' own FileDescription for the DLLs Sill
// builds in. The Visual C++ runtime is not part of Windows and carries the
// redistributable's version instead.
struct Description {
  std::string_view dll;
  std::string_view text;
};
constexpr Description kDescriptions[] = {
    {"advapi32.dll", "Advanced Windows 32 Base API"},
    {"bcrypt.dll", "Windows Cryptographic Primitives Library"},
    {"bcryptprimitives.dll", "Windows Cryptographic Primitives Library"},
    {"combase.dll", "Microsoft COM for Windows"},
    {"kernel32.dll", "Windows NT BASE API Client DLL"},
    {"msvcrt.dll", "Windows NT CRT DLL"},
    {"ntdll.dll", "NT Layer DLL"},
    {"ole32.dll", "Microsoft OLE for Windows"},
    {"oleaut32.dll", "OLEAUT32.DLL"},
    {"shell32.dll", "Windows Shell Common Dll"},
    {"ucrtbase.dll", "Microsoft\u00AE C Runtime Library"},
    {"user32.dll", "Multi-User Windows USER API Client DLL"},
    {"vcruntime140.dll", "Microsoft\u00AE C Runtime Library"},
    {"vcruntime140_1.dll", "Microsoft\u00AE C Runtime Library"},
    {"version.dll", "Version Checking and File Installation Libraries"},
    {"ws2_32.dll", "Windows Socket 2.0 32-Bit DLL"},
};

struct Product {
  std::uint16_t version[4];
  std::string_view name;
  std::string_view file_version_suffix;  // after the dotted version in the FileVersion string
};
constexpr Product kWindows{{10, 0, kSystemFileBuild, kSystemFileRevision},
                           "Microsoft\u00AE Windows\u00AE Operating System",
                           " (WinBuild.160101.0800)"};
constexpr Product kVisualCppRuntime{{14, 36, 32532, 0}, "Microsoft\u00AE Visual Studio\u00AE", ""};

const Product& product_of(std::string_view dll) {
  return dll.starts_with("vcruntime") ? kVisualCppRuntime : kWindows;
}

std::string description_of(std::string_view dll) {
  for (const Description& d : kDescriptions)
    if (d.dll == dll) return std::string(d.text);
  return std::string(dll);  // a DLL added later without a description still names itself
}

std::string dotted(const std::uint16_t (&v)[4]) {
  return std::to_string(v[0]) + "." + std::to_string(v[1]) + "." + std::to_string(v[2]) + "." +
         std::to_string(v[3]);
}

class BlockWriter {
 public:
  // Starts a node; its children follow until end().
  void begin(std::u16string_view key, std::span<const std::uint8_t> value, std::uint16_t value_length, bool text) {
    pad();
    open_.push_back(out_.size());
    put16(0);  // wLength, patched by end()
    put16(value_length);
    put16(text ? 1 : 0);
    for (char16_t c : key) put16(c);
    put16(0);
    pad();
    out_.insert(out_.end(), value.begin(), value.end());
  }
  void end() {
    std::size_t start = open_.back();
    open_.pop_back();
    auto length = static_cast<std::uint16_t>(out_.size() - start);
    std::memcpy(out_.data() + start, &length, 2);
  }
  void binary(std::u16string_view key, std::span<const std::uint8_t> value) {
    begin(key, value, static_cast<std::uint16_t>(value.size()), false);
  }
  void text(std::u16string_view key, std::string_view utf8) {
    std::u16string value = utf8_to_utf16(utf8);
    value.push_back(u'\0');
    std::span bytes(reinterpret_cast<const std::uint8_t*>(value.data()), value.size() * 2);
    begin(key, bytes, static_cast<std::uint16_t>(value.size()), true);
    end();
  }
  std::vector<std::uint8_t> take() { return std::move(out_); }

 private:
  void put16(std::uint16_t v) {
    out_.push_back(static_cast<std::uint8_t>(v));
    out_.push_back(static_cast<std::uint8_t>(v >> 8));
  }
  void pad() {
    while (out_.size() % 4) out_.push_back(0);
  }
  std::vector<std::uint8_t> out_;
  std::vector<std::size_t> open_;
};

template <class T>
std::span<const std::uint8_t> bytes_of(const T& v) {
  return {reinterpret_cast<const std::uint8_t*>(&v), sizeof v};
}

template <class T>
void put(std::vector<std::uint8_t>& out, std::size_t offset, const T& v) {
  std::memcpy(out.data() + offset, &v, sizeof v);
}

}  // namespace

std::vector<std::uint8_t> builtin_version_info(std::string_view dll_name) {
  const Product& product = product_of(dll_name);
  const auto& v = product.version;
  // VS_FIXEDFILEINFO (layout checked by version_block.h's FixedFileInfo).
  const std::uint32_t fixed[13] = {
      0xFEEF04BD, 0x00010000,
      std::uint32_t{v[0]} << 16 | v[1], std::uint32_t{v[2]} << 16 | v[3],  // file version
      std::uint32_t{v[0]} << 16 | v[1], std::uint32_t{v[2]} << 16 | v[3],  // product version
      kFileFlagsMask, 0, kVosNtWindows32, kVftDll, 0, 0, 0};
  static_assert(sizeof fixed == 52);
  const std::uint16_t translation[2] = {kLanguage, kCodePage};

  BlockWriter w;
  w.begin(u"VS_VERSION_INFO", bytes_of(fixed), sizeof fixed, false);
  w.begin(u"StringFileInfo", {}, 0, true);
  w.begin(u"040904B0", {}, 0, true);
  w.text(u"CompanyName", "Microsoft Corporation");
  w.text(u"FileDescription", description_of(dll_name));
  w.text(u"FileVersion", dotted(v) + std::string(product.file_version_suffix));
  w.text(u"InternalName", dll_name);
  w.text(u"LegalCopyright", "\u00A9 Microsoft Corporation. All rights reserved.");
  w.text(u"OriginalFilename", dll_name);
  w.text(u"ProductName", product.name);
  w.text(u"ProductVersion", dotted(v));
  w.end();
  w.end();
  w.begin(u"VarFileInfo", {}, 0, true);
  w.binary(u"Translation", bytes_of(translation));
  w.end();
  w.end();
  w.end();
  return w.take();
}

std::vector<std::uint8_t> builtin_resource_section(std::string_view dll_name, std::uint32_t section_rva) {
  // Three one-entry directories (type, name, language), the data entry, then the data.
  constexpr std::uint32_t kLevel = sizeof(pe::ResourceDirectory) + sizeof(pe::ResourceDirectoryEntry);
  constexpr std::uint32_t kSubdirectory = 0x80000000u;
  constexpr std::uint32_t kDataEntry = 3 * kLevel;
  constexpr std::uint32_t kData = kDataEntry + sizeof(pe::ResourceDataEntry);
  static_assert(kData % 8 == 0);
  std::vector<std::uint8_t> info = builtin_version_info(dll_name);
  std::vector<std::uint8_t> out(kData + info.size());
  const std::uint16_t ids[3] = {kRtVersion, kVersionInfoId, kLanguage};
  for (std::uint32_t level = 0; level < 3; ++level) {
    pe::ResourceDirectory dir{};
    dir.NumberOfIdEntries = 1;
    put(out, level * kLevel, dir);
    std::uint32_t next = level < 2 ? kSubdirectory | (level + 1) * kLevel : kDataEntry;
    put(out, level * kLevel + sizeof dir, pe::ResourceDirectoryEntry{ids[level], next});
  }
  put(out, kDataEntry, pe::ResourceDataEntry{section_rva + kData, static_cast<std::uint32_t>(info.size()), 0, 0});
  std::memcpy(out.data() + kData, info.data(), info.size());
  return out;
}

}  // namespace sill::loader
