// Thread memory blocks and their cache (see thread_memory.h).
#include "ntdll/thread_memory.h"

#include <cstring>
#include <mutex>
#include <vector>

#include "ntdll/exception_signals.h"
#include "ntdll/virtual.h"

namespace sill::nt {

namespace {
constexpr std::size_t kPage = 4096;
constexpr std::size_t kHostStackSize = 128 * 1024;
constexpr std::size_t kTebSize = (sizeof(TEB) + kPage - 1) & ~(kPage - 1);
// Above the stack: signal stack, an inaccessible page (the host stack grows down towards the
// signal stack), host stack, TEB.
constexpr std::size_t kExtraSize = kSignalStackSize + kPage + kHostStackSize + kTebSize;
// Enough for the threads a program starts and ends in a burst; more are unmapped.
constexpr std::size_t kCacheLimit = 16;

struct Retired {
  ThreadMemory memory;
  pthread_t owner;
  bool joinable;
};
std::mutex g_lock;
std::vector<Retired>& cache() {
  static auto* v = new std::vector<Retired>();
  return *v;
}

ThreadMemory carve(const ThreadStack& stack) {
  ThreadMemory m;
  m.stack = stack;
  std::byte* p = stack.extra_area();
  m.signal_stack = p;
  p += kSignalStackSize + kPage;
  m.host_stack = p;
  m.host_stack_size = kHostStackSize;
  p += kHostStackSize;
  m.teb = reinterpret_cast<TEB*>(p);
  return m;
}

// The previous owner has exited once joined; after that nothing runs on the block any more.
void join_owner(Retired& r) {
  if (r.joinable) pthread_join(r.owner, nullptr);
  r.joinable = false;
}
}  // namespace

bool take_thread_memory(std::size_t reserve, ThreadMemory* out) {
  reserve = (reserve + kAllocationGranularity - 1) & ~(kAllocationGranularity - 1);
  Retired found{};
  bool have = false;
  {
    std::lock_guard g(g_lock);
    auto& c = cache();
    // A block whose thread has exited: pthread_tryjoin_np tells without waiting. A thread that
    // just signaled its handle is usually still on its way out; its block serves a later thread.
    for (std::size_t i = 0; i < c.size() && !have; ++i) {
      if (c[i].memory.stack.reserve != reserve) continue;
      if (c[i].joinable && pthread_tryjoin_np(c[i].owner, nullptr) != 0) continue;
      c[i].joinable = false;
      found = c[i];
      c.erase(c.begin() + static_cast<std::ptrdiff_t>(i));
      have = true;
    }
  }
  if (have) {
    *out = found.memory;
  } else {
    ThreadStack stack;
    if (!map_thread_stack(reserve, kExtraSize, &stack)) return false;
    *out = carve(stack);
  }
  std::memset(static_cast<void*>(out->teb), 0, sizeof(TEB));
  describe_stack(out->teb, out->stack);
  return true;
}

void return_thread_memory(const ThreadMemory& m) {
  std::lock_guard g(g_lock);
  cache().push_back({m, pthread_t{}, false});
}

void retire_thread_memory(const ThreadMemory& m, pthread_t self) {
  restore_default_guard(m.stack, m.teb);
  Retired evicted{};
  bool evict = false;
  {
    std::lock_guard g(g_lock);
    auto& c = cache();
    if (c.size() >= kCacheLimit) {
      evicted = c.front();
      c.erase(c.begin());
      evict = true;
    }
    c.push_back({m, self, true});
  }
  if (evict) {
    join_owner(evicted);
    unmap_thread_stack(evicted.memory.stack);
  }
}

}  // namespace sill::nt
