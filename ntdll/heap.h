// Heaps (RtlCreateHeap & co) on the host allocator. A heap handle is the
// address of a Heap; blocks carry a small header so HeapSize and HeapDestroy work.
#pragma once
#include <cstddef>

#include "base/wintypes.h"

namespace sill::nt {

inline constexpr win::ULONG HEAP_NO_SERIALIZE = 0x1, HEAP_GENERATE_EXCEPTIONS = 0x4,
                            HEAP_ZERO_MEMORY = 0x8, HEAP_REALLOC_IN_PLACE_ONLY = 0x10;

struct Heap;

// maximum: 0 for a growable heap, else the fixed size of the heap in bytes.
Heap* create_heap(win::ULONG flags, std::size_t maximum = 0);
// Frees every block of a private heap; false for the process heap or a bad handle.
bool destroy_heap(Heap* heap);
Heap* process_heap();
bool is_heap(const void* handle);

void* heap_alloc(Heap* heap, win::ULONG flags, std::size_t size);
// nullptr with the block untouched on failure.
void* heap_realloc(Heap* heap, win::ULONG flags, void* p, std::size_t size);
bool heap_free(Heap* heap, void* p);
// The size asked for; SIZE_MAX for a pointer that is not a heap block.
std::size_t heap_size(const void* p);
bool heap_validate(const void* p);

}  // namespace sill::nt
