// threadpoolapi.h: the default thread pool's work, timer and wait objects, simple callbacks,
// QueueUserWorkItem and the callback-instance helpers (threadpoolapi.cpp).
#pragma once
#include <cstddef>

#include "win32/kernel32/kernel32.h"

namespace sill::kernel32 {

// Opaque to programs; Sill's objects behind the pointers live in threadpoolapi.cpp.
struct TpObject;
struct TpInstance;
using PTP_WORK = TpObject*;
using PTP_TIMER = TpObject*;
using PTP_WAIT = TpObject*;
using PTP_CALLBACK_INSTANCE = TpInstance*;

// TP_CALLBACK_ENVIRON_V3 (winnt.h): read only to say what is ignored.
struct TP_CALLBACK_ENVIRON {
  DWORD Version;
  void* Pool;
  void* CleanupGroup;
  void* CleanupGroupCancelCallback;
  void* RaceDll;
  void* ActivationContext;
  void* FinalizationCallback;
  DWORD Flags;
  DWORD CallbackPriority;
  DWORD Size;
};
static_assert(offsetof(TP_CALLBACK_ENVIRON, Pool) == 8 && offsetof(TP_CALLBACK_ENVIRON, FinalizationCallback) == 48);

using PTP_SIMPLE_CALLBACK = void(WINAPI*)(PTP_CALLBACK_INSTANCE, void* context);
using PTP_WORK_CALLBACK = void(WINAPI*)(PTP_CALLBACK_INSTANCE, void* context, PTP_WORK);
using PTP_TIMER_CALLBACK = void(WINAPI*)(PTP_CALLBACK_INSTANCE, void* context, PTP_TIMER);
using PTP_WAIT_CALLBACK = void(WINAPI*)(PTP_CALLBACK_INSTANCE, void* context, PTP_WAIT, DWORD wait_result);

PTP_WORK WINAPI CreateThreadpoolWork(PTP_WORK_CALLBACK callback, void* context, TP_CALLBACK_ENVIRON* env) noexcept;
void WINAPI SubmitThreadpoolWork(PTP_WORK work) noexcept;
void WINAPI WaitForThreadpoolWorkCallbacks(PTP_WORK work, BOOL cancel_pending) noexcept;
void WINAPI CloseThreadpoolWork(PTP_WORK work) noexcept;
BOOL WINAPI TrySubmitThreadpoolCallback(PTP_SIMPLE_CALLBACK callback, void* context, TP_CALLBACK_ENVIRON* env) noexcept;

PTP_TIMER WINAPI CreateThreadpoolTimer(PTP_TIMER_CALLBACK callback, void* context, TP_CALLBACK_ENVIRON* env) noexcept;
void WINAPI SetThreadpoolTimer(PTP_TIMER timer, FILETIME* due, DWORD period_ms, DWORD window_ms) noexcept;
BOOL WINAPI SetThreadpoolTimerEx(PTP_TIMER timer, FILETIME* due, DWORD period_ms, DWORD window_ms) noexcept;
BOOL WINAPI IsThreadpoolTimerSet(PTP_TIMER timer) noexcept;
void WINAPI WaitForThreadpoolTimerCallbacks(PTP_TIMER timer, BOOL cancel_pending) noexcept;
void WINAPI CloseThreadpoolTimer(PTP_TIMER timer) noexcept;

PTP_WAIT WINAPI CreateThreadpoolWait(PTP_WAIT_CALLBACK callback, void* context, TP_CALLBACK_ENVIRON* env) noexcept;
void WINAPI SetThreadpoolWait(PTP_WAIT wait, HANDLE h, FILETIME* timeout) noexcept;
BOOL WINAPI SetThreadpoolWaitEx(PTP_WAIT wait, HANDLE h, FILETIME* timeout, void* reserved) noexcept;
void WINAPI WaitForThreadpoolWaitCallbacks(PTP_WAIT wait, BOOL cancel_pending) noexcept;
void WINAPI CloseThreadpoolWait(PTP_WAIT wait) noexcept;

BOOL WINAPI QueueUserWorkItem(THREAD_START_ROUTINE function, void* context, ULONG flags) noexcept;

void WINAPI SetEventWhenCallbackReturns(PTP_CALLBACK_INSTANCE instance, HANDLE event) noexcept;
void WINAPI ReleaseSemaphoreWhenCallbackReturns(PTP_CALLBACK_INSTANCE instance, HANDLE semaphore, DWORD count) noexcept;
void WINAPI ReleaseMutexWhenCallbackReturns(PTP_CALLBACK_INSTANCE instance, HANDLE mutex) noexcept;
void WINAPI LeaveCriticalSectionWhenCallbackReturns(PTP_CALLBACK_INSTANCE instance, CRITICAL_SECTION* cs) noexcept;
void WINAPI FreeLibraryWhenCallbackReturns(PTP_CALLBACK_INSTANCE instance, HMODULE module) noexcept;
BOOL WINAPI CallbackMayRunLong(PTP_CALLBACK_INSTANCE instance) noexcept;
void WINAPI DisassociateCurrentThreadFromCallback(PTP_CALLBACK_INSTANCE instance) noexcept;

}  // namespace sill::kernel32
