// std::type_info support: comparison and hashing on the decorated RTTI name (".?AVFoo@@"),
// and name(), which undecorates that name once and keeps the text on the module's list.
// The MSVC exception-handling module (msvc_eh) has __std_type_info_* too, for msvcrt.dll's
// type_info; once both are in one tree, vcruntime140's table should name one set of them.
#include <atomic>
#include <cstring>
#include <mutex>
#include <string>
#include <vector>

#include "base/debug.h"
#include "win32/msvcrt/msvcrt_api.h"
#include "win32/vcruntime140/vcruntime140.h"

SILL_DEFAULT_DEBUG_CHANNEL(msvcrt);

namespace sill::vcruntime {

namespace {

std::mutex g_names_lock;

const char* builtin_type(char code) {
  switch (code) {
    case 'C': return "signed char";
    case 'D': return "char";
    case 'E': return "unsigned char";
    case 'F': return "short";
    case 'G': return "unsigned short";
    case 'H': return "int";
    case 'I': return "unsigned int";
    case 'J': return "long";
    case 'K': return "unsigned long";
    case 'M': return "float";
    case 'N': return "double";
    case 'O': return "long double";
    case 'X': return "void";
    default: return nullptr;
  }
}

// "Foo@ns@outer@@" -> "outer::ns::Foo". Empty when the name holds something this small
// undecorator does not read (templates, back-references, anonymous namespaces).
std::string qualified_name(const char* p) {
  std::vector<std::string> parts;
  while (*p && *p != '@') {
    if (*p == '?' || (*p >= '0' && *p <= '9')) return {};
    const char* at = std::strchr(p, '@');
    if (!at) return {};
    parts.emplace_back(p, at);
    p = at + 1;
  }
  if (*p != '@' || parts.empty()) return {};
  std::string out;
  for (auto it = parts.rbegin(); it != parts.rend(); ++it) {
    if (!out.empty()) out += "::";
    out += *it;
  }
  return out;
}

std::string undecorate(const char* decorated) {
  // Type descriptor names start with '.'; the type code follows.
  const char* p = decorated[0] == '.' ? decorated + 1 : decorated;
  if (p[0] && !p[1]) {
    if (const char* b = builtin_type(p[0])) return b;
  }
  if (p[0] == '_' && p[1] == 'N' && !p[2]) return "bool";
  if (p[0] == '_' && p[1] == 'J' && !p[2]) return "__int64";
  if (p[0] == '_' && p[1] == 'K' && !p[2]) return "unsigned __int64";
  if (p[0] == '_' && p[1] == 'W' && !p[2]) return "wchar_t";
  if (p[0] == '?' && p[1] == 'A') {
    const char* kind = nullptr;
    const char* rest = p + 3;
    switch (p[2]) {
      case 'V': kind = "class "; break;
      case 'U': kind = "struct "; break;
      case 'T': kind = "union "; break;
      case 'W':
        kind = "enum ";
        if (*rest) ++rest;  // the enum's underlying-type digit
        break;
    }
    if (kind) {
      std::string name = qualified_name(rest);
      if (!name.empty()) return kind + name;
    }
  }
  FIXME("type name %s is not undecorated; the decorated name is returned\n", decorated);
  return decorated;
}

}  // namespace

int WINAPI __std_type_info_compare(const TypeInfoData* a, const TypeInfoData* b) noexcept {
  if (a == b) return 0;
  return std::strcmp(a->decorated_name + 1, b->decorated_name + 1);
}

// FNV-1a over the decorated name without its leading '.', as vcruntime hashes it.
std::size_t WINAPI __std_type_info_hash(const TypeInfoData* data) noexcept {
  std::uint64_t h = 14695981039346656037ULL;
  for (const char* p = data->decorated_name + 1; *p; ++p) {
    h ^= static_cast<unsigned char>(*p);
    h *= 1099511628211ULL;
  }
  return h;
}

// The text is allocated as a node (the node header, then the characters) and linked on
// the module's root list, which __std_type_info_destroy_list frees at its exit.
const char* WINAPI __std_type_info_name(TypeInfoData* data, TypeInfoNode* root) noexcept {
  auto* slot = reinterpret_cast<std::atomic<const char*>*>(&data->undecorated_name);
  if (const char* cached = slot->load(std::memory_order_acquire)) return cached;
  std::string name;
  try {
    name = undecorate(data->decorated_name);
  } catch (...) {
    return nullptr;
  }
  auto* node = static_cast<TypeInfoNode*>(msvcrt::malloc(sizeof(TypeInfoNode) + name.size() + 1));
  if (!node) return nullptr;
  char* text = reinterpret_cast<char*>(node + 1);
  std::memcpy(text, name.c_str(), name.size() + 1);
  node->memory = node;
  const char* expected = nullptr;
  if (!slot->compare_exchange_strong(expected, text, std::memory_order_acq_rel)) {
    msvcrt::free(node);  // another thread won the race
    return expected;
  }
  if (root) {
    std::lock_guard<std::mutex> g(g_names_lock);
    node->next = root->next;
    root->next = node;
  } else {
    node->next = nullptr;
  }
  return text;
}

void WINAPI __std_type_info_destroy_list(TypeInfoNode* root) noexcept {
  if (!root) return;
  TypeInfoNode* node;
  {
    std::lock_guard<std::mutex> g(g_names_lock);
    node = root->next;
    root->next = nullptr;
  }
  while (node) {
    TypeInfoNode* next = node->next;
    msvcrt::free(node->memory);
    node = next;
  }
}

}  // namespace sill::vcruntime
