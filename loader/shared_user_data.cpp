#include "loader/shared_user_data.h"

#include <sys/mman.h>
#include <unistd.h>

#include <chrono>
#include <thread>

#include "base/debug.h"
#include "ntdll/time.h"

SILL_DEFAULT_DEBUG_CHANNEL(loader);

namespace sill::loader {

bool map_shared_user_data() {
  // One memory object, two views: read-only where programs look, writable for the updater.
  int fd = memfd_create("KUSER_SHARED_DATA", MFD_CLOEXEC);
  if (fd < 0 || ftruncate(fd, sizeof(nt::KUSER_SHARED_DATA)) != 0) {
    if (fd >= 0) close(fd);
    return false;
  }
  void* want = reinterpret_cast<void*>(nt::kUserSharedDataAddress);
  void* ro = mmap(want, sizeof(nt::KUSER_SHARED_DATA), PROT_READ, MAP_SHARED | MAP_FIXED_NOREPLACE, fd, 0);
  void* rw = mmap(nullptr, sizeof(nt::KUSER_SHARED_DATA), PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
  close(fd);
  if (ro != want || rw == MAP_FAILED) {
    ERR("cannot map KUSER_SHARED_DATA at %p\n", want);
    return false;
  }
  auto* data = static_cast<nt::KUSER_SHARED_DATA*>(rw);
  nt::initialize_shared_data(data);
  // Windows refreshes the clocks on every timer interrupt (15.6 ms).
  std::thread([data] {
    for (;;) {
      std::this_thread::sleep_for(std::chrono::microseconds(15625));
      nt::update_shared_data(data);
    }
  }).detach();
  return true;
}

}  // namespace sill::loader
