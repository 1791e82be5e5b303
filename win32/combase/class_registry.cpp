// HKCR string values through advapi32 (class_registry.h): COM reads the registry the way a
// program would, so the user's classes win over the machine's as they do on Windows.
#include "win32/combase/class_registry.h"

#include <vector>

#include "win32/advapi32/advapi32.h"

namespace sill::combase {

using namespace sill::win;

namespace {
namespace reg = sill::advapi32;
constexpr LONG kErrorSuccess = 0, kErrorMoreData = 234;
// RRF_RT_REG_SZ takes REG_EXPAND_SZ values too: RegGetValueW expands them into REG_SZ.
constexpr DWORD kRrfRtRegSz = 0x2;
const auto kClassesRoot = reinterpret_cast<reg::HKEY>(static_cast<std::intptr_t>(static_cast<std::int32_t>(0x80000000)));
}  // namespace

std::optional<std::u16string> classes_root_string(const std::u16string& subkey, const char16_t* value) {
  std::vector<char16_t> data(260);
  for (;;) {
    DWORD size = static_cast<DWORD>(data.size() * sizeof(char16_t));
    LONG r = reg::RegGetValueW(kClassesRoot, subkey.c_str(), value, kRrfRtRegSz, nullptr,
                               data.data(), &size);
    if (r == kErrorMoreData) {
      data.resize(size / sizeof(char16_t) + 1);
      continue;
    }
    if (r != kErrorSuccess) return std::nullopt;
    return std::u16string(data.data());
  }
}

}  // namespace sill::combase
