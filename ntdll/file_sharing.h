// Share modes between open handles: a new open is refused with
// STATUS_SHARING_VIOLATION when its access is not shared by an existing open of
// the same file, or when it does not share what an existing open uses. This
// process's opens are kept here; those of the prefix's other processes in the
// shared store (shared_file_shares.cpp).
#pragma once
#include <sys/types.h>

#include <cstdint>

#include "base/wintypes.h"

namespace sill::nt {

struct ShareClaim {
  dev_t dev = 0;
  ino_t ino = 0;
  std::uint64_t id = 0;  // 0: no claim (nothing to release)
  std::uint64_t shared_id = 0;  // the claim other processes see (0: none)
};

// Registers an open of (dev, ino) with the given access mask and FILE_SHARE_* mode.
// STATUS_SUCCESS and a claim, or STATUS_SHARING_VIOLATION.
win::NTSTATUS claim_share(dev_t dev, ino_t ino, win::DWORD access, win::DWORD share, ShareClaim* claim);
void release_share(const ShareClaim& claim);

}  // namespace sill::nt
