// Process start-up the way MSVC's vcstartup code drives the Universal CRT: it asks the CRT
// to prepare argv and the environment (_configure_*_argv, _initialize_*_environment), reads
// them through __p___argc & co (msvcrt's data, shared), and wraps main in _seh_filter_exe.
#include <cstring>

#include "base/debug.h"
#include "win32/msvcrt/msvcrt.h"
#include "win32/msvcrt/msvcrt_api.h"
#include "win32/ucrtbase/ucrtbase.h"

SILL_DEFAULT_DEBUG_CHANNEL(msvcrt);

namespace sill::ucrtbase {

namespace {

// _crt_argv_mode: 0 none, 1 unexpanded, 2 expanded (wildcards).
int g_argv_mode = 0;

int configure_argv(int mode) {
  if (mode < 0 || mode > 2) {
    msvcrt::set_errno(msvcrt::err::einval);
    return msvcrt::err::einval;
  }
  if (mode == 2) FIXME_ONCE("wildcards in arguments are not expanded\n");
  g_argv_mode = mode;
  msvcrt::initialize_startup_data();
  return 0;
}

// WinMain's command line: the program name (quoted or not) and the blanks after it skipped.
template <class C>
C* after_program_name(C* p) {
  if (!p) return p;
  bool quoted = false;
  for (; *p; ++p) {
    if (*p == C('"')) quoted = !quoted;
    else if (!quoted && (*p == C(' ') || *p == C('\t'))) break;
  }
  while (*p == C(' ') || *p == C('\t')) ++p;
  return p;
}

// Exception codes that C signals stand for (what the UCRT's filter maps).
int signal_for(DWORD code) {
  switch (code) {
    case 0xC0000005:  // STATUS_ACCESS_VIOLATION
      return msvcrt::SIGNAL_SEGV;
    case 0xC000001D:  // STATUS_ILLEGAL_INSTRUCTION
    case 0xC0000096:  // STATUS_PRIVILEGED_INSTRUCTION
      return msvcrt::SIGNAL_ILL;
    case 0xC000008D:  // STATUS_FLOAT_DENORMAL_OPERAND
    case 0xC000008E:  // STATUS_FLOAT_DIVIDE_BY_ZERO
    case 0xC000008F:  // STATUS_FLOAT_INEXACT_RESULT
    case 0xC0000090:  // STATUS_FLOAT_INVALID_OPERATION
    case 0xC0000091:  // STATUS_FLOAT_OVERFLOW
    case 0xC0000092:  // STATUS_FLOAT_STACK_CHECK
    case 0xC0000093:  // STATUS_FLOAT_UNDERFLOW
    case 0xC00002B4:  // STATUS_FLOAT_MULTIPLE_FAULTS
    case 0xC00002B5:  // STATUS_FLOAT_MULTIPLE_TRAPS
      return msvcrt::SIGNAL_FPE;
    default:
      return 0;
  }
}

constexpr int kContinueSearch = 0, kContinueExecution = -1;

}  // namespace

int WINAPI _configure_narrow_argv(int mode) noexcept { return configure_argv(mode); }
int WINAPI _configure_wide_argv(int mode) noexcept { return configure_argv(mode); }
int WINAPI _get_startup_argv_mode() noexcept { return g_argv_mode; }

int WINAPI _initialize_narrow_environment() noexcept {
  msvcrt::initialize_environment();
  return 0;
}

int WINAPI _initialize_wide_environment() noexcept {
  msvcrt::initialize_environment();
  return 0;
}

char** WINAPI _get_initial_narrow_environment() noexcept {
  msvcrt::initialize_environment();
  return msvcrt::initenv_value;
}

wchar** WINAPI _get_initial_wide_environment() noexcept {
  msvcrt::initialize_environment();
  return msvcrt::winitenv_value;
}

char* WINAPI _get_narrow_winmain_command_line() noexcept { return after_program_name(*msvcrt::__p__acmdln()); }
wchar* WINAPI _get_wide_winmain_command_line() noexcept { return after_program_name(*msvcrt::__p__wcmdln()); }

void WINAPI _set_app_type(int type) noexcept { msvcrt::__set_app_type(type); }

// The filter around main: an exception that stands for a C signal with a handler installed
// runs the handler and continues; everything else goes on to the unhandled-exception path.
int WINAPI _seh_filter_exe(DWORD code, void* pointers) noexcept {
  int sig = signal_for(code);
  if (!sig || !msvcrt::signal_handler_installed(sig)) return kContinueSearch;
  msvcrt::raise(sig);
  return kContinueExecution;
}

int WINAPI _seh_filter_dll(DWORD code, void* pointers) noexcept { return _seh_filter_exe(code, pointers); }

}  // namespace sill::ucrtbase
