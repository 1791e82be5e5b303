// x64 table-based unwinding: the .pdata/.xdata formats of the Windows x64 ABI,
// function-table lookup (image exception directories and dynamic tables) and
// RtlVirtualUnwind, which undoes one frame's prolog on a CONTEXT.
#pragma once
#include <cstddef>
#include <cstdint>

#include "base/wintypes.h"
#include "loader/pe_format.h"
#include "ntdll/context.h"

namespace sill::nt {

using RUNTIME_FUNCTION = pe::RuntimeFunction;

inline constexpr DWORD UNW_FLAG_NHANDLER = 0;
inline constexpr DWORD UNW_FLAG_EHANDLER = 1;
inline constexpr DWORD UNW_FLAG_UHANDLER = 2;
inline constexpr DWORD UNW_FLAG_CHAININFO = 4;

enum UnwindOp : BYTE {
  UWOP_PUSH_NONVOL = 0,
  UWOP_ALLOC_LARGE = 1,
  UWOP_ALLOC_SMALL = 2,
  UWOP_SET_FPREG = 3,
  UWOP_SAVE_NONVOL = 4,
  UWOP_SAVE_NONVOL_FAR = 5,
  UWOP_EPILOG = 6,       // version 2; UWOP_SAVE_XMM in version 1 (never emitted)
  UWOP_SPARE_CODE = 7,   // UWOP_SAVE_XMM_FAR in version 1 (never emitted)
  UWOP_SAVE_XMM128 = 8,
  UWOP_SAVE_XMM128_FAR = 9,
  UWOP_PUSH_MACHFRAME = 10,
};

union UNWIND_CODE {
  struct {
    BYTE CodeOffset;  // offset in the prolog of the end of the instruction
    BYTE UnwindOp : 4;
    BYTE OpInfo : 4;
  } s;
  USHORT FrameOffset;  // operand slot of the preceding code
};
static_assert(sizeof(UNWIND_CODE) == 2);

struct UNWIND_INFO {
  BYTE Version : 3;
  BYTE Flags : 5;
  BYTE SizeOfProlog;
  BYTE CountOfCodes;
  BYTE FrameRegister : 4;
  BYTE FrameOffset : 4;  // scaled by 16
  UNWIND_CODE UnwindCode[1];  // CountOfCodes slots, padded to an even count, then
                              // handler RVA + handler data, or a chained RUNTIME_FUNCTION
};
static_assert(offsetof(UNWIND_INFO, UnwindCode) == 4);

// A lookup cache Windows fills; Sill accepts it and does not need it.
inline constexpr unsigned UNWIND_HISTORY_TABLE_SIZE = 12;
struct UNWIND_HISTORY_TABLE_ENTRY {
  DWORD64 ImageBase;
  RUNTIME_FUNCTION* FunctionEntry;
};
struct UNWIND_HISTORY_TABLE {
  DWORD Count;
  BYTE LocalHint;
  BYTE GlobalHint;
  BYTE Search;
  BYTE Once;
  DWORD64 LowAddress;
  DWORD64 HighAddress;
  UNWIND_HISTORY_TABLE_ENTRY Entry[UNWIND_HISTORY_TABLE_SIZE];
};
static_assert(sizeof(UNWIND_HISTORY_TABLE) == 216);

struct EXCEPTION_RECORD;
struct DISPATCHER_CONTEXT;
// A language-specific handler (__C_specific_handler, _GCC_specific_handler, ...).
using EXCEPTION_ROUTINE = LONG(WINAPI*)(EXCEPTION_RECORD* rec, void* establisher_frame, CONTEXT* ctx,
                                        DISPATCHER_CONTEXT* dispatch);

// RtlInstallFunctionTableCallback's callback.
using GET_RUNTIME_FUNCTION_CALLBACK = RUNTIME_FUNCTION*(WINAPI*)(DWORD64 control_pc, void* context);

// Whether pc lies in code Windows unwinding applies to: a PE image or a dynamic function table.
bool is_pe_code(DWORD64 pc);

}  // namespace sill::nt

extern "C" {
sill::nt::RUNTIME_FUNCTION* WINAPI RtlLookupFunctionEntry(sill::win::DWORD64 pc, sill::win::DWORD64* image_base,
                                                          sill::nt::UNWIND_HISTORY_TABLE* history) noexcept;
sill::nt::EXCEPTION_ROUTINE WINAPI RtlVirtualUnwind(sill::win::DWORD handler_type, sill::win::DWORD64 image_base,
                                                    sill::win::DWORD64 control_pc,
                                                    sill::nt::RUNTIME_FUNCTION* function_entry,
                                                    sill::nt::CONTEXT* ctx, void** handler_data,
                                                    sill::win::DWORD64* establisher_frame,
                                                    sill::nt::KNONVOLATILE_CONTEXT_POINTERS* pointers) noexcept;
sill::win::BOOLEAN WINAPI RtlAddFunctionTable(sill::nt::RUNTIME_FUNCTION* table, sill::win::DWORD count,
                                              sill::win::DWORD64 base) noexcept;
sill::win::BOOLEAN WINAPI RtlDeleteFunctionTable(sill::nt::RUNTIME_FUNCTION* table) noexcept;
sill::win::BOOLEAN WINAPI RtlInstallFunctionTableCallback(sill::win::DWORD64 table_id, sill::win::DWORD64 base,
                                                          sill::win::DWORD length,
                                                          sill::nt::GET_RUNTIME_FUNCTION_CALLBACK callback,
                                                          void* context, const char16_t* out_of_process_dll) noexcept;
}
