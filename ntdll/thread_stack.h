// Thread stacks laid out as on Windows, and the memory a created thread needs around its stack.
//
// A stack is one reservation [DeallocationStack, StackBase). Its lowest page is never usable (a
// fault there has no room left to report anything: the process ends with STATUS_STACK_OVERFLOW).
// Above it lies the overflow guard: pages that are inaccessible while the guard is armed. The first
// touch of the guard disarms it (the pages become read-write) and raises STATUS_STACK_OVERFLOW on
// the faulting thread, whose handlers then run in the guard's pages; `_resetstkoflw` re-arms it.
// TEB->StackLimit is the guard's top while armed and its bottom once consumed, so MSVC's
// __chkstk, which probes from StackLimit down, runs into the guard exactly like on Windows.
// Linux commits stack pages on first touch, so everything above the guard is read-write from the
// start (Windows' gradual commit is invisible to programs except through StackLimit).
#pragma once
#include <pthread.h>

#include <cstddef>
#include <cstdint>

#include "ntdll/nt_structs.h"

namespace sill::nt {

struct StackSizes {
  std::size_t reserve;  // a multiple of the 64 KiB allocation granularity
  std::size_t commit;
};

// What a thread gets, following Microsoft's "Thread Stack Size": the image header's reserve and
// commit, or CreateThread's dwStackSize as the reservation (STACK_SIZE_PARAM_IS_A_RESERVATION) or
// as the commit (a commit at least as large as the default reserve makes the reserve that commit
// rounded up to 1 MiB).
StackSizes thread_stack_sizes(std::size_t header_reserve, std::size_t header_commit, std::size_t requested,
                              bool requested_is_reservation);
// The program's header values, recorded by the loader at start, for threads created later.
void set_image_stack_sizes(std::size_t header_reserve, std::size_t header_commit);
StackSizes new_thread_stack_sizes(std::size_t requested, bool requested_is_reservation);

// A mapped stack: `reserve` bytes of stack, then (after an inaccessible page) `extra` bytes of
// read-write memory for the caller. The mapping is registered for VirtualQuery and its overflow
// guard is armed.
struct ThreadStack {
  std::byte* base = nullptr;  // DeallocationStack
  std::size_t reserve = 0;
  std::size_t extra = 0;
  std::byte* top() const { return base + reserve; }  // StackBase
  std::byte* extra_area() const;
};
bool map_thread_stack(std::size_t reserve, std::size_t extra, ThreadStack* out);
void unmap_thread_stack(const ThreadStack& stack);
// Sets StackBase, StackLimit and DeallocationStack of `teb` for a fresh (armed) stack.
void describe_stack(TEB* teb, const ThreadStack& stack);
// Run by a thread that ends, off the stack it leaves for the next thread: re-arms the guard at its
// default size (a guarantee or an overflow may have changed it).
void restore_default_guard(const ThreadStack& stack, const TEB* teb);

// For the fault handler (signal context, calling thread only): a page fault at `addr` on the
// thread whose TEB is `teb`. kOverflow: it hit the armed guard, which is now disarmed (read-write)
// and StackLimit lowered, so an exception can be dispatched on the stack. kExhausted: it hit the
// last page, or the guard was already used up: nothing more can run on this stack.
enum class StackFault { kNone, kOverflow, kExhausted };
StackFault classify_stack_fault(TEB* teb, std::uintptr_t addr);
// After kOverflow, outside signal context: tells VirtualQuery the guard's pages are plain read-write.
void note_stack_guard_consumed(TEB* teb);

// _resetstkoflw: re-arms the calling thread's guard after an overflow. False when the stack
// pointer is still inside the guard's pages (the handler has not left them yet).
bool reset_stack_guard();
// SetThreadStackGuarantee for the calling thread: `*bytes` in, the previous guarantee out; a
// guarantee only grows. False when it does not fit in the stack.
bool set_stack_guarantee(win::ULONG* bytes);

}  // namespace sill::nt
