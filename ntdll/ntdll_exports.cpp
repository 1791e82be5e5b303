// The export table of ntdll.dll: the one list of what Sill's ntdll provides.
// Each block below is kept by the people working on that area; keep entries
// sorted by name inside a block.
#include "loader/builtin_dll.h"
#include "ntdll/ntdll_api.h"  // NT core exports
#include "ntdll/exception.h"
#include "ntdll/registry_api.h"  // registry

namespace sill::builtin {

namespace {
const loader::Export exports[] = {
    // ---- NT core: objects, files, paths, memory, strings, environment (NT-core helper) ----
    // (entries go here, sorted by name within the block)
    SILL_EXPORT_AS("NtAllocateVirtualMemory", ntdll::NtAllocateVirtualMemory),
    SILL_EXPORT_AS("NtClose", ntdll::NtClose),
    SILL_EXPORT_AS("NtCreateFile", ntdll::NtCreateFile),
    SILL_EXPORT_AS("NtCurrentTeb", ntdll::NtCurrentTeb),
    SILL_EXPORT_AS("NtDelayExecution", ntdll::NtDelayExecution),
    SILL_EXPORT_AS("NtDeviceIoControlFile", ntdll::NtDeviceIoControlFile),
    SILL_EXPORT_AS("NtFlushBuffersFile", ntdll::NtFlushBuffersFile),
    SILL_EXPORT_AS("NtFreeVirtualMemory", ntdll::NtFreeVirtualMemory),
    SILL_EXPORT_AS("NtOpenFile", ntdll::NtOpenFile),
    SILL_EXPORT_AS("NtProtectVirtualMemory", ntdll::NtProtectVirtualMemory),
    SILL_EXPORT_AS("NtQueryInformationFile", ntdll::NtQueryInformationFile),
    SILL_EXPORT_AS("NtQueryPerformanceCounter", ntdll::NtQueryPerformanceCounter),
    SILL_EXPORT_AS("NtQuerySystemTime", ntdll::NtQuerySystemTime),
    SILL_EXPORT_AS("NtQueryVirtualMemory", ntdll::NtQueryVirtualMemory),
    SILL_EXPORT_AS("NtReadFile", ntdll::NtReadFile),
    SILL_EXPORT_AS("NtWriteFile", ntdll::NtWriteFile),
    SILL_EXPORT_AS("NtYieldExecution", ntdll::NtYieldExecution),
    SILL_EXPORT_AS("RtlAcquireSRWLockExclusive", ntdll::RtlAcquireSRWLockExclusive),
    SILL_EXPORT_AS("RtlAcquireSRWLockShared", ntdll::RtlAcquireSRWLockShared),
    SILL_EXPORT_AS("RtlAllocateHeap", ntdll::RtlAllocateHeap),
    SILL_EXPORT_AS("RtlAnsiStringToUnicodeString", ntdll::RtlAnsiStringToUnicodeString),
    SILL_EXPORT_AS("RtlCompareMemory", ntdll::RtlCompareMemory),
    SILL_EXPORT_AS("RtlCreateHeap", ntdll::RtlCreateHeap),
    SILL_EXPORT_AS("RtlDeleteCriticalSection", ntdll::RtlDeleteCriticalSection),
    SILL_EXPORT_AS("RtlDestroyHeap", ntdll::RtlDestroyHeap),
    SILL_EXPORT_AS("RtlEnterCriticalSection", ntdll::RtlEnterCriticalSection),
    SILL_EXPORT_AS("RtlFillMemory", ntdll::RtlFillMemory),
    SILL_EXPORT_AS("RtlFreeAnsiString", ntdll::RtlFreeAnsiString),
    SILL_EXPORT_AS("RtlFreeHeap", ntdll::RtlFreeHeap),
    SILL_EXPORT_AS("RtlFreeUnicodeString", ntdll::RtlFreeUnicodeString),
    SILL_EXPORT_AS("RtlGetCurrentPeb", ntdll::RtlGetCurrentPeb),
    SILL_EXPORT_AS("RtlGetLastNtStatus", ntdll::RtlGetLastNtStatus),
    SILL_EXPORT_AS("RtlGetLastWin32Error", ntdll::RtlGetLastWin32Error),
    SILL_EXPORT_AS("RtlGetNtVersionNumbers", ntdll::RtlGetNtVersionNumbers),
    SILL_EXPORT_AS("RtlGetVersion", ntdll::RtlGetVersion),
    SILL_EXPORT_AS("RtlInitAnsiString", ntdll::RtlInitAnsiString),
    SILL_EXPORT_AS("RtlInitUnicodeString", ntdll::RtlInitUnicodeString),
    SILL_EXPORT_AS("RtlInitializeConditionVariable", ntdll::RtlInitializeConditionVariable),
    SILL_EXPORT_AS("RtlInitializeCriticalSection", ntdll::RtlInitializeCriticalSection),
    SILL_EXPORT_AS("RtlInitializeCriticalSectionAndSpinCount", ntdll::RtlInitializeCriticalSectionAndSpinCount),
    SILL_EXPORT_AS("RtlInitializeCriticalSectionEx", ntdll::RtlInitializeCriticalSectionEx),
    SILL_EXPORT_AS("RtlInitializeSRWLock", ntdll::RtlInitializeSRWLock),
    SILL_EXPORT_AS("RtlIsCriticalSectionLockedByThread", ntdll::RtlIsCriticalSectionLockedByThread),
    SILL_EXPORT_AS("RtlLeaveCriticalSection", ntdll::RtlLeaveCriticalSection),
    SILL_EXPORT_AS("RtlMoveMemory", ntdll::RtlMoveMemory),
    SILL_EXPORT_AS("RtlNtStatusToDosError", ntdll::RtlNtStatusToDosError),
    SILL_EXPORT_AS("RtlQueryPerformanceCounter", ntdll::RtlQueryPerformanceCounter),
    SILL_EXPORT_AS("RtlQueryPerformanceFrequency", ntdll::RtlQueryPerformanceFrequency),
    SILL_EXPORT_AS("RtlReAllocateHeap", ntdll::RtlReAllocateHeap),
    SILL_EXPORT_AS("RtlReleaseSRWLockExclusive", ntdll::RtlReleaseSRWLockExclusive),
    SILL_EXPORT_AS("RtlReleaseSRWLockShared", ntdll::RtlReleaseSRWLockShared),
    SILL_EXPORT_AS("RtlRunOnceBeginInitialize", ntdll::RtlRunOnceBeginInitialize),
    SILL_EXPORT_AS("RtlRunOnceComplete", ntdll::RtlRunOnceComplete),
    SILL_EXPORT_AS("RtlRunOnceExecuteOnce", ntdll::RtlRunOnceExecuteOnce),
    SILL_EXPORT_AS("RtlRunOnceInitialize", ntdll::RtlRunOnceInitialize),
    SILL_EXPORT_AS("RtlSetCriticalSectionSpinCount", ntdll::RtlSetCriticalSectionSpinCount),
    SILL_EXPORT_AS("RtlSetLastWin32Error", ntdll::RtlSetLastWin32Error),
    SILL_EXPORT_AS("RtlSizeHeap", ntdll::RtlSizeHeap),
    SILL_EXPORT_AS("RtlSleepConditionVariableCS", ntdll::RtlSleepConditionVariableCS),
    SILL_EXPORT_AS("RtlSleepConditionVariableSRW", ntdll::RtlSleepConditionVariableSRW),
    SILL_EXPORT_AS("RtlTryAcquireSRWLockExclusive", ntdll::RtlTryAcquireSRWLockExclusive),
    SILL_EXPORT_AS("RtlTryAcquireSRWLockShared", ntdll::RtlTryAcquireSRWLockShared),
    SILL_EXPORT_AS("RtlTryEnterCriticalSection", ntdll::RtlTryEnterCriticalSection),
    SILL_EXPORT_AS("RtlUnicodeStringToAnsiString", ntdll::RtlUnicodeStringToAnsiString),
    SILL_EXPORT_AS("RtlValidateHeap", ntdll::RtlValidateHeap),
    SILL_EXPORT_AS("RtlWakeAllConditionVariable", ntdll::RtlWakeAllConditionVariable),
    SILL_EXPORT_AS("RtlWakeConditionVariable", ntdll::RtlWakeConditionVariable),
    SILL_EXPORT_AS("RtlZeroMemory", ntdll::RtlZeroMemory),

    // ---- Registry (ntdll/registry_*.cpp) ----
    SILL_EXPORT_AS("NtCreateKey", ntdll::NtCreateKey),
    SILL_EXPORT_AS("NtDeleteKey", ntdll::NtDeleteKey),
    SILL_EXPORT_AS("NtDeleteValueKey", ntdll::NtDeleteValueKey),
    SILL_EXPORT_AS("NtEnumerateKey", ntdll::NtEnumerateKey),
    SILL_EXPORT_AS("NtEnumerateValueKey", ntdll::NtEnumerateValueKey),
    SILL_EXPORT_AS("NtFlushKey", ntdll::NtFlushKey),
    SILL_EXPORT_AS("NtNotifyChangeKey", ntdll::NtNotifyChangeKey),
    SILL_EXPORT_AS("NtOpenKey", ntdll::NtOpenKey),
    SILL_EXPORT_AS("NtOpenKeyEx", ntdll::NtOpenKeyEx),
    SILL_EXPORT_AS("NtQueryKey", ntdll::NtQueryKey),
    SILL_EXPORT_AS("NtQueryValueKey", ntdll::NtQueryValueKey),
    SILL_EXPORT_AS("NtRenameKey", ntdll::NtRenameKey),
    SILL_EXPORT_AS("NtSetValueKey", ntdll::NtSetValueKey),
    // ---- I/O completion ports (pipes helper) ----
    SILL_EXPORT_AS("NtCreateIoCompletion", ntdll::NtCreateIoCompletion),
    SILL_EXPORT_AS("NtRemoveIoCompletion", ntdll::NtRemoveIoCompletion),
    SILL_EXPORT_AS("NtRemoveIoCompletionEx", ntdll::NtRemoveIoCompletionEx),
    SILL_EXPORT_AS("NtSetIoCompletion", ntdll::NtSetIoCompletion),
    // ---- Named pipes and cancelling I/O, what Rust's std loads (integration) ----
    SILL_EXPORT_AS("NtCancelIoFileEx", ntdll::NtCancelIoFileEx),
    SILL_EXPORT_AS("NtCreateNamedPipeFile", ntdll::NtCreateNamedPipeFile),
    // ---- Go runtime: thread suspension and contexts, what Go programs load (Go helper) ----
    // (entries go here, sorted by name within the block)
    SILL_EXPORT_AS("NtGetContextThread", ntdll::NtGetContextThread),
    SILL_EXPORT_AS("NtResumeThread", ntdll::NtResumeThread),
    SILL_EXPORT_AS("NtSetContextThread", ntdll::NtSetContextThread),
    SILL_EXPORT_AS("NtSuspendThread", ntdll::NtSuspendThread),

    // ---- Exceptions and unwinding (SEH helper) ----
    // (entries go here, sorted by name within the block)
    SILL_EXPORT(RtlAddFunctionTable),
    SILL_EXPORT(RtlAddVectoredContinueHandler),
    SILL_EXPORT(RtlAddVectoredExceptionHandler),
    SILL_EXPORT(RtlCaptureContext),
    SILL_EXPORT(RtlCaptureStackBackTrace),
    SILL_EXPORT(RtlDeleteFunctionTable),
    SILL_EXPORT(RtlInstallFunctionTableCallback),
    SILL_EXPORT(RtlLookupFunctionEntry),
    SILL_EXPORT(RtlPcToFileHeader),
    SILL_EXPORT(RtlRaiseException),
    SILL_EXPORT(RtlRemoveVectoredContinueHandler),
    SILL_EXPORT(RtlRemoveVectoredExceptionHandler),
    SILL_EXPORT(RtlRestoreContext),
    SILL_EXPORT(RtlUnwind),
    SILL_EXPORT(RtlUnwindEx),
    SILL_EXPORT(RtlVirtualUnwind),
    SILL_EXPORT(__C_specific_handler),

};
}  // namespace

extern const loader::BuiltinDll ntdll_dll;
const loader::BuiltinDll ntdll_dll{"ntdll.dll", exports};

}  // namespace sill::builtin
