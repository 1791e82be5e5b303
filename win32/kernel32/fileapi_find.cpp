// FindFirstFile/FindNextFile: a directory listing filtered by DOS wildcards.
#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <cstddef>
#include <cstring>
#include <mutex>
#include <vector>

#include "base/debug.h"
#include "base/unicode.h"
#include "ntdll/file.h"
#include "ntdll/handle_table.h"
#include "ntdll/path_mapping.h"
#include "win32/kernel32/kernel32.h"
#include "win32/kernel32/kernel32_internal.h"

SILL_DEFAULT_DEBUG_CHANNEL(file);

namespace sill::kernel32 {

namespace {
struct FoundEntry {
  std::u16string name;
  struct stat st;
};

class FindFile : public nt::Object {
 public:
  static constexpr nt::ObjectType kType = nt::ObjectType::FindFile;
  FindFile() : Object(nt::ObjectType::FindFile) {}
  std::mutex lock;
  std::vector<FoundEntry> entries;
  std::size_t next = 0;
};

char16_t fold(char16_t c) {
  if ((c >= u'a' && c <= u'z') || (c >= 0xE0 && c <= 0xFE && c != 0xF7)) return c - 32;
  return c;
}

// DOS wildcard matching, case-insensitive: '*' any run, '?' one character.
bool wild_match(std::u16string_view pat, std::u16string_view name) {
  std::size_t p = 0, n = 0, star = std::u16string_view::npos, mark = 0;
  while (n < name.size()) {
    if (p < pat.size() && (pat[p] == u'?' || fold(pat[p]) == fold(name[n]))) {
      ++p;
      ++n;
    } else if (p < pat.size() && pat[p] == u'*') {
      star = p++;
      mark = n;
    } else if (star != std::u16string_view::npos) {
      p = star + 1;
      n = ++mark;
    } else {
      return false;
    }
  }
  while (p < pat.size() && (pat[p] == u'*' || pat[p] == u'?')) ++p;
  return p == pat.size();
}

bool dos_match(std::u16string_view pat, std::u16string_view name) {
  // "*.*" is everything, and "name." also matches a name without extension.
  if (pat == u"*.*" || pat == u"*") return true;
  if (wild_match(pat, name)) return true;
  if (!pat.empty() && pat.back() == u'.' && name.find(u'.') == std::u16string_view::npos)
    return wild_match(pat.substr(0, pat.size() - 1), name);
  return false;
}

void fill(const FoundEntry& e, WIN32_FIND_DATAW* d) {
  std::memset(d, 0, sizeof *d);
  std::string n8 = utf16_to_utf8(e.name);
  d->dwFileAttributes = nt::attributes_from_stat(e.st, n8);
  auto ft = [](const timespec& ts) {
    std::int64_t v = nt::filetime_from_unix(ts.tv_sec, ts.tv_nsec);
    return FILETIME{static_cast<DWORD>(v), static_cast<DWORD>(v >> 32)};
  };
  d->ftCreationTime = ft(e.st.st_mtim);
  d->ftLastAccessTime = ft(e.st.st_atim);
  d->ftLastWriteTime = ft(e.st.st_mtim);
  std::uint64_t size = S_ISDIR(e.st.st_mode) ? 0 : static_cast<std::uint64_t>(e.st.st_size);
  d->nFileSizeHigh = static_cast<DWORD>(size >> 32);
  d->nFileSizeLow = static_cast<DWORD>(size);
  std::size_t len = std::min<std::size_t>(e.name.size(), 259);
  std::memcpy(d->cFileName, e.name.data(), len * 2);
}

void to_ansi(const WIN32_FIND_DATAW& w, WIN32_FIND_DATAA* a) {
  std::memcpy(a, &w, offsetof(WIN32_FIND_DATAA, cFileName));
  std::string n = nt::utf16_to_ansi(w.cFileName);
  std::size_t len = std::min<std::size_t>(n.size(), 259);
  std::memcpy(a->cFileName, n.data(), len);
  a->cFileName[len] = 0;
  a->cAlternateFileName[0] = 0;
}
}  // namespace

HANDLE WINAPI FindFirstFileExW(LPCWSTR pattern, int info_level, void* data, int search_op, void* filter,
                               DWORD flags) noexcept {
  try {
    if (!pattern || !data) return fail_error(win::ERROR_INVALID_PARAMETER, INVALID_HANDLE_VALUE);
    if (search_op != 0) FIXME_ONCE("search operation %d treated as a name search", search_op);
    std::u16string_view p(pattern);
    std::size_t sep = p.find_last_of(u"\\/");
    std::u16string dir = sep == std::u16string_view::npos ? std::u16string(u".") : std::u16string(p.substr(0, sep + 1));
    std::u16string mask(sep == std::u16string_view::npos ? p : p.substr(sep + 1));
    if (mask.empty()) return fail_error(win::ERROR_FILE_NOT_FOUND, INVALID_HANDLE_VALUE);
    if (sep != std::u16string_view::npos && sep == 2 && p[1] == u':') dir = std::u16string(p.substr(0, 3));
    auto unix_dir = nt::dos_path_to_unix(dir);
    if (!unix_dir) return fail_status(unix_dir.error() == nt::STATUS_OBJECT_NAME_NOT_FOUND ? nt::STATUS_OBJECT_PATH_NOT_FOUND : unix_dir.error(), INVALID_HANDLE_VALUE);
    std::string base = *unix_dir;
    if (base.empty() || base.back() != '/') base += '/';
    DIR* d = opendir(base.c_str());
    if (!d) {
      if (errno == ENOENT || errno == ENOTDIR) return fail_error(win::ERROR_PATH_NOT_FOUND, INVALID_HANDLE_VALUE);
      return fail_status(nt::status_from_errno(errno), INVALID_HANDLE_VALUE);
    }
    auto find = nt::make_object<FindFile>();
    bool is_root = base == "/" || (dir.size() == 3 && dir[1] == u':');
    while (dirent* e = readdir(d)) {
      std::string n8 = e->d_name;
      if (is_root && (n8 == "." || n8 == "..")) continue;  // drive roots have no . and ..
      std::u16string name = utf8_to_utf16(n8);
      if (!dos_match(mask, name)) continue;
      FoundEntry fe{std::move(name), {}};
      // Relative to the open directory: no path walk per entry (a broken symlink reports itself).
      if (fstatat(dirfd(d), e->d_name, &fe.st, 0) != 0 && fstatat(dirfd(d), e->d_name, &fe.st, AT_SYMLINK_NOFOLLOW) != 0)
        continue;
      find->entries.push_back(std::move(fe));
    }
    closedir(d);
    if (find->entries.empty()) return fail_error(win::ERROR_FILE_NOT_FOUND, INVALID_HANDLE_VALUE);
    fill(find->entries[0], static_cast<WIN32_FIND_DATAW*>(data));
    find->next = 1;
    (void)info_level;  // FindExInfoBasic only differs by leaving the short name empty, which we always do
    return nt::handle_table().insert(std::move(find));
  } catch (...) {
    return fail_error(win::ERROR_NOT_ENOUGH_MEMORY, INVALID_HANDLE_VALUE);
  }
}

HANDLE WINAPI FindFirstFileW(LPCWSTR pattern, WIN32_FIND_DATAW* data) noexcept {
  return FindFirstFileExW(pattern, 0, data, 0, nullptr, 0);
}

HANDLE WINAPI FindFirstFileA(LPCSTR pattern, WIN32_FIND_DATAA* data) noexcept {
  try {
    auto w = from_ansi(pattern);
    WIN32_FIND_DATAW wd;
    HANDLE h = FindFirstFileExW(ptr(w), 0, &wd, 0, nullptr, 0);
    if (h != INVALID_HANDLE_VALUE) to_ansi(wd, data);
    return h;
  } catch (...) {
    return fail_error(win::ERROR_NOT_ENOUGH_MEMORY, INVALID_HANDLE_VALUE);
  }
}

BOOL WINAPI FindNextFileW(HANDLE h, WIN32_FIND_DATAW* data) noexcept {
  auto f = nt::handle_table().get<FindFile>(h);
  if (!f) return fail_status(f.error(), FALSE);
  std::lock_guard g((*f)->lock);
  if ((*f)->next >= (*f)->entries.size()) return fail_error(win::ERROR_NO_MORE_FILES, FALSE);
  fill((*f)->entries[(*f)->next++], data);
  return TRUE;
}

BOOL WINAPI FindNextFileA(HANDLE h, WIN32_FIND_DATAA* data) noexcept {
  WIN32_FIND_DATAW wd;
  if (!FindNextFileW(h, &wd)) return FALSE;
  try {
    to_ansi(wd, data);
  } catch (...) {
    return fail_error(win::ERROR_NOT_ENOUGH_MEMORY, FALSE);
  }
  return TRUE;
}

BOOL WINAPI FindClose(HANDLE h) noexcept {
  auto f = nt::handle_table().get<FindFile>(h);
  if (!f) return fail_status(f.error(), FALSE);
  nt::handle_table().close(h);
  return TRUE;
}

}  // namespace sill::kernel32
