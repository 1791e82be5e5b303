#include "ntdll/prefix_processes.h"

#include <dirent.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <optional>
#include <string>
#include <vector>

#include "base/debug.h"
#include "ntdll/path_mapping.h"

SILL_DEFAULT_DEBUG_CHANNEL(process);

namespace sill::nt::processes {

namespace {

// Live entries are named "p-XXXXXX"; one being made is ".new-XXXXXX" until it is locked, so that a
// sweep never mistakes a fresh, not yet locked entry for the litter of a dead process.
constexpr char kFolder[] = "/.sill-processes";  // in the prefix
constexpr char kEntryPrefix[] = "p-";
constexpr char kNewPrefix[] = ".new-";
// A ".new-" file unlocked for this long belongs to a process that died while making it.
constexpr time_t kAbandonedNewEntrySeconds = 60;

struct Record {
  pid_t pid = 0;
  unsigned long long start_time = 0;
};

// Field 22 of /proc/PID/stat (clock ticks after boot); nullopt when the process is gone.
std::optional<unsigned long long> start_time_of(pid_t pid) {
  char path[64];
  std::snprintf(path, sizeof path, "/proc/%d/stat", static_cast<int>(pid));
  int fd = open(path, O_RDONLY | O_CLOEXEC);
  if (fd < 0) return std::nullopt;
  char buf[1024];
  ssize_t n = read(fd, buf, sizeof buf - 1);
  close(fd);
  if (n <= 0) return std::nullopt;
  buf[n] = '\0';
  // The command name (field 2) may hold spaces and parentheses: count fields after the last ')'.
  const char* p = std::strrchr(buf, ')');
  if (!p) return std::nullopt;
  ++p;
  for (int field = 3; field < 22; ++field) {
    p = std::strchr(p + 1, ' ');
    if (!p) return std::nullopt;
  }
  return std::strtoull(p + 1, nullptr, 10);
}

bool write_record(int fd) {
  auto start = start_time_of(getpid());
  if (!start) return false;
  char text[64];
  int n = std::snprintf(text, sizeof text, "%d %llu\n", static_cast<int>(getpid()), *start);
  return ftruncate(fd, 0) == 0 && pwrite(fd, text, static_cast<std::size_t>(n), 0) == n;
}

// The record of an entry; pid 0 while the process that holds it has not written it yet.
Record read_record(int fd) {
  char text[64];
  ssize_t n = pread(fd, text, sizeof text - 1, 0);
  Record r;
  if (n <= 0) return r;
  text[n] = '\0';
  int pid = 0;
  if (std::sscanf(text, "%d %llu", &pid, &r.start_time) == 2 && pid > 0) r.pid = pid;
  return r;
}

// A new entry, locked, under its final name. -1 with errno on failure.
int create_entry(const std::string& dir) {
  if (mkdir(dir.c_str(), 0700) != 0 && errno != EEXIST) return -1;
  std::string temp = dir + "/" + kNewPrefix + "XXXXXX";
  int fd = mkostemp(temp.data(), O_CLOEXEC);
  if (fd < 0) return -1;
  std::string final_name = dir + "/" + kEntryPrefix + temp.substr(temp.size() - 6);
  if (flock(fd, LOCK_EX) != 0 || rename(temp.c_str(), final_name.c_str()) != 0) {
    int err = errno;
    unlink(temp.c_str());
    close(fd);
    errno = err;
    return -1;
  }
  return fd;
}

// The entry a Sill parent made for this process, by number from the variable: an open entry of some
// prefix's registry (a stale variable naming another descriptor is not trusted). *same_prefix says
// whether it is in `dir` (a program may give its child another SILL_PREFIX).
int inherited_entry(const std::string& dir, bool* same_prefix) {
  const char* text = std::getenv(kEntryFdVariable);
  if (!text) return -1;
  int fd = std::atoi(text);
  unsetenv(kEntryFdVariable);
  char link[64], target[4096];
  std::snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
  ssize_t n = readlink(link, target, sizeof target - 1);
  if (fd < 3 || n <= 0) return -1;
  target[n] = '\0';
  std::string path = target;
  std::size_t slash = path.rfind('/');
  std::string folder = path.substr(0, slash == std::string::npos ? 0 : slash);
  if (slash == std::string::npos || path.compare(slash + 1, sizeof kEntryPrefix - 1, kEntryPrefix) != 0 ||
      folder.size() < sizeof kFolder - 1 ||
      folder.compare(folder.size() - (sizeof kFolder - 1), sizeof kFolder - 1, kFolder) != 0)
    return -1;
  char real_dir[4096];
  *same_prefix = realpath(dir.c_str(), real_dir) && folder == real_dir;
  fcntl(fd, F_SETFD, FD_CLOEXEC);
  return fd;
}

enum class EntryState { Gone, Born, Live };

// Opens the entry `name` and says whether a process holds it. A dead process's entry is removed.
// For a live one, *record is what it wrote and *fd stays open (else it is closed).
EntryState probe(const std::string& dir, const char* name, Record* record, int* fd) {
  std::string path = dir + "/" + name;
  *fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (*fd < 0) return EntryState::Gone;
  bool is_new = std::strncmp(name, kNewPrefix, sizeof kNewPrefix - 1) == 0;
  if (flock(*fd, LOCK_EX | LOCK_NB) == 0) {
    struct stat st {};
    bool abandoned = !is_new || (fstat(*fd, &st) == 0 && time(nullptr) - st.st_mtime > kAbandonedNewEntrySeconds);
    if (abandoned) unlink(path.c_str());
    close(*fd);
    *fd = -1;
    return EntryState::Gone;
  }
  if (is_new) {
    close(*fd);
    *fd = -1;
    return EntryState::Born;
  }
  *record = read_record(*fd);
  return record->pid ? EntryState::Live : EntryState::Born;
}

std::vector<std::string> entry_names(const std::string& dir) {
  std::vector<std::string> names;
  DIR* d = opendir(dir.c_str());
  if (!d) return names;
  while (dirent* e = readdir(d)) {
    if (std::strncmp(e->d_name, kEntryPrefix, sizeof kEntryPrefix - 1) == 0 ||
        std::strncmp(e->d_name, kNewPrefix, sizeof kNewPrefix - 1) == 0)
      names.emplace_back(e->d_name);
  }
  closedir(d);
  return names;
}

// SIGKILL to the process of a record, only when it is the same process (same start time): the
// pidfd pins it between the check and the signal. True when it was signalled.
bool kill_record(const Record& r) {
  int pidfd = static_cast<int>(syscall(SYS_pidfd_open, r.pid, 0));
  if (pidfd < 0 && errno != ENOSYS) return false;  // gone
  bool same = start_time_of(r.pid) == r.start_time;
  bool sent = false;
  if (same) {
    sent = pidfd >= 0 ? syscall(SYS_pidfd_send_signal, pidfd, SIGKILL, nullptr, 0) == 0 : ::kill(r.pid, SIGKILL) == 0;
  }
  if (pidfd >= 0) close(pidfd);
  return sent;
}

void sleep_ms(long ms) {
  timespec ts{0, ms * 1000000L};
  while (nanosleep(&ts, &ts) != 0 && errno == EINTR) {
  }
}

}  // namespace

std::string registry_dir(const std::string& prefix) { return prefix + kFolder; }

void register_this_process() {
  std::string dir = registry_dir(prefix_path());
  bool same_prefix = false;
  int fd = inherited_entry(dir, &same_prefix);
  // An entry in another prefix's registry stays held (that prefix's kill and wait count this
  // process, which one of its processes started), and this prefix gets one of its own too.
  if (fd >= 0 && !same_prefix) {
    write_record(fd);
    fd = -1;
  }
  if (fd < 0) fd = create_entry(dir);
  if (fd < 0) {
    WARN("cannot register the process in %s (%s): sill kill and sill wait will not see it\n", dir.c_str(),
         std::strerror(errno));
    return;
  }
  if (!write_record(fd)) WARN("cannot write this process's entry in %s: %s\n", dir.c_str(), std::strerror(errno));
  // The descriptor stays open, and so the lock held, until this process ends.
  for (const std::string& name : entry_names(dir)) {
    Record r;
    int other = -1;
    probe(dir, name.c_str(), &r, &other);
    if (other >= 0) close(other);
  }
}

int create_child_entry() {
  std::string dir = registry_dir(prefix_path());
  int fd = create_entry(dir);
  if (fd < 0) WARN("cannot make a child's entry in %s: %s\n", dir.c_str(), std::strerror(errno));
  return fd;
}

KillResult kill_all(const std::string& prefix, int attempts) {
  std::string dir = registry_dir(prefix);
  KillResult result;
  for (int pass = 0; pass < attempts; ++pass) {
    int left = 0;
    for (const std::string& name : entry_names(dir)) {
      Record r;
      int fd = -1;
      EntryState state = probe(dir, name.c_str(), &r, &fd);
      if (state == EntryState::Gone) continue;
      ++left;
      if (state == EntryState::Live && kill_record(r)) ++result.killed;
      if (fd >= 0) close(fd);
    }
    if (left == 0) {
      result.complete = true;
      return result;
    }
    // Killed processes release their locks as the kernel tears them down; children being born
    // write their pid within moments.
    sleep_ms(10);
  }
  return result;
}

void wait_all(const std::string& prefix) {
  std::string dir = registry_dir(prefix);
  for (;;) {
    bool any = false;
    for (const std::string& name : entry_names(dir)) {
      Record r;
      int fd = -1;
      EntryState state = probe(dir, name.c_str(), &r, &fd);
      if (state == EntryState::Gone) continue;
      any = true;
      if (fd < 0) continue;  // being made: look again below
      // A shared lock is granted only once the process holding the exclusive one has ended.
      while (flock(fd, LOCK_SH) != 0 && errno == EINTR) {
      }
      close(fd);
    }
    if (!any) return;
    // An entry still being made (or a pass that waited) needs another look; a short pause keeps a
    // process that is being born from turning this into a busy loop.
    sleep_ms(5);
  }
}

}  // namespace sill::nt::processes
