// LoadLibrary, FreeLibrary and GetProcAddress with Windows reference counting:
// a DLL loaded by the program holds its own dependencies; modules loaded with
// the program (and built-ins) stay for the life of the process.
#include <sys/mman.h>

#include "base/debug.h"
#include "base/unicode.h"
#include "loader/loader_internal.h"
#include "ntdll/status.h"
#include "ntdll/virtual.h"

SILL_DEFAULT_DEBUG_CHANNEL(loader);

namespace sill::loader {

namespace {

constexpr win::DWORD kAsDataFileFlags = 0x2 | 0x20 | 0x40;  // LOAD_LIBRARY_AS_DATAFILE(_EXCLUSIVE), AS_IMAGE_RESOURCE

void unload(ModuleState* m);

void release(ModuleState* m) {
  if (m->module.load_count < 0) return;  // pinned
  if (m->module.load_count > 0 && --m->module.load_count > 0) return;
  unload(m);
}

void unload(ModuleState* m) {
  TRACE("unloading %s\n", utf16_to_utf8(m->module.base_name).c_str());
  detach_module(*m, false);
  std::vector<Module*> deps = m->dependencies;
  release_tls(*m);
  std::uint8_t* base = m->module.base;
  std::size_t size = m->module.size;
  unregister_module(m);
  nt::note_image_unmapping(base);
  munmap(base, size);
  for (Module* d : deps)
    if (auto* s = state_of(d)) release(s);
}

// The first reference to a newly loaded module takes one on each of its dependencies.
void take_dependency_references(ModuleState* m) {
  for (Module* d : m->dependencies) {
    ModuleState* s = state_of(d);
    if (!s || s->module.load_count < 0) continue;
    if (s->module.load_count++ == 0) take_dependency_references(s);
  }
}

}  // namespace

Expected<win::HMODULE, win::NTSTATUS> load_library(std::u16string_view name, win::DWORD flags) {
  std::lock_guard guard(loader_lock());
  if (flags & kAsDataFileFlags)
    FIXME_ONCE("flags 0x%x: loading %s as a normal DLL\n", flags, utf16_to_utf8(name).c_str());
  auto loaded = load_dependency(name, nullptr);
  if (!loaded) {
    TRACE("%s: %s\n", utf16_to_utf8(name).c_str(), loaded.error().message.c_str());
    return Unexpected(loaded.error().status);
  }
  ModuleState* m = *loaded;
  if (m->module.load_count >= 0 && m->module.load_count++ == 0) take_dependency_references(m);
  if (auto r = initialize_modules(*m, false); !r) {
    release(m);
    return Unexpected(r.error().status);
  }
  return m->module.handle();
}

win::NTSTATUS free_library(win::HMODULE h) {
  std::lock_guard guard(loader_lock());
  const Module* m = find_module(h);
  if (!m) return nt::STATUS_DLL_NOT_FOUND;
  release(state_of(m));
  return nt::STATUS_SUCCESS;
}

Expected<void*, win::NTSTATUS> get_proc_address(win::HMODULE h, const char* name) {
  std::lock_guard guard(loader_lock());
  const Module* m = find_module(h ? h : main_module());
  if (!m) return Unexpected(nt::STATUS_DLL_NOT_FOUND);
  auto value = reinterpret_cast<std::uintptr_t>(name);
  if (value < 0x10000) {
    if (void* p = find_export_by_ordinal(*state_of(m), static_cast<std::uint32_t>(value))) return p;
    // Windows 10 reports a missing ordinal like a missing name (ERROR_PROC_NOT_FOUND).
    return Unexpected(nt::STATUS_PROCEDURE_NOT_FOUND);
  }
  if (void* p = find_export_by_name(*state_of(m), name)) return p;
  return Unexpected(nt::STATUS_PROCEDURE_NOT_FOUND);
}

}  // namespace sill::loader
