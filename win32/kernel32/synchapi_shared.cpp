// Creating and opening events, mutexes and semaphores: named ones, and anonymous ones created
// inheritable, live in the prefix's shared object store (ntdll/shared_objects.h) so that other
// processes see them; the rest are process-local objects of the wait engine.
#include "base/debug.h"
#include "ntdll/handle_table.h"
#include "ntdll/object_namespace.h"
#include "ntdll/process_internal.h"
#include "ntdll/shared_objects.h"
#include "ntdll/sync.h"
#include "win32/kernel32/kernel32.h"
#include "win32/kernel32/kernel32_internal.h"

SILL_DEFAULT_DEBUG_CHANNEL(sync);

namespace sill::kernel32 {

namespace {

using nt::shared::Kind;

// A process-local object of the kind.
nt::Ref<nt::Waitable> local_object(Kind kind, const nt::shared::InitialState& init) {
  if (kind == Kind::Event) return nt::make_object<nt::Event>(init.manual, init.signaled);
  if (kind == Kind::Mutex) return nt::make_object<nt::Mutex>(init.owner_tid);
  return nt::make_object<nt::Semaphore>(init.count, init.max);
}

DWORD error_of(NTSTATUS s) {
  if (s == nt::STATUS_OBJECT_TYPE_MISMATCH) return win::ERROR_INVALID_HANDLE;
  if (s == nt::STATUS_OBJECT_NAME_NOT_FOUND) return win::ERROR_FILE_NOT_FOUND;
  return nt::dos_error_from_status(s);
}

}  // namespace

HANDLE create_sync_object(Kind kind, const nt::shared::InitialState& init, LPCWSTR name, DWORD access,
                          SECURITY_ATTRIBUTES* sa) {
  const bool inherit = sa && sa->bInheritHandle;
  const DWORD flags = inherit ? nt::HANDLE_FLAG_INHERIT : 0;
  const bool named = name && *name;
  if (!named && !inherit) {
    nt::set_last_error(win::ERROR_SUCCESS);
    return nt::handle_table().insert(local_object(kind, init), access, flags);
  }
  // A section or timer of that name (process-local still) is another kind of object.
  if (named && nt::find_named_object(name)) return fail_error(win::ERROR_INVALID_HANDLE, nullptr);
  bool existed = false;
  auto slot = nt::shared::create(kind, named ? std::u16string_view(name) : std::u16string_view{}, init, &existed);
  if (!slot) return fail_error(error_of(slot.error()), nullptr);
  nt::Ref<nt::Waitable> obj = nt::wrap_shared(kind, *slot);
  if (kind == Kind::Mutex && init.owner_tid && !existed) {
    // Owned from the start: abandoned if this thread ends without releasing it.
    nt::lock_waits();
    nt::note_mutex_owned(static_cast<nt::Mutex&>(*obj));
    nt::unlock_waits();
  }
  HANDLE h = nt::handle_table().insert(std::move(obj), access, flags);
  nt::set_last_error(existed ? win::ERROR_ALREADY_EXISTS : win::ERROR_SUCCESS);
  return h;
}

HANDLE open_sync_object(Kind kind, LPCWSTR name, DWORD access, BOOL inherit) {
  if (!name) return fail_error(win::ERROR_INVALID_PARAMETER, nullptr);
  if (nt::find_named_object(name)) return fail_error(win::ERROR_INVALID_HANDLE, nullptr);
  auto slot = nt::shared::open(kind, name);
  if (!slot) return fail_error(error_of(slot.error()), nullptr);
  return nt::handle_table().insert(nt::wrap_shared(kind, *slot), access, inherit ? nt::HANDLE_FLAG_INHERIT : 0);
}

}  // namespace sill::kernel32
