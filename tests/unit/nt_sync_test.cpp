#include <gtest/gtest.h>

#include <atomic>
#include <thread>
#include <vector>

#include "ntdll/ntdll_api.h"
#include "ntdll/status.h"
#include "ntdll/sync.h"

using namespace sill;
using namespace sill::nt;

TEST(NtCriticalSection, MutualExclusionAcrossThreads) {
  ntdll::RTL_CRITICAL_SECTION cs;
  ntdll::RtlInitializeCriticalSection(&cs);
  long counter = 0;
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 20000; ++i) {
        ntdll::RtlEnterCriticalSection(&cs);
        ntdll::RtlEnterCriticalSection(&cs);  // recursive
        ++counter;
        ntdll::RtlLeaveCriticalSection(&cs);
        ntdll::RtlLeaveCriticalSection(&cs);
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(counter, 80000);
  EXPECT_EQ(cs.LockCount, -1);
  EXPECT_EQ(cs.RecursionCount, 0);
  EXPECT_EQ(cs.OwningThread, nullptr);
  ntdll::RtlDeleteCriticalSection(&cs);
}

TEST(NtCriticalSection, TryEnterAndOwnership) {
  ntdll::RTL_CRITICAL_SECTION cs;
  ntdll::RtlInitializeCriticalSectionAndSpinCount(&cs, 100);
  EXPECT_TRUE(ntdll::RtlTryEnterCriticalSection(&cs));
  EXPECT_TRUE(ntdll::RtlIsCriticalSectionLockedByThread(&cs));
  bool other = true;
  std::thread([&] { other = ntdll::RtlTryEnterCriticalSection(&cs); }).join();
  EXPECT_FALSE(other);
  EXPECT_TRUE(ntdll::RtlTryEnterCriticalSection(&cs));
  EXPECT_EQ(cs.RecursionCount, 2);
  ntdll::RtlLeaveCriticalSection(&cs);
  ntdll::RtlLeaveCriticalSection(&cs);
  EXPECT_FALSE(ntdll::RtlIsCriticalSectionLockedByThread(&cs));
}

TEST(NtSrwLock, ReadersAndWriters) {
  ntdll::RTL_SRWLOCK lock;
  ntdll::RtlInitializeSRWLock(&lock);
  long value = 0;
  std::atomic<int> readers_seen_odd{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 2; ++t)
    threads.emplace_back([&] {
      for (int i = 0; i < 10000; ++i) {
        ntdll::RtlAcquireSRWLockExclusive(&lock);
        ++value;
        ++value;
        ntdll::RtlReleaseSRWLockExclusive(&lock);
      }
    });
  for (int t = 0; t < 2; ++t)
    threads.emplace_back([&] {
      for (int i = 0; i < 10000; ++i) {
        ntdll::RtlAcquireSRWLockShared(&lock);
        if (value % 2) ++readers_seen_odd;
        ntdll::RtlReleaseSRWLockShared(&lock);
      }
    });
  for (auto& t : threads) t.join();
  EXPECT_EQ(value, 40000);
  EXPECT_EQ(readers_seen_odd, 0);
  EXPECT_TRUE(ntdll::RtlTryAcquireSRWLockShared(&lock));
  EXPECT_FALSE(ntdll::RtlTryAcquireSRWLockExclusive(&lock));
  ntdll::RtlReleaseSRWLockShared(&lock);
  EXPECT_TRUE(ntdll::RtlTryAcquireSRWLockExclusive(&lock));
  ntdll::RtlReleaseSRWLockExclusive(&lock);
}

TEST(NtConditionVariable, WakeAndTimeout) {
  ntdll::RTL_CRITICAL_SECTION cs;
  ntdll::RtlInitializeCriticalSection(&cs);
  ntdll::RTL_CONDITION_VARIABLE cv;
  ntdll::RtlInitializeConditionVariable(&cv);
  bool ready = false;
  std::thread producer([&] {
    ntdll::RtlEnterCriticalSection(&cs);
    ready = true;
    ntdll::RtlLeaveCriticalSection(&cs);
    ntdll::RtlWakeAllConditionVariable(&cv);
  });
  ntdll::RtlEnterCriticalSection(&cs);
  while (!ready) ntdll::RtlSleepConditionVariableCS(&cv, &cs, nullptr);
  ntdll::RtlLeaveCriticalSection(&cs);
  producer.join();
  LARGE_INTEGER t;
  t.QuadPart = -10 * 10000;  // 10 ms
  ntdll::RtlEnterCriticalSection(&cs);
  EXPECT_EQ(ntdll::RtlSleepConditionVariableCS(&cv, &cs, &t), STATUS_TIMEOUT);
  EXPECT_TRUE(ntdll::RtlIsCriticalSectionLockedByThread(&cs));
  ntdll::RtlLeaveCriticalSection(&cs);
}

TEST(NtRunOnce, RunsExactlyOnce) {
  ntdll::RTL_RUN_ONCE once;
  ntdll::RtlRunOnceInitialize(&once);
  static std::atomic<int> calls{0};
  auto fn = [](ntdll::RTL_RUN_ONCE*, void*, void** ctx) WINAPI -> win::ULONG {
    ++calls;
    *ctx = reinterpret_cast<void*>(0x1000);
    return 1;
  };
  std::vector<std::thread> threads;
  for (int i = 0; i < 4; ++i)
    threads.emplace_back([&] {
      void* ctx = nullptr;
      EXPECT_EQ(ntdll::RtlRunOnceExecuteOnce(&once, fn, nullptr, &ctx), STATUS_SUCCESS);
      EXPECT_EQ(ctx, reinterpret_cast<void*>(0x1000));
    });
  for (auto& t : threads) t.join();
  EXPECT_EQ(calls, 1);
}

TEST(NtWait, EventsSemaphoresAndTimeouts) {
  Ref<Event> manual = make_object<Event>(true, false);
  Ref<Event> autoev = make_object<Event>(false, false);
  Waitable* both[] = {manual.get(), autoev.get()};
  EXPECT_EQ(wait_for_objects(both, false, 10), WAIT_TIMEOUT);
  std::thread setter([&] { signal_object(*autoev, [&] { autoev->signaled = true; }); });
  EXPECT_EQ(wait_for_objects(both, false, INFINITE), WAIT_OBJECT_0 + 1);
  setter.join();
  EXPECT_FALSE(autoev->signaled);  // auto-reset consumed it
  signal_object(*manual, [&] { manual->signaled = true; });
  Waitable* one[] = {manual.get()};
  EXPECT_EQ(wait_for_objects(one, false, 0), WAIT_OBJECT_0);
  EXPECT_EQ(wait_for_objects(one, false, 0), WAIT_OBJECT_0);  // manual stays set
  EXPECT_EQ(wait_for_objects(both, true, 10), WAIT_TIMEOUT);

  Ref<Semaphore> sem = make_object<Semaphore>(1, 2);
  Waitable* s[] = {sem.get()};
  EXPECT_EQ(wait_for_objects(s, false, 0), WAIT_OBJECT_0);
  EXPECT_EQ(wait_for_objects(s, false, 0), WAIT_TIMEOUT);

  Ref<Mutex> m = make_object<Mutex>(0);
  Waitable* mw[] = {m.get()};
  EXPECT_EQ(wait_for_objects(mw, false, 0), WAIT_OBJECT_0);
  EXPECT_EQ(wait_for_objects(mw, false, 0), WAIT_OBJECT_0);  // recursive for the owner
  win::DWORD other = 0;
  std::thread([&] { other = wait_for_objects(mw, false, 0); }).join();
  EXPECT_EQ(other, WAIT_TIMEOUT);
}
