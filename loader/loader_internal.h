// Shared between the loader's stages (not for the rest of Sill: use module.h).
// Stages: map (image_mapper) → relocate → bind imports (import_binder) → TLS (tls)
// → initializers (dll_init). Built-ins get a synthesized image (builtin_image).
#pragma once
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "loader/module.h"
#include "loader/pe_file.h"

namespace sill::loader {

// A failed load: the NTSTATUS the API reports and a sentence for people.
struct LoadError {
  win::NTSTATUS status;
  std::string message;
};

template <class T>
using LoadResult = Expected<T, LoadError>;

// Module bookkeeping beyond the public Module fields.
struct ModuleState {
  Module module;
  std::vector<Module*> dependencies;  // static imports, for initialization order
  void* entry_point = nullptr;        // DllMain / program entry, null if none
  // Kept from mapping for the protections applied after binding (PE images only).
  std::vector<pe::Section> sections;
  std::uint32_t section_alignment = 0;
  // TLS template (absolute addresses in the mapped image), when the image has a TLS directory.
  bool has_tls = false;
  const std::uint8_t* tls_start = nullptr;
  std::size_t tls_data_size = 0;
  std::size_t tls_zero_fill = 0;
  void** tls_callbacks = nullptr;  // null-terminated array inside the image
  std::uint32_t* tls_index_slot = nullptr;  // the image's variable that receives its TLS index
};

// The loader lock (recursive, held across DllMain as on Windows) and the module list.
std::recursive_mutex& loader_lock();
ModuleState* find_loaded(std::u16string_view base_name_lower);
ModuleState* state_of(const Module* m);
// Adds a module to the list and to the PEB loader lists (load and memory order).
ModuleState* register_module(std::unique_ptr<ModuleState> state);
void unregister_module(ModuleState* state);
std::vector<ModuleState*> all_modules();  // load order
void set_peb_ldr(nt::PEB_LDR_DATA* ldr);
void note_initialized(ModuleState* state);  // appends to InInitializationOrder
const std::vector<ModuleState*>& initialization_order();

// Lower-case ASCII for DLL names (Windows compares module names case-insensitively).
std::u16string lower_name(std::u16string_view name);
// "foo" -> "foo.dll"; a trailing '.' means "no extension".
std::u16string with_default_extension(std::u16string_view name);
std::u16string base_name_of(std::u16string_view path);

// Built-in DLLs: synthesizes the PE image (headers, export directory, jump stubs).
LoadResult<ModuleState*> load_builtin(const BuiltinDll& dll);
const BuiltinDll* find_builtin(std::u16string_view base_name_lower);

// PE files: maps, relocates and registers (imports not yet bound).
LoadResult<ModuleState*> map_pe_image(const std::string& unix_path, std::u16string full_name, bool is_exe);
// Applies section protections once imports are bound.
void protect_sections(ModuleState& m);

// Resolves the DLL a name refers to (API sets, built-ins, search path) and loads it with its
// dependencies (not initialized). `importer` is the module whose imports ask for it (or null).
LoadResult<ModuleState*> load_dependency(std::u16string_view name, const ModuleState* importer);
// Binds the import table of a mapped image, loading what it needs.
LoadResult<void> bind_imports(ModuleState& m);

// Export lookup on any loaded module (built-in or PE), following forwarders.
// Name lookups use hint first. Returns null when absent.
void* find_export_by_name(ModuleState& m, std::string_view name, std::uint16_t hint = 0xFFFF);
void* find_export_by_ordinal(ModuleState& m, std::uint32_t ordinal);

// A stub for an import nothing provides: calling it reports dll!function and raises.
void* missing_import_stub(std::string_view dll, std::string_view function);

// TLS: assigns the module's index and allocates its block on every known thread.
void setup_tls(ModuleState& m);
void release_tls(ModuleState& m);
void call_tls_callbacks(ModuleState& m, win::DWORD reason);

// Initializers: TLS callbacks and DllMain(PROCESS_ATTACH) for every module reachable from `root`
// that is not initialized yet, dependencies first. False when a DllMain refused.
LoadResult<void> initialize_modules(ModuleState& root, bool static_load);
void detach_module(ModuleState& m, bool process_exit);

// +relay: a logging thunk for a built-in export (or the export's address when relay is off).
const void* relay_target(const BuiltinDll& dll, const Export& e);

}  // namespace sill::loader
