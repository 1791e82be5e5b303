// TLS and FLS slot allocation. Slot values live in the TEB as on Windows, so
// code that reads TEB->TlsSlots directly (MSVC's inline TlsGetValue) works.
#include "ntdll/tls.h"

#include <algorithm>
#include <bitset>
#include <utility>
#include <mutex>
#include <vector>

#include "base/debug.h"
#include "ntdll/process_internal.h"

SILL_DEFAULT_DEBUG_CHANNEL(tls);

namespace sill::nt {

namespace {
constexpr unsigned kTlsTotal = kTlsMinimumSlots + kTlsExpansionSlots;

std::mutex g_lock;
std::bitset<kTlsTotal> g_tls_used;
std::vector<TEB*> g_threads;

struct FlsSlot {
  bool used = false;
  FlsCallback callback = nullptr;
};
FlsSlot g_fls[kFlsMaximum];
// FLS values per thread; kept here instead of TEB->FlsData (not in our TEB layout).
thread_local std::vector<void*> t_fls;

void mirror_bitmap() {
  if (PEB* peb = process_peb()) {
    std::uint64_t bits = 0;
    for (unsigned i = 0; i < kTlsMinimumSlots; ++i)
      if (g_tls_used[i]) bits |= std::uint64_t{1} << i;
    peb->TlsBitmapBits[0] = static_cast<ULONG>(bits);
    peb->TlsBitmapBits[1] = static_cast<ULONG>(bits >> 32);
  }
}
}  // namespace

win::DWORD tls_alloc() {
  std::lock_guard g(g_lock);
  for (unsigned i = 0; i < kTlsTotal; ++i) {
    if (!g_tls_used[i]) {
      g_tls_used[i] = true;
      mirror_bitmap();
      // A new slot reads as NULL in every thread.
      for (TEB* t : g_threads) tls_set(t, i, nullptr);
      return i;
    }
  }
  return TLS_OUT_OF_INDEXES;
}

bool tls_free(win::DWORD index) {
  std::lock_guard g(g_lock);
  if (index >= kTlsTotal || !g_tls_used[index]) return false;
  g_tls_used[index] = false;
  mirror_bitmap();
  for (TEB* t : g_threads) tls_set(t, index, nullptr);
  return true;
}

bool tls_get(TEB* teb, win::DWORD index, void** value) {
  if (index < kTlsMinimumSlots) {
    *value = teb->TlsSlots[index];
    return true;
  }
  if (index >= kTlsTotal) return false;
  *value = teb->TlsExpansionSlots ? teb->TlsExpansionSlots[index - kTlsMinimumSlots] : nullptr;
  return true;
}

bool tls_set(TEB* teb, win::DWORD index, void* value) {
  if (index < kTlsMinimumSlots) {
    teb->TlsSlots[index] = value;
    return true;
  }
  if (index >= kTlsTotal) return false;
  if (!teb->TlsExpansionSlots) {
    if (!value) return true;
    teb->TlsExpansionSlots = new void*[kTlsExpansionSlots]();
  }
  teb->TlsExpansionSlots[index - kTlsMinimumSlots] = value;
  return true;
}

win::DWORD fls_alloc(FlsCallback callback) {
  std::lock_guard g(g_lock);
  // Index 0 is never handed out, as on Windows.
  for (unsigned i = 1; i < kFlsMaximum; ++i) {
    if (!g_fls[i].used) {
      g_fls[i] = {true, callback};
      if (t_fls.size() > i) t_fls[i] = nullptr;
      return i;
    }
  }
  return FLS_OUT_OF_INDEXES;
}

bool fls_free(win::DWORD index) {
  FlsCallback cb;
  {
    std::lock_guard g(g_lock);
    if (index == 0 || index >= kFlsMaximum || !g_fls[index].used) return false;
    cb = g_fls[index].callback;
    g_fls[index] = {};
  }
  if (index < t_fls.size() && t_fls[index]) {
    void* v = std::exchange(t_fls[index], nullptr);
    if (cb) cb(v);
  }
  FIXME_ONCE("FlsFree runs the callback for the calling thread only");
  return true;
}

bool fls_get(win::DWORD index, void** value) {
  if (index == 0 || index >= kFlsMaximum) return false;
  *value = index < t_fls.size() ? t_fls[index] : nullptr;
  return true;
}

bool fls_set(win::DWORD index, void* value) {
  if (index == 0 || index >= kFlsMaximum) return false;
  if (t_fls.size() <= index) t_fls.resize(std::max<std::size_t>(index + 1, 64));
  t_fls[index] = value;
  return true;
}

void tls_register_thread(TEB* teb) {
  std::lock_guard g(g_lock);
  if (std::find(g_threads.begin(), g_threads.end(), teb) == g_threads.end()) g_threads.push_back(teb);
}

void tls_unregister_thread(TEB* teb) {
  {
    std::lock_guard g(g_lock);
    g_threads.erase(std::remove(g_threads.begin(), g_threads.end(), teb), g_threads.end());
  }
  // FLS callbacks of the ending thread (it is the calling thread).
  for (unsigned i = 1; i < t_fls.size(); ++i) {
    FlsCallback cb = nullptr;
    {
      std::lock_guard g(g_lock);
      if (g_fls[i].used) cb = g_fls[i].callback;
    }
    if (void* v = std::exchange(t_fls[i], nullptr); v && cb) cb(v);
  }
  delete[] teb->TlsExpansionSlots;
  teb->TlsExpansionSlots = nullptr;
}

}  // namespace sill::nt
