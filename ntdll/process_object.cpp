// Process objects (see process_object.h). Each child has one reaper thread that
// blocks in waitpid and then signals the object; the full exit code arrives on a
// pipe the child writes just before it ends.
#include "ntdll/process_object.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <mutex>
#include <thread>
#include <utility>
#include <unordered_map>

#include "base/debug.h"
#include "base/unicode.h"
#include "ntdll/status.h"

SILL_DEFAULT_DEBUG_CHANNEL(process);

namespace sill::nt {

namespace {
constexpr win::DWORD kStatusAccessViolation = 0xC0000005, kStatusIllegalInstruction = 0xC000001D,
                     kStatusFloatInvalidOperation = 0xC0000090, kStatusControlCExit = 0xC000013A;

// Living children by pid, for OpenProcess. Entries are weak: removed by ~Process.
std::mutex g_children_lock;
std::unordered_map<pid_t, Process*>& children() {
  static auto* m = new std::unordered_map<pid_t, Process*>;
  return *m;
}

int g_exit_code_fd = -1;  // in a child sill: where report_exit_code writes
int g_resume_fd = -1;     // in a child sill created suspended: where the parent's go comes from
std::string g_inherited_handles;

// A descriptor number from a variable the parent set; only a pipe is trusted, so that a stale
// variable cannot make us read or write some unrelated file.
int pipe_fd_from_variable(const char* name) {
  const char* text = std::getenv(name);
  if (!text) return -1;
  char* end = nullptr;
  long v = std::strtol(text, &end, 10);
  struct stat st;
  int fd = -1;
  if (end != text && *end == 0 && v > 2 && v < 1 << 20 && fstat(static_cast<int>(v), &st) == 0 && S_ISFIFO(st.st_mode)) {
    fd = static_cast<int>(v);
    fcntl(fd, F_SETFD, FD_CLOEXEC);  // our own children get their own pipes
  }
  unsetenv(name);
  return fd;
}
}  // namespace

Process::Process(pid_t pid, int pidfd, int exit_fd)
    : Waitable(ObjectType::Process), pid_(pid), pidfd_(pidfd), exit_fd_(exit_fd) {}

Process::~Process() {
  {
    std::lock_guard g(g_children_lock);
    auto it = children().find(pid_);
    if (it != children().end() && it->second == this) children().erase(it);
  }
  if (pidfd_ >= 0) close(pidfd_);
  if (exit_fd_ >= 0) close(exit_fd_);
  if (resume_fd_ >= 0) close(resume_fd_);
}

bool Process::is_self() const { return pid_ == getpid(); }

win::DWORD Process::exit_code() const {
  lock_waits();
  win::DWORD c = exit_code_;
  unlock_waits();
  return c;
}

bool Process::ended() const {
  lock_waits();
  bool e = ended_;
  unlock_waits();
  return e;
}

win::NTSTATUS Process::terminate(win::DWORD code) {
  lock_waits();
  if (ended_) {
    unlock_waits();
    return STATUS_ACCESS_DENIED;
  }
  if (!requested_code_) requested_code_ = code;
  unlock_waits();
  long r = pidfd_ >= 0 ? syscall(SYS_pidfd_send_signal, pidfd_, SIGKILL, nullptr, 0) : kill(pid_, SIGKILL);
  if (r != 0 && errno != ESRCH) return status_from_errno(errno);
  return STATUS_SUCCESS;
}

void Process::reap() {
  int status = 0;
  pid_t r;
  do r = waitpid(pid_, &status, 0);
  while (r < 0 && errno == EINTR);
  win::DWORD code = r == pid_ ? exit_code_from_wait_status(status) : 1;
  if (r != pid_) WARN("waitpid(%d) failed: %s", static_cast<int>(pid_), std::strerror(errno));
  // The child wrote its full code before ending; the pipe keeps it after the child is gone.
  bool reported = false;
  if (exit_fd_ >= 0) {
    win::DWORD full;
    if (read(exit_fd_, &full, sizeof full) == static_cast<ssize_t>(sizeof full)) {
      code = full;
      reported = true;
    }
  }
  signal_object(*this, [&] {
    // A TerminateProcess that killed it decides the code; one that came too late does not.
    bool killed = r == pid_ && WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL;
    if (requested_code_ && killed && !reported) code = *requested_code_;
    exit_code_ = code;
    ended_ = true;
    if (main_thread_) wake_waiters(*main_thread_);
  });
  TRACE("process %d ended with %#x", static_cast<int>(pid_), code);
}

// A process that is not our child: no waitpid; the pidfd becomes readable when it ends, and a
// Sill process of the prefix recorded its exit code in the shared store on its way out.
void Process::watch_foreign() {
  std::uint64_t start_time = shared::process_start_time(pid_);
  Ref<Process> keep = Ref<Process>::share(this);
  std::thread([keep, start_time] {
    pollfd p{keep->pidfd_, POLLIN, 0};
    while (poll(&p, 1, -1) < 0 && errno == EINTR) {
    }
    std::optional<win::DWORD> code = shared::recorded_exit_code(keep->pid_, start_time);
    signal_object(*keep, [&] {
      if (!code) {
        // Killed (by us: the code TerminateProcess asked for), or not a Sill process.
        if (!keep->requested_code_) FIXME("the exit code of process %d is unknown", static_cast<int>(keep->pid_));
        code = keep->requested_code_.value_or(0);
      }
      keep->exit_code_ = *code;
      keep->ended_ = true;
      if (keep->main_thread_) wake_waiters(*keep->main_thread_);
    });
  }).detach();
}

void watch_child(Process* p) {
  Ref<Process> keep = Ref<Process>::share(p);
  std::thread([keep] { keep->reap(); }).detach();
}

Ref<Process> adopt_child(pid_t pid, int pidfd, int exit_fd) {
  if (exit_fd >= 0) fcntl(exit_fd, F_SETFL, fcntl(exit_fd, F_GETFL) | O_NONBLOCK);
  Ref<Process> p = make_object<Process>(pid, pidfd, exit_fd);
  {
    std::lock_guard g(g_children_lock);
    children()[pid] = p.get();
  }
  watch_child(p.get());
  return p;
}

Expected<Ref<Process>, win::NTSTATUS> open_process(win::DWORD pid) {
  if (pid == static_cast<win::DWORD>(getpid())) return make_object<Process>(getpid(), -1, -1);
  std::lock_guard g(g_children_lock);
  auto it = children().find(static_cast<pid_t>(pid));
  if (it != children().end() && it->second->try_add_ref()) return Ref<Process>::adopt(it->second);
  if (pid == 0 || pid > INT32_MAX) return Unexpected{STATUS_INVALID_CID};
  int pidfd = static_cast<int>(syscall(SYS_pidfd_open, static_cast<pid_t>(pid), 0));
  if (pidfd < 0) return Unexpected{errno == EPERM ? STATUS_ACCESS_DENIED : STATUS_INVALID_CID};
  fcntl(pidfd, F_SETFD, FD_CLOEXEC);
  Ref<Process> p = make_object<Process>(static_cast<pid_t>(pid), pidfd, -1);
  p->watch_foreign();
  return p;
}

win::DWORD exit_code_from_wait_status(int status) {
  if (WIFEXITED(status)) return static_cast<win::DWORD>(WEXITSTATUS(status));
  if (!WIFSIGNALED(status)) return 1;
  switch (WTERMSIG(status)) {
    case SIGINT:
    case SIGTERM:
    case SIGHUP:
    case SIGQUIT:
      return kStatusControlCExit;
    case SIGSEGV:
    case SIGBUS:
      return kStatusAccessViolation;
    case SIGILL:
      return kStatusIllegalInstruction;
    case SIGFPE:
      return kStatusFloatInvalidOperation;
    case SIGABRT:
      return 3;
    default:
      return 1;
  }
}

std::optional<std::u16string> take_parent_variables() {
  g_exit_code_fd = pipe_fd_from_variable(kExitCodeFdVariable);
  g_resume_fd = pipe_fd_from_variable(kResumeFdVariable);
  if (const char* handles = std::getenv(kInheritedHandlesVariable)) {
    g_inherited_handles = handles;
    unsetenv(kInheritedHandlesVariable);
  }
  std::optional<std::u16string> command_line;
  if (const char* cl = std::getenv(kCommandLineVariable)) {
    command_line = utf8_to_utf16(cl);
    unsetenv(kCommandLineVariable);
  }
  return command_line;
}

void wait_until_resumed() {
  if (g_resume_fd < 0) return;
  char go = 0;
  ssize_t r;
  do r = read(g_resume_fd, &go, 1);
  while (r < 0 && errno == EINTR);
  close(g_resume_fd);
  g_resume_fd = -1;
  if (r != 1) _exit(1);  // nobody will ever resume us
}

std::string take_inherited_handles_variable() { return std::exchange(g_inherited_handles, std::string()); }

void Process::set_resume_fd(int fd) {
  lock_waits();
  resume_fd_ = fd;
  suspend_count_ = 1;
  unlock_waits();
}

ChildThread::ChildThread(Ref<Process> process) : Waitable(ObjectType::ChildThread), process_(std::move(process)) {
  lock_waits();
  process_->main_thread_ = this;
  unlock_waits();
}

ChildThread::~ChildThread() {
  lock_waits();
  if (process_->main_thread_ == this) process_->main_thread_ = nullptr;
  unlock_waits();
}

win::DWORD ChildThread::resume() {
  lock_waits();
  int previous = process_->suspend_count_;
  int fd = -1;
  if (previous > 0 && --process_->suspend_count_ == 0) fd = std::exchange(process_->resume_fd_, -1);
  unlock_waits();
  if (fd >= 0) {
    char go = 1;
    ssize_t w = write(fd, &go, 1);
    (void)w;  // a child that already died cannot be resumed anyway
    close(fd);
  }
  return static_cast<win::DWORD>(previous);
}

void report_exit_code(win::DWORD code) {
  if (g_exit_code_fd < 0) return;
  ssize_t r;
  do r = write(g_exit_code_fd, &code, sizeof code);
  while (r < 0 && errno == EINTR);
  close(g_exit_code_fd);
  g_exit_code_fd = -1;
}

}  // namespace sill::nt
