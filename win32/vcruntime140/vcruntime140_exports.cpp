// The export table of vcruntime140.dll: MSVC's compiler-support runtime. The string and
// memory functions are msvcrt's code; the current-exception slots, the type_info helpers and
// the throw/frame-handler entry points are the C++ exception runtime's (msvc_eh::), so every
// CRT DLL shares one exception state. Keep entries sorted by exported name inside each block.
#include "loader/builtin_dll.h"
#include "win32/msvc_eh/msvc_eh.h"
#include "win32/msvcrt/msvcrt_api.h"
#include "win32/vcruntime140/vcruntime140.h"

namespace sill::builtin {

namespace {
const loader::Export exports[] = {
    // ---- Compiler support (ucrt helper) ----
    SILL_EXPORT_AS("__current_exception", msvc_eh::__current_exception),
    SILL_EXPORT_AS("__current_exception_context", msvc_eh::__current_exception_context),
    SILL_EXPORT_AS("__processing_throw", vcruntime::__processing_throw),
    SILL_EXPORT_AS("__std_exception_copy", vcruntime::__std_exception_copy),
    SILL_EXPORT_AS("__std_exception_destroy", vcruntime::__std_exception_destroy),
    SILL_EXPORT_AS("__std_terminate", vcruntime::__std_terminate),
    SILL_EXPORT_AS("__std_type_info_compare", msvc_eh::__std_type_info_compare),
    SILL_EXPORT_AS("__std_type_info_destroy_list", msvc_eh::__std_type_info_destroy_list),
    SILL_EXPORT_AS("__std_type_info_hash", msvc_eh::__std_type_info_hash),
    SILL_EXPORT_AS("__std_type_info_name", msvc_eh::__std_type_info_name),
    SILL_EXPORT_AS("__vcrt_InitializeCriticalSectionEx", vcruntime::__vcrt_InitializeCriticalSectionEx),
    SILL_EXPORT_AS("_purecall", msvcrt::_purecall),
    SILL_EXPORT_AS("_set_se_translator", vcruntime::_set_se_translator),
    SILL_EXPORT_AS("_setjmp", msvcrt::sill_msvcrt_setjmp),
    SILL_EXPORT_AS("_setjmpex", msvcrt::sill_msvcrt_setjmp),
    SILL_EXPORT_AS("longjmp", msvcrt::sill_msvcrt_longjmp),
    SILL_EXPORT_AS("memchr", msvcrt::memchr),
    SILL_EXPORT_AS("memcmp", msvcrt::memcmp),
    SILL_EXPORT_AS("memcpy", msvcrt::memcpy),
    SILL_EXPORT_AS("memmove", msvcrt::memmove),
    SILL_EXPORT_AS("memset", msvcrt::memset),
    SILL_EXPORT_AS("strchr", msvcrt::strchr),
    SILL_EXPORT_AS("strrchr", msvcrt::strrchr),
    SILL_EXPORT_AS("strstr", msvcrt::strstr),
    SILL_EXPORT_AS("wcschr", msvcrt::wcschr),
    SILL_EXPORT_AS("wcsrchr", msvcrt::wcsrchr),
    SILL_EXPORT_AS("wcsstr", msvcrt::wcsstr),

    // ---- C++ exceptions (msvc_eh) ----
    SILL_EXPORT_AS("_CxxThrowException", msvc_eh::_CxxThrowException),
    SILL_EXPORT_AS("__CxxFrameHandler", msvc_eh::__CxxFrameHandler),
    SILL_EXPORT_AS("__CxxFrameHandler3", msvc_eh::__CxxFrameHandler3),

    // ---- Exception support ----
    SILL_EXPORT_FORWARD("__C_specific_handler", "ntdll.__C_specific_handler"),
};
}  // namespace

extern const loader::BuiltinDll vcruntime140_dll;
const loader::BuiltinDll vcruntime140_dll{"vcruntime140.dll", exports, nullptr};

}  // namespace sill::builtin
