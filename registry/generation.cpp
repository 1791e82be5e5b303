// The shared generation word (see generation.h): a 4 KiB file mapped shared,
// a flock for writers, and a process-shared futex for waiters.
#include "registry/generation.h"

#include <fcntl.h>
#include <linux/futex.h>
#include <sys/file.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <ctime>

namespace sill::registry {

namespace {
constexpr std::size_t kFileSize = 4096;
constexpr std::uint64_t kBegunOne = std::uint64_t{1} << 32;

std::uint32_t* futex_word(std::atomic<std::uint64_t>* w) {
  // Little-endian: the low half (writes finished) is the first 32-bit word.
  return reinterpret_cast<std::uint32_t*>(w);
}
}  // namespace

Generation::~Generation() {
  if (word_) munmap(word_, kFileSize);
  if (fd_ >= 0) close(fd_);
}

Expected<void> Generation::open(const std::string& path) {
  fd_ = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd_ < 0) return fail("cannot open " + path + ": " + std::strerror(errno));
  struct stat st;
  if (fstat(fd_, &st) != 0) return fail("cannot read " + path + ": " + std::strerror(errno));
  if (st.st_size < static_cast<off_t>(kFileSize) && ftruncate(fd_, kFileSize) != 0)
    return fail("cannot size " + path + ": " + std::strerror(errno));
  void* p = mmap(nullptr, kFileSize, PROT_READ | PROT_WRITE, MAP_SHARED, fd_, 0);
  if (p == MAP_FAILED) return fail("cannot map " + path + ": " + std::strerror(errno));
  static_assert(sizeof(std::atomic<std::uint64_t>) == 8 && std::atomic<std::uint64_t>::is_always_lock_free);
  word_ = static_cast<std::atomic<std::uint64_t>*>(p);
  return {};
}

void Generation::begin_write() {
  if (!word_) return;
  while (flock(fd_, LOCK_EX) != 0 && errno == EINTR) {
  }
  std::uint64_t g = word_->load(std::memory_order_acquire);
  if (!is_stable(g)) {
    // The last writer died between its commit (or rollback) and its finish mark.
    std::uint64_t begun = g >> 32;
    word_->store((begun << 32) | begun, std::memory_order_release);
  }
  word_->fetch_add(kBegunOne, std::memory_order_acq_rel);
}

void Generation::end_write() {
  if (!word_) return;
  word_->fetch_add(1, std::memory_order_acq_rel);
  syscall(SYS_futex, futex_word(word_), FUTEX_WAKE, 0x7fffffff, nullptr, nullptr, 0);
  flock(fd_, LOCK_UN);
}

void Generation::wait_change(std::uint32_t seen, int timeout_ms) const {
  if (!word_) return;
  timespec ts{timeout_ms / 1000, (timeout_ms % 1000) * 1000000L};
  syscall(SYS_futex, futex_word(word_), FUTEX_WAIT, seen, &ts, nullptr, 0);
}

}  // namespace sill::registry
