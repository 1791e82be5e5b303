// The shared object store (see shared_objects.h): the file's layout, the lock, the slots' lifetime.
// The state operations the wait engine uses are in shared_objects_state.cpp.
#include "ntdll/shared_objects.h"

#include <fcntl.h>
#include <linux/futex.h>
#include <pthread.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <mutex>
#include <string>
#include <unordered_map>

#include "base/debug.h"
#include "ntdll/path_mapping.h"
#include "ntdll/shared_objects_layout.h"
#include "ntdll/status.h"

SILL_DEFAULT_DEBUG_CHANNEL(sync);

namespace sill::nt::shared {

namespace {

Store* g_store = nullptr;
// This process's references per slot (its pid is in the slot's list while it holds one). Under lock().
std::unordered_map<Slot*, int>* g_local_refs = nullptr;

std::string store_path() {
  std::string prefix = prefix_path();
  struct stat st;
  std::string key;
  if (stat(prefix.c_str(), &st) == 0) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%llx-%llx", static_cast<unsigned long long>(st.st_dev),
                  static_cast<unsigned long long>(st.st_ino));
    key = buf;
  } else {
    key = std::to_string(std::hash<std::string>{}(prefix));
  }
  return "/dev/shm/sill-objects-v" + std::to_string(kVersion) + "-" + std::to_string(getuid()) + "-" + key;
}

void initialize_header(Header& h) {
  pthread_mutexattr_t attr;
  pthread_mutexattr_init(&attr);
  pthread_mutexattr_setpshared(&attr, PTHREAD_PROCESS_SHARED);
  pthread_mutexattr_setrobust(&attr, PTHREAD_MUTEX_ROBUST);
  // A thread that would take it twice (a crash inside this module, then the exit path) gets
  // EDEADLK instead of hanging.
  pthread_mutexattr_settype(&attr, PTHREAD_MUTEX_ERRORCHECK);
  pthread_mutex_init(&h.lock, &attr);
  pthread_mutexattr_destroy(&attr);
  h.magic = kMagic;
  h.version = kVersion;
  h.init_state.store(2, std::memory_order_release);
}

Store* map_store() {
  std::string path = store_path();
  int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
  if (fd < 0) {
    // No /dev/shm (some containers): a file in the prefix shares just as well, on disk.
    path = prefix_path() + "/.sill-objects-v" + std::to_string(kVersion);
    fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
  }
  if (fd < 0) {
    ERR("cannot open the shared object store %s: %s\n", path.c_str(), std::strerror(errno));
    return nullptr;
  }
  struct stat st;
  if (fstat(fd, &st) != 0 || (st.st_size < static_cast<off_t>(sizeof(Store)) && ftruncate(fd, sizeof(Store)) != 0)) {
    ERR("cannot size the shared object store %s: %s\n", path.c_str(), std::strerror(errno));
    ::close(fd);
    return nullptr;
  }
  void* p = mmap(nullptr, sizeof(Store), PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
  ::close(fd);
  if (p == MAP_FAILED) return nullptr;
  auto* store = static_cast<Store*>(p);
  Header& h = store->header;
  std::uint32_t state = 0;
  if (h.init_state.compare_exchange_strong(state, 1)) {
    initialize_header(h);
  } else {
    // Another process is initializing it; one that died half-way is replaced after a while.
    for (int i = 0; i < 2000 && h.init_state.load(std::memory_order_acquire) != 2; ++i) usleep(1000);
    if (h.init_state.load(std::memory_order_acquire) != 2) initialize_header(h);
  }
  if (h.magic != kMagic || h.version != kVersion) {
    ERR("the shared object store %s has another layout (another Sill version?)\n", path.c_str());
    munmap(p, sizeof(Store));
    return nullptr;
  }
  return store;
}

Store* store() {
  static std::once_flag once;
  std::call_once(once, [] {
    g_store = map_store();
    g_local_refs = new std::unordered_map<Slot*, int>;
  });
  return g_store;
}

bool has_pid(const Slot& s, int pid) {
  for (std::int32_t p : s.pids)
    if (p == pid) return true;
  return false;
}

bool add_pid(Slot& s, int pid) {
  if (has_pid(s, pid)) return true;
  for (std::int32_t& p : s.pids)
    if (p == 0) {
      p = pid;
      return true;
    }
  return false;
}

void free_slot(Slot& s) {
  std::uint32_t generation = s.generation;
  std::memset(static_cast<void*>(&s), 0, sizeof s);
  s.generation = generation;
}

// Drops the references of processes that are gone; frees the slot when none is left.
void purge_dead(Slot& s) {
  bool any = false;
  for (std::int32_t& p : s.pids) {
    if (p != 0 && !process_alive(p)) p = 0;
    any = any || p != 0;
  }
  if (!any) free_slot(s);
}

Slot* find_named(Store& st, std::u16string_view key) {
  for (std::uint32_t i = 0; i < st.header.slots_in_use; ++i) {
    Slot& s = st.slots[i];
    if (s.kind == Kind::Free || s.name_length != key.size() || key.empty()) continue;
    if (std::u16string_view(s.name, s.name_length) != key) continue;
    purge_dead(s);
    if (s.kind != Kind::Free) return &s;
  }
  return nullptr;
}

Slot* allocate_slot(Store& st) {
  Header& h = st.header;
  for (std::uint32_t i = 0; i < h.slots_in_use; ++i)
    if (st.slots[i].kind == Kind::Free) return &st.slots[i];
  if (h.slots_in_use < kSlots) return &st.slots[h.slots_in_use++];
  for (Slot& s : st.slots) {  // full: reclaim the objects of dead processes
    purge_dead(s);
    if (s.kind == Kind::Free) return &s;
  }
  return nullptr;
}

bool take_local_reference(Slot* s) {
  int& n = (*g_local_refs)[s];
  if (n == 0 && !add_pid(*s, getpid())) {
    g_local_refs->erase(s);
    return false;
  }
  ++n;
  return true;
}

struct Locked {
  Locked() { lock(); }
  ~Locked() { unlock(); }
};

}  // namespace

Store* store_if_mapped() { return g_store; }
Store* mapped_store() { return store(); }

namespace {
// /proc/PID/stat after the command name: "S ppid ..." (state first); false when unreadable.
bool read_stat(int pid, char* buf, std::size_t size, const char** fields) {
  char path[32];
  std::snprintf(path, sizeof path, "/proc/%d/stat", pid);
  int fd = ::open(path, O_RDONLY | O_CLOEXEC);
  if (fd < 0) return false;
  ssize_t n = read(fd, buf, size - 1);
  ::close(fd);
  if (n <= 0) return false;
  buf[n] = 0;
  const char* close_paren = std::strrchr(buf, ')');
  if (!close_paren || close_paren[1] != ' ') return false;
  *fields = close_paren + 2;
  return true;
}
}  // namespace

bool process_alive(int pid) {
  if (pid <= 0) return false;
  if (kill(pid, 0) != 0 && errno == ESRCH) return false;
  // A zombie has ended: only its parent has not looked yet.
  char buf[512];
  const char* fields;
  if (!read_stat(pid, buf, sizeof buf, &fields)) return kill(pid, 0) == 0 || errno != ESRCH;
  return fields[0] != 'Z' && fields[0] != 'X';
}

std::uint64_t process_start_time(int pid) {
  char buf[512];
  const char* fields;
  if (!read_stat(pid, buf, sizeof buf, &fields)) return 0;
  // starttime is field 22; the state (field 3) starts `fields`.
  const char* p = fields;
  for (int field = 3; field < 22 && p; ++field) {
    p = std::strchr(p, ' ');
    if (p) ++p;
  }
  return p ? std::strtoull(p, nullptr, 10) : 0;
}

std::optional<win::DWORD> recorded_exit_code(int pid, std::uint64_t start_time) {
  Store* st = store();
  if (!st) return std::nullopt;
  Locked guard;
  for (const ExitRecord& r : st->exits)
    if (r.pid == pid && (start_time == 0 || r.start_time == start_time)) return r.code;
  return std::nullopt;
}

std::u16string_view namespace_key(std::u16string_view name) {
  constexpr std::u16string_view local = u"Local\\";
  if (name.substr(0, local.size()) == local) name.remove_prefix(local.size());
  return name;
}

void lock() {
  Store* st = store();
  if (!st) return;
  int r = pthread_mutex_lock(&st->header.lock);
  // The holder died: the state it guarded is plain data, left as it was.
  if (r == EOWNERDEAD) pthread_mutex_consistent(&st->header.lock);
}

void unlock() {
  if (g_store) pthread_mutex_unlock(&g_store->header.lock);
}

Expected<Slot*, win::NTSTATUS> create(Kind kind, std::u16string_view name, const InitialState& init, bool* existed) {
  Store* st = store();
  if (!st) return Unexpected{STATUS_INSUFFICIENT_RESOURCES};
  std::u16string_view key = namespace_key(name);
  if (key.size() > kNameMax) return Unexpected{STATUS_OBJECT_NAME_INVALID};
  Locked guard;
  *existed = false;
  if (Slot* s = find_named(*st, key)) {
    if (s->kind != kind) return Unexpected{STATUS_OBJECT_TYPE_MISMATCH};
    if (!take_local_reference(s)) return Unexpected{STATUS_INSUFFICIENT_RESOURCES};
    *existed = true;
    return s;
  }
  Slot* s = allocate_slot(*st);
  if (!s) return Unexpected{STATUS_INSUFFICIENT_RESOURCES};
  s->generation = ++st->header.next_generation;
  s->kind = kind;
  s->name_length = static_cast<std::uint32_t>(key.size());
  std::memcpy(s->name, key.data(), key.size() * sizeof(char16_t));
  s->manual = init.manual;
  s->signaled = init.signaled;
  s->count = kind == Kind::Mutex ? (init.owner_tid ? 1 : 0) : init.count;
  s->max = init.max;
  s->owner_tid = static_cast<std::int32_t>(init.owner_tid);
  s->owner_pid = init.owner_tid ? getpid() : 0;
  take_local_reference(s);  // a fresh slot has room
  return s;
}

Expected<Slot*, win::NTSTATUS> open(Kind kind, std::u16string_view name) {
  Store* st = store();
  if (!st) return Unexpected{STATUS_OBJECT_NAME_NOT_FOUND};
  Locked guard;
  Slot* s = find_named(*st, namespace_key(name));
  if (!s) return Unexpected{STATUS_OBJECT_NAME_NOT_FOUND};
  if (s->kind != kind) return Unexpected{STATUS_OBJECT_TYPE_MISMATCH};
  if (!take_local_reference(s)) return Unexpected{STATUS_INSUFFICIENT_RESOURCES};
  return s;
}

void release(Slot* s) {
  Locked guard;
  auto it = g_local_refs->find(s);
  if (it == g_local_refs->end() || --it->second > 0) return;
  g_local_refs->erase(it);
  bool any = false;
  for (std::int32_t& p : s->pids) {
    if (p == getpid()) p = 0;
    any = any || p != 0;
  }
  if (!any) free_slot(*s);
}

Kind kind_of(const Slot* s) { return s->kind; }

std::string identity(const Slot* s) {
  return std::to_string(s - g_store->slots) + "." + std::to_string(s->generation);
}

void add_reference_for(Slot* s, int pid) {
  Locked guard;
  if (!add_pid(*s, pid)) WARN("too many processes hold shared object %u\n", static_cast<unsigned>(s - g_store->slots));
}

Expected<Slot*, win::NTSTATUS> attach(std::string_view identity, Kind kind) {
  Store* st = store();
  if (!st) return Unexpected{STATUS_INVALID_HANDLE};
  unsigned long index = 0, generation = 0;
  std::string text(identity);
  if (std::sscanf(text.c_str(), "%lu.%lu", &index, &generation) != 2 || index >= kSlots)
    return Unexpected{STATUS_INVALID_HANDLE};
  Locked guard;
  Slot* s = &st->slots[index];
  if (s->kind != kind || s->generation != generation) return Unexpected{STATUS_INVALID_HANDLE};
  if (!take_local_reference(s)) return Unexpected{STATUS_INSUFFICIENT_RESOURCES};
  return s;
}

void on_process_exit(win::DWORD code) {
  Store* st = store();
  if (!st) return;
  int pid = getpid();
  std::uint64_t start_time = process_start_time(pid);
  // The process must end whatever state the store is in: a bounded wait for the lock, and not at
  // all when this thread holds it already (it crashed in here).
  timespec until;
  clock_gettime(CLOCK_REALTIME, &until);
  until.tv_sec += 2;
  int r = pthread_mutex_timedlock(&st->header.lock, &until);
  if (r == EOWNERDEAD) pthread_mutex_consistent(&st->header.lock);
  else if (r != 0) return;
  struct Unlock {
    ~Unlock() { unlock(); }
  } guard;
  st->exits[st->next_exit_record++ % kExitRecords] = ExitRecord{pid, code, start_time};
  for (std::uint32_t i = 0; i < st->header.slots_in_use; ++i) {
    Slot& s = st->slots[i];
    if (s.kind == Kind::Mutex && s.count > 0 && s.owner_pid == pid) abandon_locked(s);
    if (g_local_refs->count(&s)) {
      for (std::int32_t& p : s.pids)
        if (p == pid) p = 0;
      bool any = false;
      for (std::int32_t p : s.pids) any = any || p != 0;
      if (!any) free_slot(s);
    }
  }
  g_local_refs->clear();
  for (SharedWaiter& w : st->waiters)
    if (w.pid.load(std::memory_order_relaxed) == pid) w.pid.store(0, std::memory_order_relaxed);
}

}  // namespace sill::nt::shared
