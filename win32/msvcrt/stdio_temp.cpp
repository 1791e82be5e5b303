// Temporary files of <stdio.h>: tmpnam/_wtmpnam names (unique in the root of the
// current drive, as msvcrt makes them) and tmpfile streams, which delete their file
// when closed.
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

#include "base/debug.h"
#include "win32/kernel32/kernel32.h"
#include "win32/msvcrt/msvcrt.h"
#include "win32/msvcrt/msvcrt_api.h"

SILL_DEFAULT_DEBUG_CHANNEL(msvcrt);

namespace sill::msvcrt {

namespace k32 = sill::kernel32;

namespace {

std::mutex g_lock;
unsigned g_counter = 0;
thread_local char t_name[32];
thread_local wchar t_wname[32];

std::string base32(unsigned v) {
  const char* digits = "0123456789abcdefghijklmnopqrstuv";
  std::string s;
  do {
    s.insert(s.begin(), digits[v % 32]);
    v /= 32;
  } while (v);
  return s;
}

// The next name "<dir>s<pid>.<n>" that names no existing file.
std::u16string unique_name(const std::u16string& dir) {
  std::lock_guard<std::mutex> g(g_lock);
  std::string pid = base32(k32::GetCurrentProcessId());
  for (int tries = 0; tries < 32768; ++tries) {
    std::string leaf = "s" + pid + "." + base32(++g_counter);
    std::u16string name = dir;
    for (char c : leaf) name.push_back(static_cast<char16_t>(c));
    if (k32::GetFileAttributesW(name.c_str()) == k32::INVALID_FILE_ATTRIBUTES) return name;
  }
  return {};
}

}  // namespace

char* WINAPI tmpnam(char* buf) noexcept {
  std::u16string name = unique_name(u"\\");
  if (name.empty()) {
    set_errno(err::eexist);
    return nullptr;
  }
  char* out = buf ? buf : t_name;
  std::size_t i = 0;
  for (; i < name.size() && i < 13; ++i) out[i] = static_cast<char>(name[i]);
  out[i] = 0;
  return out;
}

wchar* WINAPI _wtmpnam(wchar* buf) noexcept {
  std::u16string name = unique_name(u"\\");
  if (name.empty()) {
    set_errno(err::eexist);
    return nullptr;
  }
  wchar* out = buf ? buf : t_wname;
  std::size_t i = 0;
  for (; i < name.size() && i < 13; ++i) out[i] = name[i];
  out[i] = 0;
  return out;
}

FILE* WINAPI tmpfile() noexcept {
  wchar dir[261] = {};
  DWORD n = k32::GetTempPathW(261, dir);
  std::u16string name = unique_name(n && n < 261 ? std::u16string(dir, n) : std::u16string(u"\\"));
  if (name.empty()) {
    set_errno(err::eexist);
    return nullptr;
  }
  int fd = _wopen(name.c_str(), O_CREAT | O_EXCL | O_RDWR | O_BINARY | O_TEMPORARY, 0x180);
  if (fd < 0) return nullptr;
  FILE* f = stdio::open_stream(fd, IORW);
  if (!f) {
    _close(fd);
    k32::DeleteFileW(name.c_str());
    return nullptr;
  }
  // fclose deletes the file by this name, whether or not the OS honoured O_TEMPORARY.
  std::string utf = wide_to_ansi(name.c_str());
  f->_tmpfname = static_cast<char*>(std::malloc(utf.size() + 1));
  if (f->_tmpfname) std::memcpy(f->_tmpfname, utf.c_str(), utf.size() + 1);
  return f;
}

}  // namespace sill::msvcrt
