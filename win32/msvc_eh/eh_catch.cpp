// Catch clauses against thrown objects: a clause catches when its type is one
// of the thrown object's catchable types (the exact type, its public bases,
// void* for pointers ...) with at least the thrown cv-qualifiers, or when it is
// catch(...). Its parameter is then a copy (copy constructor or bitwise), or a
// reference, adjusted to the base class sub-object.
#include "win32/msvc_eh/eh_catch.h"

#include <cstring>

#include "base/debug.h"
#include "loader/callback.h"
#include "win32/msvc_eh/eh_state.h"

SILL_DEFAULT_DEBUG_CHANNEL(cxxeh);

namespace sill::msvc_eh {
namespace {

bool catches_everything(const CatchClause& c) {
  return !c.type || c.type->name[0] == '\0' || (c.adjectives & HT_IS_STD_DOTDOT);
}

bool qualifiers_allow(const CatchClause& c, const ThrowInfo& info) {
  if ((info.attributes & TI_IS_CONST) && !(c.adjectives & HT_IS_CONST)) return false;
  if ((info.attributes & TI_IS_VOLATILE) && !(c.adjectives & HT_IS_VOLATILE)) return false;
  if ((info.attributes & TI_IS_UNALIGNED) && !(c.adjectives & HT_IS_UNALIGNED)) return false;
  return true;
}

// The address of the base-class sub-object the catchable type describes.
char* adjust_pointer(char* object, const PMD& pmd) {
  char* result = object + pmd.mdisp;
  if (pmd.pdisp >= 0) {
    const char* vbtable = *reinterpret_cast<char* const*>(object + pmd.pdisp);
    result += *reinterpret_cast<const int*>(vbtable + pmd.vdisp) + pmd.pdisp;
  }
  return result;
}

}  // namespace

bool clause_catches(const CatchClause& clause, const EXCEPTION_RECORD* rec, bool cxx_only,
                    const CatchableType** type) {
  *type = nullptr;
  if (!is_cxx_exception(rec)) return !cxx_only && !clause.type;  // SEH exceptions: catch(...) under /EHa
  if (catches_everything(clause)) return true;
  const ThrowInfo* info = exception_throw_info(rec);
  if (!info) return false;
  const DWORD64 base = exception_image_base(rec);
  const auto* array = reinterpret_cast<const CatchableTypeArray*>(base + static_cast<DWORD>(info->catchable_type_array));
  for (int i = 0; i < array->count; ++i) {
    const auto* ct = reinterpret_cast<const CatchableType*>(base + static_cast<DWORD>(array->types[i]));
    const auto* td = reinterpret_cast<const TypeDescriptor*>(base + static_cast<DWORD>(ct->type));
    if (td != clause.type && std::strcmp(td->name, clause.type->name) != 0) continue;
    if ((ct->properties & CT_BY_REFERENCE_ONLY) && !(clause.adjectives & HT_IS_REFERENCE)) continue;
    if (!qualifiers_allow(clause, *info)) continue;
    TRACE("%s caught as %s\n", td->name, clause.type->name);
    *type = ct;
    return true;
  }
  return false;
}

void build_catch_object(const CatchClause& clause, const CatchableType* ct, const EXCEPTION_RECORD* rec,
                        DWORD64 parent_frame) {
  if (!ct || !clause.catch_object || catches_everything(clause)) return;
  auto* dest = reinterpret_cast<char*>(parent_frame + static_cast<std::int64_t>(clause.catch_object));
  auto* object = static_cast<char*>(exception_object(rec));
  if (clause.adjectives & HT_IS_REFERENCE) {
    *reinterpret_cast<char**>(dest) = adjust_pointer(object, ct->this_displacement);
    return;
  }
  if (ct->properties & CT_IS_SIMPLE_TYPE) {
    std::memcpy(dest, object, static_cast<std::size_t>(ct->size));
    // A pointer caught as a pointer to a base class points at the base sub-object.
    if (ct->size == sizeof(void*) && *reinterpret_cast<char**>(dest))
      *reinterpret_cast<char**>(dest) = adjust_pointer(*reinterpret_cast<char**>(dest), ct->this_displacement);
    return;
  }
  char* source = adjust_pointer(object, ct->this_displacement);
  if (!ct->copy_function) {
    std::memcpy(dest, source, static_cast<std::size_t>(ct->size));
    return;
  }
  const DWORD64 copy = exception_image_base(rec) + static_cast<DWORD>(ct->copy_function);
  if (ct->properties & CT_HAS_VIRTUAL_BASE) {
    using CopyVirtual = void*(WINAPI*)(void*, void*, int);  // the third argument: construct virtual bases
    loader::call_program("copy constructor", reinterpret_cast<CopyVirtual>(copy), dest, source, 1);
  } else {
    using Copy = void*(WINAPI*)(void*, void*);
    loader::call_program("copy constructor", reinterpret_cast<Copy>(copy), dest, source);
  }
}

}  // namespace sill::msvc_eh
