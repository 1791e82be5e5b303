// Loaded modules (the program, its DLLs, and built-ins) and the operations
// kernel32/ntdll expose on them: LoadLibrary, GetProcAddress, GetModuleHandle,
// FreeLibrary. All functions are thread-safe (one loader lock, as on Windows).
#pragma once
#include <cstdint>
#include <string>
#include <string_view>

#include "base/expected.h"
#include "base/wintypes.h"
#include "loader/builtin_dll.h"
#include "ntdll/nt_structs.h"

namespace sill::loader {

struct Module {
  std::u16string full_name;   // Windows path, e.g. C:\windows\system32\kernel32.dll or Z:\home\u\app.exe
  std::u16string base_name;   // e.g. kernel32.dll
  std::string unix_path;      // empty for built-ins
  std::uint8_t* base = nullptr;
  std::size_t size = 0;
  const BuiltinDll* builtin = nullptr;  // null for PE images
  nt::LDR_DATA_TABLE_ENTRY* ldr = nullptr;
  int load_count = 0;          // -1: pinned (the program, built-ins)
  bool is_exe = false;
  bool process_attached = false;
  bool thread_calls = true;    // DisableThreadLibraryCalls clears it
  std::uint32_t tls_index = 0xFFFFFFFF;  // index in ThreadLocalStoragePointer, if the image has TLS

  win::HMODULE handle() const { return base; }
};

// GetModuleHandle semantics: a name without extension gets ".dll"; case-insensitive;
// a path compares its base name. nullptr when not loaded.
win::HMODULE module_handle(std::u16string_view name);
// The module whose image contains address, or nullptr.
const Module* module_containing(const void* address);
const Module* find_module(win::HMODULE h);
win::HMODULE main_module();
// Whether a Unix path lies directly in the prefix's C:\windows\system32 (by real folder), where
// Windows keeps the system DLLs that Sill provides as built-ins.
bool in_system_directory(const std::string& unix_path);

// LoadLibraryExW: loads (or adds a reference to) a DLL and initializes it.
// Errors are NTSTATUS values (STATUS_DLL_NOT_FOUND, STATUS_INVALID_IMAGE_FORMAT, ...).
Expected<win::HMODULE, win::NTSTATUS> load_library(std::u16string_view name, win::DWORD flags = 0);
// FreeLibrary: drops a reference; unloads (DLL_PROCESS_DETACH) at zero.
win::NTSTATUS free_library(win::HMODULE h);
// GetProcAddress: name, or ordinal when (uintptr_t)name < 0x10000. Follows forwarders.
Expected<void*, win::NTSTATUS> get_proc_address(win::HMODULE h, const char* name);
void disable_thread_library_calls(win::HMODULE h);

// A new thread that will run PE code: allocates its static-TLS blocks into
// teb->ThreadLocalStoragePointer (before attach_thread). unregister frees them.
void register_thread_teb(nt::TEB* teb);
void unregister_thread_teb(nt::TEB* teb);

// DLL_THREAD_ATTACH/DETACH for every initialized module.
void attach_thread();
void detach_thread();

// ExitProcess: DLL_PROCESS_DETACH in reverse order, flush, then exit with code.
[[noreturn]] void exit_process(win::UINT code);
// TerminateProcess on ourselves: no notifications.
[[noreturn]] void terminate_process(win::UINT code);

}  // namespace sill::loader
