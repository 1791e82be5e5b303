// type_info as msvcrt and vcruntime lay it out: a vtable, a cache for the
// undecorated name, the decorated name (".?AVWidget@ui@@"). name() undecorates
// the common cases (classes, structs, unions, enums with their namespaces, and
// the built-in types); anything else comes back decorated, with a FIXME.
#include <atomic>
#include <cstdlib>
#include <cstring>
#include <mutex>
#include <string>

#include "base/debug.h"
#include "win32/msvc_eh/msvc_eh.h"

SILL_DEFAULT_DEBUG_CHANNEL(cxxeh);

namespace sill::msvc_eh {
namespace {

std::mutex g_list_lock;  // the modules' lists of undecorated names

const char* builtin_type(std::string_view code) {
  static const struct {
    std::string_view code;
    const char* name;
  } table[] = {
      {"C", "signed char"}, {"D", "char"},         {"E", "unsigned char"}, {"F", "short"},
      {"G", "unsigned short"}, {"H", "int"},       {"I", "unsigned int"},  {"J", "long"},
      {"K", "unsigned long"}, {"M", "float"},      {"N", "double"},        {"O", "long double"},
      {"X", "void"},          {"_J", "__int64"},   {"_K", "unsigned __int64"}, {"_N", "bool"},
      {"_W", "wchar_t"},      {"_S", "char16_t"},  {"_U", "char32_t"},
  };
  for (const auto& t : table)
    if (t.code == code) return t.name;
  return nullptr;
}

// ".?AVname@ns@@" -> "class ns::name"; empty when the form is not one of those handled.
std::string undecorate(const char* decorated) {
  std::string_view d(decorated);
  if (d.empty() || d[0] != '.') return {};
  d.remove_prefix(1);
  if (const char* b = builtin_type(d)) return b;
  if (d.size() < 3 || d.substr(0, 2) != "?A") return {};
  d.remove_prefix(2);
  const char* kind = nullptr;
  if (d[0] == 'V') kind = "class ";
  else if (d[0] == 'U') kind = "struct ";
  else if (d[0] == 'T') kind = "union ";
  else if (d.substr(0, 2) == "W4") kind = "enum ";
  if (!kind) return {};
  d.remove_prefix(d[0] == 'W' ? 2 : 1);
  if (d.size() < 2 || d.substr(d.size() - 2) != "@@") return {};
  d.remove_suffix(2);
  std::string name;
  while (!d.empty()) {  // innermost first: name@ns@outer
    std::size_t at = d.rfind('@');
    std::string_view part = at == std::string_view::npos ? d : d.substr(at + 1);
    if (part.empty() || part.find_first_of("?$") != std::string_view::npos) return {};  // templates, back-refs
    if (!name.empty()) name += "::";
    name += part;
    d = at == std::string_view::npos ? std::string_view{} : d.substr(0, at);
  }
  return kind + name;
}

// The cached undecorated name of decorated, kept in *slot (allocated once, then shared).
const char* cached_name(std::atomic<char*>& slot, const char* decorated) {
  if (char* cached = slot.load(std::memory_order_acquire)) return cached;
  std::string name = undecorate(decorated);
  if (name.empty()) {
    FIXME_ONCE("cannot undecorate type name %s; returning it decorated\n", decorated);
    name = decorated;
  }
  char* copy = strdup(name.c_str());
  if (!copy) return decorated;
  char* expected = nullptr;
  if (!slot.compare_exchange_strong(expected, copy, std::memory_order_acq_rel)) {
    std::free(copy);
    return expected;
  }
  return copy;
}

std::atomic<char*>& cache_slot(void* field) { return *reinterpret_cast<std::atomic<char*>*>(field); }
static_assert(sizeof(std::atomic<char*>) == sizeof(char*));

}  // namespace

void WINAPI type_info_destructor(TypeDescriptor* self) noexcept {
  std::free(cache_slot(&self->spare).exchange(nullptr));
}

const char* WINAPI type_info_name(TypeDescriptor* self) noexcept {
  return cached_name(cache_slot(&self->spare), self->name);
}

const char* WINAPI type_info_raw_name(const TypeDescriptor* self) noexcept { return self->name; }

int WINAPI type_info_equal(const TypeDescriptor* self, const TypeDescriptor* other) noexcept {
  return self == other || std::strcmp(self->name + 1, other->name + 1) == 0;
}

int WINAPI type_info_not_equal(const TypeDescriptor* self, const TypeDescriptor* other) noexcept {
  return !type_info_equal(self, other);
}

int WINAPI type_info_before(const TypeDescriptor* self, const TypeDescriptor* other) noexcept {
  return std::strcmp(self->name + 1, other->name + 1) < 0;
}

// vcruntime keeps the names on the module's list, which __std_type_info_destroy_list frees when
// the module goes: each is one block, the list node then the text.
const char* WINAPI __std_type_info_name(StdTypeInfoData* data, StdTypeInfoList* list) noexcept {
  std::atomic<char*>& slot = cache_slot(&data->undecorated);
  if (char* cached = slot.load(std::memory_order_acquire)) return cached;
  std::string name;
  try {
    name = undecorate(data->decorated);
  } catch (...) {
    return nullptr;
  }
  if (name.empty()) {
    FIXME_ONCE("cannot undecorate type name %s; returning it decorated\n", data->decorated);
    name = data->decorated;
  }
  auto* node = static_cast<StdTypeInfoList*>(std::malloc(sizeof(StdTypeInfoList) + name.size() + 1));
  if (!node) return nullptr;
  char* text = reinterpret_cast<char*>(node + 1);
  std::memcpy(text, name.c_str(), name.size() + 1);
  node->memory = node;
  char* expected = nullptr;
  if (!slot.compare_exchange_strong(expected, text, std::memory_order_acq_rel)) {
    std::free(node);  // another thread named it first
    return expected;
  }
  std::lock_guard<std::mutex> g(g_list_lock);
  node->next = list ? list->next : nullptr;
  if (list) list->next = node;
  return text;
}

int WINAPI __std_type_info_compare(const StdTypeInfoData* a, const StdTypeInfoData* b) noexcept {
  if (a == b) return 0;
  return std::strcmp(a->decorated + 1, b->decorated + 1);
}

std::size_t WINAPI __std_type_info_hash(const StdTypeInfoData* data) noexcept {
  // FNV-1a over the decorated name without its leading '.'.
  std::uint64_t hash = 14695981039346656037ull;
  for (const char* p = data->decorated + 1; *p; ++p) {
    hash ^= static_cast<unsigned char>(*p);
    hash *= 1099511628211ull;
  }
  return hash;
}

void WINAPI __std_type_info_destroy_list(StdTypeInfoList* list) noexcept {
  if (!list) return;
  StdTypeInfoList* node;
  {
    std::lock_guard<std::mutex> g(g_list_lock);
    node = list->next;
    list->next = nullptr;
  }
  while (node) {
    StdTypeInfoList* next = node->next;
    std::free(node->memory);
    node = next;
  }
}

}  // namespace sill::msvc_eh
