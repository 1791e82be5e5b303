// User-mode APC queues, keyed by thread id, guarded by the wait engine's lock so that queueing an
// APC and waking an alertable waiter are one step.
#include "ntdll/apc.h"

#include <deque>
#include <unordered_map>

#include "ntdll/process_internal.h"
#include "ntdll/sync.h"

namespace sill::nt {

namespace {
std::unordered_map<win::DWORD, std::deque<UserApc>>& queues() {
  static auto* q = new std::unordered_map<win::DWORD, std::deque<UserApc>>();  // never destroyed: used at exit
  return *q;
}
}  // namespace

void queue_user_apc(win::DWORD tid, const UserApc& apc) {
  lock_waits();
  try {
    queues()[tid].push_back(apc);
  } catch (...) {
    unlock_waits();
    throw;
  }
  alert_thread(tid);
  unlock_waits();
}

bool user_apcs_pending(win::DWORD tid) {
  auto it = queues().find(tid);
  return it != queues().end() && !it->second.empty();
}

bool run_user_apcs() {
  const win::DWORD tid = current_thread_id();
  bool ran = false;
  for (;;) {
    lock_waits();
    auto it = queues().find(tid);
    if (it == queues().end() || it->second.empty()) {
      if (it != queues().end()) queues().erase(it);
      unlock_waits();
      return ran;
    }
    UserApc apc = it->second.front();
    it->second.pop_front();
    unlock_waits();
    apc.invoke(apc.routine, apc.a1, apc.a2, apc.a3);
    ran = true;
  }
}

}  // namespace sill::nt
