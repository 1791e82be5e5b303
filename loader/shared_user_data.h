// KUSER_SHARED_DATA: read-only for the program at 0x7ffe0000, written by Sill
// through a second, writable view of the same memory.
#pragma once
#include "ntdll/nt_structs.h"

namespace sill::loader {

// Maps the page, fills the constant fields and starts the clock updater.
// False when 0x7ffe0000 is not available.
bool map_shared_user_data();

}  // namespace sill::loader
