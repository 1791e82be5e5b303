// The registry of address-space regions behind VirtualAlloc/VirtualQuery: our
// own allocations and the PE images the loader maps.
#pragma once
#include <cstddef>

#include "base/wintypes.h"

namespace sill::nt {

inline constexpr win::DWORD MEM_COMMIT = 0x1000, MEM_RESERVE = 0x2000, MEM_DECOMMIT = 0x4000,
                            MEM_RELEASE = 0x8000, MEM_FREE = 0x10000, MEM_PRIVATE = 0x20000,
                            MEM_MAPPED = 0x40000, MEM_RESET = 0x80000, MEM_TOP_DOWN = 0x100000,
                            MEM_RESET_UNDO = 0x1000000, MEM_IMAGE = 0x1000000, MEM_LARGE_PAGES = 0x20000000;
inline constexpr win::DWORD PAGE_NOACCESS = 0x01, PAGE_READONLY = 0x02, PAGE_READWRITE = 0x04,
                            PAGE_WRITECOPY = 0x08, PAGE_EXECUTE = 0x10, PAGE_EXECUTE_READ = 0x20,
                            PAGE_EXECUTE_READWRITE = 0x40, PAGE_EXECUTE_WRITECOPY = 0x80, PAGE_GUARD = 0x100,
                            PAGE_NOCACHE = 0x200, PAGE_WRITECOMBINE = 0x400;
inline constexpr std::size_t kPageSize = 4096;
inline constexpr std::size_t kAllocationGranularity = 0x10000;

// The loader tells us about every PE image it maps (and unmaps), so that
// VirtualQuery reports MEM_IMAGE regions; protections are read from the kernel
// until VirtualProtect sets them.
void note_image_mapping(void* base, std::size_t size);
void note_image_unmapping(void* base);
// Views of file mappings (MEM_MAPPED), with their protection; unmapping them uses note_image_unmapping.
void note_view_mapping(void* base, std::size_t size, win::DWORD protect);

// Thread stacks (thread_stack.cpp) map and protect their pages themselves and describe them here:
// a private region whose pages all have `protect` until note_protection says otherwise for some
// (0: reserved only). Forget the region with note_image_unmapping.
void note_private_mapping(void* base, std::size_t size, win::DWORD protect);
void note_protection(void* start, std::size_t size, win::DWORD protect);

// For the fault handler: when `addr` is in a PAGE_GUARD page, clears the guard
// (restoring the page's protection) and returns true: the fault is then
// STATUS_GUARD_PAGE_VIOLATION, raised once, as on Windows.
bool take_guard_page(void* addr);

}  // namespace sill::nt
