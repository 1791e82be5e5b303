// NtNotifyChangeKey and the watcher thread (registry_notify.h).
#include "ntdll/registry_notify.h"

#include <algorithm>
#include <chrono>
#include <mutex>
#include <thread>
#include <vector>

#include "base/debug.h"
#include "ntdll/registry_api.h"
#include "ntdll/registry_key.h"
#include "ntdll/status.h"
#include "ntdll/sync.h"

SILL_DEFAULT_DEBUG_CHANNEL(reg);

namespace sill::nt {

namespace {

struct Request {
  Key* key;  // not owned: the key's destructor removes its requests first
  registry::KeyId id;
  bool subtree, names, values;
  std::int64_t baseline;
  Ref<Event> event;
  ntdll::IO_STATUS_BLOCK* iosb;
  bool* done;  // for a synchronous request: the waiting thread's flag
};

std::mutex g_lock;
std::vector<Request> g_requests;
bool g_watcher_running = false;

void complete(Request& r, win::NTSTATUS status) {
  if (r.iosb) {
    r.iosb->Status = status;
    r.iosb->Information = 0;
  }
  if (r.done) *r.done = true;
  if (r.event) {
    Event& e = *r.event;
    signal_object(e, [&] { e.signaled = true; });
  }
}

// One pass: completes the requests whose keys changed. g_lock held.
void check_requests(registry::Store& store) {
  for (auto it = g_requests.begin(); it != g_requests.end();) {
    auto stamp = store.change_stamp(it->id, it->subtree, it->names, it->values);
    bool fired = !stamp || *stamp > it->baseline;  // a deleted key ends the wait too
    if (fired) {
      complete(*it, STATUS_NOTIFY_ENUM_DIR);
      it = g_requests.erase(it);
    } else {
      ++it;
    }
  }
}

void watcher(registry::Store* store) {
  while (true) {
    // The count is read before the check: a write after it wakes the wait below, and one
    // before it (even before this thread first ran) is seen by the check.
    std::uint32_t seen = store->finished_writes();
    {
      std::lock_guard guard(g_lock);
      check_requests(*store);
    }
    store->wait_for_change(seen, 1000);
  }
}

}  // namespace

void cancel_key_notifications(Key* key) {
  std::lock_guard guard(g_lock);
  for (auto it = g_requests.begin(); it != g_requests.end();) {
    if (it->key == key) {
      complete(*it, STATUS_NOTIFY_CLEANUP);
      it = g_requests.erase(it);
    } else {
      ++it;
    }
  }
}

}  // namespace sill::nt

namespace sill::ntdll {

NTSTATUS WINAPI NtNotifyChangeKey(HANDLE h, HANDLE event, PIO_APC_ROUTINE apc, void*, IO_STATUS_BLOCK* iosb,
                                  ULONG filter, BOOLEAN subtree, void*, ULONG, BOOLEAN asynchronous) noexcept {
  constexpr ULONG kFilters = nt::REG_NOTIFY_CHANGE_NAME | nt::REG_NOTIFY_CHANGE_ATTRIBUTES |
                             nt::REG_NOTIFY_CHANGE_LAST_SET | nt::REG_NOTIFY_CHANGE_SECURITY;
  if ((filter & ~(kFilters | nt::REG_NOTIFY_THREAD_AGNOSTIC)) || !(filter & kFilters))
    return nt::STATUS_INVALID_PARAMETER;
  if (apc) FIXME_ONCE("APC completion of key notifications is not supported; the event is set\n");
  if (filter & (nt::REG_NOTIFY_CHANGE_ATTRIBUTES | nt::REG_NOTIFY_CHANGE_SECURITY))
    FIXME_ONCE("attribute and security changes are not tracked; only names and values notify\n");
  return nt::with_store([&](registry::Store& store) -> NTSTATUS {
    auto key = nt::key_from_handle(h, nt::KEY_NOTIFY);
    if (!key) return key.error();
    nt::Ref<nt::Event> ev;
    if (event) {
      auto e = nt::handle_table().get<nt::Event>(event);
      if (!e) return e.error();
      ev = *e;
    }
    bool names = filter & nt::REG_NOTIFY_CHANGE_NAME, values = filter & nt::REG_NOTIFY_CHANGE_LAST_SET;
    auto stamp = store.change_stamp((*key)->id, subtree, true, true);
    if (!stamp) return stamp.error();
    bool done = false;
    {
      std::lock_guard guard(nt::g_lock);
      nt::g_requests.push_back({key->get(), (*key)->id, subtree != 0, names, values, *stamp, ev, iosb,
                                asynchronous ? nullptr : &done});
      if (iosb) iosb->Status = nt::STATUS_PENDING;
      if (!nt::g_watcher_running) {
        nt::g_watcher_running = true;
        std::thread(nt::watcher, &store).detach();
      }
    }
    if (asynchronous) return nt::STATUS_PENDING;
    // Synchronous: this thread waits until the watcher completes the request. The key
    // handle is held by `key` meanwhile, so it cannot close under us.
    while (true) {
      std::uint32_t seen = store.finished_writes();
      {
        std::lock_guard guard(nt::g_lock);
        if (done) return nt::STATUS_NOTIFY_ENUM_DIR;
      }
      store.wait_for_change(seen, 200);
    }
  });
}

}  // namespace sill::ntdll
