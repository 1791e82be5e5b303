// GlobalMemoryStatusEx: physical memory and swap as Linux counts them
// (MemAvailable, the memory the kernel can hand out without swapping), and
// the 128 TiB user address space of x64 Windows.
#include <sys/sysinfo.h>

#include <cstdio>
#include <cstring>

#include "win32/kernel32/kernel32.h"
#include "win32/kernel32/kernel32_internal.h"

namespace sill::kernel32 {
namespace {

constexpr std::uint64_t kUserAddressSpace = 0x7FFFFFFE0000ull;  // 128 TiB less the 64 KiB ends

// A field of /proc/meminfo in bytes, or fallback.
std::uint64_t meminfo(const char* field, std::uint64_t fallback) {
  FILE* f = std::fopen("/proc/meminfo", "re");
  if (!f) return fallback;
  char line[256];
  const std::size_t n = std::strlen(field);
  std::uint64_t value = fallback;
  while (std::fgets(line, sizeof line, f)) {
    unsigned long long kib;
    if (std::strncmp(line, field, n) == 0 && line[n] == ':' && std::sscanf(line + n + 1, "%llu", &kib) == 1) {
      value = kib * 1024;
      break;
    }
  }
  std::fclose(f);
  return value;
}

std::uint64_t process_virtual_size() {
  FILE* f = std::fopen("/proc/self/statm", "re");
  if (!f) return 0;
  unsigned long long pages = 0;
  if (std::fscanf(f, "%llu", &pages) != 1) pages = 0;
  std::fclose(f);
  return pages * 4096;
}

}  // namespace

BOOL WINAPI GlobalMemoryStatusEx(MEMORYSTATUSEX* status) noexcept {
  if (!status || status->dwLength != sizeof(MEMORYSTATUSEX)) return fail_error(win::ERROR_INVALID_PARAMETER, FALSE);
  struct sysinfo si;
  if (sysinfo(&si) != 0) return fail_error(win::ERROR_NOT_SUPPORTED, FALSE);
  const std::uint64_t unit = si.mem_unit ? si.mem_unit : 1;
  const std::uint64_t total = si.totalram * unit;
  const std::uint64_t avail = meminfo("MemAvailable", si.freeram * unit);
  status->ullTotalPhys = total;
  status->ullAvailPhys = avail;
  status->dwMemoryLoad = total ? static_cast<DWORD>((total - avail) * 100 / total) : 0;
  status->ullTotalPageFile = total + si.totalswap * unit;
  status->ullAvailPageFile = avail + si.freeswap * unit;
  status->ullTotalVirtual = kUserAddressSpace;
  const std::uint64_t used = process_virtual_size();
  status->ullAvailVirtual = used < kUserAddressSpace ? kUserAddressSpace - used : 0;
  status->ullAvailExtendedVirtual = 0;
  return TRUE;
}

}  // namespace sill::kernel32
