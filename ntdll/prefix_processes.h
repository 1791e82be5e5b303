// The registry of a prefix's live processes, for `sill kill` and `sill wait` (like wineserver -k/-w).
//
// Every Sill process of a prefix holds an exclusive flock on one entry file in
// <prefix>/.sill-processes/ from before it runs any program code until it ends: the kernel drops the
// lock when the process dies, however it dies (kill -9 included), so a locked entry is a live process
// and an unlocked one is litter that anyone may remove. An entry holds "PID STARTTIME" (the start time
// from /proc/PID/stat), so that a pid reused by an unrelated process is never signalled.
//
// No gap for a child: a Sill parent creates and locks its child's entry BEFORE fork and hands the
// descriptor to the child (SILL_PROCESS_ENTRY_FD). From fork on, the child's entry is locked; until the
// child writes its pid the entry is locked but empty, and kill/wait treat it as a process being born
// and look again shortly. So `sill kill`, which repeats until no entry is locked, cannot miss a child
// that a process it killed was creating, and `sill wait` sees processes started while it waits.
#pragma once
#include <string>

namespace sill::nt::processes {

inline constexpr char kEntryFdVariable[] = "SILL_PROCESS_ENTRY_FD";

// The entries' folder of the prefix at `prefix`.
std::string registry_dir(const std::string& prefix);

// In the process that is about to run a program (before any program code): takes over the entry its
// Sill parent made, else creates one; writes this process's pid and start time into it. Also removes
// entries of processes that have ended. A failure is reported on the warn channel and the program
// still runs (it is then invisible to kill/wait).
void register_this_process();

// In a parent about to start a child Sill process: a new locked entry of the current prefix (a
// close-on-exec descriptor; the caller keeps it open across exec in the child, passes its number in
// kEntryFdVariable, and closes its own copy after fork). -1 when it cannot be made.
int create_child_entry();

// SIGKILL to every live process of the prefix, repeated until none is left; `complete` is false
// when `attempts` passes, 10 ms apart, all found some left.
struct KillResult {
  bool complete = false;
  int killed = 0;
};
KillResult kill_all(const std::string& prefix, int attempts = 1000);

// Returns when no live process of the prefix is left, including processes that started while it
// waited. Blocks on the entries' locks (no polling while a process runs).
void wait_all(const std::string& prefix);

}  // namespace sill::nt::processes
