// GUIDs as text: "{00021401-0000-0000-C000-000000000046}" (StringFromGUID2 and friends) and back
// (CLSIDFromString, IIDFromString), and ProgIDs ("Shell.Link") looked up under HKCR.
#include <cstdio>
#include <string>

#include "win32/combase/class_registry.h"
#include "win32/combase/combase.h"

namespace sill::combase {

namespace {

constexpr int kGuidChars = 38;  // without the NUL

std::u16string format_guid(const com::GUID& g) {
  char text[kGuidChars + 1];
  std::snprintf(text, sizeof text, "{%08X-%04X-%04X-%02X%02X-%02X%02X%02X%02X%02X%02X}", g.data1, g.data2, g.data3,
                g.data4[0], g.data4[1], g.data4[2], g.data4[3], g.data4[4], g.data4[5], g.data4[6], g.data4[7]);
  return std::u16string(text, text + kGuidChars);
}

int hex_digit(char16_t c) {
  if (c >= u'0' && c <= u'9') return c - u'0';
  if (c >= u'a' && c <= u'f') return c - u'a' + 10;
  if (c >= u'A' && c <= u'F') return c - u'A' + 10;
  return -1;
}

// Reads `digits` hex digits at s[at]; false when one is not a hex digit.
bool hex_at(const char16_t* s, int at, int digits, std::uint64_t& out) {
  out = 0;
  for (int i = 0; i < digits; ++i) {
    int d = hex_digit(s[at + i]);
    if (d < 0) return false;
    out = out << 4 | static_cast<unsigned>(d);
  }
  return true;
}

// Exactly the braced, dashed form (38 characters, then the end of the string).
bool parse_guid(const char16_t* s, com::GUID& g) {
  for (int i = 0; i < kGuidChars; ++i)
    if (!s[i]) return false;
  if (s[kGuidChars] || s[0] != u'{' || s[37] != u'}' || s[9] != u'-' || s[14] != u'-' || s[19] != u'-' ||
      s[24] != u'-')
    return false;
  std::uint64_t v = 0;
  if (!hex_at(s, 1, 8, v)) return false;
  g.data1 = static_cast<std::uint32_t>(v);
  if (!hex_at(s, 10, 4, v)) return false;
  g.data2 = static_cast<std::uint16_t>(v);
  if (!hex_at(s, 15, 4, v)) return false;
  g.data3 = static_cast<std::uint16_t>(v);
  constexpr int kByteAt[8] = {20, 22, 25, 27, 29, 31, 33, 35};
  for (int i = 0; i < 8; ++i) {
    if (!hex_at(s, kByteAt[i], 2, v)) return false;
    g.data4[i] = static_cast<std::uint8_t>(v);
  }
  return true;
}

}  // namespace

std::u16string guid_to_string(const com::GUID& g) { return format_guid(g); }

int WINAPI StringFromGUID2(const com::GUID* guid, WCHAR* out, int size) noexcept {
  if (!guid || !out || size < kGuidChars + 1) return 0;
  std::u16string s = format_guid(*guid);
  std::memcpy(out, s.c_str(), (s.size() + 1) * sizeof(char16_t));
  return kGuidChars + 1;
}

HRESULT WINAPI StringFromCLSID(const com::CLSID* clsid, WCHAR** out) noexcept {
  if (!out) return com::E_INVALIDARG;
  *out = nullptr;
  if (!clsid) return com::E_INVALIDARG;
  auto* text = static_cast<WCHAR*>(CoTaskMemAlloc((kGuidChars + 1) * sizeof(WCHAR)));
  if (!text) return com::E_OUTOFMEMORY;
  StringFromGUID2(clsid, text, kGuidChars + 1);
  *out = text;
  return com::S_OK;
}

HRESULT WINAPI CLSIDFromProgID(const WCHAR* progid, com::CLSID* clsid) noexcept {
  if (!progid || !clsid) return com::E_INVALIDARG;
  auto text = classes_root_string(std::u16string(progid) + u"\\CLSID");
  if (!text || !parse_guid(text->c_str(), *clsid)) {
    *clsid = {};
    return com::CO_E_CLASSSTRING;
  }
  return com::S_OK;
}

HRESULT WINAPI CLSIDFromString(const WCHAR* text, com::CLSID* clsid) noexcept {
  if (!clsid) return com::E_INVALIDARG;
  *clsid = {};
  if (!text || !*text) return com::S_OK;  // CLSID_NULL
  if (text[0] != u'{') return CLSIDFromProgID(text, clsid);
  if (parse_guid(text, *clsid)) return com::S_OK;
  *clsid = {};
  return com::CO_E_CLASSSTRING;
}

HRESULT WINAPI IIDFromString(const WCHAR* text, com::IID* iid) noexcept {
  if (!iid) return com::E_INVALIDARG;
  *iid = {};
  if (!text) return com::S_OK;  // IID_NULL
  if (parse_guid(text, *iid)) return com::S_OK;
  *iid = {};
  return com::E_INVALIDARG;
}

}  // namespace sill::combase
