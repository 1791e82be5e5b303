// I/O completion ports: queues of completion packets (finished overlapped I/O, or packets posted
// by the program) that threads take with GetQueuedCompletionStatus(Ex)/NtRemoveIoCompletion(Ex).
// A port is a Waitable, signaled while packets are queued or once its last handle is closed, so
// the one wait engine (ntdll/sync.h) gives timeouts and alertable waits.
#pragma once
#include <cstddef>
#include <deque>
#include <span>

#include "base/wintypes.h"
#include "ntdll/sync.h"

namespace sill::nt {

struct CompletionPacket {
  win::ULONG_PTR key = 0;          // the handle's completion key, or the posted one
  win::ULONG_PTR overlapped = 0;   // the OVERLAPPED (NT: the APC context)
  win::NTSTATUS status = 0;        // the I/O status
  win::ULONG_PTR information = 0;  // bytes transferred
};

class IoCompletion : public Waitable {
 public:
  static constexpr ObjectType kType = ObjectType::IoCompletion;
  // NumberOfConcurrentThreads is kept but not enforced: every waiting thread may take packets.
  explicit IoCompletion(win::ULONG concurrency) : Waitable(ObjectType::IoCompletion), concurrency_(concurrency) {}

  bool is_signaled(win::DWORD) const override { return !packets_.empty() || closed_; }
  void last_handle_closed() override;

  // Queues a packet and wakes a waiter. Takes the wait lock.
  void post(const CompletionPacket& p);
  // Takes up to out.size() packets (at least one), waiting up to timeout_ms (INFINITE: forever).
  // STATUS_SUCCESS with *count set; STATUS_TIMEOUT; STATUS_USER_APC when an alertable wait saw user
  // APCs (the caller runs them); STATUS_ABANDONED_WAIT_0 once the port's last handle is closed.
  win::NTSTATUS remove(std::span<CompletionPacket> out, std::size_t* count, win::DWORD timeout_ms,
                       bool alertable);
  // Packets queued now (NtQueryIoCompletion's depth).
  std::size_t depth() const;
  win::ULONG concurrency() const { return concurrency_; }

 private:
  std::deque<CompletionPacket> packets_;  // under the wait lock
  bool closed_ = false;                   // under the wait lock
  const win::ULONG concurrency_;
};

}  // namespace sill::nt
