// File mappings (NT sections): a mapping object over a file or over anonymous
// shared memory, and views of it mapped into the address space.
#pragma once
#include <cstdint>

#include "base/expected.h"
#include "base/wintypes.h"
#include "ntdll/file.h"
#include "ntdll/object.h"

namespace sill::nt {

// FILE_MAP_* view access rights (memoryapi.h).
inline constexpr win::DWORD FILE_MAP_COPY = 0x1, FILE_MAP_WRITE = 0x2, FILE_MAP_READ = 0x4,
                            FILE_MAP_EXECUTE = 0x20, FILE_MAP_ALL_ACCESS = 0xF001F;

class Section : public Object {
 public:
  static constexpr ObjectType kType = ObjectType::Section;
  Section(int fd, std::uint64_t size, win::DWORD protect) : Object(kType), fd_(fd), size_(size), protect_(protect) {}
  ~Section() override;

  int fd() const { return fd_; }
  std::uint64_t size() const { return size_; }
  win::DWORD protect() const { return protect_; }  // PAGE_READONLY, PAGE_READWRITE, PAGE_WRITECOPY, PAGE_EXECUTE_*

 private:
  int fd_;
  std::uint64_t size_;
  win::DWORD protect_;
};

// A mapping of `file` (null: anonymous memory, which needs a size), maximum_size 0 meaning the
// file's size. A writable mapping larger than the file grows the file, as on Windows.
Expected<Ref<Section>, win::NTSTATUS> create_section(File* file, std::uint64_t maximum_size, win::DWORD protect);
// Maps size bytes (0: to the end) from offset, which must be a multiple of 64 KiB. The view is
// 64 KiB aligned; at `address` when given (STATUS_CONFLICTING_ADDRESSES if taken).
Expected<void*, win::NTSTATUS> map_view(Section& section, std::uint64_t offset, std::size_t size,
                                        win::DWORD access, void* address = nullptr);
win::NTSTATUS unmap_view(void* base);
win::NTSTATUS flush_view(const void* address, std::size_t size);

}  // namespace sill::nt
