// Process start-up as mingw-w64's and MSVC's start-up code drive it: the command line
// split into __argv/__wargv with Microsoft's quoting rules, _acmdln/_wcmdln, initializer
// tables (_initterm), and the globals the CRT start-up reads (__set_app_type, _commode).
#include <cstdlib>
#include <cstring>
#include <mutex>
#include <string>
#include <vector>

#include "base/debug.h"
#include "loader/module.h"
#include "win32/kernel32/kernel32.h"
#include "win32/msvcrt/command_line.h"
#include "win32/msvcrt/msvcrt.h"
#include "win32/msvcrt/msvcrt_api.h"

SILL_DEFAULT_DEBUG_CHANNEL(msvcrt);

namespace sill::msvcrt {

namespace k32 = sill::kernel32;

// ---- Exported data (addresses handed out by the export table) ----
char* acmdln = nullptr;
wchar* wcmdln = nullptr;
int argc_value = 0;
char** argv_value = nullptr;
wchar** wargv_value = nullptr;
char* pgmptr = nullptr;
wchar* wpgmptr = nullptr;
int commode = 0;
int app_type = 0;

namespace {

std::once_flag g_args_once;

template <class C>
C** to_argv(const std::vector<std::basic_string<C>>& args) {
  // One allocation: the pointer array followed by the strings, as msvcrt lays it out.
  std::size_t bytes = (args.size() + 1) * sizeof(C*);
  for (const auto& a : args) bytes += (a.size() + 1) * sizeof(C);
  auto** v = static_cast<C**>(std::malloc(bytes));
  if (!v) return nullptr;
  C* text = reinterpret_cast<C*>(v + args.size() + 1);
  for (std::size_t i = 0; i < args.size(); ++i) {
    v[i] = text;
    std::memcpy(text, args[i].data(), args[i].size() * sizeof(C));
    text[args[i].size()] = 0;
    text += args[i].size() + 1;
  }
  v[args.size()] = nullptr;
  return v;
}

void initialize_arguments() {
  std::call_once(g_args_once, [] {
    acmdln = k32::GetCommandLineA();
    wcmdln = k32::GetCommandLineW();
    if (!acmdln) acmdln = const_cast<char*>("");
    if (!wcmdln) wcmdln = const_cast<wchar*>(u"");
    auto args = split_command_line<char>(acmdln);
    auto wargs = split_command_line<wchar>(wcmdln);
    argc_value = static_cast<int>(args.size());
    argv_value = to_argv(args);
    wargv_value = to_argv(wargs);
    const loader::Module* exe = loader::find_module(loader::main_module());
    std::u16string path = exe ? exe->full_name : (wargs.empty() ? std::u16string() : wargs[0]);
    std::string apath = wide_to_ansi(path.c_str());
    wpgmptr = static_cast<wchar*>(std::malloc((path.size() + 1) * sizeof(wchar)));
    if (wpgmptr) std::memcpy(wpgmptr, path.c_str(), (path.size() + 1) * sizeof(wchar));
    pgmptr = static_cast<char*>(std::malloc(apath.size() + 1));
    if (pgmptr) std::memcpy(pgmptr, apath.c_str(), apath.size() + 1);
  });
}

}  // namespace

void initialize_startup_data() {
  initialize_arguments();
  initialize_environment();
  lowio::ensure_std_fds();
}

// ---- Exports ----

int WINAPI __getmainargs(int* argc, char*** argv, char*** env, int expand_wildcards, void* startup) noexcept {
  initialize_startup_data();
  if (expand_wildcards) FIXME_ONCE("wildcards in arguments are not expanded\n");
  if (argc) *argc = argc_value;
  if (argv) *argv = argv_value;
  if (env) *env = environ_value;
  return 0;
}

int WINAPI __wgetmainargs(int* argc, wchar*** argv, wchar*** env, int expand_wildcards, void* startup) noexcept {
  initialize_startup_data();
  if (expand_wildcards) FIXME_ONCE("wildcards in arguments are not expanded\n");
  if (argc) *argc = argc_value;
  if (argv) *argv = wargv_value;
  if (env) *env = wenviron_value;
  return 0;
}

int* WINAPI __p___argc() noexcept {
  initialize_arguments();
  return &argc_value;
}
char*** WINAPI __p___argv() noexcept {
  initialize_arguments();
  return &argv_value;
}
wchar*** WINAPI __p___wargv() noexcept {
  initialize_arguments();
  return &wargv_value;
}
char** WINAPI __p__acmdln() noexcept {
  initialize_arguments();
  return &acmdln;
}
wchar** WINAPI __p__wcmdln() noexcept {
  initialize_arguments();
  return &wcmdln;
}
char** WINAPI __p__pgmptr() noexcept {
  initialize_arguments();
  return &pgmptr;
}
wchar** WINAPI __p__wpgmptr() noexcept {
  initialize_arguments();
  return &wpgmptr;
}

errno_t WINAPI _get_pgmptr(char** out) noexcept {
  if (!out) return err::einval;
  initialize_arguments();
  *out = pgmptr;
  return 0;
}

errno_t WINAPI _get_wpgmptr(wchar** out) noexcept {
  if (!out) return err::einval;
  initialize_arguments();
  *out = wpgmptr;
  return 0;
}

int* WINAPI __p__fmode() noexcept { return &fmode; }
int* WINAPI __p__commode() noexcept { return &commode; }

errno_t WINAPI _set_fmode(int mode) noexcept {
  if (mode != O_TEXT && mode != O_BINARY && mode != 0) return err::einval;
  fmode = mode;
  return 0;
}

errno_t WINAPI _get_fmode(int* mode) noexcept {
  if (!mode) return err::einval;
  *mode = fmode;
  return 0;
}

void WINAPI __set_app_type(int type) noexcept { app_type = type; }

namespace {
void* g_user_matherr = nullptr;
}

// The handler is kept; math functions report errors through errno, not _matherr.
void WINAPI __setusermatherr(void* handler) noexcept {
  g_user_matherr = handler;
  if (handler) FIXME_ONCE("a user _matherr handler is recorded but never called\n");
}

void WINAPI _initterm(vfunc_t* begin, vfunc_t* end) noexcept {
  for (vfunc_t* p = begin; p < end; ++p) {
    if (*p) (*p)();
  }
}

int WINAPI _initterm_e(ifunc_t* begin, ifunc_t* end) noexcept {
  for (ifunc_t* p = begin; p < end; ++p) {
    if (!*p) continue;
    int r = (*p)();
    if (r) return r;
  }
  return 0;
}

}  // namespace sill::msvcrt
