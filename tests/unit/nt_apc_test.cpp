// The wait engine's alertable path (user APCs end an alertable wait with WAIT_IO_COMPLETION and
// run on the waiting thread) and mutex abandonment when an owning thread ends.
#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "ntdll/apc.h"
#include "ntdll/process_internal.h"
#include "ntdll/sync.h"

using namespace sill;
using namespace sill::nt;

namespace {
std::atomic<int> g_apc_sum{0};
std::atomic<win::DWORD> g_apc_thread{0};
void add(void*, win::ULONG_PTR a1, win::ULONG_PTR, win::ULONG_PTR) {
  g_apc_thread = current_thread_id();
  g_apc_sum += static_cast<int>(a1);
}
}  // namespace

TEST(NtApc, QueuedApcEndsOnlyAlertableWaits) {
  g_apc_sum = 0;
  const win::DWORD self = current_thread_id();
  queue_user_apc(self, {add, nullptr, 5, 0, 0});
  EXPECT_EQ(wait_for_objects({}, false, 0, false), WAIT_TIMEOUT);
  EXPECT_EQ(g_apc_sum, 0);
  EXPECT_EQ(wait_for_objects({}, false, 0, true), WAIT_IO_COMPLETION);
  EXPECT_TRUE(run_user_apcs());
  EXPECT_EQ(g_apc_sum, 5);
  EXPECT_FALSE(run_user_apcs());
}

TEST(NtApc, ApcFromAnotherThreadWakesAlertableWait) {
  g_apc_sum = 0;
  std::atomic<win::DWORD> tid{0};
  std::atomic<win::DWORD> result{0};
  Event never(true, false);
  std::thread waiter([&] {
    tid = current_thread_id();
    Waitable* objs[] = {&never};
    result = wait_for_objects(objs, false, 20000, true);
    if (result == WAIT_IO_COMPLETION) run_user_apcs();
  });
  while (!tid) std::this_thread::yield();
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  auto start = std::chrono::steady_clock::now();
  queue_user_apc(tid, {add, nullptr, 9, 0, 0});
  waiter.join();
  EXPECT_EQ(result, WAIT_IO_COMPLETION);
  EXPECT_EQ(g_apc_sum, 9);
  EXPECT_EQ(g_apc_thread, tid);
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(15));
}

TEST(NtMutex, AbandonedWhenOwnerEnds) {
  auto m = make_object<Mutex>(0);
  Waitable* objs[] = {m.get()};
  std::thread([&] { EXPECT_EQ(wait_for_objects(objs, false, 0), WAIT_OBJECT_0); }).join();
  EXPECT_EQ(wait_for_objects(objs, false, 5000), WAIT_ABANDONED_0);
  EXPECT_EQ(m->owner, current_thread_id());
  EXPECT_EQ(wait_for_objects(objs, false, 0), WAIT_OBJECT_0);  // recursive, no longer abandoned
  lock_waits();
  m->count = 0;
  m->owner = 0;
  unlock_waits();
}

TEST(NtMutex, ReleasedMutexIsNotAbandoned) {
  auto m = make_object<Mutex>(0);
  Waitable* objs[] = {m.get()};
  std::thread([&] {
    EXPECT_EQ(wait_for_objects(objs, false, 0), WAIT_OBJECT_0);
    lock_waits();
    m->count = 0;
    m->owner = 0;
    unlock_waits();
  }).join();
  EXPECT_EQ(wait_for_objects(objs, false, 0), WAIT_OBJECT_0);
  lock_waits();
  m->count = 0;
  m->owner = 0;
  unlock_waits();
}
