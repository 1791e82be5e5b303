// Completion ports on the wait engine: packets are queued under the wait lock; a thread that
// finds none waits on the port like on any waitable object, then tries again (another thread may
// have taken the packet that woke it).
#include "ntdll/io_completion.h"

#include "ntdll/status.h"

namespace sill::nt {

void IoCompletion::post(const CompletionPacket& p) {
  lock_waits();
  try {
    packets_.push_back(p);
  } catch (...) {
    unlock_waits();
    throw;
  }
  wake_waiters(*this);
  unlock_waits();
}

void IoCompletion::last_handle_closed() {
  signal_object(*this, [&] { closed_ = true; });
}

std::size_t IoCompletion::depth() const {
  lock_waits();
  std::size_t n = packets_.size();
  unlock_waits();
  return n;
}

win::NTSTATUS IoCompletion::remove(std::span<CompletionPacket> out, std::size_t* count, win::DWORD timeout_ms,
                                   bool alertable) {
  *count = 0;
  const std::uint64_t start = monotonic_ms();
  for (;;) {
    lock_waits();
    if (closed_) {
      unlock_waits();
      return STATUS_ABANDONED_WAIT_0;
    }
    std::size_t n = 0;
    while (n < out.size() && !packets_.empty()) {
      out[n++] = packets_.front();
      packets_.pop_front();
    }
    unlock_waits();
    if (n > 0) {
      *count = n;
      return STATUS_SUCCESS;
    }
    win::DWORD left = timeout_ms;
    if (timeout_ms != INFINITE) {
      std::uint64_t spent = monotonic_ms() - start;
      left = spent >= timeout_ms ? 0 : static_cast<win::DWORD>(timeout_ms - spent);
    }
    Waitable* self = this;
    win::DWORD r = wait_for_objects(std::span<Waitable* const>(&self, 1), false, left, alertable);
    if (r == WAIT_IO_COMPLETION) return STATUS_USER_APC;
    if (r == WAIT_TIMEOUT) return STATUS_TIMEOUT;
  }
}

}  // namespace sill::nt
