// _CxxThrowException: a C++ throw raises exception 0xE06D7363 whose four
// parameters are the EH version, the thrown object, its ThrowInfo and the
// image base the ThrowInfo's RVAs are relative to. `throw;` passes no object:
// the exception of the innermost running catch block is raised again.
#include "base/debug.h"
#include "win32/msvc_eh/eh_state.h"
#include "win32/msvc_eh/msvc_eh.h"

SILL_DEFAULT_DEBUG_CHANNEL(cxxeh);

namespace sill::msvc_eh {

[[noreturn]] void WINAPI _CxxThrowException(void* object, const ThrowInfo* info) noexcept {
  ThreadEh& eh = thread_eh();
  EXCEPTION_RECORD rec{};
  rec.ExceptionCode = CXX_EXCEPTION_CODE;
  rec.ExceptionFlags = nt::EXCEPTION_NONCONTINUABLE;
  rec.NumberParameters = CXX_EXCEPTION_PARAMETERS;
  if (!object && !info) {
    const EXCEPTION_RECORD* current = eh.current_record;
    if (!current) terminate_now("throw; without an exception being handled");
    if (!is_cxx_exception(current)) {  // catch(...) of a structured exception: raise it again
      EXCEPTION_RECORD again = *current;
      RtlRaiseException(&again);
      terminate_now("a structured exception was continued");
    }
    for (DWORD i = 0; i < CXX_EXCEPTION_PARAMETERS; ++i) rec.ExceptionInformation[i] = current->ExceptionInformation[i];
    TRACE("rethrowing object %p\n", exception_object(current));
  } else {
    void* base = nullptr;
    RtlPcToFileHeader(const_cast<ThrowInfo*>(info), &base);
    rec.ExceptionInformation[0] = CXX_MAGIC_1;
    rec.ExceptionInformation[1] = reinterpret_cast<ULONG_PTR>(object);
    rec.ExceptionInformation[2] = reinterpret_cast<ULONG_PTR>(info);
    rec.ExceptionInformation[3] = reinterpret_cast<ULONG_PTR>(base);
    TRACE("throwing object %p, ThrowInfo %p in image %p\n", object, static_cast<const void*>(info), base);
  }
  ++eh.uncaught;
  RtlRaiseException(&rec);
  terminate_now("a C++ exception was continued");
}

bool WINAPI __uncaught_exception() noexcept { return thread_eh().uncaught > 0; }

int WINAPI __uncaught_exceptions() noexcept { return thread_eh().uncaught; }

void** WINAPI __current_exception() noexcept {
  return reinterpret_cast<void**>(&thread_eh().current_record);
}

void** WINAPI __current_exception_context() noexcept {
  return reinterpret_cast<void**>(&thread_eh().current_context);
}

}  // namespace sill::msvc_eh
