#include "desktop/icon_theme.h"

#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

namespace sill::desktop {
namespace {

Expected<void> write_file(const std::filesystem::path& path, const std::vector<std::uint8_t>& bytes) {
  const std::filesystem::path temporary = path.string() + ".tmp" + std::to_string(::getpid());
  std::FILE* f = std::fopen(temporary.c_str(), "wb");
  if (!f) return fail("cannot create " + temporary.string() + ": " + std::strerror(errno));
  const bool written = std::fwrite(bytes.data(), 1, bytes.size(), f) == bytes.size();
  const int write_errno = errno;
  if (std::fclose(f) != 0 || !written) {
    std::remove(temporary.c_str());
    return fail("cannot write " + temporary.string() + ": " + std::strerror(written ? errno : write_errno));
  }
  if (std::rename(temporary.c_str(), path.c_str()) != 0) {
    const int e = errno;
    std::remove(temporary.c_str());
    return fail("cannot rename " + temporary.string() + " to " + path.string() + ": " + std::strerror(e));
  }
  return {};
}

}  // namespace

bool valid_icon_name(const std::string& name) {
  return !name.empty() && name != "." && name != ".." && name.find('/') == std::string::npos &&
         name.find('\0') == std::string::npos;
}

Expected<std::vector<std::filesystem::path>> write_theme_icons(const std::vector<HicolorIcon>& icons,
                                                              const std::filesystem::path& root,
                                                              const std::string& name) {
  if (!valid_icon_name(name)) return fail("'" + name + "' cannot be an icon's file name");
  std::vector<std::filesystem::path> written;
  for (const HicolorIcon& icon : icons) {
    const std::string size = std::to_string(icon.size);
    const std::filesystem::path folder = root / (size + "x" + size) / "apps";
    std::error_code ec;
    std::filesystem::create_directories(folder, ec);
    if (ec) return fail("cannot create " + folder.string() + ": " + ec.message());
    const std::filesystem::path path = folder / (name + ".png");
    if (auto ok = write_file(path, icon.png); !ok) return Unexpected{ok.error()};
    written.push_back(path);
  }
  return written;
}

}  // namespace sill::desktop
