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

// tid_: 0 while unknown, -1 while unknown and someone waits for it, then the id.
win::DWORD Thread::tid() const {
  auto* word = const_cast<std::atomic<std::int32_t>*>(&tid_);
  for (;;) {
    std::int32_t id = word->load(std::memory_order_acquire);
    if (id > 0) return static_cast<win::DWORD>(id);
    if (id == 0 && !word->compare_exchange_weak(id, -1, std::memory_order_acq_rel)) continue;
    futex_wait(reinterpret_cast<volatile std::int32_t*>(word), -1, INFINITE);
  }
}

void Thread::publish_tid(win::DWORD id) {
  // A system call only when a creator already waits for the id.
  if (tid_.exchange(static_cast<std::int32_t>(id), std::memory_order_acq_rel) == -1)
    futex_wake(reinterpret_cast<volatile std::int32_t*>(&tid_), 0x7FFFFFFF);
}

void register_thread(Thread& t, win::DWORD tid) {
  std::lock_guard g(g_lock);
  threads()[tid] = &t;
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
