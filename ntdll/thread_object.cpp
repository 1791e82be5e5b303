// Thread objects and the registry of live threads by id.
#include "ntdll/thread_object.h"

#include <mutex>
#include <unordered_map>

#include "ntdll/process_internal.h"

namespace sill::nt {

namespace {
std::mutex g_lock;
std::unordered_map<win::DWORD, Thread*>& threads() {
  static auto* m = new std::unordered_map<win::DWORD, Thread*>();
  return *m;
}
// Erases `t` if the entry for `id` is still `t` (a later thread may reuse the id). Lock held.
void erase_entry(win::DWORD id, const Thread* t) {
  auto it = threads().find(id);
  if (it != threads().end() && it->second == t) threads().erase(it);
}
}  // namespace

Thread::~Thread() {
  std::lock_guard g(g_lock);
  erase_entry(static_cast<win::DWORD>(tid_.load()), this);
}

win::DWORD Thread::tid() const {
  for (;;) {
    std::int32_t id = tid_.load(std::memory_order_acquire);
    if (id) return static_cast<win::DWORD>(id);
    futex_wait(reinterpret_cast<volatile std::int32_t*>(const_cast<std::atomic<std::int32_t>*>(&tid_)), 0, INFINITE);
  }
}

void Thread::publish_tid(win::DWORD id) {
  tid_.store(static_cast<std::int32_t>(id), std::memory_order_release);
  futex_wake(reinterpret_cast<volatile std::int32_t*>(&tid_), 0x7FFFFFFF);
}

void register_thread(Thread& t) {
  std::lock_guard g(g_lock);
  threads()[t.tid()] = &t;
}

void unregister_thread(Thread& t) {
  std::lock_guard g(g_lock);
  erase_entry(t.tid(), &t);
}

Ref<Thread> find_thread(win::DWORD tid) {
  std::lock_guard g(g_lock);
  auto it = threads().find(tid);
  if (it != threads().end() && it->second->try_add_ref()) return Ref<Thread>::adopt(it->second);
  if (tid != current_process_id()) return {};
  // The main thread (its id is the process id on Linux): an object that lives as long as the process.
  auto* main = new Thread();
  main->publish_tid(tid);
  threads()[tid] = main;
  main->add_ref();
  return Ref<Thread>::adopt(main);
}

}  // namespace sill::nt
