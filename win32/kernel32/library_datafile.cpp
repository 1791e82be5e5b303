// Data-file modules (see library_datafile.h). Both kinds are mapped in image
// layout (sections at their RVAs): Windows maps LOAD_LIBRARY_AS_DATAFILE as a
// flat file view, which only a program that parses the mapping itself could
// tell apart; every resource function works on either.
#include "win32/kernel32/library_datafile.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cstring>
#include <map>
#include <mutex>
#include <string>
#include <vector>

#include "base/debug.h"
#include "base/unicode.h"
#include "loader/builtin_version_resource.h"
#include "loader/module.h"
#include "loader/pe_resources.h"
#include "ntdll/path_mapping.h"
#include "ntdll/winerror.h"
#include "win32/kernel32/kernel32.h"

SILL_DEFAULT_DEBUG_CHANNEL(module);

namespace sill::kernel32 {

namespace {

constexpr std::uint32_t kMaxImage = 0x80000000u;  // Windows refuses images of 2 GiB and more

struct DataFile {
  std::uint8_t* base;
  std::size_t size;
};

std::mutex& files_lock() {
  static std::mutex m;
  return m;
}
std::map<std::uintptr_t, DataFile>& files() {  // by tagged handle
  static std::map<std::uintptr_t, DataFile> f;
  return f;
}

bool is_regular_file(const std::string& path) {
  struct stat st {};
  return stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode);
}

// A path is used as is; a bare name is looked for beside the program, then in the current directory.
std::optional<std::string> locate(std::u16string_view name) {
  std::u16string file(name);
  auto slash = file.find_last_of(u"\\/");
  std::u16string_view base = slash == std::u16string::npos ? std::u16string_view(file) : std::u16string_view(file).substr(slash + 1);
  if (base.find(u'.') == std::u16string_view::npos) file += u".dll";
  bool is_path = slash != std::u16string::npos || (file.size() > 1 && file[1] == u':');
  if (!is_path) {
    if (const loader::Module* exe = loader::find_module(loader::main_module()); exe && !exe->unix_path.empty()) {
      std::string dir = exe->unix_path.substr(0, exe->unix_path.rfind('/') + 1);
      if (std::string p = dir + utf16_to_utf8(file); is_regular_file(p)) return p;
    }
  }
  auto p = nt::dos_path_to_unix(file);  // relative names resolve against the current directory
  if (p && is_regular_file(*p)) return *p;
  return std::nullopt;
}

// The prefix's system32 holds no copies of the built-in DLLs, but Windows
// programs expect kernel32.dll and its kind there (GetFileVersionInfo on
// GetModuleFileName's answer, or on a bare name found through the search path):
// such a name gives the built-in's headers and resources.
std::optional<std::vector<std::uint8_t>> builtin_system_file(std::u16string_view name) {
  std::u16string file(name);
  if (file.find_last_of(u"\\/:") == std::u16string::npos) file = u"C:\\windows\\system32\\" + file;
  auto full = nt::full_dos_path(file);
  if (!full) return std::nullopt;
  auto unix_path = nt::dos_path_to_unix(*full);
  if (!unix_path || !loader::in_system_directory(*unix_path)) return std::nullopt;
  std::u16string base = full->substr(full->find_last_of(u'\\') + 1);
  if (base.find(u'.') == std::u16string::npos) base += u".dll";
  return loader::builtin_data_file(base);
}

std::optional<std::vector<std::uint8_t>> read_file(const std::string& path) {
  int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return std::nullopt;
  std::vector<std::uint8_t> bytes;
  std::uint8_t chunk[65536];
  for (;;) {
    ssize_t n = read(fd, chunk, sizeof chunk);
    if (n < 0) {
      close(fd);
      return std::nullopt;
    }
    if (n == 0) break;
    bytes.insert(bytes.end(), chunk, chunk + n);
  }
  close(fd);
  return bytes;
}

// Headers, then each section's raw data at its RVA, read-only.
std::uint8_t* map_image(std::span<const std::uint8_t> bytes, const pe::ImageLayout& layout) {
  std::size_t size = layout.size_of_image;
  void* p = mmap(nullptr, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (p == MAP_FAILED) return nullptr;
  auto* base = static_cast<std::uint8_t*>(p);
  std::memcpy(base, bytes.data(), std::min<std::size_t>({layout.size_of_headers, bytes.size(), size}));
  for (const pe::Section& s : layout.sections) {
    if (!s.raw_size || s.virtual_address >= size) continue;
    std::size_t n = std::min<std::size_t>({s.raw_size, size - s.virtual_address});
    if (std::uint64_t{s.raw_offset} + n > bytes.size()) n = bytes.size() > s.raw_offset ? bytes.size() - s.raw_offset : 0;
    std::memcpy(base + s.virtual_address, bytes.data() + s.raw_offset, n);
  }
  mprotect(base, size, PROT_READ);
  return base;
}

}  // namespace

Expected<win::HMODULE, win::DWORD> load_data_file(std::u16string_view name, win::DWORD flags) {
  auto path = locate(name);
  auto bytes = path ? read_file(*path) : builtin_system_file(name);
  if (!bytes) return Unexpected(win::ERROR_FILE_NOT_FOUND);
  if (!path) path = "built-in " + utf16_to_utf8(name);
  // Any PE (32- or 64-bit, any machine) serves its resources: nothing of it runs.
  auto layout = pe::read_image_layout(*bytes);
  if (!layout || layout->size_of_image == 0 || layout->size_of_image > kMaxImage) {
    WARN("%s: %s\n", path->c_str(), layout ? "the image size is not plausible" : layout.error().message.c_str());
    return Unexpected(win::ERROR_BAD_EXE_FORMAT);
  }
  std::uint8_t* base = map_image(*bytes, *layout);
  if (!base) return Unexpected(win::ERROR_NOT_ENOUGH_MEMORY);
  std::uintptr_t tag = (flags & LOAD_LIBRARY_AS_IMAGE_RESOURCE) ? 2 : 1;
  auto handle = reinterpret_cast<std::uintptr_t>(base) | tag;
  TRACE("%s mapped as a data file at %p\n", path->c_str(), static_cast<void*>(base));
  std::lock_guard guard(files_lock());
  files()[handle] = DataFile{base, layout->size_of_image};
  return reinterpret_cast<win::HMODULE>(handle);
}

bool free_data_file(win::HMODULE h) {
  DataFile f;
  {
    std::lock_guard guard(files_lock());
    auto it = files().find(reinterpret_cast<std::uintptr_t>(h));
    if (it == files().end()) return false;
    f = it->second;
    files().erase(it);
  }
  munmap(f.base, f.size);
  return true;
}

std::optional<std::span<const std::uint8_t>> data_file_image(win::HMODULE h) {
  std::lock_guard guard(files_lock());
  auto it = files().find(reinterpret_cast<std::uintptr_t>(h));
  if (it == files().end()) return std::nullopt;
  return std::span<const std::uint8_t>(it->second.base, it->second.size);
}

}  // namespace sill::kernel32
