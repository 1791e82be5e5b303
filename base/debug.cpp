#include "base/debug.h"

#include <unistd.h>
#include <sys/syscall.h>

#include <cstdarg>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <mutex>
#include <string>
#include <vector>

namespace sill::debug {
namespace {

constexpr std::uint8_t kDefault = Err | Fixme;

struct Rule {
  std::string channel;  // empty: all
  std::uint8_t classes;
  bool set;
};

Channel* g_channels = nullptr;
std::vector<Rule>& rules() {
  static std::vector<Rule> r;
  return r;
}

std::uint8_t flags_for(const char* name) {
  std::uint8_t f = kDefault;
  for (const Rule& r : rules()) {
    if (!r.channel.empty() && r.channel != name) continue;
    f = r.set ? (f | r.classes) : (f & ~r.classes);
  }
  return f;
}

std::uint8_t class_bits(std::string_view c) {
  if (c == "err") return Err;
  if (c == "fixme") return Fixme;
  if (c == "warn") return Warn;
  if (c == "trace") return Trace;
  return 0;
}

const char* class_name(Class c) {
  switch (c) {
    case Err: return "err";
    case Fixme: return "fixme";
    case Warn: return "warn";
    default: return "trace";
  }
}

}  // namespace

Channel::Channel(const char* n) : name(n), enabled(flags_for(n)), next(g_channels) { g_channels = this; }

void configure(std::string_view spec) {
  // Items: [class]+channel, [class]-channel, "all" for every channel; a class alone
  // before +/- limits the item to that class, otherwise it means every class.
  while (!spec.empty()) {
    auto comma = spec.find(',');
    std::string_view item = spec.substr(0, comma);
    spec = comma == std::string_view::npos ? std::string_view{} : spec.substr(comma + 1);
    auto op = item.find_first_of("+-");
    if (op == std::string_view::npos) continue;
    std::uint8_t classes = op == 0 ? (Err | Fixme | Warn | Trace) : class_bits(item.substr(0, op));
    if (classes == 0) continue;
    std::string channel(item.substr(op + 1));
    if (channel == "all") channel.clear();
    rules().push_back({channel, classes, item[op] == '+'});
  }
  for (Channel* c = g_channels; c; c = c->next) c->enabled = flags_for(c->name);
}

void configure_from_environment() {
  const char* spec = std::getenv("SILLDEBUG");
  if (!spec) spec = std::getenv("WINEDEBUG");
  if (spec) configure(spec);
}

void log(const Channel& ch, Class c, const char* func, const char* fmt, ...) {
  // One write per line so that threads do not interleave inside a message.
  char buf[4096];
  int n = std::snprintf(buf, sizeof buf, "%04lx:%s:%s:%s ", static_cast<long>(syscall(SYS_gettid)),
                        class_name(c), ch.name, func);
  if (n < 0) return;
  std::va_list ap;
  va_start(ap, fmt);
  int m = std::vsnprintf(buf + n, sizeof buf - n, fmt, ap);
  va_end(ap);
  std::size_t len = m < 0 ? n : std::min<std::size_t>(n + m, sizeof buf - 2);
  if (len == 0 || buf[len - 1] != '\n') buf[len++] = '\n';
  [[maybe_unused]] auto w = ::write(2, buf, len);
}

}  // namespace sill::debug
