// Share modes between processes: each open a process claims is an entry in a bucket of the shared
// store (by dev and inode); a new open is checked against the other processes' entries for the file.
// Entries of processes that are gone (or whose pid now names another process) are dropped when met.
// The process's own opens are checked by file_sharing.cpp.
#include <unistd.h>

#include "base/debug.h"
#include "ntdll/shared_objects.h"
#include "ntdll/shared_objects_layout.h"
#include "ntdll/status.h"

SILL_DEFAULT_DEBUG_CHANNEL(file);

namespace sill::nt::shared {

namespace {

struct Locked {
  Locked() { lock(); }
  ~Locked() { unlock(); }
};

FileOpen* bucket(Store& st, std::uint64_t dev, std::uint64_t ino) {
  std::uint64_t h = (dev * 0x9E3779B97F4A7C15ull) ^ (ino * 0xC2B2AE3D27D4EB4Full);
  return st.file_opens[(h >> 32) % kFileBuckets];
}

std::uint64_t my_start_time() {
  static const std::uint64_t t = process_start_time(getpid());
  return t;
}

bool gone(const FileOpen& o) {
  if (!process_alive(o.pid)) return true;
  std::uint64_t t = process_start_time(o.pid);
  return t != 0 && o.start_time != 0 && t != o.start_time;
}

}  // namespace

win::NTSTATUS claim_file_share(std::uint64_t dev, std::uint64_t ino, win::DWORD uses, win::DWORD share,
                               std::uint64_t* id) {
  *id = 0;
  Store* st = mapped_store();
  if (!st) return STATUS_SUCCESS;  // nothing shared: this process's own check is all there is
  const std::uint64_t start_time = my_start_time();
  const int pid = getpid();
  Locked guard;
  FileOpen* b = bucket(*st, dev, ino);
  FileOpen* free_entry = nullptr;
  for (std::size_t i = 0; i < kOpensPerBucket; ++i) {
    FileOpen& o = b[i];
    if (o.id == 0) {
      if (!free_entry) free_entry = &o;
      continue;
    }
    if (o.dev != dev || o.ino != ino || o.pid == pid) continue;
    bool conflicts = (uses & ~o.share) != 0 || (o.uses & ~share) != 0;
    // Liveness costs system calls: asked only of the entries that stand in the way.
    if (conflicts && !gone(o)) return STATUS_SHARING_VIOLATION;
    if (conflicts) o.id = 0;
  }
  for (std::size_t i = 0; i < kOpensPerBucket && !free_entry; ++i)
    if (b[i].pid != pid && gone(b[i])) free_entry = &b[i];
  if (!free_entry) {
    FIXME_ONCE("too many files open in the prefix's processes: share modes are checked in this process only");
    return STATUS_SUCCESS;
  }
  *free_entry = FileOpen{dev, ino, ++st->next_file_open_id, start_time, pid, static_cast<std::uint16_t>(uses),
                         static_cast<std::uint16_t>(share)};
  *id = free_entry->id;
  return STATUS_SUCCESS;
}

void release_file_share(std::uint64_t dev, std::uint64_t ino, std::uint64_t id) {
  if (!id) return;
  Store* st = mapped_store();
  if (!st) return;
  Locked guard;
  FileOpen* b = bucket(*st, dev, ino);
  for (std::size_t i = 0; i < kOpensPerBucket; ++i)
    if (b[i].id == id) b[i].id = 0;
}

}  // namespace sill::nt::shared
