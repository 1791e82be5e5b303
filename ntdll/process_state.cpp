// Process start-up state: standard handles, process heap, TLS bitmap, thread registry.
#include "ntdll/process_state.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "ntdll/file.h"
#include "ntdll/handle_inheritance.h"
#include "ntdll/handle_table.h"
#include "ntdll/heap.h"
#include "ntdll/process_internal.h"
#include "ntdll/tls.h"

namespace sill::nt {

namespace {
PEB* g_peb = nullptr;

struct RTL_BITMAP {
  ULONG SizeOfBitMap;
  ULONG* Buffer;
};
RTL_BITMAP g_tls_bitmap;

HANDLE std_handle_for(int fd, DWORD access) {
  if (fcntl(fd, F_GETFD) < 0) return nullptr;
  // A duplicate, so that closing the Windows handle never frees fd 0-2 for reuse
  // by an unrelated open (our own diagnostics write to fd 2).
  int copy = fcntl(fd, F_DUPFD_CLOEXEC, 3);
  if (copy < 0) return nullptr;
  Ref<File> f = file_from_fd(copy, access);
  if (f->is_tty()) f->console_mode = fd == 0 ? 0x1F7 : 0x3;  // Windows 10 conhost defaults
  return handle_table().insert(std::move(f), access, 0);
}
}  // namespace

PEB* process_peb() { return g_peb; }

thread_local constinit DWORD t_current_thread_id = 0;
DWORD WINAPI fetch_thread_id() {
  t_current_thread_id = static_cast<DWORD>(syscall(SYS_gettid));
  return t_current_thread_id;
}
DWORD current_process_id() { return static_cast<DWORD>(getpid()); }

void initialize_process_state(PEB* peb) {
  g_peb = peb;
  // Windows reports a broken pipe as an error from WriteFile, not as a signal.
  signal(SIGPIPE, SIG_IGN);
  peb->ProcessHeap = process_heap();
  g_tls_bitmap = {kTlsMinimumSlots, peb->TlsBitmapBits};
  peb->TlsBitmap = &g_tls_bitmap;
  if (peb->NumberOfProcessors == 0) {
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    peb->NumberOfProcessors = n > 0 ? static_cast<ULONG>(n) : 1;
  }
  if (peb->OSMajorVersion == 0) {
    peb->OSMajorVersion = kWindowsMajor;
    peb->OSMinorVersion = kWindowsMinor;
    peb->OSBuildNumber = kWindowsBuild;
    peb->OSPlatformId = 2;  // VER_PLATFORM_WIN32_NT
  }
  if (RTL_USER_PROCESS_PARAMETERS* params = peb->ProcessParameters) {
    constexpr DWORD rw = GENERIC_READ | GENERIC_WRITE | SYNCHRONIZE | FILE_READ_ATTRIBUTES | FILE_WRITE_ATTRIBUTES;
    // Inherited handles first: they keep the values they have in the parent.
    install_inherited_handles();
    params->StandardInput = std_handle_for(0, rw);
    params->StandardOutput = std_handle_for(1, rw);
    params->StandardError = std_handle_for(2, rw);
  }
  initialize_thread_state(current_teb());
}

void initialize_thread_state(TEB* teb) { tls_register_thread(teb); }
void finalize_thread_state(TEB* teb) { tls_unregister_thread(teb); }

}  // namespace sill::nt
