/* DLLs of our own: dll_log.dll imported statically, dll_dynamic.dll through
 * LoadLibrary/GetProcAddress/FreeLibrary. Checks the DllMain order, reference
 * counting, exported data, ordinals, module names and the documented errors
 * (ERROR_MOD_NOT_FOUND, ERROR_PROC_NOT_FOUND). */
#include <string.h>
#include <windows.h>

#include "dll_log.h"
#include "tap.h"

typedef int (*add_fn)(int, int);

/* Runs in the exe's CRT start-up, after the statically imported DLLs are initialized. */
__attribute__((constructor)) static void exe_constructor(void) { dll_log_record("exe", 0); }

static int ends_with_nocase(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && _stricmp(s + n - m, suffix) == 0;
}

static void static_import(void)
{
    tap_str(dll_log_entry(0), "log:1", "a static import gets DLL_PROCESS_ATTACH first");
    tap_str(dll_log_entry(1), "exe:0", "...before the exe's own initializers run");
    tap_int(dll_log_magic, 0x5111, "exported data is reached through the import table");
    HMODULE h = GetModuleHandleA("dll_log.dll");
    tap_ok(h != NULL, "GetModuleHandle finds a statically imported DLL");
    tap_ok(GetModuleHandleA("DLL_LOG") == h, "GetModuleHandle: no extension means .dll, any case");
    tap_ok(GetModuleHandleA(NULL) != NULL && GetModuleHandleA(NULL) != h, "GetModuleHandle(NULL) is the exe");
    HMODULE k32 = GetModuleHandleA("kernel32.dll");
    tap_ok(k32 != NULL, "kernel32.dll is loaded");
    tap_ok(k32 && GetProcAddress(k32, "GetLastError") == (FARPROC)GetLastError,
           "GetProcAddress agrees with the import table");
}

static void dynamic_load(void)
{
    tap_ok(GetModuleHandleA("dll_dynamic.dll") == NULL, "dll_dynamic.dll is not loaded before LoadLibrary");
    int before = dll_log_count();
    HMODULE h = LoadLibraryA("dll_dynamic.dll");
    if (!tap_ok(h != NULL, "LoadLibrary finds a DLL beside the exe")) return;
    tap_str(dll_log_entry(before), "dyn:1", "LoadLibrary runs DllMain(DLL_PROCESS_ATTACH)");
    tap_ok(GetModuleHandleA("dll_dynamic.dll") == h, "GetModuleHandle returns the loaded module");

    add_fn add = (add_fn)GetProcAddress(h, "dyn_add");
    tap_int(add ? add(2, 3) : -1, 5, "a function found by name can be called");
    tap_ok(add && (add_fn)GetProcAddress(h, MAKEINTRESOURCEA(7)) == add, "GetProcAddress by ordinal");
    int *data = (int *)GetProcAddress(h, "dyn_data");
    tap_int(data ? *data : -1, 0x600d, "GetProcAddress finds exported data");

    char path[MAX_PATH];
    DWORD n = GetModuleFileNameA(h, path, sizeof path);
    tap_ok(n > 0 && n == strlen(path) && ends_with_nocase(path, "\\dll_dynamic.dll"),
           "GetModuleFileName of the DLL is a full path ending in its name");

    int attached = dll_log_count();
    HMODULE again = LoadLibraryA("DLL_DYNAMIC.DLL");
    tap_ok(again == h, "a second LoadLibrary (other case) returns the same module");
    tap_int(dll_log_count(), attached, "...without calling DllMain again");
    tap_ok(FreeLibrary(h), "the first FreeLibrary succeeds");
    tap_ok(GetModuleHandleA("dll_dynamic.dll") == h, "...and the module stays loaded");
    tap_int(dll_log_count(), attached, "...without DLL_PROCESS_DETACH");
    tap_ok(FreeLibrary(h), "the last FreeLibrary succeeds");
    tap_str(dll_log_entry(attached), "dyn:0", "the last FreeLibrary runs DllMain(DLL_PROCESS_DETACH)");
    tap_ok(GetModuleHandleA("dll_dynamic.dll") == NULL, "the module is unloaded");
}

static void errors(void)
{
    SetLastError(0);
    tap_ok(LoadLibraryA("sill_no_such_library.dll") == NULL, "LoadLibrary of a missing DLL fails");
    tap_int(GetLastError(), ERROR_MOD_NOT_FOUND, "...with ERROR_MOD_NOT_FOUND");
    HMODULE h = GetModuleHandleA("dll_log.dll");
    SetLastError(0);
    tap_ok(GetProcAddress(h, "no_such_export") == NULL, "GetProcAddress of a missing name fails");
    tap_int(GetLastError(), ERROR_PROC_NOT_FOUND, "...with ERROR_PROC_NOT_FOUND");
    SetLastError(0);
    tap_ok(GetProcAddress(h, MAKEINTRESOURCEA(999)) == NULL, "GetProcAddress of a missing ordinal fails");
    tap_int(GetLastError(), ERROR_PROC_NOT_FOUND, "...with ERROR_PROC_NOT_FOUND");
}

/* A full path into the system folder loads the system DLL (COM's InprocServer32 values are such
 * paths), also one the program does not import. */
static void system_dll_by_path(void)
{
    wchar_t path[MAX_PATH];
    UINT n = GetSystemDirectoryW(path, MAX_PATH);
    if (!tap_ok(n > 0 && n < MAX_PATH - 16, "GetSystemDirectoryW")) return;
    lstrcatW(path, L"\\version.dll");
    HMODULE h = LoadLibraryW(path);
    if (!tap_ok(h != NULL, "LoadLibraryW(<system directory>\\version.dll) loads it")) return;
    tap_ok(GetProcAddress(h, "GetFileVersionInfoSizeW") != NULL, "...with its exports");
    tap_ok(GetModuleHandleW(L"version.dll") == h, "...as the module named version.dll");
    tap_ok(FreeLibrary(h), "...and FreeLibrary releases it");
}

/* An API set name finds the DLL that hosts it (Rust's parking_lot looks WaitOnAddress up so). */
static void api_set_module(void)
{
    HMODULE h = GetModuleHandleA("api-ms-win-core-synch-l1-2-0.dll");
    if (!tap_ok(h != NULL, "GetModuleHandleA(api-ms-win-core-synch-l1-2-0.dll) finds its host")) return;
    tap_ok(GetProcAddress(h, "WaitOnAddress") != NULL, "...which exports WaitOnAddress");
    tap_ok(GetProcAddress(h, "WakeByAddressSingle") != NULL, "...and WakeByAddressSingle");
}

int main(void)
{
    static_import();
    dynamic_load();
    errors();
    system_dll_by_path();
    api_set_module();
    return tap_done();
}
