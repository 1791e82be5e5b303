// Named kernel objects (events, mutexes, semaphores, ...) in the process's
// object directory: creating an existing name opens the object instead.
// FIXME: the directory is per process; sharing names between processes of a
// prefix needs the shared store (named objects across processes).
#pragma once
#include <string_view>

#include "ntdll/object.h"

namespace sill::nt {

// The live object with that name (names are case-sensitive, as in \BaseNamedObjects), or null.
Ref<Object> find_named_object(std::u16string_view name);
// Gives `fresh` the name, or, when a live object has it already, returns that one and sets
// *existed (fresh is then dropped). Atomic with respect to other creators.
Ref<Object> open_or_insert_named_object(std::u16string_view name, Ref<Object> fresh, bool* existed);

}  // namespace sill::nt
