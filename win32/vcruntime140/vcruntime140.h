// Declarations of Sill's vcruntime140.dll and vcruntime140_1.dll exports: the part of
// MSVC's runtime that is tied to the compiler (std::exception and std::type_info support,
// the current-exception slots, the SE translator). The string and memory functions are
// msvcrt's; the C++ exception entry points come from the MSVC exception-handling module.
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

// std::type_info's payload (vcruntime_typeinfo.h): the undecorated name is filled in on
// first use of name(); the decorated one (".?AVFoo@@") is the RTTI name itself.
struct TypeInfoData {
  const char* undecorated_name;
  const char decorated_name[1];
};
static_assert(offsetof(TypeInfoData, decorated_name) == 8);

// The list that owns the undecorated names a module asked for (freed at its exit).
struct TypeInfoNode {
  void* memory;
  TypeInfoNode* next;
};

using se_translator_t = void(WINAPI*)(unsigned code, void* pointers);

// exception.cpp
void WINAPI __std_exception_copy(const StdExceptionData* from, StdExceptionData* to) noexcept;
void WINAPI __std_exception_destroy(StdExceptionData* data) noexcept;
[[noreturn]] void WINAPI __std_terminate() noexcept;
void** WINAPI __current_exception() noexcept;
void** WINAPI __current_exception_context() noexcept;
int* WINAPI __processing_throw() noexcept;
se_translator_t WINAPI _set_se_translator(se_translator_t translator) noexcept;
BOOL WINAPI __vcrt_InitializeCriticalSectionEx(kernel32::CRITICAL_SECTION* cs, DWORD spin, DWORD flags) noexcept;
void WINAPI __NLG_Dispatch2() noexcept;
void WINAPI __NLG_Return2() noexcept;

// Whatever _set_se_translator installed on this thread (for the C++ exception handler).
se_translator_t current_se_translator() noexcept;

// type_info.cpp
int WINAPI __std_type_info_compare(const TypeInfoData* a, const TypeInfoData* b) noexcept;
std::size_t WINAPI __std_type_info_hash(const TypeInfoData* data) noexcept;
const char* WINAPI __std_type_info_name(TypeInfoData* data, TypeInfoNode* root) noexcept;
void WINAPI __std_type_info_destroy_list(TypeInfoNode* root) noexcept;

}  // namespace sill::vcruntime
