// Debug channels: SILLDEBUG=+loader,warn+all,-heap (WINEDEBUG syntax accepted).
// A disabled channel costs one predictable branch.
#pragma once
#include <cstdint>
#include <string_view>

namespace sill::debug {

enum Class : std::uint8_t { Err = 1, Fixme = 2, Warn = 4, Trace = 8 };

struct Channel {
  const char* name;
  std::uint8_t enabled;  // bit set of Class
  Channel* next;

  explicit Channel(const char* n);
  bool on(Class c) const { return (enabled & c) != 0; }
};

// Applies a SILLDEBUG/WINEDEBUG specification to every channel (present and future).
void configure(std::string_view spec);
// Reads SILLDEBUG, else WINEDEBUG.
void configure_from_environment();

[[gnu::format(printf, 4, 5)]] void log(const Channel& ch, Class c, const char* func, const char* fmt, ...);

}  // namespace sill::debug

// Declares a file's channel: SILL_DEFAULT_DEBUG_CHANNEL(loader);
#define SILL_DEFAULT_DEBUG_CHANNEL(ch) static ::sill::debug::Channel sill_debug_channel_(#ch)
#define SILL_DECLARE_DEBUG_CHANNEL(ch) static ::sill::debug::Channel sill_debug_channel_##ch(#ch)

#define SILL_LOG_(chan, cls, ...)                                                   \
  do {                                                                             \
    if (__builtin_expect((chan).on(cls), 0)) ::sill::debug::log((chan), (cls), __func__, __VA_ARGS__); \
  } while (0)

#define TRACE(...) SILL_LOG_(sill_debug_channel_, ::sill::debug::Trace, __VA_ARGS__)
#define WARN(...) SILL_LOG_(sill_debug_channel_, ::sill::debug::Warn, __VA_ARGS__)
#define FIXME(...) SILL_LOG_(sill_debug_channel_, ::sill::debug::Fixme, __VA_ARGS__)
#define ERR(...) SILL_LOG_(sill_debug_channel_, ::sill::debug::Err, __VA_ARGS__)
#define TRACE_ON(ch) (sill_debug_channel_##ch.on(::sill::debug::Trace))
#define TRACE_(ch, ...) SILL_LOG_(sill_debug_channel_##ch, ::sill::debug::Trace, __VA_ARGS__)
// A FIXME printed once per call site: for partial functions called in loops.
#define FIXME_ONCE(...)                        \
  do {                                         \
    static bool sill_fixme_said_ = false;      \
    if (!sill_fixme_said_) {                   \
      sill_fixme_said_ = true;                 \
      FIXME(__VA_ARGS__);                      \
    }                                          \
  } while (0)
