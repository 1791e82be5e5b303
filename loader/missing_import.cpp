// Imports nothing provides are bound to generated stubs, so a program that
// never calls them runs normally. A call names the function on stderr and
// raises STATUS_ENTRYPOINT_NOT_FOUND, which the program may handle; unhandled,
// it ends the process with that code.
#include <cstdio>
#include <cstring>
#include <string>

#include "base/debug.h"
#include "loader/code_arena.h"
#include "loader/loader_internal.h"
#include "ntdll/status.h"

SILL_DEFAULT_DEBUG_CHANNEL(loader);

namespace sill::loader {

namespace {

constexpr auto kStatusEntryPointNotFound = static_cast<win::DWORD>(nt::STATUS_ENTRYPOINT_NOT_FOUND);

struct MissingImport {
  std::string dll;
  std::string function;
};

using RaiseExceptionFn = void(WINAPI*)(win::DWORD, win::DWORD, win::DWORD, const win::ULONG_PTR*);

// Set while this thread raises for a missing import: a missing function called again from
// the exception dispatch (e.g. as a language handler) would otherwise recurse without end.
thread_local bool raising = false;

win::ULONG_PTR WINAPI missing_import_called(const MissingImport* info) noexcept {
  if (raising) terminate_process(kStatusEntryPointNotFound);
  std::fprintf(stderr, "sill: the program called %s!%s, which Sill does not provide\n", info->dll.c_str(),
               info->function.c_str());
  std::fflush(stderr);
  win::ULONG_PTR params[2] = {reinterpret_cast<win::ULONG_PTR>(info->dll.c_str()),
                              reinterpret_cast<win::ULONG_PTR>(info->function.c_str())};
  if (auto kernel32 = module_handle(u"kernel32.dll")) {
    if (auto raise = get_proc_address(kernel32, "RaiseException")) {
      raising = true;
      reinterpret_cast<RaiseExceptionFn>(*raise)(kStatusEntryPointNotFound, 0, 2, params);
      raising = false;
      return 0;  // a handler chose to continue: the call "returns" 0
    }
  }
  terminate_process(kStatusEntryPointNotFound);
}

}  // namespace

void* missing_import_stub(std::string_view dll, std::string_view function) {
  auto* info = new MissingImport{std::string(dll), std::string(function)};
  LoadAndJump stub(0x48, 0xB9, info, reinterpret_cast<const void*>(&missing_import_called));  // rcx = info
  void* code = allocate_code(stub.bytes);
  TRACE("stub %p for %s!%s\n", code, info->dll.c_str(), info->function.c_str());
  return code;
}

}  // namespace sill::loader
