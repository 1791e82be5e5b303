// DeviceIoControl for the control codes programs send to disks and files:
// disk length and geometry on block devices (archivers reading whole disks),
// reparse-point queries on files. Other codes fail with ERROR_INVALID_FUNCTION
// and a FIXME naming the code.
#include <linux/fs.h>
#include <sys/ioctl.h>
#include <sys/stat.h>

#include <cstring>

#include "base/debug.h"
#include "ntdll/file.h"
#include "ntdll/handle_table.h"
#include "win32/kernel32/kernel32.h"
#include "win32/kernel32/kernel32_internal.h"

SILL_DEFAULT_DEBUG_CHANNEL(file);

namespace sill::kernel32 {
namespace {

constexpr DWORD IOCTL_DISK_GET_DRIVE_GEOMETRY = 0x00070000;
constexpr DWORD IOCTL_DISK_GET_LENGTH_INFO = 0x0007405C;
constexpr DWORD IOCTL_CDROM_GET_DRIVE_GEOMETRY = 0x0002404C;
constexpr DWORD FSCTL_GET_REPARSE_POINT = 0x000900A8;
constexpr DWORD ERROR_NOT_A_REPARSE_POINT = 4390;

struct DISK_GEOMETRY {
  LARGE_INTEGER Cylinders;
  int MediaType;  // MEDIA_TYPE: 12 FixedMedia
  DWORD TracksPerCylinder;
  DWORD SectorsPerTrack;
  DWORD BytesPerSector;
};
static_assert(sizeof(DISK_GEOMETRY) == 24 && offsetof(DISK_GEOMETRY, BytesPerSector) == 20);

template <class T>
BOOL reply(const T& value, void* out, DWORD out_size, DWORD* returned) {
  if (!out || out_size < sizeof(T)) return fail_error(win::ERROR_INSUFFICIENT_BUFFER, FALSE);
  std::memcpy(out, &value, sizeof(T));
  if (returned) *returned = sizeof(T);
  return TRUE;
}

// Size and sector size of a block device; false for other files.
bool block_device(int fd, std::uint64_t* bytes, int* sector) {
  struct stat st;
  if (fstat(fd, &st) != 0 || !S_ISBLK(st.st_mode)) return false;
  if (ioctl(fd, BLKGETSIZE64, bytes) != 0) return false;
  if (ioctl(fd, BLKSSZGET, sector) != 0 || *sector <= 0) *sector = 512;
  return true;
}

}  // namespace

BOOL WINAPI DeviceIoControl(HANDLE h, DWORD code, void* in, DWORD in_size, void* out, DWORD out_size,
                            DWORD* returned, OVERLAPPED* overlapped) noexcept {
  auto file = nt::handle_table().get<nt::File>(h);
  if (!file) return fail_status(file.error(), FALSE);
  if (returned) *returned = 0;
  const int fd = (*file)->fd();
  std::uint64_t bytes = 0;
  int sector = 512;
  switch (code) {
    case IOCTL_DISK_GET_LENGTH_INFO:
      if (!block_device(fd, &bytes, &sector)) return fail_error(win::ERROR_INVALID_FUNCTION, FALSE);
      return reply(static_cast<std::int64_t>(bytes), out, out_size, returned);
    case IOCTL_DISK_GET_DRIVE_GEOMETRY:
    case IOCTL_CDROM_GET_DRIVE_GEOMETRY: {
      if (!block_device(fd, &bytes, &sector)) return fail_error(win::ERROR_INVALID_FUNCTION, FALSE);
      // Linux keeps no CHS geometry: the conventional 255 heads x 63 sectors, rounded down.
      DISK_GEOMETRY g{};
      g.TracksPerCylinder = 255;
      g.SectorsPerTrack = 63;
      g.BytesPerSector = static_cast<DWORD>(sector);
      g.MediaType = 12;
      g.Cylinders.QuadPart = static_cast<LONGLONG>(bytes / (std::uint64_t{255} * 63 * static_cast<DWORD>(sector)));
      return reply(g, out, out_size, returned);
    }
    case FSCTL_GET_REPARSE_POINT:
      // Handles here are opened on the target of a symbolic link: no reparse data to report.
      return fail_error(ERROR_NOT_A_REPARSE_POINT, FALSE);
    default:
      FIXME("control code %#x is not supported\n", code);
      return fail_error(win::ERROR_INVALID_FUNCTION, FALSE);
  }
}

}  // namespace sill::kernel32
