// The calling thread's COM apartment, as activation needs to know it. Internal to combase.
#pragma once

namespace sill::combase {

// Whether the thread entered an apartment, or the process's MTA exists (which an
// uninitialized thread uses implicitly, as on Windows).
bool com_usable_on_this_thread();
// Whether calls from this thread run in the multithreaded apartment.
bool in_multithreaded_apartment();

}  // namespace sill::combase
