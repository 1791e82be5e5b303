// Declarations of Sill's ntdll exports (Windows signatures). kernel32 and other
// built-ins call these directly as C++ functions.
#pragma once
#include "base/wintypes.h"
#include "ntdll/context.h"
#include "ntdll/nt_structs.h"

namespace sill::ntdll {

using namespace sill::win;

struct RTL_CRITICAL_SECTION {
  void* DebugInfo;
  LONG LockCount;       // -1 free; otherwise 0 + number of waiters and recursions
  LONG RecursionCount;
  HANDLE OwningThread;  // thread id
  HANDLE LockSemaphore; // low 32 bits: Sill's futex word (a handoff count)
  ULONG_PTR SpinCount;
};
static_assert(sizeof(RTL_CRITICAL_SECTION) == 40);
static_assert(offsetof(RTL_CRITICAL_SECTION, OwningThread) == 16);

struct RTL_SRWLOCK { void* Ptr; };
struct RTL_CONDITION_VARIABLE { void* Ptr; };
union RTL_RUN_ONCE { void* Ptr; };
using PRTL_RUN_ONCE_INIT_FN = ULONG(WINAPI*)(RTL_RUN_ONCE*, void*, void**);

struct IO_STATUS_BLOCK {
  union {
    NTSTATUS Status;
    void* Pointer;
  };
  ULONG_PTR Information;
};
static_assert(sizeof(IO_STATUS_BLOCK) == 16);

struct OBJECT_ATTRIBUTES {
  ULONG Length;
  HANDLE RootDirectory;
  UNICODE_STRING* ObjectName;
  ULONG Attributes;
  void* SecurityDescriptor;
  void* SecurityQualityOfService;
};
static_assert(sizeof(OBJECT_ATTRIBUTES) == 48);

struct RTL_OSVERSIONINFOW {
  ULONG dwOSVersionInfoSize;
  ULONG dwMajorVersion;
  ULONG dwMinorVersion;
  ULONG dwBuildNumber;
  ULONG dwPlatformId;
  WCHAR szCSDVersion[128];
};
struct RTL_OSVERSIONINFOEXW : RTL_OSVERSIONINFOW {
  USHORT wServicePackMajor;
  USHORT wServicePackMinor;
  USHORT wSuiteMask;
  UCHAR wProductType;
  UCHAR wReserved;
};
static_assert(sizeof(RTL_OSVERSIONINFOW) == 276 && sizeof(RTL_OSVERSIONINFOEXW) == 284);

struct MEMORY_BASIC_INFORMATION {
  void* BaseAddress;
  void* AllocationBase;
  DWORD AllocationProtect;
  WORD PartitionId;
  SIZE_T RegionSize;
  DWORD State;
  DWORD Protect;
  DWORD Type;
};
static_assert(sizeof(MEMORY_BASIC_INFORMATION) == 48 && offsetof(MEMORY_BASIC_INFORMATION, RegionSize) == 24);

// Status and errors
ULONG WINAPI RtlNtStatusToDosError(NTSTATUS status) noexcept;
ULONG WINAPI RtlGetLastWin32Error() noexcept;
void WINAPI RtlSetLastWin32Error(ULONG error) noexcept;
NTSTATUS WINAPI RtlGetLastNtStatus() noexcept;

// Process and thread
nt::PEB* WINAPI RtlGetCurrentPeb() noexcept;
nt::TEB* WINAPI NtCurrentTeb() noexcept;
NTSTATUS WINAPI RtlGetVersion(RTL_OSVERSIONINFOW* info) noexcept;
void WINAPI RtlGetNtVersionNumbers(ULONG* major, ULONG* minor, ULONG* build) noexcept;

// Critical sections, SRW locks, condition variables, run-once
NTSTATUS WINAPI RtlInitializeCriticalSection(RTL_CRITICAL_SECTION* cs) noexcept;
NTSTATUS WINAPI RtlInitializeCriticalSectionAndSpinCount(RTL_CRITICAL_SECTION* cs, ULONG spin) noexcept;
NTSTATUS WINAPI RtlInitializeCriticalSectionEx(RTL_CRITICAL_SECTION* cs, ULONG spin, ULONG flags) noexcept;
NTSTATUS WINAPI RtlDeleteCriticalSection(RTL_CRITICAL_SECTION* cs) noexcept;
NTSTATUS WINAPI RtlEnterCriticalSection(RTL_CRITICAL_SECTION* cs) noexcept;
BOOL WINAPI RtlTryEnterCriticalSection(RTL_CRITICAL_SECTION* cs) noexcept;
NTSTATUS WINAPI RtlLeaveCriticalSection(RTL_CRITICAL_SECTION* cs) noexcept;
ULONG WINAPI RtlSetCriticalSectionSpinCount(RTL_CRITICAL_SECTION* cs, ULONG spin) noexcept;
BOOL WINAPI RtlIsCriticalSectionLockedByThread(RTL_CRITICAL_SECTION* cs) noexcept;

void WINAPI RtlInitializeSRWLock(RTL_SRWLOCK* lock) noexcept;
void WINAPI RtlAcquireSRWLockExclusive(RTL_SRWLOCK* lock) noexcept;
void WINAPI RtlAcquireSRWLockShared(RTL_SRWLOCK* lock) noexcept;
void WINAPI RtlReleaseSRWLockExclusive(RTL_SRWLOCK* lock) noexcept;
void WINAPI RtlReleaseSRWLockShared(RTL_SRWLOCK* lock) noexcept;
BOOLEAN WINAPI RtlTryAcquireSRWLockExclusive(RTL_SRWLOCK* lock) noexcept;
BOOLEAN WINAPI RtlTryAcquireSRWLockShared(RTL_SRWLOCK* lock) noexcept;
void WINAPI RtlInitializeConditionVariable(RTL_CONDITION_VARIABLE* cv) noexcept;
void WINAPI RtlWakeConditionVariable(RTL_CONDITION_VARIABLE* cv) noexcept;
void WINAPI RtlWakeAllConditionVariable(RTL_CONDITION_VARIABLE* cv) noexcept;
// timeout: NT relative time (negative 100 ns units) or nullptr for infinite.
NTSTATUS WINAPI RtlSleepConditionVariableCS(RTL_CONDITION_VARIABLE* cv, RTL_CRITICAL_SECTION* cs,
                                            const LARGE_INTEGER* timeout) noexcept;
NTSTATUS WINAPI RtlSleepConditionVariableSRW(RTL_CONDITION_VARIABLE* cv, RTL_SRWLOCK* lock,
                                             const LARGE_INTEGER* timeout, ULONG flags) noexcept;
void WINAPI RtlRunOnceInitialize(RTL_RUN_ONCE* once) noexcept;
NTSTATUS WINAPI RtlRunOnceExecuteOnce(RTL_RUN_ONCE* once, PRTL_RUN_ONCE_INIT_FN fn, void* param,
                                      void** context) noexcept;
NTSTATUS WINAPI RtlRunOnceBeginInitialize(RTL_RUN_ONCE* once, ULONG flags, void** context) noexcept;
NTSTATUS WINAPI RtlRunOnceComplete(RTL_RUN_ONCE* once, ULONG flags, void* context) noexcept;

// Heaps
void* WINAPI RtlCreateHeap(ULONG flags, void* base, SIZE_T reserve, SIZE_T commit, void* lock,
                           void* params) noexcept;
void* WINAPI RtlDestroyHeap(void* heap) noexcept;
void* WINAPI RtlAllocateHeap(void* heap, ULONG flags, SIZE_T size) noexcept;
BOOLEAN WINAPI RtlFreeHeap(void* heap, ULONG flags, void* p) noexcept;
void* WINAPI RtlReAllocateHeap(void* heap, ULONG flags, void* p, SIZE_T size) noexcept;
SIZE_T WINAPI RtlSizeHeap(void* heap, ULONG flags, const void* p) noexcept;
BOOLEAN WINAPI RtlValidateHeap(void* heap, ULONG flags, const void* p) noexcept;

// Strings
void WINAPI RtlInitUnicodeString(UNICODE_STRING* s, const WCHAR* src) noexcept;
void WINAPI RtlInitAnsiString(ANSI_STRING* s, const char* src) noexcept;
void WINAPI RtlFreeUnicodeString(UNICODE_STRING* s) noexcept;
void WINAPI RtlFreeAnsiString(ANSI_STRING* s) noexcept;
NTSTATUS WINAPI RtlUnicodeStringToAnsiString(ANSI_STRING* dst, const UNICODE_STRING* src, BOOLEAN alloc) noexcept;
NTSTATUS WINAPI RtlAnsiStringToUnicodeString(UNICODE_STRING* dst, const ANSI_STRING* src, BOOLEAN alloc) noexcept;

// Memory blocks
void WINAPI RtlMoveMemory(void* dst, const void* src, SIZE_T n) noexcept;
void WINAPI RtlCopyMemory(void* dst, const void* src, SIZE_T n) noexcept;
void WINAPI RtlZeroMemory(void* dst, SIZE_T n) noexcept;
void WINAPI RtlFillMemory(void* dst, SIZE_T n, BYTE value) noexcept;
SIZE_T WINAPI RtlCompareMemory(const void* a, const void* b, SIZE_T n) noexcept;

// Virtual memory
NTSTATUS WINAPI NtAllocateVirtualMemory(HANDLE process, void** base, ULONG_PTR zero_bits, SIZE_T* size,
                                        ULONG type, ULONG protect) noexcept;
NTSTATUS WINAPI NtFreeVirtualMemory(HANDLE process, void** base, SIZE_T* size, ULONG type) noexcept;
NTSTATUS WINAPI NtProtectVirtualMemory(HANDLE process, void** base, SIZE_T* size, ULONG protect,
                                       ULONG* old_protect) noexcept;
NTSTATUS WINAPI NtQueryVirtualMemory(HANDLE process, const void* addr, int info_class, void* info,
                                     SIZE_T len, SIZE_T* ret_len) noexcept;

// Time
NTSTATUS WINAPI NtQuerySystemTime(LARGE_INTEGER* time) noexcept;
NTSTATUS WINAPI NtQueryPerformanceCounter(LARGE_INTEGER* counter, LARGE_INTEGER* frequency) noexcept;
BOOL WINAPI RtlQueryPerformanceCounter(LARGE_INTEGER* counter) noexcept;
BOOL WINAPI RtlQueryPerformanceFrequency(LARGE_INTEGER* frequency) noexcept;
NTSTATUS WINAPI NtDelayExecution(BOOLEAN alertable, const LARGE_INTEGER* timeout) noexcept;
NTSTATUS WINAPI NtYieldExecution() noexcept;

// Files and handles
NTSTATUS WINAPI NtClose(HANDLE h) noexcept;
NTSTATUS WINAPI NtCreateFile(HANDLE* handle, ULONG access, OBJECT_ATTRIBUTES* attr, IO_STATUS_BLOCK* io,
                             LARGE_INTEGER* alloc_size, ULONG attributes, ULONG share, ULONG disposition,
                             ULONG options, void* ea, ULONG ea_len) noexcept;
NTSTATUS WINAPI NtOpenFile(HANDLE* handle, ULONG access, OBJECT_ATTRIBUTES* attr, IO_STATUS_BLOCK* io,
                           ULONG share, ULONG options) noexcept;
NTSTATUS WINAPI NtReadFile(HANDLE h, HANDLE event, void* apc, void* apc_ctx, IO_STATUS_BLOCK* io, void* buf,
                           ULONG len, LARGE_INTEGER* offset, ULONG* key) noexcept;
NTSTATUS WINAPI NtWriteFile(HANDLE h, HANDLE event, void* apc, void* apc_ctx, IO_STATUS_BLOCK* io,
                            const void* buf, ULONG len, LARGE_INTEGER* offset, ULONG* key) noexcept;
NTSTATUS WINAPI NtQueryInformationFile(HANDLE h, IO_STATUS_BLOCK* io, void* info, ULONG len,
                                       int info_class) noexcept;
NTSTATUS WINAPI NtFlushBuffersFile(HANDLE h, IO_STATUS_BLOCK* io) noexcept;

// Named pipes and cancelling I/O (nt_named_pipe.cpp)
NTSTATUS WINAPI NtCancelIoFileEx(HANDLE h, IO_STATUS_BLOCK* request, IO_STATUS_BLOCK* io) noexcept;
NTSTATUS WINAPI NtCreateNamedPipeFile(HANDLE* handle, ULONG access, OBJECT_ATTRIBUTES* attr, IO_STATUS_BLOCK* io,
                                      ULONG share, ULONG disposition, ULONG options, ULONG pipe_type,
                                      ULONG read_mode, ULONG completion_mode, ULONG max_instances,
                                      ULONG inbound_quota, ULONG outbound_quota,
                                      LARGE_INTEGER* default_timeout) noexcept;
// Device requests (nt_device_io.cpp): no driver answers them yet.
NTSTATUS WINAPI NtDeviceIoControlFile(HANDLE h, HANDLE event, void* apc, void* apc_ctx, IO_STATUS_BLOCK* io,
                                      ULONG code, void* in, ULONG in_len, void* out, ULONG out_len) noexcept;

// Threads: suspension and registers (thread_suspend*.cpp)
NTSTATUS WINAPI NtGetContextThread(HANDLE thread, nt::CONTEXT* ctx) noexcept;
NTSTATUS WINAPI NtResumeThread(HANDLE thread, ULONG* previous_count) noexcept;
NTSTATUS WINAPI NtSetContextThread(HANDLE thread, const nt::CONTEXT* ctx) noexcept;
NTSTATUS WINAPI NtSuspendThread(HANDLE thread, ULONG* previous_count) noexcept;

// I/O completion ports (nt_io_completion.cpp)
struct FILE_IO_COMPLETION_INFORMATION {
  ULONG_PTR KeyContext;
  ULONG_PTR ApcContext;
  IO_STATUS_BLOCK IoStatusBlock;
};
static_assert(sizeof(FILE_IO_COMPLETION_INFORMATION) == 32);
NTSTATUS WINAPI NtCreateIoCompletion(HANDLE* handle, ULONG access, OBJECT_ATTRIBUTES* attr, ULONG threads) noexcept;
NTSTATUS WINAPI NtSetIoCompletion(HANDLE port, ULONG_PTR key, ULONG_PTR apc_context, NTSTATUS status,
                                  ULONG_PTR information) noexcept;
NTSTATUS WINAPI NtRemoveIoCompletion(HANDLE port, ULONG_PTR* key, ULONG_PTR* apc_context, IO_STATUS_BLOCK* io,
                                     LARGE_INTEGER* timeout) noexcept;
NTSTATUS WINAPI NtRemoveIoCompletionEx(HANDLE port, FILE_IO_COMPLETION_INFORMATION* info, ULONG count,
                                       ULONG* removed, LARGE_INTEGER* timeout, BOOLEAN alertable) noexcept;
// An NT timeout (negative: relative, 100 ns units; positive: absolute; null: forever) in
// milliseconds for the wait engine (rtl_sync.cpp).
DWORD timeout_ms(const LARGE_INTEGER* t);

}  // namespace sill::ntdll
