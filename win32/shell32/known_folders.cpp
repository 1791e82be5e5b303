// The special folders: SHGetKnownFolderPath (by FOLDERID GUID) and SHGetFolderPathW (by
// CSIDL), both from one table of the prefix's layout (C:\users\<name>\AppData\Roaming, ...).
// The paths follow the prefix, not the environment, as Windows' do.
#include <cstring>
#include <string>

#include "base/debug.h"
#include "base/unicode.h"
#include "ntdll/prefix.h"
#include "win32/combase/combase.h"
#include "win32/shell32/shell32.h"

SILL_DEFAULT_DEBUG_CHANNEL(shell);

namespace sill::shell32 {

namespace {

constexpr HRESULT kOk = 0;
constexpr HRESULT kInvalidArg = static_cast<HRESULT>(0x80070057);
constexpr HRESULT kOutOfMemory = static_cast<HRESULT>(0x8007000E);
constexpr HRESULT kFileNotFound = static_cast<HRESULT>(0x80070002);  // HRESULT_FROM_WIN32(ERROR_FILE_NOT_FOUND)

enum class Base { Profile, Root };

struct Folder {
  GUID id;
  int csidl;  // -1: none
  Base base;
  const char16_t* tail;
};

// FOLDERID_* values from KnownFolders.h; CSIDL_* from shlobj_core.h.
const Folder kFolders[] = {
    {{0x3EB685DB, 0x65F9, 0x4CF6, {0xA0, 0x3A, 0xE3, 0xEF, 0x65, 0x72, 0x9F, 0x3D}}, 0x1A, Base::Profile, u"\\AppData\\Roaming"},
    {{0xF1B32785, 0x6FBA, 0x4FCF, {0x9D, 0x55, 0x7B, 0x8E, 0x7F, 0x15, 0x70, 0x91}}, 0x1C, Base::Profile, u"\\AppData\\Local"},
    {{0xA520A1A4, 0x1780, 0x4FF6, {0xBD, 0x18, 0x16, 0x73, 0x43, 0xC5, 0xAF, 0x16}}, -1, Base::Profile, u"\\AppData\\LocalLow"},
    {{0x5E6C858F, 0x0E22, 0x4760, {0x9A, 0xFE, 0xEA, 0x33, 0x17, 0xB6, 0x71, 0x73}}, 0x28, Base::Profile, u""},
    {{0xFDD39AD0, 0x238F, 0x46AF, {0xAD, 0xB4, 0x6C, 0x85, 0x48, 0x03, 0x69, 0xC7}}, 0x05, Base::Profile, u"\\Documents"},
    {{0xB4BFCC3A, 0xDB2C, 0x424C, {0xB0, 0x29, 0x7F, 0xE9, 0x9A, 0x87, 0xC6, 0x41}}, 0x10, Base::Profile, u"\\Desktop"},
    {{0x374DE290, 0x123F, 0x4565, {0x91, 0x64, 0x39, 0xC4, 0x92, 0x5E, 0x46, 0x7B}}, -1, Base::Profile, u"\\Downloads"},
    {{0x62AB5D82, 0xFDC1, 0x4DC3, {0xA9, 0xDD, 0x07, 0x0D, 0x1D, 0x49, 0x5D, 0x97}}, 0x23, Base::Root, u"C:\\ProgramData"},
    {{0xF38BF404, 0x1D43, 0x42F2, {0x93, 0x05, 0x67, 0xDE, 0x0B, 0x28, 0xFC, 0x23}}, 0x24, Base::Root, u"C:\\windows"},
    {{0x1AC14E77, 0x02E7, 0x4E5D, {0xB7, 0x44, 0x2E, 0xB1, 0xAE, 0x51, 0x98, 0xB7}}, 0x25, Base::Root, u"C:\\windows\\system32"},
    {{0x905E63B6, 0xC1BF, 0x494E, {0xB2, 0x9C, 0x65, 0xB7, 0x32, 0xD3, 0xD2, 0x1A}}, 0x26, Base::Root, u"C:\\Program Files"},
    {{0xDFDF76A2, 0xC82A, 0x4D63, {0x90, 0x6A, 0x56, 0x44, 0xAC, 0x45, 0x73, 0x85}}, -1, Base::Root, u"C:\\users\\Public"},
    // The Start Menus and the public Desktop, whose shortcuts become menu entries (desktop/menu_sync.h).
    {{0x625B53C3, 0xAB48, 0x4EC1, {0xBA, 0x1F, 0xA1, 0xEF, 0x41, 0x46, 0xFC, 0x19}}, 0x0B, Base::Profile,
     u"\\AppData\\Roaming\\Microsoft\\Windows\\Start Menu"},
    {{0xA77F5D77, 0x2E2B, 0x44C3, {0xA6, 0xA2, 0xAB, 0xA6, 0x01, 0x05, 0x4A, 0x51}}, 0x02, Base::Profile,
     u"\\AppData\\Roaming\\Microsoft\\Windows\\Start Menu\\Programs"},
    {{0xA4115719, 0xD62E, 0x491D, {0xAA, 0x7C, 0xE7, 0x4B, 0x8B, 0xE3, 0xB0, 0x67}}, 0x16, Base::Root,
     u"C:\\ProgramData\\Microsoft\\Windows\\Start Menu"},
    {{0x0139D44E, 0x6AFE, 0x49F2, {0x86, 0x90, 0x3D, 0xAF, 0xCA, 0xE6, 0xFF, 0xB8}}, 0x17, Base::Root,
     u"C:\\ProgramData\\Microsoft\\Windows\\Start Menu\\Programs"},
    {{0xC4AA340D, 0xF20F, 0x4863, {0xAF, 0xEF, 0xF8, 0x7E, 0xF2, 0xE6, 0xBA, 0x25}}, 0x19, Base::Root,
     u"C:\\users\\Public\\Desktop"},
};

std::u16string path_of(const Folder& f) {
  if (f.base == Base::Root) return f.tail;
  return u"C:\\users\\" + utf8_to_utf16(nt::prefix_user_name()) + f.tail;
}

}  // namespace

HRESULT WINAPI SHGetKnownFolderPath(const GUID* id, DWORD flags, HANDLE token, WCHAR** path) noexcept {
  if (!path) return kInvalidArg;
  *path = nullptr;
  if (!id) return kInvalidArg;
  if (token) FIXME_ONCE("another user's folders (token %p) are this user's\n", token);
  for (const Folder& f : kFolders) {
    if (std::memcmp(&f.id, id, sizeof(GUID)) != 0) continue;
    try {
      std::u16string p = path_of(f);
      auto* out = static_cast<WCHAR*>(combase::CoTaskMemAlloc((p.size() + 1) * sizeof(WCHAR)));
      if (!out) return kOutOfMemory;
      std::memcpy(out, p.c_str(), (p.size() + 1) * sizeof(WCHAR));
      *path = out;
      return kOk;
    } catch (...) {
      return kOutOfMemory;
    }
  }
  FIXME("known folder {%08X-%04X-%04X-...} is not provided\n", id->data1, id->data2, id->data3);
  return kFileNotFound;
}

// path must hold MAX_PATH characters. CSIDL_FLAG_CREATE and the other flag bits are ignored:
// the prefix already holds every folder in the table.
HRESULT WINAPI SHGetFolderPathW(void* owner, int csidl, HANDLE token, DWORD flags, WCHAR* path) noexcept {
  if (!path) return kInvalidArg;
  path[0] = 0;
  int wanted = csidl & 0xFF;
  for (const Folder& f : kFolders) {
    if (f.csidl != wanted) continue;
    try {
      std::u16string p = path_of(f);
      if (p.size() >= 260) return kInvalidArg;
      std::memcpy(path, p.c_str(), (p.size() + 1) * sizeof(WCHAR));
      return kOk;
    } catch (...) {
      return kOutOfMemory;
    }
  }
  FIXME("CSIDL %#x is not provided\n", csidl);
  return kInvalidArg;
}

}  // namespace sill::shell32
