// NtAllocateVirtualMemory & co on mmap/mprotect, with a region registry that
// keeps Windows' reserve/commit state and protections per page.
#include "ntdll/virtual.h"

#include <sys/mman.h>

#include <cerrno>
#include <cstdio>
#include <algorithm>
#include <cstring>
#include <map>
#include <mutex>
#include <vector>

#include "base/debug.h"
#include "ntdll/ntdll_api.h"
#include "ntdll/status.h"

SILL_DEFAULT_DEBUG_CHANNEL(virtual);

namespace sill::nt {

namespace {
struct Region {
  std::size_t size;
  win::DWORD alloc_protect;
  win::DWORD type;                // MEM_PRIVATE or MEM_IMAGE
  std::vector<win::DWORD> pages;  // 0: reserved only; else the Windows protection (+PAGE_GUARD)
  bool image_protect_known = false;
};
std::mutex g_lock;
std::map<std::uintptr_t, Region> g_regions;  // by base

std::uintptr_t page_down(std::uintptr_t a) { return a & ~(kPageSize - 1); }
std::uintptr_t page_up(std::uintptr_t a) { return (a + kPageSize - 1) & ~(kPageSize - 1); }

bool valid_protect(win::DWORD p) {
  win::DWORD base = p & 0xFF;
  return base && (base & (base - 1)) == 0;  // exactly one basic protection
}
int unix_prot(win::DWORD p) {
  if (p & PAGE_GUARD) return PROT_NONE;
  switch (p & 0xFF) {
    case PAGE_READONLY: return PROT_READ;
    case PAGE_READWRITE: case PAGE_WRITECOPY: return PROT_READ | PROT_WRITE;
    case PAGE_EXECUTE: return PROT_EXEC;
    case PAGE_EXECUTE_READ: return PROT_READ | PROT_EXEC;
    case PAGE_EXECUTE_READWRITE: case PAGE_EXECUTE_WRITECOPY: return PROT_READ | PROT_WRITE | PROT_EXEC;
    default: return PROT_NONE;
  }
}

// The region containing addr; g_lock held.
std::map<std::uintptr_t, Region>::iterator find_region(std::uintptr_t addr) {
  auto it = g_regions.upper_bound(addr);
  if (it == g_regions.begin()) return g_regions.end();
  --it;
  if (addr >= it->first + it->second.size) return g_regions.end();
  return it;
}

// Protection of a mapping as the kernel reports it (/proc/self/maps), for memory
// we did not allocate (ELF code, stacks, images before VirtualProtect).
struct KernelMapping {
  std::uintptr_t start = 0, end = 0;
  win::DWORD protect = 0;
};
bool kernel_mapping(std::uintptr_t addr, KernelMapping* out, std::uintptr_t* next_start) {
  FILE* f = std::fopen("/proc/self/maps", "re");
  if (!f) return false;
  char line[512];
  bool found = false;
  *next_start = UINTPTR_MAX;
  while (std::fgets(line, sizeof line, f)) {
    unsigned long s, e;
    char perms[5];
    if (std::sscanf(line, "%lx-%lx %4s", &s, &e, perms) != 3) continue;
    if (addr >= s && addr < e) {
      bool r = perms[0] == 'r', w = perms[1] == 'w', x = perms[2] == 'x';
      win::DWORD p = PAGE_NOACCESS;
      if (x) p = w ? PAGE_EXECUTE_READWRITE : r ? PAGE_EXECUTE_READ : PAGE_EXECUTE;
      else if (w) p = PAGE_READWRITE;
      else if (r) p = PAGE_READONLY;
      *out = {s, e, p};
      found = true;
      break;
    }
    if (s > addr && s < *next_start) *next_start = s;
  }
  std::fclose(f);
  return found;
}

NTSTATUS reserve(std::uintptr_t* base, std::size_t size, win::DWORD protect, bool commit) {
  void* want = reinterpret_cast<void*>(*base);
  int prot = commit ? unix_prot(protect) : PROT_NONE;
  int flags = MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE;
  void* p;
  if (want) {
    p = mmap(want, size, prot, flags | MAP_FIXED_NOREPLACE, -1, 0);
    if (p == MAP_FAILED) return errno == EEXIST ? STATUS_CONFLICTING_ADDRESSES : STATUS_NO_MEMORY;
    if (p != want) {
      munmap(p, size);
      return STATUS_CONFLICTING_ADDRESSES;
    }
  } else {
    // Windows allocations are 64 KiB aligned: over-allocate and trim.
    std::size_t span = size + kAllocationGranularity;
    void* raw = mmap(nullptr, span, prot, flags, -1, 0);
    if (raw == MAP_FAILED) return STATUS_NO_MEMORY;
    auto r = reinterpret_cast<std::uintptr_t>(raw);
    std::uintptr_t aligned = (r + kAllocationGranularity - 1) & ~(kAllocationGranularity - 1);
    if (aligned > r) munmap(raw, aligned - r);
    std::uintptr_t end = r + span, want_end = aligned + size;
    if (end > want_end) munmap(reinterpret_cast<void*>(want_end), end - want_end);
    p = reinterpret_cast<void*>(aligned);
  }
  *base = reinterpret_cast<std::uintptr_t>(p);
  Region reg{size, protect, MEM_PRIVATE, std::vector<win::DWORD>(size / kPageSize, commit ? protect : 0)};
  g_regions[*base] = std::move(reg);
  return STATUS_SUCCESS;
}
}  // namespace

void note_image_mapping(void* base, std::size_t size) {
  std::lock_guard g(g_lock);
  size = page_up(size);
  Region reg{size, PAGE_EXECUTE_WRITECOPY, MEM_IMAGE, std::vector<win::DWORD>(size / kPageSize, 0)};
  g_regions[reinterpret_cast<std::uintptr_t>(base)] = std::move(reg);
}

void note_view_mapping(void* base, std::size_t size, win::DWORD protect) {
  std::lock_guard g(g_lock);
  size = page_up(size);
  Region reg{size, protect, MEM_MAPPED, std::vector<win::DWORD>(size / kPageSize, protect)};
  g_regions[reinterpret_cast<std::uintptr_t>(base)] = std::move(reg);
}

void note_private_mapping(void* base, std::size_t size, win::DWORD protect) {
  std::lock_guard g(g_lock);
  size = page_up(size);
  Region reg{size, protect, MEM_PRIVATE, std::vector<win::DWORD>(size / kPageSize, protect)};
  g_regions[reinterpret_cast<std::uintptr_t>(base)] = std::move(reg);
}

void note_protection(void* start, std::size_t size, win::DWORD protect) {
  std::lock_guard g(g_lock);
  auto s = reinterpret_cast<std::uintptr_t>(start);
  auto it = find_region(s);
  if (it == g_regions.end()) return;
  std::uintptr_t e = std::min(page_up(s + size), it->first + it->second.size);
  for (std::uintptr_t a = page_down(s); a < e; a += kPageSize) it->second.pages[(a - it->first) / kPageSize] = protect;
}

void note_image_unmapping(void* base) {
  std::lock_guard g(g_lock);
  g_regions.erase(reinterpret_cast<std::uintptr_t>(base));
}

bool take_guard_page(void* addr) {
  std::lock_guard g(g_lock);
  auto a = reinterpret_cast<std::uintptr_t>(addr);
  auto it = find_region(a);
  if (it == g_regions.end()) return false;
  win::DWORD& p = it->second.pages[(page_down(a) - it->first) / kPageSize];
  if (!(p & PAGE_GUARD)) return false;
  p &= ~PAGE_GUARD;
  mprotect(reinterpret_cast<void*>(page_down(a)), kPageSize, unix_prot(p));
  return true;
}

}  // namespace sill::nt

namespace sill::ntdll {

using namespace sill::nt;

NTSTATUS WINAPI NtAllocateVirtualMemory(HANDLE process, void** base_ptr, ULONG_PTR zero_bits, SIZE_T* size_ptr,
                                        ULONG type, ULONG protect) noexcept {
  if (process != reinterpret_cast<HANDLE>(-1)) {
    FIXME("allocation in another process is not supported");
    return STATUS_NOT_IMPLEMENTED;
  }
  if (!base_ptr || !size_ptr || *size_ptr == 0) return STATUS_INVALID_PARAMETER;
  if (!(type & (MEM_COMMIT | MEM_RESERVE | MEM_RESET | MEM_RESET_UNDO))) return STATUS_INVALID_PARAMETER;
  if ((type & (MEM_COMMIT | MEM_RESERVE)) && !valid_protect(protect)) return STATUS_INVALID_PAGE_PROTECTION;
  if (type & MEM_LARGE_PAGES) FIXME_ONCE("large pages are ordinary pages");
  auto base = reinterpret_cast<std::uintptr_t>(*base_ptr);
  std::size_t size = *size_ptr;
  std::lock_guard g(g_lock);

  if (type & (MEM_RESET | MEM_RESET_UNDO)) {
    std::uintptr_t s = page_down(base), e = page_up(base + size);
    if (type & MEM_RESET) madvise(reinterpret_cast<void*>(s), e - s, MADV_FREE);
    return STATUS_SUCCESS;
  }
  if (type & MEM_RESERVE) {
    std::uintptr_t start = base & ~(kAllocationGranularity - 1);
    std::size_t len = page_up(base + size) - start;
    if (base == 0) len = page_up(size);
    NTSTATUS s = reserve(&start, len, protect, type & MEM_COMMIT);
    if (!nt_success(s)) return s;
    *base_ptr = reinterpret_cast<void*>(start);
    *size_ptr = len;
    return STATUS_SUCCESS;
  }
  // MEM_COMMIT alone: inside an existing reservation (or a fresh one when base is NULL).
  if (base == 0) {
    std::uintptr_t start = 0;
    std::size_t len = page_up(size);
    NTSTATUS s = reserve(&start, len, protect, true);
    if (!nt_success(s)) return s;
    *base_ptr = reinterpret_cast<void*>(start);
    *size_ptr = len;
    return STATUS_SUCCESS;
  }
  std::uintptr_t s = page_down(base), e = page_up(base + size);
  auto it = find_region(s);
  if (it == g_regions.end() || e > it->first + it->second.size) return STATUS_CONFLICTING_ADDRESSES;
  if (mprotect(reinterpret_cast<void*>(s), e - s, unix_prot(protect)) != 0) return status_from_errno(errno);
  for (std::uintptr_t a = s; a < e; a += kPageSize) it->second.pages[(a - it->first) / kPageSize] = protect;
  *base_ptr = reinterpret_cast<void*>(s);
  *size_ptr = e - s;
  return STATUS_SUCCESS;
}

NTSTATUS WINAPI NtFreeVirtualMemory(HANDLE process, void** base_ptr, SIZE_T* size_ptr, ULONG type) noexcept {
  if (!base_ptr || !size_ptr) return STATUS_INVALID_PARAMETER;
  auto base = reinterpret_cast<std::uintptr_t>(*base_ptr);
  std::lock_guard g(g_lock);
  auto it = find_region(base);
  if (it == g_regions.end() || it->second.type != MEM_PRIVATE) return STATUS_MEMORY_NOT_ALLOCATED;
  if (type == MEM_RELEASE) {
    if (*size_ptr != 0 || base != it->first) return STATUS_FREE_VM_NOT_AT_BASE;
    munmap(reinterpret_cast<void*>(it->first), it->second.size);
    *size_ptr = it->second.size;
    g_regions.erase(it);
    return STATUS_SUCCESS;
  }
  if (type == MEM_DECOMMIT) {
    std::uintptr_t s = page_down(base);
    std::uintptr_t e = *size_ptr ? page_up(base + *size_ptr) : it->first + it->second.size;
    if (e > it->first + it->second.size) return STATUS_UNABLE_TO_FREE_VM;
    mmap(reinterpret_cast<void*>(s), e - s, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED | MAP_NORESERVE, -1, 0);
    for (std::uintptr_t a = s; a < e; a += kPageSize) it->second.pages[(a - it->first) / kPageSize] = 0;
    *base_ptr = reinterpret_cast<void*>(s);
    *size_ptr = e - s;
    return STATUS_SUCCESS;
  }
  return STATUS_INVALID_PARAMETER;
}

NTSTATUS WINAPI NtProtectVirtualMemory(HANDLE process, void** base_ptr, SIZE_T* size_ptr, ULONG protect,
                                       ULONG* old_protect) noexcept {
  if (!base_ptr || !size_ptr || !old_protect) return STATUS_INVALID_PARAMETER;
  if (!valid_protect(protect)) return STATUS_INVALID_PAGE_PROTECTION;
  auto base = reinterpret_cast<std::uintptr_t>(*base_ptr);
  std::uintptr_t s = page_down(base), e = page_up(base + (*size_ptr ? *size_ptr : 1));
  std::lock_guard g(g_lock);
  auto it = find_region(s);
  if (it != g_regions.end()) {
    if (e > it->first + it->second.size) return STATUS_CONFLICTING_ADDRESSES;
    win::DWORD& first = it->second.pages[(s - it->first) / kPageSize];
    if (first == 0 && it->second.type == MEM_PRIVATE) return STATUS_NOT_COMMITTED;
    if (first == 0) {
      KernelMapping km;
      std::uintptr_t next;
      *old_protect = kernel_mapping(s, &km, &next) ? km.protect : PAGE_NOACCESS;
    } else {
      *old_protect = first;
    }
    if (mprotect(reinterpret_cast<void*>(s), e - s, unix_prot(protect)) != 0) return status_from_errno(errno);
    for (std::uintptr_t a = s; a < e; a += kPageSize) it->second.pages[(a - it->first) / kPageSize] = protect;
  } else {
    // Memory we do not track (e.g. mapped by the host): trust the kernel.
    KernelMapping km;
    std::uintptr_t next;
    if (!kernel_mapping(s, &km, &next)) return STATUS_INVALID_ADDRESS;
    *old_protect = km.protect;
    if (mprotect(reinterpret_cast<void*>(s), e - s, unix_prot(protect)) != 0) return status_from_errno(errno);
  }
  *base_ptr = reinterpret_cast<void*>(s);
  *size_ptr = e - s;
  return STATUS_SUCCESS;
}

NTSTATUS WINAPI NtQueryVirtualMemory(HANDLE process, const void* addr, int info_class, void* info, SIZE_T len,
                                     SIZE_T* ret_len) noexcept {
  if (info_class != 0) {
    FIXME("information class %d", info_class);
    return STATUS_INVALID_INFO_CLASS;
  }
  if (len < sizeof(MEMORY_BASIC_INFORMATION)) return STATUS_INFO_LENGTH_MISMATCH;
  auto a = page_down(reinterpret_cast<std::uintptr_t>(addr));
  if (a >= 0x7FFFFFFF0000ull) return STATUS_INVALID_PARAMETER;
  MEMORY_BASIC_INFORMATION mbi{};
  mbi.BaseAddress = reinterpret_cast<void*>(a);
  std::lock_guard g(g_lock);
  auto it = find_region(a);
  if (it != g_regions.end()) {
    const Region& r = it->second;
    auto page_protect = [&](std::uintptr_t p, std::uintptr_t* run_end) -> win::DWORD {
      win::DWORD v = r.pages[(p - it->first) / kPageSize];
      if (v == 0 && r.type == MEM_IMAGE) {
        KernelMapping km;
        std::uintptr_t next;
        if (kernel_mapping(p, &km, &next)) {
          *run_end = std::min<std::uintptr_t>(km.end, it->first + r.size);
          return km.protect;
        }
      }
      *run_end = p + kPageSize;
      return v;
    };
    std::uintptr_t run_end;
    win::DWORD prot = page_protect(a, &run_end);
    std::uintptr_t end = run_end;
    while (end < it->first + r.size) {
      std::uintptr_t next_end;
      if (page_protect(end, &next_end) != prot) break;
      end = next_end;
    }
    mbi.AllocationBase = reinterpret_cast<void*>(it->first);
    mbi.AllocationProtect = r.alloc_protect;
    mbi.RegionSize = end - a;
    mbi.State = prot ? MEM_COMMIT : MEM_RESERVE;
    mbi.Protect = prot;
    mbi.Type = r.type;
  } else {
    KernelMapping km;
    std::uintptr_t next = UINTPTR_MAX;
    if (kernel_mapping(a, &km, &next)) {
      // Host memory (stacks, ELF images, malloc): committed private memory to Windows eyes.
      mbi.AllocationBase = reinterpret_cast<void*>(km.start);
      mbi.AllocationProtect = km.protect;
      mbi.RegionSize = km.end - a;
      mbi.State = MEM_COMMIT;
      mbi.Protect = km.protect;
      mbi.Type = MEM_PRIVATE;
    } else {
      auto after = g_regions.upper_bound(a);
      std::uintptr_t limit = after == g_regions.end() ? 0x7FFFFFFF0000ull : after->first;
      if (next < limit) limit = next;
      mbi.RegionSize = limit - a;
      mbi.State = MEM_FREE;
      mbi.Protect = PAGE_NOACCESS;
    }
  }
  std::memcpy(info, &mbi, sizeof mbi);
  if (ret_len) *ret_len = sizeof mbi;
  return STATUS_SUCCESS;
}

}  // namespace sill::ntdll
