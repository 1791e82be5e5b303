// The list of loaded modules and its mirror in the PEB loader lists, which
// programs (and their CRTs) walk directly.
#include <algorithm>

#include "base/unicode.h"
#include "loader/api_sets.h"
#include "loader/loader_internal.h"

namespace sill::loader {

namespace {

struct Registry {
  std::recursive_mutex lock;
  std::vector<std::unique_ptr<ModuleState>> modules;  // load order
  std::vector<ModuleState*> init_order;
  nt::PEB_LDR_DATA* ldr = nullptr;
};

Registry& registry() {
  static Registry* r = new Registry;  // never destroyed: used until _exit
  return *r;
}

void list_init(win::LIST_ENTRY* head) { head->Flink = head->Blink = head; }

void list_append(win::LIST_ENTRY* head, win::LIST_ENTRY* entry) {
  entry->Flink = head;
  entry->Blink = head->Blink;
  head->Blink->Flink = entry;
  head->Blink = entry;
}

void list_remove(win::LIST_ENTRY* entry) {
  if (!entry->Flink) return;
  entry->Blink->Flink = entry->Flink;
  entry->Flink->Blink = entry->Blink;
  entry->Flink = entry->Blink = nullptr;
}

void set_unicode(win::UNICODE_STRING& us, const std::u16string& s) {
  us.Buffer = const_cast<char16_t*>(s.c_str());
  us.Length = static_cast<win::USHORT>(s.size() * 2);
  us.MaximumLength = static_cast<win::USHORT>(s.size() * 2 + 2);
}

}  // namespace

std::recursive_mutex& loader_lock() { return registry().lock; }

std::u16string lower_name(std::u16string_view name) {
  std::u16string out(name);
  for (auto& c : out)
    if (c >= u'A' && c <= u'Z') c = static_cast<char16_t>(c - u'A' + u'a');
  return out;
}

std::u16string base_name_of(std::u16string_view path) {
  auto pos = path.find_last_of(u"\\/");
  return std::u16string(pos == std::u16string_view::npos ? path : path.substr(pos + 1));
}

std::u16string with_default_extension(std::u16string_view name) {
  std::u16string base = base_name_of(name);
  if (!base.empty() && base.back() == u'.') return std::u16string(name.substr(0, name.size() - 1));
  if (base.find(u'.') == std::u16string::npos) return std::u16string(name) + u".dll";
  return std::u16string(name);
}

void set_peb_ldr(nt::PEB_LDR_DATA* ldr) {
  auto& r = registry();
  r.ldr = ldr;
  ldr->Length = sizeof(nt::PEB_LDR_DATA);
  ldr->Initialized = 1;
  list_init(&ldr->InLoadOrderModuleList);
  list_init(&ldr->InMemoryOrderModuleList);
  list_init(&ldr->InInitializationOrderModuleList);
}

ModuleState* register_module(std::unique_ptr<ModuleState> state) {
  auto& r = registry();
  std::lock_guard guard(r.lock);
  Module& m = state->module;
  auto* entry = new nt::LDR_DATA_TABLE_ENTRY{};
  entry->DllBase = m.base;
  entry->EntryPoint = state->entry_point;
  entry->SizeOfImage = static_cast<win::ULONG>(m.size);
  set_unicode(entry->FullDllName, m.full_name);
  set_unicode(entry->BaseDllName, m.base_name);
  entry->LoadCount = 0xFFFF;
  entry->TlsIndex = 0;
  list_init(&entry->HashLinks);
  m.ldr = entry;
  if (r.ldr) {
    // The program comes first in both lists, as on Windows, though ntdll and kernel32 are
    // loaded before it.
    win::LIST_ENTRY* load_head = &r.ldr->InLoadOrderModuleList;
    win::LIST_ENTRY* memory_head = &r.ldr->InMemoryOrderModuleList;
    list_append(m.is_exe ? load_head->Flink : load_head, &entry->InLoadOrderLinks);
    list_append(m.is_exe ? memory_head->Flink : memory_head, &entry->InMemoryOrderLinks);
  }
  r.modules.push_back(std::move(state));
  return r.modules.back().get();
}

void unregister_module(ModuleState* state) {
  auto& r = registry();
  std::lock_guard guard(r.lock);
  if (auto* e = state->module.ldr) {
    list_remove(&e->InLoadOrderLinks);
    list_remove(&e->InMemoryOrderLinks);
    list_remove(&e->InInitializationOrderLinks);
    delete e;
  }
  std::erase(r.init_order, state);
  std::erase_if(r.modules, [&](const auto& p) { return p.get() == state; });
}

void note_initialized(ModuleState* state) {
  auto& r = registry();
  r.init_order.push_back(state);
  if (r.ldr && state->module.ldr)
    list_append(&r.ldr->InInitializationOrderModuleList, &state->module.ldr->InInitializationOrderLinks);
}

const std::vector<ModuleState*>& initialization_order() { return registry().init_order; }

std::vector<ModuleState*> all_modules() {
  auto& r = registry();
  std::lock_guard guard(r.lock);
  std::vector<ModuleState*> out;
  for (auto& p : r.modules) out.push_back(p.get());
  return out;
}

ModuleState* find_loaded(std::u16string_view base_name_lower) {
  auto& r = registry();
  std::lock_guard guard(r.lock);
  for (auto& p : r.modules)
    if (lower_name(p->module.base_name) == base_name_lower) return p.get();
  return nullptr;
}

ModuleState* state_of(const Module* m) {
  auto& r = registry();
  std::lock_guard guard(r.lock);
  for (auto& s : r.modules)
    if (&s->module == m) return s.get();
  return nullptr;
}

// --- the public lookups of module.h ---

win::HMODULE module_handle(std::u16string_view name) {
  std::u16string key = lower_name(with_default_extension(base_name_of(name)));
  // An API set names the DLL that hosts it, loaded or not as that DLL is (Rust's parking_lot
  // finds WaitOnAddress through GetModuleHandle("api-ms-win-core-synch-l1-2-0.dll")).
  if (auto host = resolve_api_set(utf16_to_utf8(key))) key = utf8_to_utf16(*host);
  if (auto* s = find_loaded(key)) return s->module.handle();
  return nullptr;
}

const Module* module_containing(const void* address) {
  auto& r = registry();
  std::lock_guard guard(r.lock);
  auto* p = static_cast<const std::uint8_t*>(address);
  for (auto& s : r.modules)
    if (p >= s->module.base && p < s->module.base + s->module.size) return &s->module;
  return nullptr;
}

const Module* find_module(win::HMODULE h) {
  auto& r = registry();
  std::lock_guard guard(r.lock);
  for (auto& s : r.modules)
    if (s->module.handle() == h) return &s->module;
  return nullptr;
}

win::HMODULE main_module() {
  auto& r = registry();
  std::lock_guard guard(r.lock);
  for (auto& s : r.modules)
    if (s->module.is_exe) return s->module.handle();
  return nullptr;
}

}  // namespace sill::loader
