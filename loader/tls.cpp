// Static TLS of PE images: each image with a TLS directory gets an index; each
// thread's TEB->ThreadLocalStoragePointer[index] points to that thread's copy of
// the image's TLS template (compiler-generated code reads it through gs:0x58).
#include <cstdlib>
#include <cstring>
#include <mutex>

#include "base/debug.h"
#include "base/unicode.h"
#include "loader/loader_internal.h"
#include "loader/pe_format.h"

SILL_DEFAULT_DEBUG_CHANNEL(loader);

namespace sill::loader {

namespace {

// Fixed capacity: slot arrays are never reallocated under a running thread.
constexpr std::size_t kMaxTlsModules = 512;

struct TlsState {
  std::mutex lock;
  ModuleState* modules[kMaxTlsModules] = {};
  std::vector<nt::TEB*> threads;
};

TlsState& tls_state() {
  static TlsState* s = new TlsState;
  return *s;
}

void* allocate_block(const ModuleState& m) {
  std::size_t size = m.tls_data_size + m.tls_zero_fill;
  // Generous alignment: the directory's alignment field is commonly left 0 by linkers.
  void* block = std::aligned_alloc(64, ((size ? size : 1) + 63) & ~std::size_t{63});
  if (!block) return nullptr;
  std::memcpy(block, m.tls_start, m.tls_data_size);
  std::memset(static_cast<std::uint8_t*>(block) + m.tls_data_size, 0, m.tls_zero_fill);
  return block;
}

}  // namespace

void register_thread_teb(nt::TEB* teb) {
  auto& s = tls_state();
  std::lock_guard guard(s.lock);
  auto** slots = static_cast<void**>(std::calloc(kMaxTlsModules, sizeof(void*)));
  for (std::size_t i = 0; i < kMaxTlsModules; ++i)
    if (s.modules[i]) slots[i] = allocate_block(*s.modules[i]);
  teb->ThreadLocalStoragePointer = slots;
  s.threads.push_back(teb);
}

void unregister_thread_teb(nt::TEB* teb) {
  auto& s = tls_state();
  std::lock_guard guard(s.lock);
  std::erase(s.threads, teb);
  if (void** slots = teb->ThreadLocalStoragePointer) {
    for (std::size_t i = 0; i < kMaxTlsModules; ++i) std::free(slots[i]);
    std::free(slots);
    teb->ThreadLocalStoragePointer = nullptr;
  }
}

void setup_tls(ModuleState& m) {
  if (!m.has_tls) return;
  auto& s = tls_state();
  std::lock_guard guard(s.lock);
  std::size_t index = 0;
  while (index < kMaxTlsModules && s.modules[index]) ++index;
  if (index == kMaxTlsModules) {
    ERR("too many modules with TLS; %s gets none\n", utf16_to_utf8(m.module.base_name).c_str());
    return;
  }
  s.modules[index] = &m;
  m.module.tls_index = static_cast<std::uint32_t>(index);
  if (m.module.ldr) m.module.ldr->TlsIndex = static_cast<win::USHORT>(index);
  // The image's index variable, read by its code on every TLS access (written before the
  // section protections are applied: it may live in a read-only section).
  auto value = static_cast<std::uint32_t>(index);
  std::memcpy(m.tls_index_slot, &value, sizeof value);
  for (nt::TEB* teb : s.threads)
    if (teb->ThreadLocalStoragePointer) teb->ThreadLocalStoragePointer[index] = allocate_block(m);
  TRACE("%s: TLS index %zu, %zu+%zu bytes\n", utf16_to_utf8(m.module.base_name).c_str(), index, m.tls_data_size,
        m.tls_zero_fill);
}

void release_tls(ModuleState& m) {
  if (!m.has_tls || m.module.tls_index >= kMaxTlsModules) return;
  auto& s = tls_state();
  std::lock_guard guard(s.lock);
  std::size_t index = m.module.tls_index;
  s.modules[index] = nullptr;
  for (nt::TEB* teb : s.threads)
    if (teb->ThreadLocalStoragePointer) {
      std::free(teb->ThreadLocalStoragePointer[index]);
      teb->ThreadLocalStoragePointer[index] = nullptr;
    }
}

void call_tls_callbacks(ModuleState& m, win::DWORD reason) {
  if (!m.tls_callbacks) return;
  using Callback = void(WINAPI*)(void*, win::DWORD, void*);
  const std::uint8_t* lo = m.module.base;
  const std::uint8_t* hi = m.module.base + m.module.size;
  for (void** cb = m.tls_callbacks; reinterpret_cast<std::uint8_t*>(cb) + 8 <= hi && *cb; ++cb) {
    auto* fn = static_cast<std::uint8_t*>(*cb);
    if (fn < lo || fn >= hi) {
      WARN("%s: TLS callback %p outside the image, skipped\n", utf16_to_utf8(m.module.base_name).c_str(),
           static_cast<void*>(fn));
      continue;
    }
    TRACE("%s: TLS callback %p reason %u\n", utf16_to_utf8(m.module.base_name).c_str(), static_cast<void*>(fn),
          reason);
    reinterpret_cast<Callback>(fn)(m.module.base, reason, nullptr);
  }
}

}  // namespace sill::loader
