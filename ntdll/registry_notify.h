// Change notifications on keys (NtNotifyChangeKey, RegNotifyChangeKeyValue).
// A watcher thread, started by the first request, sleeps on the store's
// shared generation futex, so a change made by any process of the prefix wakes
// it; it then compares each request's change stamp with the one it started from.
#pragma once
#include "base/wintypes.h"
#include "ntdll/object.h"
#include "registry/store.h"

namespace sill::nt {

class Key;

// REG_NOTIFY_* filter bits.
inline constexpr win::ULONG REG_NOTIFY_CHANGE_NAME = 1, REG_NOTIFY_CHANGE_ATTRIBUTES = 2,
                            REG_NOTIFY_CHANGE_LAST_SET = 4, REG_NOTIFY_CHANGE_SECURITY = 8,
                            REG_NOTIFY_THREAD_AGNOSTIC = 0x10000000;

// Completes (sets the event of) every pending request made on `key`; called when its last handle closes.
void cancel_key_notifications(Key* key);

}  // namespace sill::nt
