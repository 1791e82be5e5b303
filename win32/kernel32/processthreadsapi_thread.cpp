// CreateThread and friends: a pthread with its own TEB (GS base), registered
// with the loader (TLS blocks, DLL_THREAD_ATTACH) and with ntdll (TLS slots).
//
// A thread lives in one block of memory (ntdll/thread_memory.h): glibc starts it on a small host
// stack, where it gets its TEB and signal stack, then it switches to its Windows stack (sized as
// Windows sizes it, with the overflow guard of ntdll/thread_stack.h) to run DLL notifications and
// the start routine. When it ends it jumps back to the host stack and leaves the block for the
// next thread, so creating a thread usually maps nothing.
#include <asm/prctl.h>
#include <pthread.h>
#include <setjmp.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <atomic>
#include <semaphore>

#include "base/debug.h"
#include "loader/loader_internal.h"
#include "loader/module.h"
#include "ntdll/exception_signals.h"
#include "ntdll/handle_table.h"
#include "ntdll/process_internal.h"
#include "ntdll/process_state.h"
#include "ntdll/sync.h"
#include "ntdll/thread_memory.h"
#include "ntdll/thread_object.h"
#include "ntdll/thread_suspend.h"
#include "ntdll/time.h"
#include "win32/kernel32/kernel32.h"
#include "win32/kernel32/kernel32_internal.h"
#include "win32/kernel32/thread_internal.h"

extern "C" [[noreturn]] void sill_call_on_stack(void (*fn)(void*), void* arg, void* stack_top);

SILL_DEFAULT_DEBUG_CHANNEL(thread);

namespace sill::kernel32 {

namespace {
constexpr DWORD CREATE_SUSPENDED = 0x4, STACK_SIZE_PARAM_IS_A_RESERVATION = 0x10000;

// What the creator hands the new thread; the thread deletes it.
struct StartContext {
  nt::Ref<nt::Thread> thread;
  THREAD_START_ROUTINE start;
  void* parameter;
  nt::ThreadMemory memory;
};

// Set on threads we started.
thread_local jmp_buf* t_host_return = nullptr;  // back to the trampoline, on the host stack
thread_local nt::Thread* t_thread = nullptr;

// Ends the calling thread (one Sill started) wherever it is on its Windows stack: Windows does not
// unwind the program's frames either. TerminateThread skips the DLL notifications.
[[noreturn]] void end_thread(DWORD code, bool notify_dlls) {
  nt::TEB* teb = nt::current_teb();
  nt::Thread& t = *t_thread;
  nt::thread_ended(t);  // SuspendThread fails from here on
  if (notify_dlls) loader::detach_thread();
  // FLS callbacks (finalize_thread_state) before the static TLS blocks go: allocators such as
  // mimalloc read their thread-local data from the callback.
  nt::finalize_thread_state(teb);
  loader::unregister_thread_teb(teb);
  // Before the thread's handle is signaled, as on Windows: a waiter woken by the thread's end
  // finds its mutexes already abandoned.
  nt::abandon_owned_mutexes();
  nt::unregister_thread(t);
  t.exit_time = nt::system_time_now();
  rusage ru;
  if (getrusage(RUSAGE_THREAD, &ru) == 0) {  // GetThreadTimes after the end
    t.final_user_time = (ru.ru_utime.tv_sec * 1000000LL + ru.ru_utime.tv_usec) * 10;
    t.final_kernel_time = (ru.ru_stime.tv_sec * 1000000LL + ru.ru_stime.tv_usec) * 10;
  }
  nt::signal_object(t, [&] {
    t.exit_code = code;
    t.ended = true;
  });
  longjmp(*t_host_return, 1);
}

// On the Windows stack: DLL notifications, the start routine, the end.
[[noreturn]] void run_on_windows_stack(void* arg) {
  auto* ctx = static_cast<StartContext*>(arg);
  THREAD_START_ROUTINE start = ctx->start;
  void* parameter = ctx->parameter;
  nt::TEB* teb = ctx->memory.teb;
  delete ctx;
  loader::register_thread_teb(teb);
  nt::initialize_thread_state(teb);
  loader::attach_thread();
  end_thread(start(parameter), true);
}

void* trampoline(void* arg) {
  auto* ctx = static_cast<StartContext*>(arg);
  // The context keeps the thread object alive until the thread holds its own reference.
  nt::Ref<nt::Thread> thread = ctx->thread;
  const nt::ThreadMemory memory = ctx->memory;
  const DWORD tid = nt::current_thread_id();
  memory.teb->ClientId.UniqueThread = reinterpret_cast<HANDLE>(static_cast<ULONG_PTR>(tid));
  syscall(SYS_arch_prctl, ARCH_SET_GS, memory.teb);
  nt::use_signal_stack(memory.signal_stack);
  nt::register_thread(*thread, tid);
  thread->publish_tid(tid);
  nt::thread_started(*thread);  // SuspendThread can stop it from here on
  nt::wait_while_suspended(*thread);  // CREATE_SUSPENDED

  t_thread = thread.get();
  jmp_buf host_return;
  t_host_return = &host_return;
  if (setjmp(host_return) == 0) sill_call_on_stack(run_on_windows_stack, ctx, memory.stack.top());
  // Back from the Windows stack for good.
  refuse_termination();
  t_host_return = nullptr;
  t_thread = nullptr;
  thread = {};
  // The signal stack stays set: the block is reused only once this thread has exited.
  nt::retire_thread_memory(memory, pthread_self());
  return nullptr;
}
}  // namespace

nt::Ref<nt::Thread> thread_from_handle(HANDLE h, NTSTATUS* status) {
  if (h == nt::current_thread_handle()) {
    if (t_thread) return nt::Ref<nt::Thread>::share(t_thread);
    if (auto t = nt::find_thread(nt::current_thread_id())) return t;
    *status = nt::STATUS_INVALID_HANDLE;
    return {};
  }
  auto t = nt::handle_table().get<nt::Thread>(h);
  if (!t) {
    *status = t.error();
    return {};
  }
  return *t;
}

HANDLE WINAPI CreateThread(SECURITY_ATTRIBUTES* sa, SIZE_T stack_size, THREAD_START_ROUTINE start, void* parameter,
                           DWORD flags, DWORD* thread_id) noexcept {
  if (!start) return fail_error(win::ERROR_INVALID_PARAMETER, nullptr);
  try {
    auto thread = nt::make_object<nt::Thread>();
    thread->run_state = nt::Thread::RunState::NotStarted;
    if (flags & CREATE_SUSPENDED) thread->suspend_count = 1;  // ResumeThread: thread_suspend.cpp
    thread->creation_time = nt::system_time_now();
    const nt::StackSizes sizes = nt::new_thread_stack_sizes(stack_size, flags & STACK_SIZE_PARAM_IS_A_RESERVATION);
    nt::ThreadMemory memory;
    if (!nt::take_thread_memory(sizes.reserve, &memory)) return fail_error(win::ERROR_NOT_ENOUGH_MEMORY, nullptr);
    nt::TEB* teb = memory.teb;
    nt::TEB* self = nt::current_teb();
    teb->Tib.Self = &teb->Tib;
    teb->ProcessEnvironmentBlock = self->ProcessEnvironmentBlock;
    teb->ClientId.UniqueProcess = self->ClientId.UniqueProcess;
    teb->CurrentLocale = self->CurrentLocale;
    auto* ctx = new StartContext{thread, start, parameter, memory};

    pthread_attr_t attr;
    pthread_attr_init(&attr);
    pthread_attr_setstack(&attr, memory.host_stack, memory.host_stack_size);
    pthread_t pt;
    int err = pthread_create(&pt, &attr, trampoline, ctx);
    pthread_attr_destroy(&attr);
    if (err != 0) {
      delete ctx;
      nt::return_thread_memory(memory);
      return fail_error(win::ERROR_NOT_ENOUGH_MEMORY, nullptr);
    }
    // The id is the Linux thread id, which only the new thread knows: wait for it only if asked.
    if (thread_id) *thread_id = thread->tid();
    return nt::handle_table().insert(thread, 0x1FFFFF, (sa && sa->bInheritHandle) ? nt::HANDLE_FLAG_INHERIT : 0);
  } catch (...) {
    return fail_error(win::ERROR_NOT_ENOUGH_MEMORY, nullptr);
  }
}

void WINAPI ExitThread(DWORD code) noexcept {
  if (t_host_return) end_thread(code, true);
  FIXME("ExitThread on a thread Sill did not start (the main thread): ending the process");
  loader::exit_process(code);
}

BOOL WINAPI TerminateThread(HANDLE h, DWORD code) noexcept {
  NTSTATUS status = nt::STATUS_SUCCESS;
  nt::Ref<nt::Thread> t = thread_from_handle(h, &status);
  if (!t) return fail_status(status, FALSE);
  if (t.get() == t_thread) end_thread(code, false);
  if (t->tid() == nt::current_process_id()) {
    // Sill ends a process when its main thread ends, not when its last thread does.
    FIXME("TerminateThread of the main thread ends the process");
    loader::terminate_process(code);
  }
  nt::lock_waits();
  const bool ended = t->ended;
  nt::unlock_waits();
  if (ended) return TRUE;
  NTSTATUS s = stop_other_thread(*t);
  if (!nt::nt_success(s)) return fail_status(s, FALSE);
  nt::unregister_thread(*t);
  nt::signal_object(*t, [&] {
    if (t->ended) return;  // it ended by itself meanwhile, with its own code
    t->exit_time = nt::system_time_now();
    t->exit_code = code;
    t->ended = true;
  });
  return TRUE;
}

BOOL WINAPI GetExitCodeThread(HANDLE h, DWORD* code) noexcept {
  if (h == nt::current_thread_handle()) {
    *code = nt::STILL_ACTIVE;
    return TRUE;
  }
  if (auto child = child_thread_exit_code(h)) return *code = *child, TRUE;  // a child process's thread
  auto t = nt::handle_table().get<nt::Thread>(h);
  if (!t) return fail_status(t.error(), FALSE);
  nt::lock_waits();
  *code = (*t)->exit_code;
  nt::unlock_waits();
  return TRUE;
}

DWORD WINAPI GetThreadId(HANDLE h) noexcept {
  if (h == nt::current_thread_handle()) return nt::current_thread_id();
  if (auto child = child_thread_id(h)) return *child;  // a child process's thread
  auto t = nt::handle_table().get<nt::Thread>(h);
  if (!t) return fail_status(t.error(), DWORD{0});
  return (*t)->tid();
}

}  // namespace sill::kernel32
