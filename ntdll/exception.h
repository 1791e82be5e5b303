// Structured exception handling (x64): records, the dispatcher context passed
// to language handlers, status codes, and the NT-level entry points for
// raising, dispatching and unwinding.
#pragma once
#include <cstddef>
#include <cstdint>

#include "base/wintypes.h"
#include "ntdll/context.h"
#include "ntdll/unwind.h"

namespace sill::nt {

inline constexpr DWORD EXCEPTION_MAXIMUM_PARAMETERS = 15;

struct EXCEPTION_RECORD {
  DWORD ExceptionCode;
  DWORD ExceptionFlags;
  EXCEPTION_RECORD* ExceptionRecord;  // chained record (nested exceptions)
  void* ExceptionAddress;
  DWORD NumberParameters;
  ULONG_PTR ExceptionInformation[EXCEPTION_MAXIMUM_PARAMETERS];
};
static_assert(sizeof(EXCEPTION_RECORD) == 152 && offsetof(EXCEPTION_RECORD, ExceptionAddress) == 0x10);
static_assert(offsetof(EXCEPTION_RECORD, NumberParameters) == 0x18);
static_assert(offsetof(EXCEPTION_RECORD, ExceptionInformation) == 0x20);

struct EXCEPTION_POINTERS {
  EXCEPTION_RECORD* ExceptionRecord;
  CONTEXT* ContextRecord;
};
static_assert(sizeof(EXCEPTION_POINTERS) == 16);

// What a language handler gets about the frame it is called for.
struct DISPATCHER_CONTEXT {
  DWORD64 ControlPc;
  DWORD64 ImageBase;
  RUNTIME_FUNCTION* FunctionEntry;
  DWORD64 EstablisherFrame;
  DWORD64 TargetIp;
  CONTEXT* ContextRecord;
  EXCEPTION_ROUTINE LanguageHandler;
  void* HandlerData;
  UNWIND_HISTORY_TABLE* HistoryTable;
  DWORD ScopeIndex;
  DWORD Fill0;
};
static_assert(sizeof(DISPATCHER_CONTEXT) == 0x50 && offsetof(DISPATCHER_CONTEXT, ContextRecord) == 0x28);
static_assert(offsetof(DISPATCHER_CONTEXT, HistoryTable) == 0x40 && offsetof(DISPATCHER_CONTEXT, ScopeIndex) == 0x48);

// __C_specific_handler's HandlerData.
struct SCOPE_TABLE {
  DWORD Count;
  struct {
    DWORD BeginAddress;
    DWORD EndAddress;
    DWORD HandlerAddress;  // filter (or 1) for __except, termination handler for __finally
    DWORD JumpTarget;      // __except block; 0 for __finally
  } ScopeRecord[1];
};

// ExceptionFlags
inline constexpr DWORD EXCEPTION_NONCONTINUABLE = 0x01;
inline constexpr DWORD EXCEPTION_UNWINDING = 0x02;
inline constexpr DWORD EXCEPTION_EXIT_UNWIND = 0x04;
inline constexpr DWORD EXCEPTION_STACK_INVALID = 0x08;
inline constexpr DWORD EXCEPTION_NESTED_CALL = 0x10;
inline constexpr DWORD EXCEPTION_TARGET_UNWIND = 0x20;
inline constexpr DWORD EXCEPTION_COLLIDED_UNWIND = 0x40;
inline constexpr DWORD EXCEPTION_UNWIND = EXCEPTION_UNWINDING | EXCEPTION_EXIT_UNWIND | EXCEPTION_TARGET_UNWIND |
                                          EXCEPTION_COLLIDED_UNWIND;

// EXCEPTION_DISPOSITION (language handler results)
inline constexpr LONG ExceptionContinueExecution = 0;
inline constexpr LONG ExceptionContinueSearch = 1;
inline constexpr LONG ExceptionNestedException = 2;
inline constexpr LONG ExceptionCollidedUnwind = 3;

// Filter results (vectored handlers, __except filters, unhandled-exception filters)
inline constexpr LONG EXCEPTION_EXECUTE_HANDLER = 1;
inline constexpr LONG EXCEPTION_CONTINUE_SEARCH = 0;
inline constexpr LONG EXCEPTION_CONTINUE_EXECUTION = -1;

// Status codes of exceptions
inline constexpr DWORD STATUS_GUARD_PAGE_VIOLATION = 0x80000001;
inline constexpr DWORD STATUS_BREAKPOINT = 0x80000003;
inline constexpr DWORD STATUS_SINGLE_STEP = 0x80000004;
inline constexpr DWORD STATUS_LONGJUMP = 0x80000026;
inline constexpr DWORD STATUS_UNWIND_CONSOLIDATE = 0x80000029;
inline constexpr DWORD STATUS_DATATYPE_MISALIGNMENT = 0x80000002;
inline constexpr DWORD STATUS_ACCESS_VIOLATION = 0xC0000005;
inline constexpr DWORD STATUS_IN_PAGE_ERROR = 0xC0000006;
inline constexpr DWORD STATUS_INVALID_PARAMETER = 0xC000000D;
inline constexpr DWORD STATUS_ILLEGAL_INSTRUCTION = 0xC000001D;
inline constexpr DWORD STATUS_NONCONTINUABLE_EXCEPTION = 0xC0000025;
inline constexpr DWORD STATUS_INVALID_DISPOSITION = 0xC0000026;
inline constexpr DWORD STATUS_UNWIND = 0xC0000027;
inline constexpr DWORD STATUS_BAD_STACK = 0xC0000028;
inline constexpr DWORD STATUS_INVALID_UNWIND_TARGET = 0xC0000029;
inline constexpr DWORD STATUS_ARRAY_BOUNDS_EXCEEDED = 0xC000008C;
inline constexpr DWORD STATUS_FLOAT_DENORMAL_OPERAND = 0xC000008D;
inline constexpr DWORD STATUS_FLOAT_DIVIDE_BY_ZERO = 0xC000008E;
inline constexpr DWORD STATUS_FLOAT_INEXACT_RESULT = 0xC000008F;
inline constexpr DWORD STATUS_FLOAT_INVALID_OPERATION = 0xC0000090;
inline constexpr DWORD STATUS_FLOAT_OVERFLOW = 0xC0000091;
inline constexpr DWORD STATUS_FLOAT_STACK_CHECK = 0xC0000092;
inline constexpr DWORD STATUS_FLOAT_UNDERFLOW = 0xC0000093;
inline constexpr DWORD STATUS_INTEGER_DIVIDE_BY_ZERO = 0xC0000094;
inline constexpr DWORD STATUS_INTEGER_OVERFLOW = 0xC0000095;
inline constexpr DWORD STATUS_PRIVILEGED_INSTRUCTION = 0xC0000096;
inline constexpr DWORD STATUS_STACK_OVERFLOW = 0xC00000FD;

using VECTORED_EXCEPTION_HANDLER = LONG(WINAPI*)(EXCEPTION_POINTERS* pointers);
using TOP_LEVEL_EXCEPTION_FILTER = LONG(WINAPI*)(EXCEPTION_POINTERS* pointers);

// Dispatches an exception whose registers are in ctx (vectored handlers, then the
// frames from ctx upwards). Returns when a handler asked to continue execution
// (the caller then restores *ctx); does not return for unwinds or termination.
void dispatch_exception(EXCEPTION_RECORD* rec, CONTEXT* ctx);
// Dispatches and, when continued, resumes at *ctx. Never returns.
[[noreturn]] void raise_exception(EXCEPTION_RECORD* rec, CONTEXT* ctx);

// RtlUnwindEx with an explicit starting context (the frame where unwinding begins),
// for built-ins that cannot capture their own PE caller (__C_specific_handler).
[[noreturn]] void unwind_from(CONTEXT* start, void* target_frame, void* target_ip, EXCEPTION_RECORD* rec,
                              void* return_value, UNWIND_HISTORY_TABLE* history);

// The process-wide unhandled-exception filter (kernel32's SetUnhandledExceptionFilter).
TOP_LEVEL_EXCEPTION_FILTER set_unhandled_filter(TOP_LEVEL_EXCEPTION_FILTER filter);
// kernel32's UnhandledExceptionFilter: runs the filter, else prints the report.
// Returns EXCEPTION_EXECUTE_HANDLER (terminate) or EXCEPTION_CONTINUE_EXECUTION.
LONG unhandled_exception(EXCEPTION_POINTERS* pointers);
// The report printed for an exception nothing handled (stderr), with a short backtrace.
void report_unhandled(const EXCEPTION_RECORD* rec, const CONTEXT* ctx);

}  // namespace sill::nt

extern "C" {
// These capture their caller's registers in assembly (context.S) before the C++ part runs.
void WINAPI RtlRaiseException(sill::nt::EXCEPTION_RECORD* rec) noexcept;
[[noreturn]] void WINAPI RtlUnwindEx(void* target_frame, void* target_ip, sill::nt::EXCEPTION_RECORD* rec,
                                     void* return_value, sill::nt::CONTEXT* ctx,
                                     sill::nt::UNWIND_HISTORY_TABLE* history) noexcept;
void WINAPI RtlUnwind(void* target_frame, void* target_ip, sill::nt::EXCEPTION_RECORD* rec,
                      void* return_value) noexcept;
sill::win::USHORT WINAPI RtlCaptureStackBackTrace(sill::win::ULONG skip, sill::win::ULONG count, void** frames,
                                                  sill::win::ULONG* hash) noexcept;
void* WINAPI RtlPcToFileHeader(void* pc, void** base) noexcept;
void WINAPI RtlRestoreContext(sill::nt::CONTEXT* ctx, sill::nt::EXCEPTION_RECORD* rec) noexcept;
sill::win::LONG WINAPI __C_specific_handler(sill::nt::EXCEPTION_RECORD* rec, void* establisher_frame,
                                            sill::nt::CONTEXT* ctx, sill::nt::DISPATCHER_CONTEXT* dispatch) noexcept;
void* WINAPI RtlAddVectoredExceptionHandler(sill::win::ULONG first, sill::nt::VECTORED_EXCEPTION_HANDLER h) noexcept;
sill::win::ULONG WINAPI RtlRemoveVectoredExceptionHandler(void* handle) noexcept;
void* WINAPI RtlAddVectoredContinueHandler(sill::win::ULONG first, sill::nt::VECTORED_EXCEPTION_HANDLER h) noexcept;
sill::win::ULONG WINAPI RtlRemoveVectoredContinueHandler(void* handle) noexcept;
}
