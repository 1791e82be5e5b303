// The store's generation: one 64-bit word in a small shared file next to the
// database, mapped by every process of the prefix. It tells a process, with one
// memory load, whether its cache of the database is still current, and it is the
// futex that change notifications wait on.
//
// The high half counts writes begun, the low half writes finished. A writer
// (holding the exclusive lock on the file for the whole write) adds to the high
// half before it changes the database and to the low half after its commit. A
// reader may cache what it read only when the halves were equal before and are
// unchanged after the read: no write was under way, none happened meanwhile.
// A writer killed between its two additions leaves the halves unequal; the
// lock dies with it and the next writer, finding them unequal under the lock,
// evens them.
#pragma once
#include <atomic>
#include <cstdint>
#include <string>

#include "base/expected.h"

namespace sill::registry {

class Generation {
 public:
  Generation() = default;
  ~Generation();
  Generation(const Generation&) = delete;
  Generation& operator=(const Generation&) = delete;

  // Maps (creating when needed) the generation file at `path`.
  Expected<void> open(const std::string& path);

  std::uint64_t load() const { return word_ ? word_->load(std::memory_order_acquire) : 1; }
  static bool is_stable(std::uint64_t g) { return (g >> 32) == (g & 0xFFFFFFFFu); }

  // Around one write: begin_write() takes the cross-process lock and marks the
  // write begun; end_write() marks it finished, wakes waiters and unlocks.
  void begin_write();
  void end_write();

  // Waits (at most `timeout_ms`) until the finished-writes count differs from `seen`.
  void wait_change(std::uint32_t seen, int timeout_ms) const;
  std::uint32_t finished() const { return static_cast<std::uint32_t>(load() & 0xFFFFFFFFu); }

 private:
  int fd_ = -1;
  std::atomic<std::uint64_t>* word_ = nullptr;
};

}  // namespace sill::registry
