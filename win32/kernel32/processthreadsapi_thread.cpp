// CreateThread and friends: a pthread with its own TEB (GS base), registered
// with the loader (TLS blocks, DLL_THREAD_ATTACH) and with ntdll (TLS slots).
#include <asm/prctl.h>
#include <pthread.h>
#include <setjmp.h>
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
#include "win32/kernel32/kernel32.h"
#include "win32/kernel32/kernel32_internal.h"

SILL_DEFAULT_DEBUG_CHANNEL(thread);

namespace sill::kernel32 {

namespace {
constexpr DWORD CREATE_SUSPENDED = 0x4, STACK_SIZE_PARAM_IS_A_RESERVATION = 0x10000;
constexpr DWORD STILL_ACTIVE = 259;

// A thread object: signaled once the thread has ended.
class Thread : public nt::Waitable {
 public:
  static constexpr nt::ObjectType kType = nt::ObjectType::Thread;
  Thread() : Waitable(nt::ObjectType::Thread) {}
  bool is_signaled(DWORD) const override { return ended; }
  bool ended = false;        // under the wait lock
  DWORD exit_code = STILL_ACTIVE;
  DWORD tid = 0;
  std::binary_semaphore resume{0};
  std::atomic<int> suspend_count{0};
};

struct StartContext {
  nt::Ref<Thread> thread;
  THREAD_START_ROUTINE start;
  void* parameter;
  nt::TEB* teb;
  std::binary_semaphore started{0};
};

// Set on threads we started: ExitThread jumps back to the trampoline with it.
thread_local jmp_buf* t_exit_jump = nullptr;
thread_local DWORD t_exit_code = 0;
thread_local Thread* t_thread = nullptr;

void finish_thread(Thread& t, nt::TEB* teb, DWORD code) {
  loader::detach_thread();
  loader::unregister_thread_teb(teb);
  nt::finalize_thread_state(teb);
  // Before the thread's handle is signaled, as on Windows: a waiter woken by the thread's end
  // finds its mutexes already abandoned.
  nt::abandon_owned_mutexes();
  nt::signal_object(t, [&] {
    t.exit_code = code;
    t.ended = true;
  });
  // The TEB stays allocated: the loader's TLS registry keeps a pointer to it.
}

void* trampoline(void* arg) {
  auto* ctx = static_cast<StartContext*>(arg);
  nt::Ref<Thread> thread = ctx->thread;
  nt::TEB* teb = ctx->teb;
  THREAD_START_ROUTINE start = ctx->start;
  void* parameter = ctx->parameter;
  thread->tid = nt::current_thread_id();
  teb->ClientId.UniqueThread = reinterpret_cast<HANDLE>(static_cast<ULONG_PTR>(thread->tid));
  pthread_attr_t attr;
  if (pthread_getattr_np(pthread_self(), &attr) == 0) {
    void* stack;
    size_t size;
    pthread_attr_getstack(&attr, &stack, &size);
    teb->Tib.StackLimit = stack;
    teb->Tib.StackBase = static_cast<char*>(stack) + size;
    teb->DeallocationStack = stack;
    pthread_attr_destroy(&attr);
  }
  syscall(SYS_arch_prctl, ARCH_SET_GS, teb);
  ctx->started.release();  // ctx is the creator's from here on: do not touch it
  if (thread->suspend_count > 0) thread->resume.acquire();

  loader::register_thread_teb(teb);
  nt::initialize_thread_state(teb);
  nt::init_thread_signal_stack();
  loader::attach_thread();
  jmp_buf exit_jump;
  DWORD code;
  t_thread = thread.get();
  if (setjmp(exit_jump) == 0) {
    t_exit_jump = &exit_jump;
    code = start(parameter);
  } else {
    code = t_exit_code;  // ExitThread
  }
  t_exit_jump = nullptr;
  finish_thread(*thread, teb, code);
  return nullptr;
}
}  // namespace

HANDLE WINAPI CreateThread(SECURITY_ATTRIBUTES* sa, SIZE_T stack_size, THREAD_START_ROUTINE start, void* parameter,
                           DWORD flags, DWORD* thread_id) noexcept {
  if (!start) return fail_error(win::ERROR_INVALID_PARAMETER, nullptr);
  try {
    auto thread = nt::make_object<Thread>();
    if (flags & CREATE_SUSPENDED) thread->suspend_count = 1;
    auto* teb = new nt::TEB();
    nt::TEB* self = nt::current_teb();
    teb->Tib.Self = &teb->Tib;
    teb->ProcessEnvironmentBlock = self->ProcessEnvironmentBlock;
    teb->ClientId.UniqueProcess = self->ClientId.UniqueProcess;
    teb->CurrentLocale = self->CurrentLocale;
    StartContext ctx{thread, start, parameter, teb};

    pthread_attr_t attr;
    pthread_attr_init(&attr);
    // Windows' default reservation is 1 MiB; keep at least that.
    std::size_t size = stack_size > (1u << 20) ? stack_size : (1u << 20);
    (void)STACK_SIZE_PARAM_IS_A_RESERVATION;
    pthread_attr_setstacksize(&attr, (size + 0xFFFF) & ~std::size_t{0xFFFF});
    pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
    pthread_t pt;
    int err = pthread_create(&pt, &attr, trampoline, &ctx);
    pthread_attr_destroy(&attr);
    if (err != 0) {
      delete teb;
      return fail_error(win::ERROR_NOT_ENOUGH_MEMORY, nullptr);
    }
    ctx.started.acquire();
    if (thread_id) *thread_id = thread->tid;
    return nt::handle_table().insert(thread, 0x1FFFFF, (sa && sa->bInheritHandle) ? nt::HANDLE_FLAG_INHERIT : 0);
  } catch (...) {
    return fail_error(win::ERROR_NOT_ENOUGH_MEMORY, nullptr);
  }
}

void WINAPI ExitThread(DWORD code) noexcept {
  if (t_exit_jump) {
    t_exit_code = code;
    // Back to our trampoline over the program's frames, which Windows does not unwind either.
    longjmp(*t_exit_jump, 1);
  }
  FIXME("ExitThread on a thread Sill did not start: ending the process");
  loader::exit_process(code);
}

BOOL WINAPI GetExitCodeThread(HANDLE h, DWORD* code) noexcept {
  if (h == nt::current_thread_handle()) {
    *code = STILL_ACTIVE;
    return TRUE;
  }
  if (auto child = child_thread_exit_code(h)) return *code = *child, TRUE;  // a child process's thread
  auto t = nt::handle_table().get<Thread>(h);
  if (!t) return fail_status(t.error(), FALSE);
  nt::lock_waits();
  *code = (*t)->exit_code;
  nt::unlock_waits();
  return TRUE;
}

DWORD WINAPI ResumeThread(HANDLE h) noexcept {
  if (auto child = resume_child_thread(h)) return *child;  // a child process's thread
  auto t = nt::handle_table().get<Thread>(h);
  if (!t) return fail_status(t.error(), DWORD{0xFFFFFFFF});
  int prev = (*t)->suspend_count.load();
  while (prev > 0 && !(*t)->suspend_count.compare_exchange_weak(prev, prev - 1)) {
  }
  if (prev == 1) (*t)->resume.release();
  if (prev > 1) FIXME("nested suspension counts are only honoured at start");
  return static_cast<DWORD>(prev);
}

DWORD WINAPI GetThreadId(HANDLE h) noexcept {
  if (h == nt::current_thread_handle()) return nt::current_thread_id();
  if (auto child = child_thread_id(h)) return *child;  // a child process's thread
  auto t = nt::handle_table().get<Thread>(h);
  if (!t) return fail_status(t.error(), DWORD{0});
  return (*t)->tid;
}

}  // namespace sill::kernel32
