// processthreadsapi.h for other processes: CreateProcess starts a child `sill`
// (or a Linux program directly), process handles wait and give the child's full
// exit code, TerminateProcess, OpenProcess, GetProcessId.
#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <climits>
#include <cstring>
#include <string>
#include <vector>

#include "base/debug.h"
#include "base/unicode.h"
#include "loader/module.h"
#include "ntdll/environment.h"
#include "ntdll/file.h"
#include "ntdll/handle_inheritance.h"
#include "ntdll/handle_table.h"
#include "ntdll/path_mapping.h"
#include "ntdll/prefix_processes.h"
#include "ntdll/process_internal.h"
#include "ntdll/process_object.h"
#include "win32/kernel32/kernel32.h"
#include "win32/kernel32/kernel32_internal.h"

SILL_DEFAULT_DEBUG_CHANNEL(process);

namespace sill::kernel32 {

namespace {
constexpr DWORD DEBUG_PROCESS = 0x1, DEBUG_ONLY_THIS_PROCESS = 0x2, CREATE_SUSPENDED = 0x4,
                CREATE_UNICODE_ENVIRONMENT = 0x400, EXTENDED_STARTUPINFO_PRESENT = 0x80000;
constexpr DWORD STARTF_USESTDHANDLES = 0x100;
constexpr DWORD PROCESS_ALL_ACCESS = 0x1FFFFF, THREAD_ALL_ACCESS = 0x1FFFFF;
// Flags that change nothing for a console child here: DETACHED_PROCESS, CREATE_NEW_CONSOLE,
// CREATE_NEW_PROCESS_GROUP, CREATE_DEFAULT_ERROR_MODE, CREATE_NO_WINDOW, priority classes,
// CREATE_BREAKAWAY_FROM_JOB, CREATE_UNICODE_ENVIRONMENT (read below), INHERIT_PARENT_AFFINITY.
constexpr DWORD kAcceptedFlags = 0x8 | 0x10 | 0x200 | 0x04000000 | 0x08000000 | 0x20 | 0x40 | 0x80 | 0x100 |
                                 0x4000 | 0x8000 | 0x01000000 | CREATE_UNICODE_ENVIRONMENT | 0x10000;

enum class ImageKind { Windows, Unix, Invalid };
struct Program {
  std::string unix_path;
  ImageKind kind;
};

bool is_space(char16_t c) { return c == u' ' || c == u'\t'; }

// What the first bytes say: "MZ" runs under sill; an ELF file or a "#!" script is
// exec'd; anything else is not a program (ERROR_BAD_EXE_FORMAT when started).
std::optional<Program> probe(const std::u16string& dos_name) {
  auto full = nt::full_dos_path(dos_name);
  if (!full) return std::nullopt;
  auto unix_path = nt::dos_path_to_unix(*full);
  if (!unix_path) return std::nullopt;
  struct stat st;
  if (stat(unix_path->c_str(), &st) != 0 || !S_ISREG(st.st_mode)) return std::nullopt;
  unsigned char magic[4] = {};
  int fd = open(unix_path->c_str(), O_RDONLY | O_CLOEXEC);
  if (fd >= 0) {
    if (read(fd, magic, 4) < 2) magic[0] = 0;
    close(fd);
  }
  ImageKind kind = ImageKind::Invalid;
  if (magic[0] == 'M' && magic[1] == 'Z') kind = ImageKind::Windows;
  else if ((magic[0] == 0x7F && magic[1] == 'E' && magic[2] == 'L' && magic[3] == 'F') ||
           (magic[0] == '#' && magic[1] == '!'))
    kind = ImageKind::Unix;
  return Program{*unix_path, kind};
}

bool has_extension(std::u16string_view name) {
  auto slash = name.find_last_of(u"\\/");
  auto dot = name.rfind(u'.');
  return dot != std::u16string_view::npos && (slash == std::u16string_view::npos || dot > slash);
}

std::u16string directory_of(std::u16string_view path) {
  auto slash = path.find_last_of(u"\\/");
  return slash == std::u16string_view::npos ? std::u16string{} : std::u16string(path.substr(0, slash));
}

// One candidate name: with a path it is taken as it is; a bare name is looked
// for in the program's folder, the current folder, the system folders and PATH.
// ".exe" is appended when the name has no extension (then the bare name, for Linux programs).
std::optional<Program> search(std::u16string_view name) {
  std::vector<std::u16string> names;
  if (has_extension(name)) {
    names.emplace_back(name);
  } else {
    names.push_back(std::u16string(name) + u".exe");
    names.emplace_back(name);
  }
  bool has_path = name.find_first_of(u"\\/:") != std::u16string_view::npos;
  std::vector<std::u16string> dirs;
  if (!has_path) {
    const auto& image = nt::current_peb()->ProcessParameters->ImagePathName;
    dirs.push_back(directory_of(std::u16string_view(image.Buffer, image.Length / 2)));
    dirs.push_back(nt::current_directory());
    dirs.push_back(u"C:\\windows\\system32");
    dirs.push_back(u"C:\\windows");
    std::u16string path = nt::env_get(u"PATH").value_or(u"");
    for (std::size_t start = 0; start <= path.size();) {
      auto semi = path.find(u';', start);
      if (semi == std::u16string::npos) semi = path.size();
      if (semi > start) dirs.push_back(path.substr(start, semi - start));
      start = semi + 1;
    }
  }
  for (const auto& n : names) {
    if (!has_path) {
      for (const auto& d : dirs) {
        if (d.empty()) continue;
        std::u16string candidate = d;
        if (candidate.back() != u'\\' && candidate.back() != u'/') candidate += u'\\';
        if (auto p = probe(candidate + n)) {
          if (&n != &names.front() && p->kind != ImageKind::Unix) continue;  // "x" is not "x.exe"
          return p;
        }
      }
    } else if (auto p = probe(n)) {
      if (&n != &names.front() && p->kind != ImageKind::Unix) continue;
      return p;
    }
  }
  return std::nullopt;
}

// The program a command line names (no application name given): a quoted first
// token, or, unquoted, each prefix that ends at a space in turn, as Windows does.
std::optional<Program> program_of_command_line(std::u16string_view cl) {
  std::size_t i = 0;
  while (i < cl.size() && is_space(cl[i])) ++i;
  if (i < cl.size() && cl[i] == u'"') {
    auto close = cl.find(u'"', i + 1);
    return search(cl.substr(i + 1, (close == std::u16string_view::npos ? cl.size() : close) - i - 1));
  }
  for (std::size_t j = i; j <= cl.size(); ++j) {
    if (j < cl.size() && !is_space(cl[j])) continue;
    if (j > i)
      if (auto p = search(cl.substr(i, j - i))) return p;
  }
  return std::nullopt;
}

// Microsoft's argument rules (for a Linux child's argv): 2n backslashes + quote: n
// backslashes and a quote toggles; 2n+1: n and a literal quote; "" inside quotes: a quote.
std::vector<std::string> split_command_line(std::u16string_view cl) {
  std::vector<std::string> args;
  std::size_t i = 0;
  for (;;) {
    while (i < cl.size() && is_space(cl[i])) ++i;
    if (i >= cl.size()) break;
    std::u16string arg;
    bool quoted = false;
    while (i < cl.size() && (quoted || !is_space(cl[i]))) {
      if (cl[i] == u'\\') {
        std::size_t n = 0;
        while (i < cl.size() && cl[i] == u'\\') ++n, ++i;
        if (i < cl.size() && cl[i] == u'"') {
          arg.append(n / 2, u'\\');
          if (n % 2) arg += cl[i++];
        } else {
          arg.append(n, u'\\');
        }
      } else if (cl[i] == u'"') {
        if (quoted && i + 1 < cl.size() && cl[i + 1] == u'"') {
          arg += u'"';
          i += 2;
        } else {
          quoted = !quoted;
          ++i;
        }
      } else {
        arg += cl[i++];
      }
    }
    args.push_back(utf16_to_utf8(arg));
  }
  return args;
}

// "C:\windows;Z:\usr\bin" -> "/usr/bin": the child sill turns it back into a Windows PATH.
std::string unix_search_path(std::u16string_view path) {
  std::string out;
  for (std::size_t start = 0; start <= path.size();) {
    auto semi = path.find(u';', start);
    if (semi == std::u16string_view::npos) semi = path.size();
    if (semi > start) {
      std::u16string_view dir = path.substr(start, semi - start);
      bool system = dir.size() >= 10 && (dir[0] == u'C' || dir[0] == u'c') && dir.substr(1, 2) == u":\\" &&
                    (dir.substr(3, 7) == u"windows" || dir.substr(3, 7) == u"Windows" || dir.substr(3, 7) == u"WINDOWS");
      if (!system)
        if (auto u = nt::dos_path_to_unix(dir)) out += (out.empty() ? "" : ":") + *u;
    }
    start = semi + 1;
  }
  return out;
}

// The child's environment as "NAME=value" UTF-8 strings, without our own variables.
std::vector<std::string> unix_environment(const std::u16string& block) {
  std::vector<std::string> env;
  for (std::size_t i = 0; i < block.size() && block[i];) {
    std::u16string_view entry(block.data() + i);
    i += entry.size() + 1;
    auto eq = entry.find(u'=', 1);
    if (eq == std::u16string_view::npos) continue;
    std::string name = utf16_to_utf8(entry.substr(0, eq));
    if (name == nt::kCommandLineVariable || name == nt::kExitCodeFdVariable || name == nt::kResumeFdVariable ||
        name == nt::kInheritedHandlesVariable)
      continue;
    bool is_path = eq == 4 && (name[0] | 0x20) == 'p' && (name[1] | 0x20) == 'a' && (name[2] | 0x20) == 't' &&
                   (name[3] | 0x20) == 'h';
    if (is_path)
      env.push_back("PATH=" + unix_search_path(entry.substr(eq + 1)));
    else
      env.push_back(name + "=" + utf16_to_utf8(entry.substr(eq + 1)));
  }
  return env;
}

// The fd a handle given as a standard handle stands for (a CLOEXEC duplicate), or /dev/null.
int child_std_fd(HANDLE h, bool input) {
  if (h && h != INVALID_HANDLE_VALUE)
    if (auto f = nt::handle_table().get<nt::File>(h)) {
      int fd = fcntl((*f)->fd(), F_DUPFD_CLOEXEC, 3);
      if (fd >= 0) return fd;
    }
  return open("/dev/null", (input ? O_RDONLY : O_WRONLY) | O_CLOEXEC);
}

struct Spawn {
  Program program;
  std::u16string command_line;
  std::u16string environment;  // a Windows block
  std::string unix_cwd;
  HANDLE std_handles[3];
  const nt::InheritancePlan* inherited = nullptr;  // null: only the standard handles
  bool suspended = false;
};

Expected<nt::Ref<nt::Process>, NTSTATUS> spawn(const Spawn& s) {
  static const std::string sill_path = [] {
    char buf[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", buf, sizeof buf - 1);
    return std::string(buf, n > 0 ? static_cast<std::size_t>(n) : 0);
  }();
  std::vector<std::string> args = split_command_line(s.command_line);
  std::vector<std::string> env = unix_environment(s.environment);
  std::string exec_path;
  int exit_pipe[2] = {-1, -1};
  int resume_pipe[2] = {-1, -1};
  int process_entry = -1;  // the child's entry in the prefix's process registry, locked before fork
  // A Linux program gets the standard handles only; a child sill the rest too.
  std::vector<int> kept_fds;
  if (s.program.kind == ImageKind::Windows) {
    if (pipe2(exit_pipe, O_CLOEXEC) != 0) return Unexpected{nt::status_from_errno(errno)};
    if (s.suspended && pipe2(resume_pipe, O_CLOEXEC) != 0) {
      int err = errno;
      close(exit_pipe[0]);
      close(exit_pipe[1]);
      return Unexpected{nt::status_from_errno(err)};
    }
    exec_path = sill_path;
    if (args.empty()) args.emplace_back();
    args[0] = s.program.unix_path;
    args.insert(args.begin(), {"sill", "--"});
    env.push_back(std::string(nt::kCommandLineVariable) + "=" + utf16_to_utf8(s.command_line));
    env.push_back(std::string(nt::kExitCodeFdVariable) + "=" + std::to_string(exit_pipe[1]));
    kept_fds.push_back(exit_pipe[1]);
    process_entry = nt::processes::create_child_entry();
    if (process_entry >= 0) {
      env.push_back(std::string(nt::processes::kEntryFdVariable) + "=" + std::to_string(process_entry));
      kept_fds.push_back(process_entry);
    }
    if (resume_pipe[0] >= 0) {
      env.push_back(std::string(nt::kResumeFdVariable) + "=" + std::to_string(resume_pipe[0]));
      kept_fds.push_back(resume_pipe[0]);
    }
    if (s.inherited && !s.inherited->variable.empty()) {
      env.push_back(std::string(nt::kInheritedHandlesVariable) + "=" + s.inherited->variable);
      kept_fds.insert(kept_fds.end(), s.inherited->fds.begin(), s.inherited->fds.end());
    }
  } else {
    exec_path = s.program.unix_path;
    if (args.empty()) args.push_back(exec_path);
  }
  std::vector<char*> argv, envp;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  for (auto& e : env) envp.push_back(e.data());
  envp.push_back(nullptr);

  int fds[3];
  for (int i = 0; i < 3; ++i) fds[i] = child_std_fd(s.std_handles[i], i == 0);
  int error_pipe[2];
  if (pipe2(error_pipe, O_CLOEXEC) != 0) error_pipe[0] = error_pipe[1] = -1;
  auto close_all = [&] {
    for (int fd : {fds[0], fds[1], fds[2], error_pipe[0], error_pipe[1], exit_pipe[1], resume_pipe[0], process_entry})
      if (fd >= 0) close(fd);
  };

  pid_t pid = fork();
  if (pid == 0) {
    // The child: only async-signal-safe calls from here on.
    sigset_t none;
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, nullptr);
    int err = 0;
    for (int i = 0; i < 3 && !err; ++i)
      if (fds[i] < 0 || dup2(fds[i], i) < 0) err = fds[i] < 0 ? EBADF : errno;
    for (int fd : kept_fds)
      if (!err && fcntl(fd, F_SETFD, 0) != 0) err = errno;
    if (!err && chdir(s.unix_cwd.c_str()) != 0) err = errno;
    if (!err) {
      execve(exec_path.c_str(), argv.data(), envp.data());
      err = errno;
    }
    if (error_pipe[1] >= 0) {
      ssize_t w = write(error_pipe[1], &err, sizeof err);
      (void)w;
    }
    _exit(127);
  }
  if (pid < 0) {
    int err = errno;
    close_all();
    for (int fd : {exit_pipe[0], resume_pipe[1]})
      if (fd >= 0) close(fd);
    return Unexpected{nt::status_from_errno(err)};
  }
  // Before the child can look: its references on the shared objects it inherits.
  if (s.inherited) nt::grant_to_child(*s.inherited, pid);
  int err = 0;
  if (error_pipe[1] >= 0) {
    close(error_pipe[1]);
    error_pipe[1] = -1;
    ssize_t n;
    do n = read(error_pipe[0], &err, sizeof err);
    while (n < 0 && errno == EINTR);
    if (n != static_cast<ssize_t>(sizeof err)) err = 0;
  }
  close_all();
  if (err) {
    int status;
    waitpid(pid, &status, 0);
    for (int fd : {exit_pipe[0], resume_pipe[1]})
      if (fd >= 0) close(fd);
    if (err == ENOEXEC) return Unexpected{nt::STATUS_INVALID_IMAGE_FORMAT};
    return Unexpected{nt::status_from_errno(err)};
  }
  int pidfd = static_cast<int>(syscall(SYS_pidfd_open, pid, 0));
  if (pidfd >= 0) fcntl(pidfd, F_SETFD, FD_CLOEXEC);
  nt::Ref<nt::Process> child = nt::adopt_child(pid, pidfd, exit_pipe[0]);
  if (resume_pipe[1] >= 0) child->set_resume_fd(resume_pipe[1]);
  return child;
}

BOOL create_process(const char16_t* application, const char16_t* command_line, SECURITY_ATTRIBUTES* process_sa,
                    SECURITY_ATTRIBUTES* thread_sa, BOOL inherit, DWORD flags, std::optional<std::u16string> env,
                    const char16_t* directory, const STARTUPINFOW* si, const void* attributes,
                    PROCESS_INFORMATION* pi) {
  if (!si || !pi || (!application && !command_line)) return fail_error(win::ERROR_INVALID_PARAMETER, FALSE);
  if (flags & (DEBUG_PROCESS | DEBUG_ONLY_THIS_PROCESS)) {
    FIXME("debugging a child process is not supported");
    return fail_error(win::ERROR_NOT_SUPPORTED, FALSE);
  }
  if (flags & ~(kAcceptedFlags | CREATE_SUSPENDED | EXTENDED_STARTUPINFO_PRESENT))
    FIXME_ONCE("creation flags %#x ignored", flags & ~(kAcceptedFlags | CREATE_SUSPENDED | EXTENDED_STARTUPINFO_PRESENT));

  Spawn s;
  s.command_line = command_line ? command_line : application;
  std::optional<Program> program;
  if (application) {
    // No search and no default extension for an application name.
    program = probe(application);
  } else {
    program = program_of_command_line(s.command_line);
  }
  if (!program) return fail_error(win::ERROR_FILE_NOT_FOUND, FALSE);
  if (program->kind == ImageKind::Invalid) return fail_error(win::ERROR_BAD_EXE_FORMAT, FALSE);
  s.program = std::move(*program);
  s.environment = env ? std::move(*env) : nt::env_snapshot();

  std::u16string cwd = directory ? std::u16string(directory) : nt::current_directory();
  auto full = nt::full_dos_path(cwd);
  auto unix_cwd = full ? nt::dos_path_to_unix(*full) : Expected<std::string, NTSTATUS>(Unexpected{full.error()});
  struct stat st;
  if (!unix_cwd || stat(unix_cwd->c_str(), &st) != 0 || !S_ISDIR(st.st_mode))
    return fail_error(win::ERROR_DIRECTORY, FALSE);
  s.unix_cwd = *unix_cwd;

  if (si->dwFlags & STARTF_USESTDHANDLES) {
    s.std_handles[0] = si->hStdInput;
    s.std_handles[1] = si->hStdOutput;
    s.std_handles[2] = si->hStdError;
  } else {
    nt::RTL_USER_PROCESS_PARAMETERS* p = nt::current_peb()->ProcessParameters;
    s.std_handles[0] = p->StandardInput;
    s.std_handles[1] = p->StandardOutput;
    s.std_handles[2] = p->StandardError;
  }

  // The attribute list's handle list limits inheritance.
  std::optional<std::vector<HANDLE>> only = inherited_handle_list(attributes);
  nt::InheritancePlan plan;
  if (inherit && s.program.kind == ImageKind::Windows) {  // a Linux program gets the standard handles
    nt::plan_inheritance(plan, only ? &*only : nullptr);
    s.inherited = &plan;
  }
  if ((flags & CREATE_SUSPENDED) && s.program.kind != ImageKind::Windows)
    FIXME_ONCE("CREATE_SUSPENDED: a Linux program starts running at once");
  s.suspended = (flags & CREATE_SUSPENDED) != 0;

  auto child = spawn(s);
  if (!child) return fail_status(child.error(), FALSE);
  nt::Ref<nt::Process> process = std::move(*child);
  DWORD pid = static_cast<DWORD>(process->pid());
  HANDLE hthread = nt::handle_table().insert(nt::make_object<nt::ChildThread>(process), THREAD_ALL_ACCESS,
                                             thread_sa && thread_sa->bInheritHandle ? nt::HANDLE_FLAG_INHERIT : 0);
  HANDLE hprocess = nt::handle_table().insert(std::move(process), PROCESS_ALL_ACCESS,
                                              process_sa && process_sa->bInheritHandle ? nt::HANDLE_FLAG_INHERIT : 0);
  pi->hProcess = hprocess;
  pi->hThread = hthread;
  pi->dwProcessId = pid;
  pi->dwThreadId = pid;  // the main thread of a Linux process has the process's id
  return TRUE;
}

// STARTUPINFOEX's attribute list (A and W forms alike: it follows the 104-byte STARTUPINFO).
const void* attribute_list(const void* si, DWORD flags) {
  constexpr DWORD kStartupInfoExSize = sizeof(STARTUPINFOW) + sizeof(void*);
  if (!si || !(flags & EXTENDED_STARTUPINFO_PRESENT) || static_cast<const STARTUPINFOW*>(si)->cb < kStartupInfoExSize)
    return nullptr;
  return *reinterpret_cast<void* const*>(static_cast<const char*>(si) + sizeof(STARTUPINFOW));
}

// An environment block from lpEnvironment: UTF-16 with CREATE_UNICODE_ENVIRONMENT, else ANSI.
std::optional<std::u16string> environment_block(const void* env, DWORD flags) {
  if (!env) return std::nullopt;
  if (flags & CREATE_UNICODE_ENVIRONMENT) {
    auto* b = static_cast<const char16_t*>(env);
    return std::u16string(b, nt::env_block_length(b));
  }
  auto* a = static_cast<const char*>(env);
  std::size_t n = 0;
  while (a[n] || a[n + 1]) ++n;
  std::u16string out = nt::ansi_to_utf16(std::string_view(a, n + 1));
  out += u'\0';
  return out;
}

}  // namespace

BOOL WINAPI CreateProcessW(LPCWSTR application, LPWSTR command_line, SECURITY_ATTRIBUTES* process_sa,
                           SECURITY_ATTRIBUTES* thread_sa, BOOL inherit, DWORD flags, void* environment,
                           LPCWSTR directory, STARTUPINFOW* si, PROCESS_INFORMATION* pi) noexcept {
  try {
    return create_process(application, command_line, process_sa, thread_sa, inherit, flags,
                          environment_block(environment, flags), directory, si, attribute_list(si, flags), pi);
  } catch (...) {
    return fail_error(win::ERROR_NOT_ENOUGH_MEMORY, FALSE);
  }
}

BOOL WINAPI CreateProcessA(LPCSTR application, LPSTR command_line, SECURITY_ATTRIBUTES* process_sa,
                           SECURITY_ATTRIBUTES* thread_sa, BOOL inherit, DWORD flags, void* environment,
                           LPCSTR directory, STARTUPINFOA* si, PROCESS_INFORMATION* pi) noexcept {
  try {
    if (!si) return fail_error(win::ERROR_INVALID_PARAMETER, FALSE);
    auto app = from_ansi(application), cl = from_ansi(command_line), dir = from_ansi(directory);
    STARTUPINFOW w;
    std::memcpy(&w, si, sizeof w);  // same layout; the strings are not used
    w.lpReserved = w.lpDesktop = w.lpTitle = nullptr;
    return create_process(ptr(app), ptr(cl), process_sa, thread_sa, inherit, flags,
                          environment_block(environment, flags), ptr(dir), &w, attribute_list(si, flags), pi);
  } catch (...) {
    return fail_error(win::ERROR_NOT_ENOUGH_MEMORY, FALSE);
  }
}

BOOL WINAPI TerminateProcess(HANDLE process, UINT code) noexcept {
  if (process == nt::current_process_handle()) loader::terminate_process(code);
  auto p = nt::handle_table().get<nt::Process>(process);
  if (!p) return fail_status(p.error(), FALSE);
  if ((*p)->is_self()) loader::terminate_process(code);
  NTSTATUS s = (*p)->terminate(code);
  return nt::nt_success(s) ? TRUE : fail_status(s, FALSE);
}

BOOL WINAPI GetExitCodeProcess(HANDLE process, DWORD* code) noexcept {
  if (!code) return fail_error(win::ERROR_INVALID_PARAMETER, FALSE);
  if (process == nt::current_process_handle()) {
    *code = nt::STILL_ACTIVE;
    return TRUE;
  }
  auto p = nt::handle_table().get<nt::Process>(process);
  if (!p) return fail_status(p.error(), FALSE);
  *code = (*p)->exit_code();
  return TRUE;
}

DWORD WINAPI GetProcessId(HANDLE process) noexcept {
  if (process == nt::current_process_handle()) return nt::current_process_id();
  auto p = nt::handle_table().get<nt::Process>(process);
  if (!p) return fail_status(p.error(), 0u);
  return static_cast<DWORD>((*p)->pid());
}

std::optional<DWORD> resume_child_thread(HANDLE h) {
  auto t = nt::handle_table().get<nt::ChildThread>(h);
  if (!t) return std::nullopt;
  return (*t)->resume();
}

std::optional<DWORD> child_thread_exit_code(HANDLE h) {
  auto t = nt::handle_table().get<nt::ChildThread>(h);
  if (!t) return std::nullopt;
  return (*t)->exit_code();
}

std::optional<DWORD> child_thread_id(HANDLE h) {
  auto t = nt::handle_table().get<nt::ChildThread>(h);
  if (!t) return std::nullopt;
  return (*t)->id();
}

HANDLE WINAPI OpenProcess(DWORD access, BOOL inherit, DWORD pid) noexcept {
  try {
    auto p = nt::open_process(pid);
    if (!p)
      return fail_error(p.error() == nt::STATUS_ACCESS_DENIED ? win::ERROR_ACCESS_DENIED : win::ERROR_INVALID_PARAMETER,
                        static_cast<HANDLE>(nullptr));
    return nt::handle_table().insert(std::move(*p), access, inherit ? nt::HANDLE_FLAG_INHERIT : 0);
  } catch (...) {
    return fail_error(win::ERROR_NOT_ENOUGH_MEMORY, static_cast<HANDLE>(nullptr));
  }
}

}  // namespace sill::kernel32
