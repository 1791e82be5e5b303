// A mutex SuspendThread never parks a thread inside. The suspend signal can arrive anywhere; a
// thread parked while holding one of Sill's own locks (the wait lock, the handle table's) would
// stop every other thread that needs it, the suspender included. While a thread holds such a
// lock the signal only notes the request; the last unlock re-sends it to the thread itself, which
// then parks holding nothing.
#pragma once
#include <atomic>
#include <mutex>

namespace sill::nt {

namespace suspend_guard {
extern thread_local int depth;         // Sill locks the thread holds (or is taking)
extern thread_local void* deferred;    // the Thread whose suspension waits for depth 0
void park_deferred() noexcept;         // thread_suspend.cpp
}  // namespace suspend_guard

class SuspendSafeMutex {
 public:
  void lock() {
    enter();
    m_.lock();
  }
  bool try_lock() {
    enter();
    if (m_.try_lock()) return true;
    leave();
    return false;
  }
  void unlock() {
    m_.unlock();
    leave();
  }

 private:
  static void enter() {
    ++suspend_guard::depth;
    std::atomic_signal_fence(std::memory_order_seq_cst);  // before the lock is held, for the handler
  }
  static void leave() {
    std::atomic_signal_fence(std::memory_order_seq_cst);
    if (--suspend_guard::depth == 0 && suspend_guard::deferred) suspend_guard::park_deferred();
  }
  std::mutex m_;
};

}  // namespace sill::nt
