#include "ntdll/file_sharing.h"

#include <map>
#include <mutex>
#include <utility>
#include <vector>

#include "ntdll/file.h"
#include "ntdll/shared_objects.h"
#include "ntdll/status.h"

namespace sill::nt {

namespace {

constexpr win::DWORD kShareRead = 1, kShareWrite = 2, kShareDelete = 4;

// What an access mask does to the file's data, in FILE_SHARE_* terms. Opens for attributes
// only (or SYNCHRONIZE) take nothing and are never refused.
win::DWORD uses(win::DWORD access) {
  win::DWORD u = 0;
  if (access & (GENERIC_READ | GENERIC_ALL | GENERIC_EXECUTE | MAXIMUM_ALLOWED | FILE_READ_DATA | 0x20 /*FILE_EXECUTE*/))
    u |= kShareRead;
  if (access & (GENERIC_WRITE | GENERIC_ALL | MAXIMUM_ALLOWED | FILE_WRITE_DATA | FILE_APPEND_DATA)) u |= kShareWrite;
  if (access & (DELETE_ACCESS | GENERIC_ALL)) u |= kShareDelete;
  return u;
}

struct Open {
  std::uint64_t id;
  win::DWORD uses;
  win::DWORD share;
};

struct Registry {
  std::mutex lock;
  std::map<std::pair<dev_t, ino_t>, std::vector<Open>> files;
  std::uint64_t next_id = 1;
};

Registry& registry() {
  static Registry* r = new Registry;
  return *r;
}

}  // namespace

win::NTSTATUS claim_share(dev_t dev, ino_t ino, win::DWORD access, win::DWORD share, ShareClaim* claim) {
  auto& r = registry();
  std::lock_guard guard(r.lock);
  win::DWORD u = uses(access);
  auto& opens = r.files[{dev, ino}];
  for (const Open& o : opens) {
    if ((u & ~o.share) != 0 || (o.uses & ~share) != 0) {
      if (opens.empty()) r.files.erase({dev, ino});
      return STATUS_SHARING_VIOLATION;
    }
  }
  std::uint64_t shared_id = 0;
  if (NTSTATUS s = shared::claim_file_share(dev, ino, u, share, &shared_id); s != STATUS_SUCCESS) {
    if (opens.empty()) r.files.erase({dev, ino});
    return s;
  }
  *claim = ShareClaim{dev, ino, r.next_id++, shared_id};
  opens.push_back(Open{claim->id, u, share});
  return STATUS_SUCCESS;
}

void release_share(const ShareClaim& claim) {
  if (!claim.id) return;
  shared::release_file_share(claim.dev, claim.ino, claim.shared_id);
  auto& r = registry();
  std::lock_guard guard(r.lock);
  auto it = r.files.find({claim.dev, claim.ino});
  if (it == r.files.end()) return;
  std::erase_if(it->second, [&](const Open& o) { return o.id == claim.id; });
  if (it->second.empty()) r.files.erase(it);
}

}  // namespace sill::nt
