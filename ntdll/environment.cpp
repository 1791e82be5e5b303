// Environment block handling. The block is replaced (never edited in place) so a
// pointer a program got from the PEB stays readable; old blocks we allocated are freed.
#include "ntdll/environment.h"

#include <cstring>
#include <mutex>

#include "ntdll/nt_structs.h"
#include "ntdll/process_internal.h"

namespace sill::nt {

namespace {
char16_t fold(char16_t c) {
  if ((c >= u'a' && c <= u'z') || (c >= 0xE0 && c <= 0xFE && c != 0xF7)) return c - 32;
  return c;
}
int compare_names(std::u16string_view a, std::u16string_view b) {
  std::size_t n = std::min(a.size(), b.size());
  for (std::size_t i = 0; i < n; ++i) {
    char16_t x = fold(a[i]), y = fold(b[i]);
    if (x != y) return x < y ? -1 : 1;
  }
  return a.size() == b.size() ? 0 : (a.size() < b.size() ? -1 : 1);
}
// The name part of "NAME=value"; a leading '=' belongs to the name ("=C:=C:\x").
std::u16string_view name_of(std::u16string_view entry) {
  std::size_t eq = entry.find(u'=', 1);
  return entry.substr(0, eq == std::u16string_view::npos ? entry.size() : eq);
}

std::mutex g_env_lock;
char16_t* g_private_block = nullptr;  // used before the PEB exists (unit tests)
char16_t* g_allocated = nullptr;      // the block we installed last (ours to free)

char16_t* current_block() {
  if (PEB* peb = process_peb(); peb && peb->ProcessParameters) {
    if (!peb->ProcessParameters->Environment) {
      static char16_t empty[2] = {0, 0};
      return empty;
    }
    return peb->ProcessParameters->Environment;
  }
  if (!g_private_block) {
    g_private_block = new char16_t[2]{0, 0};
    g_allocated = g_private_block;
  }
  return g_private_block;
}

void install_block(const std::u16string& block) {
  auto* copy = new char16_t[block.size()];
  std::memcpy(copy, block.data(), block.size() * 2);
  char16_t* old = g_allocated;
  if (PEB* peb = process_peb(); peb && peb->ProcessParameters) {
    peb->ProcessParameters->Environment = copy;
    peb->ProcessParameters->EnvironmentSize = block.size() * 2;
  } else {
    g_private_block = copy;
  }
  g_allocated = copy;
  delete[] old;
}
}  // namespace

std::size_t env_block_length(const char16_t* block) {
  const char16_t* p = block;
  while (*p) p += std::char_traits<char16_t>::length(p) + 1;
  return static_cast<std::size_t>(p - block) + 1;
}

std::optional<std::u16string> env_block_get(const char16_t* block, std::u16string_view name) {
  for (const char16_t* p = block; *p;) {
    std::u16string_view e(p);
    std::u16string_view n = name_of(e);
    if (compare_names(n, name) == 0) {
      if (n.size() == e.size()) return std::u16string();
      return std::u16string(e.substr(n.size() + 1));
    }
    p += e.size() + 1;
  }
  return std::nullopt;
}

std::u16string env_block_set(const char16_t* block, std::u16string_view name,
                             std::optional<std::u16string_view> value) {
  std::u16string out;
  bool placed = false;
  auto place = [&] {
    if (value) {
      out.append(name);
      out += u'=';
      out.append(*value);
      out += u'\0';
    }
    placed = true;
  };
  for (const char16_t* p = block; *p;) {
    std::u16string_view e(p);
    int c = compare_names(name_of(e), name);
    if (!placed && c >= 0) {
      place();
      if (c == 0) {
        p += e.size() + 1;
        continue;
      }
    }
    out.append(e);
    out += u'\0';
    p += e.size() + 1;
  }
  if (!placed) place();
  if (out.empty()) out += u'\0';
  out += u'\0';
  return out;
}

std::optional<std::u16string> env_get(std::u16string_view name) {
  std::lock_guard g(g_env_lock);
  return env_block_get(current_block(), name);
}

bool env_set(std::u16string_view name, std::optional<std::u16string_view> value) {
  if (name.empty() || name.find(u'=', 1) != std::u16string_view::npos) return false;
  std::lock_guard g(g_env_lock);
  install_block(env_block_set(current_block(), name, value));
  return true;
}

std::u16string env_snapshot() {
  std::lock_guard g(g_env_lock);
  const char16_t* b = current_block();
  return std::u16string(b, env_block_length(b));
}

std::u16string env_expand(std::u16string_view src) {
  std::u16string out;
  std::size_t i = 0;
  while (i < src.size()) {
    if (src[i] == u'%') {
      std::size_t end = src.find(u'%', i + 1);
      if (end != std::u16string_view::npos && end > i + 1) {
        if (auto v = env_get(src.substr(i + 1, end - i - 1))) {
          out += *v;
          i = end + 1;
          continue;
        }
        // Unknown: keep "%NAME" and continue from the closing '%' (it may open the next one).
        out.append(src.substr(i, end - i));
        i = end;
        continue;
      }
    }
    out += src[i++];
  }
  return out;
}

}  // namespace sill::nt
