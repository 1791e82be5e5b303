// The memory a thread created by CreateThread lives in: one mapping holding its Windows stack
// (thread_stack.h) and, above it, its alternate signal stack, the small host stack glibc starts
// and ends the thread on (glibc's thread descriptor and static TLS at its top), and its TEB.
// Blocks of ended threads are kept for the next threads with the same stack size, so that
// creating a thread usually maps and protects nothing.
#pragma once
#include <pthread.h>

#include <cstddef>

#include "ntdll/nt_structs.h"
#include "ntdll/thread_stack.h"

namespace sill::nt {

struct ThreadMemory {
  ThreadStack stack;
  TEB* teb = nullptr;  // zeroed by take_thread_memory
  void* signal_stack = nullptr;  // kSignalStackSize bytes
  void* host_stack = nullptr;    // for pthread_attr_setstack
  std::size_t host_stack_size = 0;
};

// A block whose stack reserves `reserve` bytes (rounded to 64 KiB), from the cache or new.
bool take_thread_memory(std::size_t reserve, ThreadMemory* out);
// A block no thread ran on (thread creation failed).
void return_thread_memory(const ThreadMemory& m);
// The calling thread is about to end: its block goes to a later thread once `self` is joined.
// Call it last, on the host stack, after the thread left its Windows stack for good.
void retire_thread_memory(const ThreadMemory& m, pthread_t self);

}  // namespace sill::nt
