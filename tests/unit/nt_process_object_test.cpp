// Process objects over forked Linux children: waits, full exit codes through
// the exit-code pipe, TerminateProcess's code, OpenProcess, signal mapping, and
// the variables a parent passes to a child sill.
#include <gtest/gtest.h>

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>

#include "ntdll/process_object.h"
#include "ntdll/status.h"

using namespace sill;
using namespace sill::nt;

namespace {
// A child that reports `full` on the pipe (when given) and exits with `status`.
Ref<Process> start_child(int status, std::optional<win::DWORD> full, bool hang = false) {
  int p[2];
  EXPECT_EQ(pipe2(p, O_CLOEXEC), 0);
  pid_t pid = fork();
  if (pid == 0) {
    if (hang) pause();
    if (full) {
      ssize_t w = write(p[1], &*full, sizeof *full);
      (void)w;
    }
    _exit(status);
  }
  close(p[1]);
  return adopt_child(pid, -1, p[0]);
}

win::DWORD wait_one(Process& p, win::DWORD timeout) {
  Waitable* objs[] = {&p};
  return wait_for_objects(objs, false, timeout);
}
}  // namespace

TEST(NtProcessObject, FullExitCodeFromThePipe) {
  Ref<Process> p = start_child(0x0D, 0xCAFEF00Du);
  EXPECT_EQ(wait_one(*p, 10000), WAIT_OBJECT_0);
  EXPECT_TRUE(p->ended());
  EXPECT_EQ(p->exit_code(), 0xCAFEF00Du);
}

TEST(NtProcessObject, EightBitStatusWithoutReport) {
  Ref<Process> p = start_child(44, std::nullopt);
  EXPECT_EQ(wait_one(*p, 10000), WAIT_OBJECT_0);
  EXPECT_EQ(p->exit_code(), 44u);
}

TEST(NtProcessObject, TerminateGivesTheRequestedCode) {
  Ref<Process> p = start_child(0, std::nullopt, true);
  EXPECT_EQ(wait_one(*p, 50), WAIT_TIMEOUT);
  EXPECT_EQ(p->exit_code(), STILL_ACTIVE);
  auto opened = open_process(static_cast<win::DWORD>(p->pid()));
  ASSERT_TRUE(opened);
  EXPECT_EQ(opened->get(), p.get());
  EXPECT_EQ(p->terminate(0x1234ABCD), STATUS_SUCCESS);
  EXPECT_EQ(wait_one(*p, 10000), WAIT_OBJECT_0);
  EXPECT_EQ(p->exit_code(), 0x1234ABCDu);
  EXPECT_EQ(p->terminate(5), STATUS_ACCESS_DENIED);
}

TEST(NtProcessObject, OpenProcessSelfAndUnknown) {
  auto self = open_process(static_cast<win::DWORD>(getpid()));
  ASSERT_TRUE(self);
  EXPECT_TRUE((*self)->is_self());
  EXPECT_EQ((*self)->exit_code(), STILL_ACTIVE);
  EXPECT_EQ(wait_one(**self, 0), WAIT_TIMEOUT);
  auto none = open_process(0);
  ASSERT_FALSE(none);
  EXPECT_EQ(none.error(), STATUS_INVALID_CID);
}

TEST(NtProcessObject, SignalsMapToWindowsCodes) {
  EXPECT_EQ(exit_code_from_wait_status(7 << 8), 7u);
  EXPECT_EQ(exit_code_from_wait_status(SIGINT), 0xC000013Au);
  EXPECT_EQ(exit_code_from_wait_status(SIGTERM), 0xC000013Au);
  EXPECT_EQ(exit_code_from_wait_status(SIGSEGV), 0xC0000005u);
  EXPECT_EQ(exit_code_from_wait_status(SIGILL), 0xC000001Du);
  EXPECT_EQ(exit_code_from_wait_status(SIGABRT), 3u);
  EXPECT_EQ(exit_code_from_wait_status(SIGKILL), 1u);
}

TEST(NtProcessObject, ParentVariablesAreTakenAndRemoved) {
  int p[2];
  ASSERT_EQ(pipe(p), 0);
  setenv(kCommandLineVariable, "\"C:\\x y\\a.exe\"  b", 1);
  setenv(kExitCodeFdVariable, std::to_string(p[1]).c_str(), 1);
  auto cl = take_parent_variables();
  ASSERT_TRUE(cl);
  EXPECT_EQ(*cl, u"\"C:\\x y\\a.exe\"  b");
  EXPECT_EQ(std::getenv(kCommandLineVariable), nullptr);
  EXPECT_EQ(std::getenv(kExitCodeFdVariable), nullptr);
  report_exit_code(0x87654321u);  // writes and closes p[1]
  win::DWORD got = 0;
  EXPECT_EQ(read(p[0], &got, sizeof got), static_cast<ssize_t>(sizeof got));
  EXPECT_EQ(got, 0x87654321u);
  EXPECT_EQ(read(p[0], &got, sizeof got), 0);  // the write end is closed
  close(p[0]);
  EXPECT_FALSE(take_parent_variables());
}
