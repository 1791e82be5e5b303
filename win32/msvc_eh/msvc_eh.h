// The exports of Sill's C++ exception runtime (Windows signatures, ms_abi),
// shared by msvcrt.dll, vcruntime140.dll and ucrtbase.dll: throwing, the frame
// handlers, terminate, type_info.
#pragma once
#include <cstdint>

#include "win32/msvc_eh/eh_tables.h"

namespace sill::msvc_eh {

// eh_throw.cpp
[[noreturn]] void WINAPI _CxxThrowException(void* object, const ThrowInfo* info) noexcept;
bool WINAPI __uncaught_exception() noexcept;
int WINAPI __uncaught_exceptions() noexcept;
void** WINAPI __current_exception() noexcept;
void** WINAPI __current_exception_context() noexcept;

// frame_handler3.cpp, frame_handler4.cpp
LONG WINAPI __CxxFrameHandler(EXCEPTION_RECORD* rec, void* frame, CONTEXT* ctx, DISPATCHER_CONTEXT* dc) noexcept;
LONG WINAPI __CxxFrameHandler3(EXCEPTION_RECORD* rec, void* frame, CONTEXT* ctx, DISPATCHER_CONTEXT* dc) noexcept;
LONG WINAPI __CxxFrameHandler4(EXCEPTION_RECORD* rec, void* frame, CONTEXT* ctx, DISPATCHER_CONTEXT* dc) noexcept;

// terminate.cpp
using TerminateHandler = void(WINAPI*)();
[[noreturn]] void WINAPI terminate() noexcept;
TerminateHandler WINAPI set_terminate(TerminateHandler handler) noexcept;
TerminateHandler WINAPI _get_terminate() noexcept;

// type_info.cpp: msvcrt's type_info members take `this` (a TypeDescriptor) first.
void WINAPI type_info_destructor(TypeDescriptor* self) noexcept;
const char* WINAPI type_info_name(TypeDescriptor* self) noexcept;
const char* WINAPI type_info_raw_name(const TypeDescriptor* self) noexcept;
int WINAPI type_info_equal(const TypeDescriptor* self, const TypeDescriptor* other) noexcept;
int WINAPI type_info_not_equal(const TypeDescriptor* self, const TypeDescriptor* other) noexcept;
int WINAPI type_info_before(const TypeDescriptor* self, const TypeDescriptor* other) noexcept;
// vcruntime's __std_type_info_* helpers: data is { undecorated name cache, decorated name }.
struct StdTypeInfoData {
  const char* undecorated;
  char decorated[1];
};
// A module's list of the names __std_type_info_name allocated (its head is a node in the module).
struct StdTypeInfoList {
  void* memory;
  StdTypeInfoList* next;
};
static_assert(sizeof(StdTypeInfoList) == 16);
const char* WINAPI __std_type_info_name(StdTypeInfoData* data, StdTypeInfoList* list) noexcept;
int WINAPI __std_type_info_compare(const StdTypeInfoData* a, const StdTypeInfoData* b) noexcept;
std::size_t WINAPI __std_type_info_hash(const StdTypeInfoData* data) noexcept;
void WINAPI __std_type_info_destroy_list(StdTypeInfoList* list) noexcept;

}  // namespace sill::msvc_eh
