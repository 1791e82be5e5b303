/* dll_log.dll: keeps the shared DllMain log (see dll_log.h) and logs its own
 * DLL_PROCESS_ATTACH. Only process attach/detach are logged, because the host
 * may start threads of its own that would add DLL_THREAD_* entries. */
#define BUILDING_DLL_LOG
#include <stdio.h>
#include <windows.h>

#include "dll_log.h"

enum { MAX_ENTRIES = 32 };
static char entries[MAX_ENTRIES][32];
static int entry_count;

int dll_log_magic = 0x5111;

void dll_log_record(const char *who, unsigned long reason)
{
    if (entry_count < MAX_ENTRIES) {
        _snprintf(entries[entry_count], sizeof entries[0] - 1, "%s:%lu", who, reason);
        ++entry_count;
    }
}

int dll_log_count(void) { return entry_count; }

const char *dll_log_entry(int i) { return i >= 0 && i < entry_count ? entries[i] : NULL; }

BOOL WINAPI DllMain(HINSTANCE instance, DWORD reason, LPVOID reserved)
{
    if (reason == DLL_PROCESS_ATTACH || reason == DLL_PROCESS_DETACH) dll_log_record("log", reason);
    return TRUE;
}
