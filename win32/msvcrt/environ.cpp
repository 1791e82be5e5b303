// The C runtime's copy of the environment: _environ/_wenviron, getenv and _putenv.
// As in msvcrt, the tables are built once from the process environment block and
// _putenv updates both tables and the process environment (SetEnvironmentVariableW).
#include <cstdlib>
#include <cstring>
#include <mutex>
#include <string>
#include <vector>

#include "base/debug.h"
#include "win32/kernel32/kernel32.h"
#include "win32/msvcrt/msvcrt.h"
#include "win32/msvcrt/msvcrt_api.h"

SILL_DEFAULT_DEBUG_CHANNEL(msvcrt);

namespace sill::msvcrt {

namespace k32 = sill::kernel32;

char** environ_value = nullptr;
wchar** wenviron_value = nullptr;
char** initenv_value = nullptr;
wchar** winitenv_value = nullptr;

namespace {

std::once_flag g_env_once;
std::vector<char*> g_env;    // NUL-terminated pointer list; strings are malloc'd
std::vector<wchar*> g_wenv;

template <class C>
C* dup_string(const C* s, std::size_t n) {
  auto* p = static_cast<C*>(std::malloc((n + 1) * sizeof(C)));
  if (!p) return nullptr;
  std::memcpy(p, s, n * sizeof(C));
  p[n] = 0;
  return p;
}

template <class C>
std::size_t slen(const C* s) {
  std::size_t n = 0;
  while (s[n]) ++n;
  return n;
}

template <class C>
bool upper_equal(C a, C b) {
  auto up = [](C c) { return (c >= C('a') && c <= C('z')) ? C(c - 32) : c; };
  return up(a) == up(b);
}

// Index of NAME in the table (case-insensitive, as Windows names are), or -1.
template <class C>
int find(const std::vector<C*>& env, const C* name, std::size_t n) {
  for (std::size_t i = 0; i + 1 < env.size(); ++i) {
    const C* e = env[i];
    std::size_t k = 0;
    while (k < n && e[k] && upper_equal(e[k], name[k])) ++k;
    if (k == n && e[k] == C('=')) return static_cast<int>(i);
  }
  return -1;
}

// Sets or (with an empty value) removes NAME in one table.
template <class C>
void set_in(std::vector<C*>& env, const C* name, std::size_t n, const C* entry) {
  int i = find(env, name, n);
  bool remove = entry[n + 1] == 0;
  if (i >= 0) {
    std::free(env[static_cast<std::size_t>(i)]);
    if (remove) {
      env.erase(env.begin() + i);
    } else {
      env[static_cast<std::size_t>(i)] = dup_string(entry, slen(entry));
    }
  } else if (!remove) {
    env.insert(env.end() - 1, dup_string(entry, slen(entry)));
  }
}

// A private deep copy: __initenv must stay valid while _putenv edits the live tables.
template <class C>
C** snapshot(const std::vector<C*>& env) {
  auto** v = static_cast<C**>(std::malloc(env.size() * sizeof(C*)));
  if (!v) return nullptr;
  for (std::size_t i = 0; i + 1 < env.size(); ++i) v[i] = dup_string(env[i], slen(env[i]));
  v[env.size() - 1] = nullptr;
  return v;
}

void publish() {
  environ_value = g_env.data();
  wenviron_value = g_wenv.data();
}

// Parses "NAME=VALUE" as _putenv does; returns false for a malformed entry.
template <class C>
bool put(const C* entry) {
  if (!entry) return false;
  const C* eq = entry;
  while (*eq && *eq != C('=')) ++eq;
  if (*eq != C('=') || eq == entry) return false;
  std::u16string wentry;
  if constexpr (sizeof(C) == 1) {
    wentry = ansi_to_wide(entry);
  } else {
    wentry.assign(entry, slen(entry));
  }
  std::size_t wn = wentry.find(u'=');
  std::u16string wname = wentry.substr(0, wn);
  std::string aentry = wide_to_ansi(wentry.c_str());
  std::lock_guard<std::recursive_mutex> g(crt_lock(LOCK_ENV));
  initialize_environment();
  set_in(g_wenv, wentry.c_str(), wn, wentry.c_str());
  set_in(g_env, aentry.c_str(), aentry.find('='), aentry.c_str());
  publish();
  const wchar* value = wentry.c_str() + wn + 1;
  return k32::SetEnvironmentVariableW(wname.c_str(), *value ? value : nullptr) != 0 || !*value;
}

}  // namespace

void initialize_environment() {
  std::call_once(g_env_once, [] {
    wchar* block = k32::GetEnvironmentStringsW();
    for (const wchar* p = block; p && *p; p += slen(p) + 1) {
      if (*p == u'=') continue;  // per-drive current directories are not C variables
      std::size_t n = slen(p);
      g_wenv.push_back(dup_string(p, n));
      std::string a = wide_to_ansi(p);
      g_env.push_back(dup_string(a.c_str(), a.size()));
    }
    g_env.push_back(nullptr);
    g_wenv.push_back(nullptr);
    if (block) k32::FreeEnvironmentStringsW(block);
    publish();
    initenv_value = snapshot(g_env);
    winitenv_value = snapshot(g_wenv);
  });
}

// ---- Exports ----

char* WINAPI getenv(const char* name) noexcept {
  if (!name) {
    set_errno(err::einval);
    return nullptr;
  }
  initialize_environment();
  std::lock_guard<std::recursive_mutex> g(crt_lock(LOCK_ENV));
  int i = find(g_env, name, std::strlen(name));
  return i < 0 ? nullptr : g_env[static_cast<std::size_t>(i)] + std::strlen(name) + 1;
}

wchar* WINAPI _wgetenv(const wchar* name) noexcept {
  if (!name) {
    set_errno(err::einval);
    return nullptr;
  }
  initialize_environment();
  std::lock_guard<std::recursive_mutex> g(crt_lock(LOCK_ENV));
  std::size_t n = slen(name);
  int i = find(g_wenv, name, n);
  return i < 0 ? nullptr : g_wenv[static_cast<std::size_t>(i)] + n + 1;
}

errno_t WINAPI getenv_s(std::size_t* needed, char* buf, std::size_t size, const char* name) noexcept {
  if (!needed || !name || (!buf && size)) return err::einval;
  const char* v = getenv(name);
  if (!v) {
    *needed = 0;
    if (buf && size) buf[0] = 0;
    return 0;
  }
  std::size_t n = std::strlen(v) + 1;
  *needed = n;
  if (!buf) return 0;
  if (n > size) return err::erange;
  std::memcpy(buf, v, n);
  return 0;
}

errno_t WINAPI _dupenv_s(char** out, std::size_t* size, const char* name) noexcept {
  if (!out || !name) return err::einval;
  *out = nullptr;
  if (size) *size = 0;
  const char* v = getenv(name);
  if (!v) return 0;
  std::size_t n = std::strlen(v);
  *out = static_cast<char*>(malloc(n + 1));  // the program frees it with free()
  if (!*out) return err::enomem;
  std::memcpy(*out, v, n + 1);
  if (size) *size = n + 1;
  return 0;
}

int WINAPI _putenv(const char* entry) noexcept {
  if (!put(entry)) {
    set_errno(err::einval);
    return -1;
  }
  return 0;
}

int WINAPI _wputenv(const wchar* entry) noexcept {
  if (!put(entry)) {
    set_errno(err::einval);
    return -1;
  }
  return 0;
}

errno_t WINAPI _putenv_s(const char* name, const char* value) noexcept {
  if (!name || !value) return err::einval;
  std::string e = std::string(name) + "=" + value;
  return _putenv(e.c_str()) == 0 ? 0 : err::einval;
}

char*** WINAPI __p__environ() noexcept {
  initialize_environment();
  return &environ_value;
}

wchar*** WINAPI __p__wenviron() noexcept {
  initialize_environment();
  return &wenviron_value;
}

char*** WINAPI __p___initenv() noexcept {
  initialize_environment();
  return &initenv_value;
}

wchar*** WINAPI __p___winitenv() noexcept {
  initialize_environment();
  return &winitenv_value;
}

}  // namespace sill::msvcrt
