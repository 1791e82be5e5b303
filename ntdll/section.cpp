#include "ntdll/section.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <map>
#include <mutex>

#include "ntdll/status.h"
#include "ntdll/virtual.h"

namespace sill::nt {

namespace {

// Mapped views by base address, for UnmapViewOfFile and FlushViewOfFile.
struct Views {
  std::mutex lock;
  std::map<std::uintptr_t, std::size_t> by_base;
};

Views& views() {
  static Views* v = new Views;
  return *v;
}

bool writable(win::DWORD protect) {
  win::DWORD p = protect & 0xFF;
  return p == PAGE_READWRITE || p == PAGE_EXECUTE_READWRITE;
}

bool copy_on_write(win::DWORD protect) {
  win::DWORD p = protect & 0xFF;
  return p == PAGE_WRITECOPY || p == PAGE_EXECUTE_WRITECOPY;
}

bool executable(win::DWORD protect) { return (protect & 0xF0) != 0; }

}  // namespace

Section::~Section() {
  if (fd_ >= 0) close(fd_);
}

Expected<Ref<Section>, win::NTSTATUS> create_section(File* file, std::uint64_t maximum_size, win::DWORD protect) {
  win::DWORD p = protect & 0xFF;
  if (p != PAGE_READONLY && p != PAGE_READWRITE && p != PAGE_WRITECOPY && p != PAGE_EXECUTE_READ &&
      p != PAGE_EXECUTE_READWRITE && p != PAGE_EXECUTE_WRITECOPY)
    return Unexpected{STATUS_INVALID_PAGE_PROTECTION};
  int fd;
  std::uint64_t size = maximum_size;
  if (!file) {
    // Backed by the paging file: anonymous shared memory.
    if (size == 0) return Unexpected{STATUS_INVALID_PARAMETER};
    fd = memfd_create("sill-section", MFD_CLOEXEC);
    if (fd < 0) return Unexpected{status_from_errno(errno)};
    if (ftruncate(fd, static_cast<off_t>(size)) != 0) {
      int e = errno;
      close(fd);
      return Unexpected{e == EFBIG || e == EINVAL ? STATUS_SECTION_TOO_BIG : status_from_errno(e)};
    }
  } else {
    if (file->is_directory()) return Unexpected{STATUS_INVALID_PARAMETER};
    if (!file->can_read() || (writable(protect) && !file->can_write())) return Unexpected{STATUS_ACCESS_DENIED};
    struct stat st;
    if (fstat(file->fd(), &st) != 0) return Unexpected{status_from_errno(errno)};
    auto file_size = static_cast<std::uint64_t>(st.st_size);
    if (size == 0) {
      if (file_size == 0) return Unexpected{STATUS_MAPPED_FILE_SIZE_ZERO};
      size = file_size;
    }
    if (size > file_size) {
      if (!writable(protect)) return Unexpected{STATUS_SECTION_TOO_BIG};
      if (ftruncate(file->fd(), static_cast<off_t>(size)) != 0) return Unexpected{status_from_errno(errno)};
    }
    fd = fcntl(file->fd(), F_DUPFD_CLOEXEC, 0);
    if (fd < 0) return Unexpected{status_from_errno(errno)};
  }
  return make_object<Section>(fd, size, protect);
}

Expected<void*, win::NTSTATUS> map_view(Section& section, std::uint64_t offset, std::size_t size,
                                        win::DWORD access, void* address) {
  if (offset % kAllocationGranularity) return Unexpected{STATUS_MAPPED_ALIGNMENT};
  if (offset >= section.size()) return Unexpected{STATUS_INVALID_VIEW_SIZE};
  if (size == 0) size = static_cast<std::size_t>(section.size() - offset);
  if (size > section.size() - offset) return Unexpected{STATUS_INVALID_VIEW_SIZE};
  // FILE_MAP_COPY (0x1) is also SECTION_QUERY, part of FILE_MAP_ALL_ACCESS: it asks for a
  // copy-on-write view only on its own (or with FILE_MAP_EXECUTE).
  bool want_copy = (access & ~FILE_MAP_EXECUTE) == FILE_MAP_COPY;
  bool want_write = !want_copy && (access & FILE_MAP_WRITE) != 0;
  bool want_exec = (access & FILE_MAP_EXECUTE) != 0;
  if (want_write && !writable(section.protect())) return Unexpected{STATUS_ACCESS_DENIED};
  if (want_copy && !writable(section.protect()) && !copy_on_write(section.protect()))
    return Unexpected{STATUS_ACCESS_DENIED};
  if (want_exec && !executable(section.protect())) return Unexpected{STATUS_ACCESS_DENIED};

  int prot = PROT_READ | (want_write || want_copy ? PROT_WRITE : 0) | (want_exec ? PROT_EXEC : 0);
  int flags = want_copy ? MAP_PRIVATE : MAP_SHARED;
  win::DWORD view_protect = want_copy ? (want_exec ? PAGE_EXECUTE_WRITECOPY : PAGE_WRITECOPY)
                            : want_write ? (want_exec ? PAGE_EXECUTE_READWRITE : PAGE_READWRITE)
                                         : (want_exec ? PAGE_EXECUTE_READ : PAGE_READONLY);
  std::size_t length = (size + kPageSize - 1) & ~(kPageSize - 1);
  void* view;
  if (address) {
    if (reinterpret_cast<std::uintptr_t>(address) % kAllocationGranularity) return Unexpected{STATUS_MAPPED_ALIGNMENT};
    view = mmap(address, length, prot, flags | MAP_FIXED_NOREPLACE, section.fd(), static_cast<off_t>(offset));
    if (view == MAP_FAILED || view != address) {
      if (view != MAP_FAILED) munmap(view, length);
      return Unexpected{STATUS_CONFLICTING_ADDRESSES};
    }
  } else {
    // Windows places views on 64 KiB boundaries: reserve extra, map inside, trim.
    std::size_t span = length + kAllocationGranularity;
    void* raw = mmap(nullptr, span, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (raw == MAP_FAILED) return Unexpected{STATUS_NO_MEMORY};
    auto r = reinterpret_cast<std::uintptr_t>(raw);
    std::uintptr_t aligned = (r + kAllocationGranularity - 1) & ~(kAllocationGranularity - 1);
    view = mmap(reinterpret_cast<void*>(aligned), length, prot, flags | MAP_FIXED, section.fd(),
                static_cast<off_t>(offset));
    if (view == MAP_FAILED) {
      int e = errno;
      munmap(raw, span);
      return Unexpected{status_from_errno(e)};
    }
    if (aligned > r) munmap(raw, aligned - r);
    if (r + span > aligned + length) munmap(reinterpret_cast<void*>(aligned + length), r + span - aligned - length);
  }
  {
    auto& v = views();
    std::lock_guard guard(v.lock);
    v.by_base[reinterpret_cast<std::uintptr_t>(view)] = length;
  }
  note_view_mapping(view, length, view_protect);
  return view;
}

win::NTSTATUS unmap_view(void* base) {
  auto& v = views();
  std::size_t length;
  {
    std::lock_guard guard(v.lock);
    auto it = v.by_base.find(reinterpret_cast<std::uintptr_t>(base));
    if (it == v.by_base.end()) return STATUS_NOT_MAPPED_VIEW;
    length = it->second;
    v.by_base.erase(it);
  }
  note_image_unmapping(base);
  munmap(base, length);
  return STATUS_SUCCESS;
}

win::NTSTATUS flush_view(const void* address, std::size_t size) {
  auto& v = views();
  auto a = reinterpret_cast<std::uintptr_t>(address);
  std::uintptr_t base = 0;
  std::size_t length = 0;
  {
    std::lock_guard guard(v.lock);
    auto it = v.by_base.upper_bound(a);
    if (it == v.by_base.begin()) return STATUS_NOT_MAPPED_VIEW;
    --it;
    if (a >= it->first + it->second) return STATUS_NOT_MAPPED_VIEW;
    base = it->first;
    length = it->second;
  }
  // Size 0 flushes to the end of the view.
  std::uintptr_t start = a & ~(kPageSize - 1);
  std::uintptr_t end = size ? std::min(a + size, base + length) : base + length;
  if (msync(reinterpret_cast<void*>(start), end - start, MS_SYNC) != 0) return status_from_errno(errno);
  return STATUS_SUCCESS;
}

}  // namespace sill::nt
