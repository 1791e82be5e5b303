// Thread stack sizes as Microsoft's "Thread Stack Size" page states them, and the layout of a
// mapped stack (the overflow guard is inaccessible, the rest is read-write).
#include <gtest/gtest.h>
#include <signal.h>

#include "ntdll/thread_stack.h"

namespace sill::nt {
namespace {

constexpr std::size_t kKiB = 1024, kMiB = 1024 * 1024;

TEST(ThreadStackSizes, HeaderValuesRoundedToTheAllocationGranularity) {
  StackSizes s = thread_stack_sizes(2 * kMiB + 1, 4096, 0, false);
  EXPECT_EQ(s.reserve, 2 * kMiB + 64 * kKiB);
  EXPECT_EQ(s.commit, 4096u);
}

TEST(ThreadStackSizes, NoHeaderMeansOneMebibyte) {
  EXPECT_EQ(thread_stack_sizes(0, 0, 0, false).reserve, kMiB);
}

TEST(ThreadStackSizes, ReservationParameter) {
  EXPECT_EQ(thread_stack_sizes(2 * kMiB, 4096, 256 * kKiB, true).reserve, 256 * kKiB);
  EXPECT_EQ(thread_stack_sizes(2 * kMiB, 4096, 100 * kKiB, true).reserve, 128 * kKiB);
}

TEST(ThreadStackSizes, CommitBelowTheReserveKeepsTheReserve) {
  StackSizes s = thread_stack_sizes(2 * kMiB, 4096, 64 * kKiB + 1, false);
  EXPECT_EQ(s.reserve, 2 * kMiB);
  EXPECT_EQ(s.commit, 68 * kKiB);
}

TEST(ThreadStackSizes, CommitAboveTheReserveRoundsTheReserveToMebibytes) {
  EXPECT_EQ(thread_stack_sizes(2 * kMiB, 4096, 3 * kMiB + 4096, false).reserve, 4 * kMiB);
  EXPECT_EQ(thread_stack_sizes(2 * kMiB, 4096, 2 * kMiB, false).reserve, 2 * kMiB);
}

TEST(ThreadStack, LayoutAndTeb) {
  ThreadStack stack;
  ASSERT_TRUE(map_thread_stack(256 * kKiB, 8 * kKiB, &stack));
  EXPECT_EQ(reinterpret_cast<std::uintptr_t>(stack.base) % (64 * kKiB), 0u);
  EXPECT_EQ(stack.reserve, 256 * kKiB);
  TEB teb{};
  describe_stack(&teb, stack);
  EXPECT_EQ(teb.DeallocationStack, stack.base);
  EXPECT_EQ(teb.Tib.StackBase, stack.top());
  auto* limit = static_cast<volatile std::byte*>(teb.Tib.StackLimit);
  EXPECT_GT(limit, stack.base);
  EXPECT_LE(limit, stack.base + 16 * kKiB);  // what the Go runtime assumes it may not use
  // Everything from StackLimit to StackBase, and the extra area, is usable.
  limit[0] = std::byte{1};
  stack.top()[-1] = std::byte{2};
  stack.extra_area()[0] = std::byte{3};
  stack.extra_area()[8 * kKiB - 1] = std::byte{4};
  // The guard below StackLimit and the page between the stack and the extra area are not.
  EXPECT_EXIT(limit[-1] = std::byte{5}, ::testing::KilledBySignal(SIGSEGV), "");
  EXPECT_EXIT(stack.top()[0] = std::byte{6}, ::testing::KilledBySignal(SIGSEGV), "");
  unmap_thread_stack(stack);
}

}  // namespace
}  // namespace sill::nt
