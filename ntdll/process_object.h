// Process objects: a child `sill` (or Linux program) behind a pidfd, waitable in
// the one wait engine, with the child's full 32-bit exit code. Also the two
// variables a parent passes to a child sill: its exact command line and the fd
// on which the child reports its exit code before it ends.
#pragma once
#include <sys/types.h>

#include <optional>
#include <string>

#include "base/expected.h"
#include "base/wintypes.h"
#include "ntdll/sync.h"

namespace sill::nt {

inline constexpr win::DWORD STILL_ACTIVE = 259;
inline constexpr char kCommandLineVariable[] = "SILL_COMMAND_LINE";
inline constexpr char kExitCodeFdVariable[] = "SILL_EXIT_CODE_FD";
// A suspended child (CREATE_SUSPENDED) waits for one byte on this fd before it runs program code.
inline constexpr char kResumeFdVariable[] = "SILL_RESUME_FD";
// The handles a child inherits (ntdll/handle_inheritance.h).
inline constexpr char kInheritedHandlesVariable[] = "SILL_INHERITED_HANDLES";

class ChildThread;

class Process : public Waitable {
 public:
  static constexpr ObjectType kType = ObjectType::Process;
  // pidfd and exit_fd may be -1 (no pidfd support / no exit-code pipe); pid == getpid(): this process.
  Process(pid_t pid, int pidfd, int exit_fd);
  ~Process() override;
  bool is_signaled(win::DWORD) const override { return ended_; }

  pid_t pid() const { return pid_; }
  bool is_self() const;
  // STILL_ACTIVE until the process has ended.
  win::DWORD exit_code() const;
  bool ended() const;
  // SIGKILL; the exit code a waiter sees is `code`. STATUS_ACCESS_DENIED once it has ended.
  win::NTSTATUS terminate(win::DWORD code);
  // A child created suspended: the write end of the pipe it waits on (taken over).
  void set_resume_fd(int fd);

 private:
  friend void watch_child(Process* p);
  friend Expected<Ref<Process>, win::NTSTATUS> open_process(win::DWORD pid);
  void watch_foreign();
  friend class ChildThread;
  void reap();
  const pid_t pid_;
  int pidfd_;
  int exit_fd_;
  bool ended_ = false;  // under the wait lock
  win::DWORD exit_code_ = STILL_ACTIVE;
  std::optional<win::DWORD> requested_code_;  // under the wait lock (TerminateProcess)
  ChildThread* main_thread_ = nullptr;        // under the wait lock; woken with the process
  int resume_fd_ = -1;                        // under the wait lock
  int suspend_count_ = 0;                     // under the wait lock
};

// The main thread of a child process, as CreateProcess's hThread: waitable, it ends with the
// process; a suspended child's thread starts running at ResumeThread.
class ChildThread : public Waitable {
 public:
  static constexpr ObjectType kType = ObjectType::ChildThread;
  explicit ChildThread(Ref<Process> process);
  ~ChildThread() override;
  bool is_signaled(win::DWORD) const override { return process_->ended_; }
  win::DWORD id() const { return static_cast<win::DWORD>(process_->pid()); }
  win::DWORD exit_code() const { return process_->exit_code(); }
  // The suspend count before the call; lets the child run when it reaches 0.
  win::DWORD resume();

 private:
  Ref<Process> process_;
};

// A new child: registers it (for open_process) and starts the thread that reaps it.
Ref<Process> adopt_child(pid_t pid, int pidfd, int exit_fd);
// This process, one of its children, or another living process (watched through a pidfd; its exit
// code is the one a Sill process records in the prefix's shared store); STATUS_INVALID_CID otherwise.
Expected<Ref<Process>, win::NTSTATUS> open_process(win::DWORD pid);

// The exit code a Linux wait status stands for (when no full code was reported):
// the 8-bit status; signals map to NTSTATUS-style codes (SIGINT, SIGTERM, SIGHUP,
// SIGQUIT: STATUS_CONTROL_C_EXIT; SIGSEGV/SIGBUS: STATUS_ACCESS_VIOLATION;
// SIGILL: STATUS_ILLEGAL_INSTRUCTION; SIGFPE: STATUS_FLOAT_INVALID_OPERATION; SIGABRT: 3
// as msvcrt's abort; SIGKILL and others: 1, as a forced kill on Windows).
win::DWORD exit_code_from_wait_status(int status);

// In a child sill, before its environment block is built: takes (and removes from
// the environment) the command line and the exit-code fd its parent passed.
std::optional<std::u16string> take_parent_variables();
// In a child sill created suspended: blocks until the parent resumes it (the process exits
// quietly when the parent closed the pipe without resuming it). No-op otherwise.
void wait_until_resumed();
// The inherited-handle list the parent passed (emptied when read), for handle_inheritance.cpp.
std::string take_inherited_handles_variable();
// From loader::terminate_process: tells the parent the full code (no-op without a parent).
void report_exit_code(win::DWORD code);

}  // namespace sill::nt
