/* The process structures programs read directly: the PEB through the TEB
 * (gs:0x60), its loader lists, and the process parameters. */
#include <windows.h>
#include <winternl.h>
#include <wchar.h>

#include "tap.h"

static int ends_with(const UNICODE_STRING *s, const wchar_t *suffix)
{
    size_t n = s->Length / sizeof(WCHAR), k = wcslen(suffix);
    return s->Buffer && n >= k && _wcsnicmp(s->Buffer + n - k, suffix, k) == 0;
}

int main(void)
{
    TEB *teb = NtCurrentTeb();
    PEB *peb = teb->ProcessEnvironmentBlock;
    tap_ok(peb != NULL, "the TEB points to the PEB");
    tap_ok(peb->Reserved3[1] == GetModuleHandleW(NULL), "PEB ImageBaseAddress is the program's module handle");

    /* InMemoryOrderModuleList: the program first, then every loaded DLL. */
    LIST_ENTRY *head = &peb->Ldr->InMemoryOrderModuleList;
    int count = 0, saw_kernel32 = 0, saw_ntdll = 0, first_is_exe = 0, bases_match = 1;
    for (LIST_ENTRY *e = head->Flink; e != head && count < 1000; e = e->Flink, count++) {
        LDR_DATA_TABLE_ENTRY *m = CONTAINING_RECORD(e, LDR_DATA_TABLE_ENTRY, InMemoryOrderLinks);
        if (count == 0) first_is_exe = m->DllBase == GetModuleHandleW(NULL) && ends_with(&m->FullDllName, L"peb.exe");
        if (ends_with(&m->FullDllName, L"\\kernel32.dll")) {
            saw_kernel32 = 1;
            bases_match &= m->DllBase == GetModuleHandleA("kernel32.dll");
        }
        if (ends_with(&m->FullDllName, L"\\ntdll.dll")) {
            saw_ntdll = 1;
            bases_match &= m->DllBase == GetModuleHandleA("ntdll.dll");
        }
    }
    tap_ok(count >= 3 && count < 1000, "the module list is a closed ring");
    tap_ok(first_is_exe, "the program comes first, with its full path");
    tap_ok(saw_kernel32 && saw_ntdll, "kernel32.dll and ntdll.dll are listed");
    tap_ok(bases_match, "their DllBase values are their module handles");

    RTL_USER_PROCESS_PARAMETERS *params = peb->ProcessParameters;
    tap_ok(params->CommandLine.Buffer && wcscmp(params->CommandLine.Buffer, GetCommandLineW()) == 0,
           "ProcessParameters->CommandLine is GetCommandLineW()");
    tap_ok(ends_with(&params->ImagePathName, L"peb.exe"), "ProcessParameters->ImagePathName names the program");
    WCHAR module[MAX_PATH];
    GetModuleFileNameW(NULL, module, MAX_PATH);
    tap_ok(params->ImagePathName.Buffer && _wcsicmp(params->ImagePathName.Buffer, module) == 0,
           "...and equals GetModuleFileNameW(NULL)");

    HMODULE loaded = LoadLibraryA("dll_dynamic.dll");
    int listed = 0;
    for (LIST_ENTRY *e = head->Flink; e != head; e = e->Flink) {
        LDR_DATA_TABLE_ENTRY *m = CONTAINING_RECORD(e, LDR_DATA_TABLE_ENTRY, InMemoryOrderLinks);
        if (m->DllBase == loaded && ends_with(&m->FullDllName, L"\\dll_dynamic.dll")) listed = 1;
    }
    tap_ok(loaded && listed, "a DLL loaded by LoadLibrary joins the list");
    FreeLibrary(loaded);
    listed = 0;
    for (LIST_ENTRY *e = head->Flink; e != head; e = e->Flink) {
        LDR_DATA_TABLE_ENTRY *m = CONTAINING_RECORD(e, LDR_DATA_TABLE_ENTRY, InMemoryOrderLinks);
        if (ends_with(&m->FullDllName, L"\\dll_dynamic.dll")) listed = 1;
    }
    tap_ok(!listed, "...and leaves it when freed");
    return tap_done();
}
