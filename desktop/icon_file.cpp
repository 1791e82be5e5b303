// hicolor_icons_from_file: maps the file read-only and hands the bytes to hicolor_icons.
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "desktop/icon_export.h"

namespace sill::desktop {

Expected<std::vector<HicolorIcon>> hicolor_icons_from_file(const std::string& path, int index) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return fail(std::strerror(errno));
  struct stat st;
  if (::fstat(fd, &st) != 0) {
    const int e = errno;
    ::close(fd);
    return fail(std::strerror(e));
  }
  if (!S_ISREG(st.st_mode)) {
    ::close(fd);
    return fail(S_ISDIR(st.st_mode) ? std::strerror(EISDIR) : "not a regular file");
  }
  if (st.st_size == 0) {
    ::close(fd);
    return hicolor_icons({}, index);
  }
  void* view = ::mmap(nullptr, std::size_t(st.st_size), PROT_READ, MAP_PRIVATE, fd, 0);
  const int map_errno = errno;
  ::close(fd);
  if (view == MAP_FAILED) return fail(std::strerror(map_errno));
  auto icons = hicolor_icons({static_cast<const std::uint8_t*>(view), std::size_t(st.st_size)}, index);
  ::munmap(view, std::size_t(st.st_size));
  return icons;
}

}  // namespace sill::desktop
