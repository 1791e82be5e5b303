// Finding the RUNTIME_FUNCTION that covers a code address: first in the
// exception directory of the mapped PE image that contains it, then in the
// tables JIT compilers register at run time (RtlAddFunctionTable,
// RtlInstallFunctionTableCallback).
#include <algorithm>
#include <mutex>
#include <shared_mutex>
#include <vector>

#include "base/debug.h"
#include "loader/module.h"
#include "ntdll/unwind.h"

SILL_DEFAULT_DEBUG_CHANNEL(unwind);

namespace sill::nt {
namespace {

struct DynamicTable {
  RUNTIME_FUNCTION* table;  // also the identifier for RtlDeleteFunctionTable
  DWORD count;
  DWORD64 base;
  DWORD64 low, high;  // range of code covered
  bool sorted;
  GET_RUNTIME_FUNCTION_CALLBACK callback;  // set for RtlInstallFunctionTableCallback
  void* context;
};

std::shared_mutex g_tables_lock;
std::vector<DynamicTable>& tables() {
  static std::vector<DynamicTable> t;
  return t;
}

// An indirect entry (low bit of UnwindData) shares another function's unwind data.
RUNTIME_FUNCTION* resolve_indirect(RUNTIME_FUNCTION* fn, DWORD64 base) {
  if (fn && (fn->UnwindData & 1)) fn = reinterpret_cast<RUNTIME_FUNCTION*>(base + (fn->UnwindData & ~1u));
  return fn;
}

RUNTIME_FUNCTION* search(RUNTIME_FUNCTION* table, DWORD count, DWORD rva, bool sorted) {
  if (!sorted) {
    for (DWORD i = 0; i < count; ++i)
      if (rva >= table[i].BeginAddress && rva < table[i].EndAddress) return &table[i];
    return nullptr;
  }
  DWORD lo = 0, hi = count;
  while (lo < hi) {
    DWORD mid = lo + (hi - lo) / 2;
    if (rva < table[mid].BeginAddress)
      hi = mid;
    else if (rva >= table[mid].EndAddress)
      lo = mid + 1;
    else
      return &table[mid];
  }
  return nullptr;
}

RUNTIME_FUNCTION* lookup_image(DWORD64 pc, DWORD64* image_base) {
  const loader::Module* m = loader::module_containing(reinterpret_cast<const void*>(pc));
  if (!m || m->builtin || !m->base) return nullptr;
  const auto* dos = reinterpret_cast<const pe::DosHeader*>(m->base);
  const auto* nt = reinterpret_cast<const pe::NtHeaders64*>(m->base + dos->e_lfanew);
  const auto& opt = nt->OptionalHeader;
  if (opt.NumberOfRvaAndSizes <= pe::kDirException) return nullptr;
  const pe::DataDirectory dir = opt.DataDirectory[pe::kDirException];
  if (!dir.VirtualAddress || dir.Size < sizeof(RUNTIME_FUNCTION)) return nullptr;
  auto* table = reinterpret_cast<RUNTIME_FUNCTION*>(m->base + dir.VirtualAddress);
  DWORD64 base = reinterpret_cast<DWORD64>(m->base);
  *image_base = base;
  return resolve_indirect(search(table, dir.Size / sizeof(RUNTIME_FUNCTION), static_cast<DWORD>(pc - base), true),
                          base);
}

RUNTIME_FUNCTION* lookup_dynamic(DWORD64 pc, DWORD64* image_base) {
  GET_RUNTIME_FUNCTION_CALLBACK callback = nullptr;
  void* context = nullptr;
  DWORD64 base = 0;
  {
    std::shared_lock lock(g_tables_lock);
    for (const DynamicTable& t : tables()) {
      if (pc < t.low || pc >= t.high) continue;
      if (t.callback) {
        callback = t.callback;
        context = t.context;
        base = t.base;
        break;
      }
      if (RUNTIME_FUNCTION* fn = search(t.table, t.count, static_cast<DWORD>(pc - t.base), t.sorted)) {
        *image_base = t.base;
        return resolve_indirect(fn, t.base);
      }
    }
  }
  // The callback runs without the lock: it may itself register tables.
  if (callback) {
    RUNTIME_FUNCTION* fn = callback(pc, context);
    if (fn) *image_base = base;
    return resolve_indirect(fn, base);
  }
  return nullptr;
}

}  // namespace

bool is_pe_code(DWORD64 pc) {
  if (loader::module_containing(reinterpret_cast<const void*>(pc))) return true;
  std::shared_lock lock(g_tables_lock);
  for (const DynamicTable& t : tables())
    if (pc >= t.low && pc < t.high) return true;
  return false;
}

}  // namespace sill::nt

using namespace sill::nt;

extern "C" RUNTIME_FUNCTION* WINAPI RtlLookupFunctionEntry(DWORD64 pc, DWORD64* image_base,
                                                           UNWIND_HISTORY_TABLE* history) noexcept {
  DWORD64 base = 0;
  RUNTIME_FUNCTION* fn = lookup_image(pc, &base);
  if (!fn) fn = lookup_dynamic(pc, &base);
  if (image_base) *image_base = fn ? base : 0;
  TRACE("pc %#llx -> %p (base %#llx)\n", static_cast<unsigned long long>(pc), static_cast<void*>(fn),
        static_cast<unsigned long long>(base));
  return fn;
}

extern "C" BOOLEAN WINAPI RtlAddFunctionTable(RUNTIME_FUNCTION* table, DWORD count, DWORD64 base) noexcept {
  if (!table || !count) return 0;
  try {
    DynamicTable t{table, count, base, ~0ull, 0, true, nullptr, nullptr};
    for (DWORD i = 0; i < count; ++i) {
      t.low = std::min<DWORD64>(t.low, base + table[i].BeginAddress);
      t.high = std::max<DWORD64>(t.high, base + table[i].EndAddress);
      if (i && table[i].BeginAddress < table[i - 1].BeginAddress) t.sorted = false;
    }
    std::unique_lock lock(g_tables_lock);
    tables().push_back(t);
    return 1;
  } catch (...) {
    return 0;
  }
}

extern "C" BOOLEAN WINAPI RtlInstallFunctionTableCallback(DWORD64 table_id, DWORD64 base, DWORD length,
                                                          GET_RUNTIME_FUNCTION_CALLBACK callback, void* context,
                                                          const char16_t* out_of_process_dll) noexcept {
  // The identifier must have its two low bits set (documented), which tells it from a table address.
  if ((table_id & 3) != 3 || !callback) return 0;
  try {
    DynamicTable t{reinterpret_cast<RUNTIME_FUNCTION*>(table_id), 0, base, base, base + length, true, callback,
                   context};
    std::unique_lock lock(g_tables_lock);
    tables().push_back(t);
    return 1;
  } catch (...) {
    return 0;
  }
}

extern "C" BOOLEAN WINAPI RtlDeleteFunctionTable(RUNTIME_FUNCTION* table) noexcept {
  std::unique_lock lock(g_tables_lock);
  auto& all = tables();
  auto it = std::find_if(all.begin(), all.end(), [&](const DynamicTable& t) { return t.table == table; });
  if (it == all.end()) return 0;
  all.erase(it);
  return 1;
}

extern "C" void* WINAPI RtlPcToFileHeader(void* pc, void** base) noexcept {
  const sill::loader::Module* m = sill::loader::module_containing(pc);
  void* b = m ? m->base : nullptr;
  if (base) *base = b;
  return b;
}
