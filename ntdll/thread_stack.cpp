// Thread stacks: sizes, mapping, and the overflow guard (see thread_stack.h).
#include "ntdll/thread_stack.h"

#include <sys/mman.h>

#include <algorithm>
#include <new>

#include "ntdll/virtual.h"

namespace sill::nt {

namespace {
constexpr std::size_t kPage = kPageSize;
constexpr std::size_t kMiB = 1u << 20;
// The guard's size when no guarantee asks for more: with the last page, 16 KiB, which is what the
// Go runtime assumes it must not use above AllocationBase. It is room enough for the dispatcher and
// a handler that does not recurse again.
constexpr std::size_t kDefaultGuard = 3 * kPage;

std::size_t round_up(std::size_t n, std::size_t to) { return (n + to - 1) / to * to; }

// The calling thread's SetThreadStackGuarantee, which sizes its guard (0: the default guard).
// Thread-local rather than in the TEB so that the fault handler reads it without locks.
thread_local constinit win::ULONG t_guarantee = 0;

std::size_t guard_size(win::ULONG guarantee) { return std::max(kDefaultGuard, round_up(guarantee, kPage)); }

struct Bounds {
  std::uintptr_t low, hard_top, guard_top, high;
};
Bounds bounds_of(const TEB* teb, win::ULONG guarantee) {
  auto low = reinterpret_cast<std::uintptr_t>(teb->DeallocationStack);
  return {low, low + kPage, low + kPage + guard_size(guarantee), reinterpret_cast<std::uintptr_t>(teb->Tib.StackBase)};
}

void protect_guard(const Bounds& b, bool armed) {
  mprotect(reinterpret_cast<void*>(b.hard_top), b.guard_top - b.hard_top, armed ? PROT_NONE : PROT_READ | PROT_WRITE);
}
void note_guard(const Bounds& b, bool armed) {
  note_protection(reinterpret_cast<void*>(b.hard_top), b.guard_top - b.hard_top,
                  armed ? PAGE_READWRITE | PAGE_GUARD : PAGE_READWRITE);
}
}  // namespace

StackSizes thread_stack_sizes(std::size_t header_reserve, std::size_t header_commit, std::size_t requested,
                              bool requested_is_reservation) {
  std::size_t reserve = header_reserve ? header_reserve : kMiB;
  std::size_t commit = header_commit ? header_commit : kPage;
  if (requested && requested_is_reservation) {
    reserve = requested;
  } else if (requested) {
    commit = requested;
    if (commit >= reserve) reserve = round_up(commit, kMiB);
  }
  reserve = round_up(reserve, kAllocationGranularity);
  commit = std::min(round_up(commit, kPage), reserve);
  return {reserve, commit};
}

namespace {
std::size_t g_image_reserve = 0, g_image_commit = 0;
}

void set_image_stack_sizes(std::size_t header_reserve, std::size_t header_commit) {
  g_image_reserve = header_reserve;
  g_image_commit = header_commit;
}

StackSizes new_thread_stack_sizes(std::size_t requested, bool requested_is_reservation) {
  return thread_stack_sizes(g_image_reserve, g_image_commit, requested, requested_is_reservation);
}

std::byte* ThreadStack::extra_area() const { return top() + kPage; }

bool map_thread_stack(std::size_t reserve, std::size_t extra, ThreadStack* out) {
  reserve = round_up(std::max(reserve, kAllocationGranularity), kAllocationGranularity);
  extra = round_up(extra, kPage);
  const std::size_t size = reserve + (extra ? kPage + extra : 0);
  // Windows reservations start on a 64 KiB boundary: over-map and trim.
  const std::size_t span = size + kAllocationGranularity;
  void* raw = mmap(nullptr, span, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE | MAP_STACK,
                   -1, 0);
  if (raw == MAP_FAILED) return false;
  auto r = reinterpret_cast<std::uintptr_t>(raw);
  const std::uintptr_t base = round_up(r, kAllocationGranularity);
  if (base > r) munmap(raw, base - r);
  if (r + span > base + size) munmap(reinterpret_cast<void*>(base + size), r + span - (base + size));

  ThreadStack s{reinterpret_cast<std::byte*>(base), reserve, extra};
  const Bounds b{base, base + kPage, base + kPage + kDefaultGuard, base + reserve};
  // The last page and the guard are inaccessible; so is the page between the stack and the extra
  // area, which keeps whatever grows down in the extra area out of the stack's top.
  mprotect(s.base, kPage + kDefaultGuard, PROT_NONE);
  if (extra) mprotect(s.top(), kPage, PROT_NONE);
  try {
    note_private_mapping(s.base, size, PAGE_READWRITE);
  } catch (const std::bad_alloc&) {  // the registry's page table for an absurd reservation
    munmap(s.base, size);
    return false;
  }
  note_protection(s.base, kPage, 0);
  note_guard(b, true);
  if (extra) note_protection(s.top(), kPage, 0);
  *out = s;
  return true;
}

void unmap_thread_stack(const ThreadStack& stack) {
  note_image_unmapping(stack.base);  // forgets the region, whatever its kind
  munmap(stack.base, stack.reserve + (stack.extra ? kPage + stack.extra : 0));
}

void describe_stack(TEB* teb, const ThreadStack& stack) {
  teb->DeallocationStack = stack.base;
  teb->Tib.StackBase = stack.top();
  teb->Tib.StackLimit = stack.base + kPage + kDefaultGuard;
}

void restore_default_guard(const ThreadStack& stack, const TEB* teb) {
  const Bounds b{reinterpret_cast<std::uintptr_t>(stack.base), reinterpret_cast<std::uintptr_t>(stack.base) + kPage,
                 reinterpret_cast<std::uintptr_t>(stack.base) + kPage + kDefaultGuard,
                 reinterpret_cast<std::uintptr_t>(stack.top())};
  // The usual case, an armed default guard: nothing to do.
  if (t_guarantee == 0 && reinterpret_cast<std::uintptr_t>(teb->Tib.StackLimit) == b.guard_top) return;
  // A guarantee may have grown the guard: those pages become ordinary stack again.
  const std::size_t used = guard_size(t_guarantee);
  if (used > kDefaultGuard) {
    mprotect(reinterpret_cast<void*>(b.guard_top), used - kDefaultGuard, PROT_READ | PROT_WRITE);
    note_protection(reinterpret_cast<void*>(b.guard_top), used - kDefaultGuard, PAGE_READWRITE);
  }
  protect_guard(b, true);
  note_guard(b, true);
}

StackFault classify_stack_fault(TEB* teb, std::uintptr_t addr) {
  if (!teb || !teb->DeallocationStack) return StackFault::kNone;
  const Bounds b = bounds_of(teb, t_guarantee);
  if (addr < b.low || addr >= b.high || addr >= b.guard_top) return StackFault::kNone;
  if (addr < b.hard_top) return StackFault::kExhausted;
  // In the guard: hand its pages to the handlers. (Only this thread changes its own guard.)
  protect_guard(b, false);
  teb->Tib.StackLimit = reinterpret_cast<void*>(b.hard_top);
  return StackFault::kOverflow;
}

void note_stack_guard_consumed(TEB* teb) { note_guard(bounds_of(teb, t_guarantee), false); }

bool reset_stack_guard() {
  TEB* teb = current_teb();
  if (!teb->DeallocationStack) return false;
  const Bounds b = bounds_of(teb, t_guarantee);
  if (reinterpret_cast<std::uintptr_t>(teb->Tib.StackLimit) >= b.guard_top) return true;  // armed
  volatile char here = 0;
  if (reinterpret_cast<std::uintptr_t>(&here) < b.guard_top + kPage) return false;
  protect_guard(b, true);
  note_guard(b, true);
  teb->Tib.StackLimit = reinterpret_cast<void*>(b.guard_top);
  return true;
}

bool set_stack_guarantee(win::ULONG* bytes) {
  TEB* teb = current_teb();
  const win::ULONG previous = t_guarantee;
  if (*bytes > previous && teb->DeallocationStack) {
    const Bounds old = bounds_of(teb, previous), grown = bounds_of(teb, *bytes);
    volatile char here = 0;
    if (grown.guard_top + kPage > reinterpret_cast<std::uintptr_t>(&here) || grown.guard_top >= grown.high) return false;
    if (reinterpret_cast<std::uintptr_t>(teb->Tib.StackLimit) >= old.guard_top) {
      // Armed: the guard grows upwards.
      mprotect(reinterpret_cast<void*>(old.guard_top), grown.guard_top - old.guard_top, PROT_NONE);
      note_protection(reinterpret_cast<void*>(old.guard_top), grown.guard_top - old.guard_top,
                      PAGE_READWRITE | PAGE_GUARD);
      teb->Tib.StackLimit = reinterpret_cast<void*>(grown.guard_top);
    }
    t_guarantee = *bytes;
  } else if (*bytes > previous) {
    t_guarantee = *bytes;
  }
  *bytes = previous;
  return true;
}

}  // namespace sill::nt
