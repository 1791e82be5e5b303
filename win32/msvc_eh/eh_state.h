// Per-thread state of the C++ exception runtime: the catch blocks executing
// now (innermost last), the unwind actions running now, and the count of
// exceptions thrown but not yet caught.
#pragma once
#include <cstdint>

#include "win32/msvc_eh/eh_tables.h"

namespace sill::msvc_eh {

// A catch funclet that is running (or was left by an exception not yet unwound past it).
struct ActiveCatch {
  EXCEPTION_RECORD* record;  // the exception it caught
  CONTEXT* context;          // where that exception was raised
  DWORD64 owner_frame;       // the frame (function or funclet) whose try block caught it
  DWORD64 parent_frame;      // the frame of the function that try block belongs to
  TryBlock try_block;        // the owner was unwound to its first state
  std::uintptr_t call_sp;    // stack address of Sill's call of the funclet: frames above it are outside
};

struct ThreadEh {
  static constexpr unsigned kMaxCatches = 64;
  ActiveCatch catches[kMaxCatches];
  unsigned catch_count = 0;
  static constexpr unsigned kMaxActions = 64;
  std::uintptr_t actions[kMaxActions];  // stack address of each running unwind action's call
  unsigned action_count = 0;
  int uncaught = 0;
  // What __current_exception and __current_exception_context point at.
  EXCEPTION_RECORD* current_record = nullptr;
  CONTEXT* current_context = nullptr;
};

ThreadEh& thread_eh();

// Whether rec is a C++ exception thrown by _CxxThrowException (any EH version).
bool is_cxx_exception(const EXCEPTION_RECORD* rec);
void* exception_object(const EXCEPTION_RECORD* rec);
const ThrowInfo* exception_throw_info(const EXCEPTION_RECORD* rec);
DWORD64 exception_image_base(const EXCEPTION_RECORD* rec);

// Runs the thrown object's destructor, unless another active catch still holds it.
void destroy_exception_object(const EXCEPTION_RECORD* rec);

// std::terminate: the terminate handler, then abort.
[[noreturn]] void terminate_now(const char* why);

}  // namespace sill::msvc_eh
