// ioapiset.h and fileapi.h, overlapped side: the transfers behind ReadFile/WriteFile on
// overlapped handles, ReadFileEx/WriteFileEx, GetOverlappedResult(Ex), CancelIo(Ex).
#include <sched.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/debug.h"
#include "loader/callback.h"
#include "ntdll/apc.h"
#include "ntdll/handle_table.h"
#include "ntdll/named_pipe.h"
#include "ntdll/process_internal.h"
#include "win32/kernel32/console.h"
#include "win32/kernel32/kernel32_internal.h"
#include "win32/kernel32/overlapped.h"

SILL_DEFAULT_DEBUG_CHANNEL(file);

namespace sill::kernel32 {

namespace {
void invoke_completion_routine(void* routine, ULONG_PTR context, ULONG_PTR, ULONG_PTR) {
  auto* ov = reinterpret_cast<OVERLAPPED*>(context);
  auto status = static_cast<NTSTATUS>(static_cast<std::uint32_t>(ov->Internal));
  loader::call_program("completion routine", reinterpret_cast<LPOVERLAPPED_COMPLETION_ROUTINE>(routine),
                       static_cast<DWORD>(nt::dos_error_from_status(status)), static_cast<DWORD>(ov->InternalHigh),
                       ov);
}

NTSTATUS load_status(const OVERLAPPED* ov) {
  return static_cast<NTSTATUS>(static_cast<std::uint32_t>(__atomic_load_n(&ov->Internal, __ATOMIC_ACQUIRE)));
}

bool seekable(int fd) {
  struct stat st;
  return fstat(fd, &st) == 0 && !S_ISFIFO(st.st_mode) && !S_ISSOCK(st.st_mode) && !S_ISCHR(st.st_mode);
}

// The offset an OVERLAPPED names, for files that have offsets (0xFFFFFFFF:0xFFFFFFFF: append).
std::optional<std::int64_t> offset_of(const nt::File& f, const OVERLAPPED* ov, bool write) {
  if (!ov || !seekable(f.fd())) return std::nullopt;
  std::int64_t o = (static_cast<std::int64_t>(ov->u.s.OffsetHigh) << 32) | ov->u.s.Offset;
  if (write && o == -1) return static_cast<std::int64_t>(lseek(f.fd(), 0, SEEK_END));
  return o;
}

// Waits for the request reporting to `iosb` (it may be over already). A WAIT_* code.
DWORD wait_request(const ULONG_PTR* iosb, HANDLE event, DWORD ms, bool alertable) {
  if (nt::Ref<nt::IoRequest> r = nt::find_request(iosb)) {
    nt::Waitable* w = r.get();
    return nt::wait_for_objects(std::span<nt::Waitable* const>(&w, 1), false, ms, alertable);
  }
  if (static_cast<NTSTATUS>(static_cast<std::uint32_t>(__atomic_load_n(iosb, __ATOMIC_ACQUIRE))) != nt::STATUS_PENDING)
    return nt::WAIT_OBJECT_0;
  // Not a request of ours (the program set Internal itself): its event is all there is to wait on.
  if (auto e = nt::handle_table().get<nt::Event>(event)) {
    nt::Waitable* w = e->get();
    return nt::wait_for_objects(std::span<nt::Waitable* const>(&w, 1), false, ms, alertable);
  }
  return nt::WAIT_TIMEOUT;
}

// The synchronous transfers of synchronous handles, as ReadFile/WriteFile always did.
NTSTATUS transfer_now(nt::File& f, bool write, void* buf, DWORD len, std::optional<std::int64_t> off,
                      std::size_t* done) {
  *done = 0;
  if (nt::PipeEnd* p = f.pipe_end()) return write ? p->write(buf, len, done) : p->read(buf, len, done);
  if (write) {
    if (f.is_tty() && !off) return console_write_bytes(f, static_cast<const char*>(buf), len, done);
    return nt::write_file(f, buf, len, off, done);
  }
  if (f.is_tty()) return console_read_bytes(f, static_cast<char*>(buf), len, done);
  return nt::read_file(f, buf, len, off, done);
}
}  // namespace

nt::IoTarget overlapped_target(OVERLAPPED* ov) {
  nt::IoTarget t;
  if (!ov) return t;
  t.iosb = &ov->Internal;
  t.context = reinterpret_cast<ULONG_PTR>(ov);
  auto bits = reinterpret_cast<std::uintptr_t>(ov->hEvent);
  t.skip_port = bits & 1;
  if (HANDLE event = reinterpret_cast<HANDLE>(bits & ~std::uintptr_t{1}))
    if (auto e = nt::handle_table().get<nt::Event>(event)) t.event = *e;
  return t;
}

BOOL transfer(const nt::Ref<nt::File>& f, bool write, void* buf, DWORD len, DWORD* count, OVERLAPPED* ov,
              LPOVERLAPPED_COMPLETION_ROUTINE routine) {
  if (count) *count = 0;
  std::optional<std::int64_t> off = offset_of(*f, ov, write);
  std::size_t done = 0;
  NTSTATUS s;
  try {
    if (!f->overlapped && !routine) {
      s = transfer_now(*f, write, buf, len, off, &done);
      if (ov) {
        ov->InternalHigh = done;
        ov->Internal = static_cast<ULONG_PTR>(static_cast<std::uint32_t>(s));
        if (auto e = nt::handle_table().get<nt::Event>(ov->hEvent))
          nt::signal_object(**e, [&] { (*e)->signaled = true; });
      }
    } else {
      ULONG_PTR private_iosb[2] = {0, 0};
      nt::IoTarget t = overlapped_target(ov);
      if (!ov) t.iosb = private_iosb;
      if (routine) {
        // The Ex functions leave hEvent to the program and report through the routine only.
        t.event = {};
        t.apc_invoke = invoke_completion_routine;
        t.apc_routine = reinterpret_cast<void*>(routine);
      }
      s = write ? nt::start_write(f, buf, len, off, std::move(t), &done)
                : nt::start_read(f, buf, len, off, std::move(t), &done);
      if (s == nt::STATUS_PENDING && !ov) {
        // An overlapped handle used synchronously: wait here.
        wait_request(private_iosb, nullptr, INFINITE, false);
        s = static_cast<NTSTATUS>(static_cast<std::uint32_t>(__atomic_load_n(&private_iosb[0], __ATOMIC_ACQUIRE)));
        done = private_iosb[1];
      }
      if (s == nt::STATUS_PENDING) return fail_error(win::ERROR_IO_PENDING, FALSE);
    }
  } catch (...) {
    s = nt::STATUS_NO_MEMORY;
  }
  if (count) *count = static_cast<DWORD>(done);
  if (!nt::nt_success(s)) return fail_status(s, FALSE);
  return TRUE;
}

BOOL WINAPI ReadFileEx(HANDLE h, void* buffer, DWORD to_read, OVERLAPPED* ov,
                       LPOVERLAPPED_COMPLETION_ROUTINE routine) noexcept {
  if (!ov || !routine) return fail_error(win::ERROR_INVALID_PARAMETER, FALSE);
  auto f = nt::handle_table().get<nt::File>(h);
  if (!f) return fail_status(f.error(), FALSE);
  // Pending or done, the routine will run: success either way.
  if (transfer(*f, false, buffer, to_read, nullptr, ov, routine) || nt::last_error() == win::ERROR_IO_PENDING ||
      nt::last_error() == win::ERROR_MORE_DATA)
    return fail_error(win::ERROR_SUCCESS, TRUE);
  return FALSE;
}

BOOL WINAPI WriteFileEx(HANDLE h, const void* buffer, DWORD to_write, OVERLAPPED* ov,
                        LPOVERLAPPED_COMPLETION_ROUTINE routine) noexcept {
  if (!ov || !routine) return fail_error(win::ERROR_INVALID_PARAMETER, FALSE);
  auto f = nt::handle_table().get<nt::File>(h);
  if (!f) return fail_status(f.error(), FALSE);
  if (transfer(*f, true, const_cast<void*>(buffer), to_write, nullptr, ov, routine) ||
      nt::last_error() == win::ERROR_IO_PENDING)
    return fail_error(win::ERROR_SUCCESS, TRUE);
  return FALSE;
}

BOOL WINAPI GetOverlappedResultEx(HANDLE h, OVERLAPPED* ov, DWORD* bytes, DWORD ms, BOOL alertable) noexcept {
  if (!ov || !bytes) return fail_error(win::ERROR_INVALID_PARAMETER, FALSE);
  (void)h;  // the OVERLAPPED says it all; Windows does not check the handle either
  if (load_status(ov) == nt::STATUS_PENDING) {
    if (ms == 0) return fail_error(win::ERROR_IO_INCOMPLETE, FALSE);
    DWORD w;
    try {
      w = wait_request(&ov->Internal, reinterpret_cast<HANDLE>(reinterpret_cast<std::uintptr_t>(ov->hEvent) & ~std::uintptr_t{1}),
                       ms, alertable != 0);
    } catch (...) {
      return fail_error(win::ERROR_NOT_ENOUGH_MEMORY, FALSE);
    }
    if (w == nt::WAIT_IO_COMPLETION) {
      nt::run_user_apcs();
      return fail_error(nt::WAIT_IO_COMPLETION, FALSE);
    }
    if (load_status(ov) == nt::STATUS_PENDING)
      return fail_error(ms == INFINITE ? win::ERROR_IO_INCOMPLETE : win::WAIT_TIMEOUT_ERROR, FALSE);
  }
  *bytes = static_cast<DWORD>(ov->InternalHigh);
  NTSTATUS s = load_status(ov);
  if (!nt::nt_success(s)) return fail_status(s, FALSE);
  return TRUE;
}

BOOL WINAPI GetOverlappedResult(HANDLE h, OVERLAPPED* ov, DWORD* bytes, BOOL wait) noexcept {
  return GetOverlappedResultEx(h, ov, bytes, wait ? INFINITE : 0, FALSE);
}

BOOL WINAPI CancelIo(HANDLE h) noexcept {
  auto f = nt::handle_table().get<nt::File>(h);
  if (!f) return fail_status(f.error(), FALSE);
  try {
    nt::cancel_io(**f, std::nullopt, nt::current_thread_id());
  } catch (...) {
    return fail_error(win::ERROR_NOT_ENOUGH_MEMORY, FALSE);
  }
  return TRUE;
}

BOOL WINAPI CancelIoEx(HANDLE h, OVERLAPPED* ov) noexcept {
  auto f = nt::handle_table().get<nt::File>(h);
  if (!f) return fail_status(f.error(), FALSE);
  NTSTATUS s;
  try {
    std::optional<ULONG_PTR> which;
    if (ov) which = reinterpret_cast<ULONG_PTR>(ov);
    s = nt::cancel_io(**f, which, std::nullopt);
  } catch (...) {
    return fail_error(win::ERROR_NOT_ENOUGH_MEMORY, FALSE);
  }
  if (s != nt::STATUS_SUCCESS) return fail_status(s, FALSE);
  return TRUE;
}

}  // namespace sill::kernel32
