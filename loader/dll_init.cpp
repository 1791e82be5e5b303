// Stage 5: initializers. DLL_PROCESS_ATTACH runs dependencies first, TLS
// callbacks before DllMain, all under the loader lock; process exit runs
// DLL_PROCESS_DETACH in reverse order. Also thread attach/detach notifications.
#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <set>

#include "base/debug.h"
#include "base/unicode.h"
#include "desktop/association_sync.h"
#include "loader/loader_internal.h"
#include "ntdll/status.h"
#include "ntdll/process_object.h"

SILL_DEFAULT_DEBUG_CHANNEL(loader);
SILL_DECLARE_DEBUG_CHANNEL(relay);

namespace sill::loader {

namespace {

constexpr win::DWORD kProcessDetach = 0, kProcessAttach = 1, kThreadAttach = 2, kThreadDetach = 3;

using DllMainFn = win::BOOL(WINAPI*)(win::HINSTANCE, win::DWORD, void*);

const char* reason_name(win::DWORD r) {
  static const char* const names[] = {"PROCESS_DETACH", "PROCESS_ATTACH", "THREAD_ATTACH", "THREAD_DETACH"};
  return r < 4 ? names[r] : "?";
}

// DllMain of a PE DLL or the dll_main of a built-in; TRUE when there is none.
win::BOOL call_dll_main(ModuleState& m, win::DWORD reason, void* reserved) {
  DllMainFn fn = nullptr;
  if (m.module.builtin) fn = m.module.builtin->dll_main;
  else if (!m.module.is_exe) fn = reinterpret_cast<DllMainFn>(m.entry_point);
  if (!fn) return win::TRUE;
  std::string name = utf16_to_utf8(m.module.base_name);
  TRACE_(relay, "Call PE DllMain %p (%s, %s, %p)\n", reinterpret_cast<void*>(fn), name.c_str(), reason_name(reason),
         reserved);
  win::BOOL ok = fn(m.module.handle(), reason, reserved);
  TRACE_(relay, "Ret  PE DllMain %p (%s, %s) retval=%d\n", reinterpret_cast<void*>(fn), name.c_str(),
         reason_name(reason), ok);
  return ok;
}

void collect_uninitialized(ModuleState& m, std::set<ModuleState*>& seen, std::vector<ModuleState*>& out) {
  if (!seen.insert(&m).second) return;
  for (Module* dep : m.dependencies)
    if (auto* d = state_of(dep)) collect_uninitialized(*d, seen, out);
  if (!m.module.process_attached) out.push_back(&m);
}

std::atomic<bool> exiting{false};

}  // namespace

LoadResult<void> initialize_modules(ModuleState& root, bool static_load) {
  std::lock_guard guard(loader_lock());
  std::set<ModuleState*> seen;
  std::vector<ModuleState*> order;
  collect_uninitialized(root, seen, order);
  void* reserved = static_load ? reinterpret_cast<void*>(1) : nullptr;
  for (ModuleState* m : order) {
    m->module.process_attached = true;
    note_initialized(m);
    call_tls_callbacks(*m, kProcessAttach);
    if (!call_dll_main(*m, kProcessAttach, reserved)) {
      std::string name = utf16_to_utf8(m->module.base_name);
      WARN("%s: DllMain refused DLL_PROCESS_ATTACH\n", name.c_str());
      detach_module(*m, false);
      return Unexpected(LoadError{nt::STATUS_DLL_INIT_FAILED, "the initialization of " + name + " failed"});
    }
  }
  return {};
}

void detach_module(ModuleState& m, bool process_exit) {
  if (!m.module.process_attached) return;
  m.module.process_attached = false;
  call_dll_main(m, kProcessDetach, process_exit ? reinterpret_cast<void*>(1) : nullptr);
  call_tls_callbacks(m, kProcessDetach);
}

void attach_thread() {
  std::lock_guard guard(loader_lock());
  for (ModuleState* m : initialization_order()) {
    if (!m->module.thread_calls || !m->module.process_attached) continue;
    call_tls_callbacks(*m, kThreadAttach);
    call_dll_main(*m, kThreadAttach, nullptr);
  }
}

void detach_thread() {
  std::lock_guard guard(loader_lock());
  const auto& order = initialization_order();
  for (auto it = order.rbegin(); it != order.rend(); ++it) {
    ModuleState* m = *it;
    if (!m->module.thread_calls || !m->module.process_attached) continue;
    call_dll_main(*m, kThreadDetach, nullptr);
    call_tls_callbacks(*m, kThreadDetach);
  }
}

void disable_thread_library_calls(win::HMODULE h) {
  std::lock_guard guard(loader_lock());
  if (auto* m = find_module(h)) state_of(m)->module.thread_calls = false;
}

void exit_process(win::UINT code) {
  // A DllMain that calls ExitProcess during detach must not start over.
  if (exiting.exchange(true)) terminate_process(code);
  {
    std::lock_guard guard(loader_lock());
    std::vector<ModuleState*> order = initialization_order();
    for (auto it = order.rbegin(); it != order.rend(); ++it) detach_module(**it, true);
  }
  desktop::associations_check_at_exit();  // file associations a program registered become the desktop's
  terminate_process(code);
}

void terminate_process(win::UINT code) {
  std::fflush(stdout);
  std::fflush(stderr);
  nt::shared::on_process_exit(code);  // abandons shared mutexes before the parent sees the end
  nt::report_exit_code(code);  // a Windows parent gets all 32 bits
  // Windows exit codes are 32-bit; a Linux status keeps the low 8 bits, as Wine does.
  _exit(static_cast<int>(code & 0xFF));
}

}  // namespace sill::loader
