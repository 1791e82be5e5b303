// Handle inheritance: a child process created with bInheritHandles finds each inheritable handle of
// its parent at the same value with the same access. Files and pipes travel as file descriptors
// kept open across exec; events, mutexes and semaphores are shared objects (shared_objects.h), so
// the child takes a reference on the same slot. The list travels in SILL_INHERITED_HANDLES:
// "value:kind:access:what;..." (hex value and access; kind f with an fd, e/m/s with a slot identity).
#pragma once
#include <string>
#include <vector>

#include "base/wintypes.h"
#include "ntdll/handle_table.h"
#include "ntdll/shared_objects.h"

namespace sill::nt {

struct InheritancePlan {
  std::string variable;                // SILL_INHERITED_HANDLES's value
  std::vector<int> fds;                // CLOEXEC duplicates: the child clears the flag, the parent closes them
  std::vector<shared::Slot*> slots;    // each gets a reference for the child once its pid is known
  std::vector<Ref<Object>> keep;       // alive until the child holds its own references
  ~InheritancePlan();
};

// The parent's inheritable handles; with `only` (PROC_THREAD_ATTRIBUTE_HANDLE_LIST), those of
// them it names. Kinds that cannot travel yet are left out with a FIXME.
void plan_inheritance(InheritancePlan& plan, const std::vector<win::HANDLE>* only);
// After fork: the child process holds references on the shared slots from now on.
void grant_to_child(const InheritancePlan& plan, int pid);

// In the child, before its standard handles are made: the handles the parent passed.
void install_inherited_handles();

}  // namespace sill::nt
