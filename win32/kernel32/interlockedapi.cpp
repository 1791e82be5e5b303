// interlockedapi.h: the lock-free singly linked list (SLIST). The 16-byte
// header holds Depth:16 | Sequence:48 in the low quadword and the first entry's
// address >> 4 in the high 60 bits of the second, as Windows x64 lays it out.
#include <cstdint>

#include "win32/kernel32/kernel32.h"

namespace sill::kernel32 {

namespace {
struct Header {
  std::uint64_t lo;  // depth (16) | sequence (48)
  std::uint64_t hi;  // bits 4..63: next entry address >> 4
};

SLIST_ENTRY* first(const Header& h) { return reinterpret_cast<SLIST_ENTRY*>((h.hi >> 4) << 4); }

bool cas16(volatile Header* target, Header& expected, const Header& desired) {
  bool ok;
  __asm__ __volatile__("lock cmpxchg16b %1"
                       : "=@ccz"(ok), "+m"(*target), "+a"(expected.lo), "+d"(expected.hi)
                       : "b"(desired.lo), "c"(desired.hi)
                       : "memory");
  return ok;
}

Header load(volatile Header* h) {
  Header v{0, 0};
  Header zero{0, 0};
  cas16(h, v, zero);  // an atomic 16-byte read: fails (or swaps 0 for 0) and returns the value
  return v;
}
}  // namespace

void WINAPI InitializeSListHead(SLIST_HEADER* head) noexcept {
  auto* h = reinterpret_cast<volatile Header*>(head);
  h->lo = 0;
  h->hi = 0;
}

SLIST_ENTRY* WINAPI InterlockedPushEntrySList(SLIST_HEADER* head, SLIST_ENTRY* entry) noexcept {
  auto* h = reinterpret_cast<volatile Header*>(head);
  Header old = load(h);
  for (;;) {
    entry->Next = first(old);
    Header nw{(((old.lo & 0xFFFF) + 1) & 0xFFFF) | ((old.lo & ~std::uint64_t{0xFFFF}) + 0x10000),
              reinterpret_cast<std::uint64_t>(entry) & ~std::uint64_t{0xF}};
    if (cas16(h, old, nw)) return first(old);
  }
}

SLIST_ENTRY* WINAPI InterlockedPopEntrySList(SLIST_HEADER* head) noexcept {
  auto* h = reinterpret_cast<volatile Header*>(head);
  Header old = load(h);
  for (;;) {
    SLIST_ENTRY* e = first(old);
    if (!e) return nullptr;
    // Reading e->Next may race with a pop-and-free elsewhere; the sequence number
    // makes the exchange fail then, as on Windows (which also reads it unguarded).
    Header nw{(((old.lo & 0xFFFF) - 1) & 0xFFFF) | ((old.lo & ~std::uint64_t{0xFFFF}) + 0x10000),
              reinterpret_cast<std::uint64_t>(e->Next) & ~std::uint64_t{0xF}};
    if (cas16(h, old, nw)) return e;
  }
}

SLIST_ENTRY* WINAPI InterlockedFlushSList(SLIST_HEADER* head) noexcept {
  auto* h = reinterpret_cast<volatile Header*>(head);
  Header old = load(h);
  for (;;) {
    if (!first(old)) return nullptr;
    Header nw{(old.lo & ~std::uint64_t{0xFFFF}) + 0x10000, 0};
    if (cas16(h, old, nw)) return first(old);
  }
}

USHORT WINAPI QueryDepthSList(SLIST_HEADER* head) noexcept {
  return static_cast<USHORT>(load(reinterpret_cast<volatile Header*>(head)).lo & 0xFFFF);
}

}  // namespace sill::kernel32
