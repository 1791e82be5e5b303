// Per-thread C++ exception state and the accessors of a C++ exception record.
#include "win32/msvc_eh/eh_state.h"

#include "base/debug.h"
#include "loader/callback.h"

SILL_DEFAULT_DEBUG_CHANNEL(cxxeh);

namespace sill::msvc_eh {

ThreadEh& thread_eh() {
  static thread_local ThreadEh state;
  return state;
}

bool is_cxx_exception(const EXCEPTION_RECORD* rec) {
  if (rec->ExceptionCode != CXX_EXCEPTION_CODE || rec->NumberParameters < CXX_EXCEPTION_PARAMETERS) return false;
  ULONG_PTR magic = rec->ExceptionInformation[0];
  return magic == CXX_MAGIC_1 || magic == CXX_MAGIC_2 || magic == CXX_MAGIC_3;
}

void* exception_object(const EXCEPTION_RECORD* rec) { return reinterpret_cast<void*>(rec->ExceptionInformation[1]); }

const ThrowInfo* exception_throw_info(const EXCEPTION_RECORD* rec) {
  return reinterpret_cast<const ThrowInfo*>(rec->ExceptionInformation[2]);
}

DWORD64 exception_image_base(const EXCEPTION_RECORD* rec) { return rec->ExceptionInformation[3]; }

void destroy_exception_object(const EXCEPTION_RECORD* rec) {
  if (!is_cxx_exception(rec)) return;
  void* object = exception_object(rec);
  const ThrowInfo* info = exception_throw_info(rec);
  if (!object || !info || !info->destructor) return;
  const ThreadEh& eh = thread_eh();
  for (unsigned i = 0; i < eh.catch_count; ++i)
    if (is_cxx_exception(eh.catches[i].record) && exception_object(eh.catches[i].record) == object) return;
  using Destructor = void(WINAPI*)(void*);
  auto dtor = reinterpret_cast<Destructor>(exception_image_base(rec) + static_cast<DWORD>(info->destructor));
  TRACE("destroying exception object %p\n", object);
  loader::call_program("exception object destructor", dtor, object);
}

}  // namespace sill::msvc_eh
