// Declarations of Sill's vcruntime140.dll and vcruntime140_1.dll exports: the part of
// MSVC's runtime that is tied to the compiler (std::exception support, the SE translator).
// The string and memory functions are msvcrt's; the C++ exception entry points, the
// current-exception slots and the type_info helpers come from the MSVC exception-handling
// module (win32/msvc_eh).
#pragma once
#include <cstddef>
#include <cstdint>

#include "base/wintypes.h"
#include "win32/kernel32/kernel32.h"

namespace sill::vcruntime {

using namespace sill::win;

// std::exception's payload (vcruntime_exception.h).
struct StdExceptionData {
  const char* what;
  bool do_free;
};
static_assert(sizeof(StdExceptionData) == 16);

using se_translator_t = void(WINAPI*)(unsigned code, void* pointers);

// exception.cpp
void WINAPI __std_exception_copy(const StdExceptionData* from, StdExceptionData* to) noexcept;
void WINAPI __std_exception_destroy(StdExceptionData* data) noexcept;
[[noreturn]] void WINAPI __std_terminate() noexcept;
int* WINAPI __processing_throw() noexcept;
se_translator_t WINAPI _set_se_translator(se_translator_t translator) noexcept;
BOOL WINAPI __vcrt_InitializeCriticalSectionEx(kernel32::CRITICAL_SECTION* cs, DWORD spin, DWORD flags) noexcept;
void WINAPI __NLG_Dispatch2() noexcept;
void WINAPI __NLG_Return2() noexcept;

// Whatever _set_se_translator installed on this thread (for the C++ exception handler).
se_translator_t current_se_translator() noexcept;

}  // namespace sill::vcruntime
