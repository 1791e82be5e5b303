// COM initialization: which apartment a thread is in (CoInitializeEx/CoUninitialize), and
// whether a thread may use COM at all (it may when it entered an apartment, or implicitly the
// multithreaded apartment once any thread of the process has entered it).
#include <atomic>

#include "base/debug.h"
#include "win32/combase/apartment.h"
#include "win32/combase/combase.h"

SILL_DEFAULT_DEBUG_CHANNEL(ole);

namespace sill::combase {

namespace {

constexpr DWORD COINIT_APARTMENTTHREADED = 0x2, COINIT_DISABLE_OLE1DDE = 0x4, COINIT_SPEED_OVER_MEMORY = 0x8;
constexpr DWORD kKnownFlags = COINIT_APARTMENTTHREADED | COINIT_DISABLE_OLE1DDE | COINIT_SPEED_OVER_MEMORY;

struct ThreadApartment {
  unsigned init_count = 0;
  bool single_threaded = false;
};
thread_local ThreadApartment this_thread;
// Threads in the multithreaded apartment; while there is one, the MTA exists.
std::atomic<unsigned> mta_threads{0};

}  // namespace

bool com_usable_on_this_thread() { return this_thread.init_count > 0 || mta_threads.load() > 0; }

bool in_multithreaded_apartment() { return this_thread.init_count == 0 || !this_thread.single_threaded; }

HRESULT WINAPI CoInitializeEx(void* reserved, DWORD flags) noexcept {
  if (reserved || (flags & ~kKnownFlags)) return com::E_INVALIDARG;
  bool single_threaded = flags & COINIT_APARTMENTTHREADED;
  if (this_thread.init_count) {
    if (this_thread.single_threaded != single_threaded) return com::RPC_E_CHANGED_MODE;
    ++this_thread.init_count;
    return com::S_FALSE;
  }
  if (single_threaded)
    FIXME_ONCE("single-threaded apartments have no message-based call marshalling; objects are called directly\n");
  this_thread = {1, single_threaded};
  if (!single_threaded) ++mta_threads;
  return com::S_OK;
}

void WINAPI CoUninitialize() noexcept {
  if (!this_thread.init_count) return;  // Windows ignores an unbalanced call
  if (--this_thread.init_count == 0 && !this_thread.single_threaded) --mta_threads;
}

}  // namespace sill::combase
