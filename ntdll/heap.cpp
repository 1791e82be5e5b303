// Heaps on malloc: a 32-byte header before each block keeps the requested size,
// the owning heap and, for private heaps only, links so HeapDestroy frees them all.
#include "ntdll/heap.h"

#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <mutex>

namespace sill::nt {

struct Heap {
  std::uint64_t magic;
  win::ULONG flags;
  bool is_process_heap;
  std::mutex lock;
  void* head = nullptr;  // first BlockHeader of a private heap
  std::size_t maximum = 0;  // non-zero: a fixed-size heap (HeapCreate's dwMaximumSize)
  std::size_t used = 0;     // bytes charged against maximum, headers included
};

namespace {
constexpr std::uint64_t kHeapMagic = 0x5041454848494C53ull;  // "SILHHEAP"

struct alignas(16) BlockHeader {
  std::size_t size;
  Heap* heap;
  BlockHeader* prev;
  BlockHeader* next;
};
static_assert(sizeof(BlockHeader) == 32);

BlockHeader* header_of(const void* p) {
  return reinterpret_cast<BlockHeader*>(const_cast<char*>(static_cast<const char*>(p)) - sizeof(BlockHeader));
}

Heap* make_heap(win::ULONG flags, bool process, std::size_t maximum = 0) {
  Heap* h = new Heap;
  h->maximum = maximum;
  h->magic = kHeapMagic;
  h->flags = flags;
  h->is_process_heap = process;
  return h;
}

void link(Heap* heap, BlockHeader* b) {
  if (heap->is_process_heap) return;
  std::lock_guard g(heap->lock);
  b->prev = nullptr;
  b->next = reinterpret_cast<BlockHeader*>(heap->head);
  if (b->next) b->next->prev = b;
  heap->head = b;
}
void unlink(Heap* heap, BlockHeader* b) {
  if (heap->is_process_heap) return;
  std::lock_guard g(heap->lock);
  if (b->prev) b->prev->next = b->next;
  else heap->head = b->next;
  if (b->next) b->next->prev = b->prev;
}
// A fixed-size heap refuses what would exceed its size; growable heaps take anything.
bool charge(Heap* heap, std::ptrdiff_t bytes) {
  if (!heap->maximum) return true;
  std::lock_guard g(heap->lock);
  if (bytes > 0 && heap->used + static_cast<std::size_t>(bytes) > heap->maximum) return false;
  heap->used += bytes;
  return true;
}
}  // namespace

Heap* process_heap() {
  static Heap* heap = make_heap(0, true);
  return heap;
}
Heap* create_heap(win::ULONG flags, std::size_t maximum) { return make_heap(flags, false, maximum); }
bool is_heap(const void* handle) {
  return handle && static_cast<const Heap*>(handle)->magic == kHeapMagic;
}

bool destroy_heap(Heap* heap) {
  if (!is_heap(heap) || heap->is_process_heap) return false;
  BlockHeader* b = reinterpret_cast<BlockHeader*>(heap->head);
  while (b) {
    BlockHeader* next = b->next;
    b->heap = nullptr;
    std::free(b);
    b = next;
  }
  heap->magic = 0;
  delete heap;
  return true;
}

void* heap_alloc(Heap* heap, win::ULONG flags, std::size_t size) {
  if (size > (SIZE_MAX >> 1)) return nullptr;
  std::size_t total = sizeof(BlockHeader) + (size ? size : 1);
  if (!charge(heap, static_cast<std::ptrdiff_t>(total))) return nullptr;
  void* raw = ((flags | heap->flags) & HEAP_ZERO_MEMORY) ? std::calloc(1, total) : std::malloc(total);
  if (!raw) {
    charge(heap, -static_cast<std::ptrdiff_t>(total));
    return nullptr;
  }
  auto* b = static_cast<BlockHeader*>(raw);
  b->size = size;
  b->heap = heap;
  link(heap, b);
  return b + 1;
}

void* heap_realloc(Heap* heap, win::ULONG flags, void* p, std::size_t size) {
  if (!heap_validate(p) || size > (SIZE_MAX >> 1)) return nullptr;
  BlockHeader* b = header_of(p);
  std::size_t old = b->size;
  if (flags & HEAP_REALLOC_IN_PLACE_ONLY) {
    if (size > old) return nullptr;  // shrinking in place is always possible
    b->size = size;
    return p;
  }
  Heap* owner = b->heap;
  std::ptrdiff_t growth = static_cast<std::ptrdiff_t>(size ? size : 1) - static_cast<std::ptrdiff_t>(old ? old : 1);
  if (!charge(owner, growth)) return nullptr;
  unlink(owner, b);
  auto* nb = static_cast<BlockHeader*>(std::realloc(b, sizeof(BlockHeader) + (size ? size : 1)));
  if (!nb) {
    link(owner, b);
    charge(owner, -growth);
    return nullptr;
  }
  nb->size = size;
  link(owner, nb);
  if (((flags | owner->flags) & HEAP_ZERO_MEMORY) && size > old)
    std::memset(reinterpret_cast<char*>(nb + 1) + old, 0, size - old);
  return nb + 1;
}

bool heap_free(Heap* heap, void* p) {
  if (!p) return true;
  if (!heap_validate(p)) return false;
  BlockHeader* b = header_of(p);
  unlink(b->heap, b);
  charge(b->heap, -static_cast<std::ptrdiff_t>(sizeof(BlockHeader) + (b->size ? b->size : 1)));
  b->heap = nullptr;
  std::free(b);
  return true;
}

std::size_t heap_size(const void* p) {
  if (!heap_validate(p)) return SIZE_MAX;
  return header_of(p)->size;
}

bool heap_validate(const void* p) {
  if (!p || (reinterpret_cast<std::uintptr_t>(p) & 15) != 0) return false;
  return is_heap(header_of(p)->heap);
}

}  // namespace sill::nt
